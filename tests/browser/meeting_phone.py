"""A secretary records an exception to a meeting's attendance on a phone
(390 x 844) in Debian's Chromium: opens the meeting, taps a member's card,
marks them excused with a reason, saves. Prints what the screen showed as
JSON. Run with the Playwright virtualenv:

    meeting_phone.py BASE_URL LOGIN PASSWORD MEETING_ID MEMBER REASON SCREENSHOT
"""
import json
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS

ATTENDANCE = '.o_field_widget[name=attendance_ids]'
# the attendance line's dialog (the minutes' editor keeps hidden ones)
DIALOG = '.modal:has(.o_form_view)'


def overflow(page):
    """How far the page scrolls sideways (0: it fits the screen)."""
    return page.evaluate("document.documentElement.scrollWidth"
                         " - document.documentElement.clientWidth")


def main(base_url, login, password, meeting_id, member, reason, screenshot):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 390, 'height': 844},
                                is_mobile=True, has_touch=True)
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#id=%s&model=party.meeting&view_type=form' % meeting_id))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_form_view.o_form_readonly')
            page.wait_for_selector('.o_loading', state='hidden')
            seen = {
                'overflow_read': overflow(page),
                # the form's buttons, folded into one menu on a phone
                'actions': page.inner_text(
                    '.o_statusbar_buttons_dropdown .dropdown-toggle').strip(),
                'menu_visible': page.is_visible('.o_sub_menu'),
                'cards': page.eval_on_selector_all(
                    ATTENDANCE + ' .o_kanban_record:not(.o_kanban_ghost)',
                    'cards => cards.map(c => c.innerText.trim())'),
            }
            page.click('.o_form_button_edit')
            page.wait_for_selector('.o_form_view.o_form_editable')
            page.locator(ATTENDANCE + ' .o_kanban_record',
                         has_text=member).first.click()
            page.wait_for_selector(DIALOG + ' .o_form_view')
            page.select_option(DIALOG + ' .o_field_widget[name=state]',
                               '"excused"')
            page.fill(DIALOG + ' .o_field_widget[name=reason]', reason)
            seen['overflow_dialog'] = overflow(page)
            page.screenshot(path=screenshot, full_page=True)
            page.locator(DIALOG + ' .modal-footer .btn-primary').first.click()
            page.wait_for_selector(DIALOG, state='detached')
            page.click('.o_form_button_save')
            page.wait_for_selector('.o_form_view.o_form_readonly')
            page.wait_for_selector('.o_loading', state='hidden')
            seen['overflow_saved'] = overflow(page)
            seen['card'] = page.locator(
                ATTENDANCE + ' .o_kanban_record',
                has_text=member).first.inner_text().strip()
            page.screenshot(path=screenshot.replace('.png', '_saved.png'),
                            full_page=True)
        except Exception:
            page.screenshot(path=screenshot.replace('.png', '.error.png'))
            sys.stderr.write(page.url + '\n' + page.content()[:3000] + '\n')
            raise
        browser.close()
    print(json.dumps(seen))


if __name__ == '__main__':
    main(*sys.argv[1:8])
