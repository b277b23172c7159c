"""A secretary books the venue for a meeting in Debian's Chromium: plans a
meeting at the venue from the Meetings menu, then a second meeting at the
same venue and hour, which is refused naming the first. Takes screenshots
of the booked meeting, the refusal, the calendar of bookings and the
venues. Prints what it saw as JSON. Run with the Playwright virtualenv:

    book_venue.py BASE_URL LOGIN PASSWORD TYPE VENUE ORG START STOP DIR
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


def pick(page, field, text):
    """Choose `text` in the many2one `field` of the open form."""
    box = page.locator('.o_form_view .o_field_widget[name=%s] input' % field)
    box.fill(text)
    page.locator('.ui-autocomplete li a', has_text=text).first.click()


def plan(page, name, type_name, venue, org, start, stop):
    page.click('.o_list_button_add, .o_form_button_create')
    page.wait_for_selector('.o_form_editable')
    page.fill('.o_field_widget[name=name]', name)
    pick(page, 'type_id', type_name)
    pick(page, 'organization_id', org)
    pick(page, 'venue_id', venue)
    page.fill('.o_field_widget[name=start] input', start)
    page.keyboard.press('Escape')
    page.fill('.o_field_widget[name=end] input', stop)
    page.keyboard.press('Escape')
    page.click('.o_form_button_save')


def main(base_url, login, password, type_name, venue, org, start, stop,
         folder):
    shots = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        # the web client shows times in the browser's zone: the users'
        page = browser.new_page(viewport={'width': 1280, 'height': 900},
                                timezone_id='Asia/Shanghai', locale='zh-CN')
        page.set_default_timeout(120000)
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_meeting_action'
                '&view_type=list'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_list_button_add')
            plan(page, '第三季度党员大会', type_name, venue, org, start, stop)
            page.wait_for_selector('.o_form_readonly')
            booking = page.inner_text(
                '.o_form_view .o_field_widget[name=booking_id]')
            shots['booked'] = os.path.join(folder, 'venue_meeting_booked.png')
            shoot(page, shots['booked'], full_page=True)
            # the same hour again, from the same menu
            plan(page, '支委会', type_name, venue, org, start, stop)
            dialog = page.locator('.modal-body:visible').last
            dialog.wait_for()
            refusal = dialog.inner_text()
            shots['refused'] = os.path.join(folder,
                                            'venue_booking_refused.png')
            shoot(page, shots['refused'])
            page.locator('.modal-footer:visible button').last.click()
            # discard the refused meeting (and confirm)
            page.click('.o_form_button_cancel')
            page.locator('.modal-footer:visible .btn-primary').last.click()
            page.wait_for_selector('.o_list_view, .o_form_readonly')
            # the calendar of bookings
            page.goto(base_url + '/web#action='
                      'party_building.party_venue_booking_action'
                      '&view_type=list')
            page.wait_for_selector('.o_list_view .o_data_row')
            rows = [page.locator('.o_list_view .o_data_row').nth(i)
                    .inner_text() for i in range(page.locator(
                        '.o_list_view .o_data_row').count())]
            page.click('.o_cp_switch_calendar')
            page.wait_for_selector('.o_calendar_view .fc-event')
            shots['calendar'] = os.path.join(folder,
                                             'venue_bookings_calendar.png')
            shoot(page, shots['calendar'])
            page.goto(base_url + '/web#action=party_building.party_venue_action'
                      '&view_type=kanban')
            page.wait_for_selector('.o_kanban_record')
            shots['kanban'] = os.path.join(folder, 'venues_kanban.png')
            shoot(page, shots['kanban'])
        except Exception:
            page.screenshot(path=os.path.join(folder, 'venue_error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps({'booking': booking.strip(), 'refusal': refusal,
                      'rows': rows}))


if __name__ == '__main__':
    main(*sys.argv[1:10])
