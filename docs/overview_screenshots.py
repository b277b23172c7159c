"""Screenshot of the compliance matrix as a grouped overview (issue 9), from
a running demo, as the demo officer, in Chinese: the areas of the officer's
scope.

    .venv-browser/bin/python docs/overview_screenshots.py [BASE_URL]

The demo's tree is small enough to be listed organization by organization;
set the system parameter party_building.overview_list_limit low (e.g. 5) in
the demo database first to see areas.
"""
import os
import sys

from playwright.sync_api import sync_playwright

from screenshots import FLAGS, HERE, login


def shot(page, name):
    page.wait_for_timeout(800)
    page.screenshot(path=os.path.join(HERE, name))
    print('saved', name)


def overview(browser, base_url):
    context, page = login(
        browser, base_url, 'officer',
        '/web#action=party_building.party_meeting_compliance_action')
    page.wait_for_selector('.modal .o_form_view')
    page.select_option('.modal .o_field_widget[name=period]', '"year"')
    page.click('.modal-footer .btn-primary')
    page.wait_for_selector('.o_list_view .o_data_row')
    shot(page, 'compliance_overview.png')
    context.close()


def main(base_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=FLAGS)
        overview(browser, base_url)
        browser.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8069')
