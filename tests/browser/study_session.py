"""A branch secretary records a study session with its participants' hours
in Debian's Chromium, in Chinese: from the Education and Service menu, a
new session, two participants added on its lines, saved; then the first
participant's form (the Study and Service page) and the members' hours of
the year. Takes screenshots; prints what it saw as JSON. Run with the
Playwright virtualenv:

    study_session.py BASE_URL LOGIN PASSWORD TOPIC MEMBER1 MEMBER2 DIR
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from book_venue import shoot
from members_page import CHROMIUM_FLAGS


def add_participant(page, name, hours):
    page.click('.o_field_widget[name=line_ids] .o_field_x2many_list_row_add a')
    row = page.locator('.o_field_widget[name=line_ids] .o_selected_row')
    row.wait_for()
    box = row.locator('.o_field_widget[name=member_id] input')
    box.fill(name)
    page.locator('.ui-autocomplete li a', has_text=name).first.click()
    row.locator('.o_field_widget[name=hours]').fill(hours)


def main(base_url, login, password, topic, member1, member2, folder):
    shots = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 900},
                                timezone_id='Asia/Shanghai', locale='zh-CN')
        page.set_default_timeout(120000)
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_study_session_action'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_list_button_add')
            page.wait_for_selector('.o_loading', state='hidden')
            menus = [page.locator('.o_sub_menu a').nth(i).inner_text()
                     for i in range(page.locator('.o_sub_menu a').count())]
            page.click('.o_list_button_add')
            page.wait_for_selector('.o_form_editable')
            page.fill('.o_field_widget[name=name]', topic)
            page.fill('.o_field_widget[name=hours]', '3')
            page.fill('.o_field_widget[name=organizer]', '锦园社区党支部')
            page.fill('.o_field_widget[name=place]', '党员活动室')
            add_participant(page, member1, '3')
            add_participant(page, member2, '2.5')
            page.click('.o_form_button_save')
            page.wait_for_selector('.o_form_readonly')
            form = page.inner_text('.o_form_view')
            shots['session'] = os.path.join(folder, 'study_session.png')
            shoot(page, shots['session'], full_page=True)
            # an hour of more than a day is refused in Chinese
            page.click('.o_form_button_edit')
            page.wait_for_selector('.o_form_editable')
            page.fill('.o_field_widget[name=hours]', '30')
            page.click('.o_form_button_save')
            dialog = page.locator('.modal-body:visible').last
            dialog.wait_for()
            refusal = dialog.inner_text()
            shots['refused'] = os.path.join(folder,
                                            'study_session_refused.png')
            shoot(page, shots['refused'])
            page.locator('.modal-footer:visible button').last.click()
            page.click('.o_form_button_cancel')
            page.locator('.modal-footer:visible .btn-primary').last.click()
            page.wait_for_selector('.o_form_readonly')
            # the members' hours of the year
            page.goto(base_url + '/web#action='
                      'party_building.party_member_action_study_hours')
            page.wait_for_selector('.o_list_view')
            page.wait_for_function(
                "document.querySelectorAll('.o_list_view .o_data_row')"
                ".length > 0")
            rows = [page.locator('.o_list_view .o_data_row').nth(i)
                    .inner_text() for i in range(page.locator(
                        '.o_list_view .o_data_row').count())]
            shots['hours'] = os.path.join(folder, 'study_hours_year.png')
            shoot(page, shots['hours'])
            # the member's page
            page.locator('.o_list_view .o_data_row',
                         has_text=member1).first.click()
            page.wait_for_selector('.o_form_readonly')
            page.locator('.o_notebook a[role=tab], .o_notebook .nav a',
                         has_text='学习和服务').first.click()
            page.wait_for_selector('.o_party_service_years')
            member_page = page.inner_text('.o_notebook')
            shots['member'] = os.path.join(folder, 'member_study_service.png')
            shoot(page, shots['member'], full_page=True)
        except Exception:
            page.screenshot(path=os.path.join(folder, 'study_error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps({'form': form, 'refusal': refusal, 'rows': rows,
                      'member': member_page, 'menus': menus}))


if __name__ == '__main__':
    main(*sys.argv[1:8])
