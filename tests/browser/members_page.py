"""Logs in to Odoo in Debian's Chromium, opens Members and reports what the
list shows, as JSON on stdout. Run with the Playwright virtualenv:

    members_page.py BASE_URL LOGIN PASSWORD SCREENSHOT_PATH
"""
import json
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu',
                  '--disable-quic', '--no-first-run',
                  '--disable-background-networking',
                  '--disable-component-update', '--disable-sync']


def main(base_url, login, password, screenshot):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 800})
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            # log in straight into the Members menu, as a bookmark would
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_member_action'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_list_view .o_data_row')
            names = page.eval_on_selector_all(
                '.o_list_view .o_data_row td:nth-child(2)',
                'cells => cells.map(c => c.innerText.trim())')
            title = page.inner_text('.o_control_panel .breadcrumb')
            page.screenshot(path=screenshot, full_page=True)
        except Exception:
            # leave evidence of what the browser showed
            page.screenshot(path=screenshot.replace('.png', '.error.png'))
            sys.stderr.write(page.url + '\n' + page.content()[:3000] + '\n')
            raise
        browser.close()
    print(json.dumps({'names': names, 'title': title.strip()}))


if __name__ == '__main__':
    main(*sys.argv[1:5])
