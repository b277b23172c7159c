"""A secretary records a meeting in Debian's Chromium: creates it from the
Meetings menu, marks who came, marks it held. Prints the meeting's URL state
as JSON. Run with the Playwright virtualenv:

    record_meeting.py BASE_URL LOGIN PASSWORD TYPE_NAME ABSENT_MEMBER SCREENSHOT
"""
import json
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS


def pick(page, field, text):
    """Choose `text` in the many2one `field` of the open form."""
    box = page.locator('.o_form_view .o_field_widget[name=%s] input' % field)
    box.fill(text)
    page.locator('.ui-autocomplete li a', has_text=text).first.click()


def main(base_url, login, password, type_name, absent, screenshot):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 900})
        page.set_default_timeout(120000)
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_meeting_action'
                '&view_type=list'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.click('.o_list_button_add')
            page.wait_for_selector('.o_form_editable')
            page.fill('.o_field_widget[name=name]', 'Recorded in the browser')
            pick(page, 'type_id', type_name)
            pick(page, 'organization_id', 'Browser Branch')
            page.fill('.o_field_widget[name=start] input',
                      '05/15/2024 10:00:00')
            page.keyboard.press('Escape')
            page.click('.o_form_button_save')
            page.wait_for_selector('.o_form_readonly')
            # everyone was added as absent: mark the present ones
            page.click('.o_form_button_edit')
            page.wait_for_selector('.o_form_editable')
            rows = page.locator('.o_field_widget[name=attendance_ids] '
                                '.o_data_row')
            for i in range(rows.count()):
                row = rows.nth(i)
                if absent in row.inner_text():
                    continue
                row.locator('td').nth(1).click()
                page.select_option(
                    '.o_field_widget[name=attendance_ids] .o_selected_row '
                    'select', '"present"')
            page.click('.o_form_button_save')
            page.wait_for_selector('.o_form_readonly')
            page.click('.o_statusbar_buttons button:has-text("Mark Held")')
            page.wait_for_selector(
                '.o_statusbar_status .btn-primary:has-text("Held")')
            page.screenshot(path=screenshot, full_page=True)
            rate = page.inner_text('.o_field_widget[name=attendance_rate]')
        except Exception:
            page.screenshot(path=screenshot.replace('.png', '.error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps({'rate': rate.strip()}))


if __name__ == '__main__':
    main(*sys.argv[1:7])
