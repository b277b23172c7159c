"""A branch's assessment in Debian's Chromium: the secretary chooses the
level of a criterion in its dialog and submits the self-assessment; the
officer of the superior organization reviews and confirms. Prints the
state the form shows at each step as JSON. Run with the Playwright
virtualenv:

    assessment_flow.py BASE_URL ASSESSMENT_ID CRITERION LEVEL
        SECRETARY PASSWORD OFFICER PASSWORD SCREENSHOT
"""
import json
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS


def login(page, base_url, user, password, target):
    page.goto(base_url + '/web/session/logout')
    page.goto(base_url + '/web/login?redirect=' + quote(target))
    page.fill('input[name=login]', user)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    page.wait_for_selector('.o_form_view .o_statusbar_status')


def click_button(page, text, state):
    """Click a header button and wait until the status bar shows `state`."""
    page.click('.o_statusbar_buttons button:has-text("%s")' % text)
    page.wait_for_selector(
        '.o_statusbar_status .btn-primary:has-text("%s")' % state)


def main(base_url, assessment_id, criterion, level, secretary,
         secretary_password, officer, officer_password, screenshot):
    target = '/web#id=%s&model=party.assessment&view_type=form' % (
        assessment_id)
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 900})
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            login(page, base_url, secretary, secretary_password, target)
            page.click('.o_form_button_edit')
            page.wait_for_selector('.o_form_editable')
            page.locator('.o_field_widget[name=line_ids] .o_data_row',
                         has_text=criterion).first.click()
            dialog = page.locator('.modal .o_form_view')
            dialog.locator('.o_field_widget[name=self_level_id] input')\
                .fill(level)
            page.locator('.ui-autocomplete li a', has_text=level)\
                .first.click()
            dialog.locator('.o_field_widget[name=self_comment]').fill(
                'Checked against the register')
            page.click('.modal-footer .btn-primary')
            page.wait_for_selector('.modal', state='detached')
            page.click('.o_form_button_save')
            page.wait_for_selector('.o_form_readonly')
            seen['self_total'] = page.inner_text(
                '.o_field_widget[name=self_total]').strip()
            click_button(page, 'Submit Self-assessment', 'Submitted')
            page.screenshot(path=screenshot.replace('.png', '_self.png'),
                            full_page=True)

            login(page, base_url, officer, officer_password, target)
            click_button(page, 'Review Done', 'Reviewed')
            click_button(page, 'Confirm', 'Confirmed')
            seen['final_score'] = page.inner_text(
                '.o_field_widget[name=final_score]').strip()
            page.screenshot(path=screenshot, full_page=True)
        except Exception:
            page.screenshot(path=screenshot.replace('.png', '.error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps(seen))


if __name__ == '__main__':
    main(*sys.argv[1:10])
