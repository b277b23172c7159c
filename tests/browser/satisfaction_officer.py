"""An officer closes the year's mass satisfaction evaluation of a branch in
Debian's Chromium, in Chinese: opens it from the Education and Service
menu's list, computes the rate from the questionnaire's answers, closes
it; then the organizations' figures of the year. Takes screenshots;
prints what it saw as JSON. Run with the Playwright virtualenv:

    satisfaction_officer.py BASE_URL LOGIN PASSWORD ORG DIR
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from book_venue import shoot
from members_page import CHROMIUM_FLAGS


def main(base_url, login, password, org, folder):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 900},
                                timezone_id='Asia/Shanghai', locale='zh-CN')
        page.set_default_timeout(120000)
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_satisfaction_action'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_list_view .o_data_row')
            page.locator('.o_list_view .o_data_row',
                         has_text=org).first.click()
            page.wait_for_selector('.o_form_readonly')
            page.locator('.o_statusbar_buttons button:visible',
                         has_text='计算满意率').first.click()
            page.wait_for_function(
                "document.querySelector('.o_field_widget"
                "[name=respondent_count]').innerText.trim() === '5'")
            page.locator('.o_statusbar_buttons button:visible',
                         has_text='结束测评').first.click()
            page.wait_for_selector('.o_statusbar_buttons button:visible >> text=重新开启')
            page.wait_for_selector('.o_form_view .alert-danger')
            form = page.inner_text('.o_form_view')
            shoot(page, os.path.join(folder, 'satisfaction_closed.png'),
                  full_page=True)
            page.goto(base_url + '/web#action='
                      'party_building.party_organization_action_service')
            page.wait_for_selector('.o_list_view .o_data_row')
            rows = [page.locator('.o_list_view .o_data_row').nth(i)
                    .inner_text() for i in range(page.locator(
                        '.o_list_view .o_data_row').count())]
            shoot(page, os.path.join(folder, 'service_by_organization.png'))
        except Exception:
            page.screenshot(path=os.path.join(folder,
                                              'satisfaction_error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps({'form': form, 'rows': rows}))


if __name__ == '__main__':
    main(*sys.argv[1:6])
