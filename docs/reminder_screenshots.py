"""Screenshots of the daily jobs' reminders as a Chinese officer sees them,
from a running `make run` after the jobs ran:

    .venv-browser/bin/python docs/reminder_screenshots.py [BASE_URL]
"""
import os
import sys

from playwright.sync_api import sync_playwright

from screenshots import FLAGS, HERE, login

ORGANIZATION = '迎丰街道锦园社区党支部'


def main(base_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=FLAGS)
        # the reminders in the chatter of an organization
        context, page = login(
            browser, base_url, 'officer',
            '/web#action=party_building.party_organization_action')
        page.click('.o_data_row:has-text("%s") td:nth-child(2)'
                   % ORGANIZATION)
        page.wait_for_selector('.o_mail_activity .o_thread_message')
        # the first reminder's details: type, date, assignee
        page.click('.o_mail_activity .o_activity_info')
        page.locator('.o_mail_activity').scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=os.path.join(HERE, 'reminders_chatter.png'))
        context.close()
        print('saved reminders_chatter.png')
        browser.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8069')
