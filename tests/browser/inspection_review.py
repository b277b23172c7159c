"""An inspector fills a branch's review scores from an on-site inspection,
in Debian's Chromium, in Chinese: the officer opens the recorded visit,
presses 按检查结果填写评审分, confirms, and lands on the assessment with
the review filled. Screenshots of both forms. Prints what it saw as JSON.
Run with the Playwright virtualenv:

    inspection_review.py BASE_URL OFFICER INSPECTION_ID DIR
"""
import json
import os
import sys

from playwright.sync_api import sync_playwright

from inspect_sample import click_button, login, settle, shoot
from members_page import CHROMIUM_FLAGS


def main(base_url, officer, inspection_id, folder):
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = login(browser, base_url, officer,
                     'party_building.party_inspection_action')
        try:
            page.wait_for_selector('.o_control_panel')
            page.goto(base_url + '/web#model=party.inspection&id=%s'
                      '&view_type=form' % inspection_id)
            page.wait_for_selector('.o_form_readonly')
            settle(page)
            seen['inspection'] = page.inner_text('.o_form_view')
            shoot(page, os.path.join(folder, 'inspection_fill_review.png'),
                  full_page=True)
            click_button(page, '按检查结果填写评审分')
            confirm = page.locator('.modal-dialog:visible')
            confirm.wait_for()
            seen['confirm'] = confirm.inner_text()
            confirm.locator('.modal-footer button.btn-primary').click()
            page.wait_for_selector(
                '.o_form_view .o_field_widget[name=line_ids]')
            settle(page)
            seen['assessment'] = page.inner_text('.o_form_view')
            page.wait_for_selector('.o_thread_message')
            seen['chatter'] = page.inner_text('.o_thread_message')
            # let the chatter's last calls end before the test reads: they
            # share its cursor
            page.wait_for_timeout(2000)
            settle(page)
            shoot(page, os.path.join(folder,
                                     'inspection_review_filled.png'),
                  full_page=True)
        except Exception:
            page.screenshot(path=os.path.join(
                folder, 'inspection_review_error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:5])
