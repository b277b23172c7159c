"""An officer looks over the venues of the street in Debian's Chromium:
the organizations without a venue, the venues with funding warnings (one
opened), the equipment gaps by area. Prints what it saw as JSON. Run with
the Playwright virtualenv:

    venue_officer.py BASE_URL LOGIN PASSWORD DIR
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS

SETTLED = ("!document.querySelector('.o_loading') || "
           "document.querySelector('.o_loading').offsetParent === null")


def shoot(page, path, **kwargs):
    """A screenshot once the web client has no request pending."""
    page.wait_for_function(SETTLED)
    page.screenshot(path=path, **kwargs)


def rows(page):
    page.wait_for_selector('.o_list_view .o_data_row')
    found = page.locator('.o_list_view .o_data_row')
    return [found.nth(i).inner_text() for i in range(found.count())]


def main(base_url, login, password, folder):
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 800},
                                timezone_id='Asia/Shanghai', locale='zh-CN')
        page.set_default_timeout(120000)
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_organization_action_no_venue'
                '&view_type=list'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            seen['no_venue'] = rows(page)
            shoot(page, os.path.join(folder,
                                     'venue_organizations_without.png'))
            page.goto(base_url + '/web#action='
                      'party_building.party_venue_action_warnings'
                      '&view_type=list')
            seen['warnings'] = rows(page)
            page.locator('.o_list_view .o_data_row').first.click()
            page.wait_for_selector('.o_form_view .alert-danger')
            seen['warning_text'] = page.inner_text(
                '.o_form_view .alert-danger')
            shoot(page, os.path.join(folder, 'venue_form_warnings.png'),
                  full_page=True)
            page.goto(base_url + '/web#action='
                      'party_building.party_venue_gap_action&view_type=pivot')
            page.wait_for_selector('.o_pivot table')
            seen['gaps'] = page.inner_text('.o_pivot table')
            shoot(page, os.path.join(folder, 'venue_gaps_pivot.png'))
        except Exception:
            page.screenshot(path=os.path.join(folder, 'venue_error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps(seen))


if __name__ == '__main__':
    main(*sys.argv[1:5])
