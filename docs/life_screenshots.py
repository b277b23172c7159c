"""Screenshots of organizational life in practice (issue 8), from a running
demo: attendance as a secretary (desktop and a 390 px phone), a held meeting
as a secretary, the compliance matrix as a list, a branch's appraisal.

    .venv-browser/bin/python docs/life_screenshots.py [BASE_URL]

Records attendance on the demo's planned theme party day (changes the demo
database).
"""
import os
import sys

from playwright.sync_api import sync_playwright

from screenshots import FLAGS, HERE, login

MEETINGS = '/web#action=party_building.party_meeting_action&view_type=list'


def shot(page, name, full_page=False):
    page.wait_for_timeout(800)
    page.screenshot(path=os.path.join(HERE, name), full_page=full_page)
    print('saved', name)


def open_meeting(page, text):
    page.wait_for_selector('.o_data_row')
    page.click('.o_data_row:has-text("%s") td:nth-child(3)' % text)
    page.wait_for_selector('.o_form_view')


def attendance(browser, base_url):
    context, page = login(browser, base_url, 'secretary', MEETINGS)
    open_meeting(page, '志愿服务进社区')
    page.click('.o_statusbar_buttons button:has-text("全部出席")')
    page.mouse.move(700, 700)  # the button's tooltip covers Edit
    page.wait_for_timeout(2000)  # the form reloads after the button
    # the exception: one member excused, with the reason
    page.click('.o_form_button_edit')
    row = page.locator('.o_field_widget[name=attendance_ids] .o_data_row')\
        .nth(1)
    row.locator('td').nth(1).click()
    page.select_option('.o_field_widget[name=attendance_ids] '
                       '.o_selected_row select', '"excused"')
    page.fill('.o_field_widget[name=attendance_ids] .o_selected_row '
              'input[name=reason]', '外出学习')
    page.click('.o_form_sheet .oe_title')  # leave the row
    shot(page, 'meeting_attendance_secretary.png', full_page=True)
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')
    url = page.url
    context.close()

    context, page = login(browser, base_url, 'secretary',
                          url.split(base_url, 1)[1], width=390, height=844)
    page.wait_for_selector('.o_form_view')
    page.click('.o_form_button_edit')
    page.wait_for_selector('.o_form_editable')
    # an exception, on a phone: tap the member, change the state
    page.locator('.o_field_widget[name=attendance_ids] .o_kanban_record')\
        .nth(2).click()
    page.wait_for_selector('.modal .o_form_view')
    page.select_option('.modal .o_field_widget[name=state]', '"absent"')
    shot(page, 'meeting_attendance_phone.png', full_page=True)
    context.close()


def held(browser, base_url):
    context, page = login(browser, base_url, 'secretary', MEETINGS)
    open_meeting(page, '党员大会')
    shot(page, 'meeting_held_secretary.png')
    # a branch's appraisal, from its meeting
    page.click('.o_statusbar_buttons button:has-text("录入评议结果")')
    page.wait_for_selector('.modal .o_field_widget[name=line_ids] .o_data_row')
    shot(page, 'appraisal_batch.png')
    context.close()


def matrix(browser, base_url):
    context, page = login(
        browser, base_url, 'officer',
        '/web#action=party_building.party_meeting_compliance_action')
    page.click('.modal-footer .btn-primary')
    page.wait_for_selector('.o_pivot')
    page.click('.o_cp_switch_list')
    page.wait_for_selector('.o_list_view .o_data_row')
    shot(page, 'compliance_matrix_list.png')
    context.close()


def main(base_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=FLAGS)
        attendance(browser, base_url)
        held(browser, base_url)
        matrix(browser, base_url)
        browser.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8069')
