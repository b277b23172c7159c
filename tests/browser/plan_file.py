"""Logs in to Odoo in Debian's Chromium as an officer of the superior
organization, opens Work Rules and Plans > Plans Not Filed, then the
implementation plans, opens the plan submitted, files it (备案), and reports
what it saw as JSON on stdout (screenshots on the way). Run with the
Playwright virtualenv:

    plan_file.py BASE_URL LOGIN PASSWORD PLAN SCREENSHOT_DIR
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu',
                  '--disable-quic', '--no-first-run',
                  '--disable-background-networking',
                  '--disable-component-update', '--disable-sync']


def texts(page, selector):
    return page.eval_on_selector_all(
        selector, 'nodes => nodes.map(n => n.innerText.trim())')


def open_menu(page, name):
    # web_responsive keeps the application's menus in folded dropdowns of
    # the top bar: the link's own click handler opens it
    page.locator('.o_sub_menu a[data-menu-name="%s"]' % name)\
        .first.dispatch_event('click')
    page.wait_for_selector('.o_control_panel .breadcrumb li:has-text("%s")'
                           % name)
    page.wait_for_selector('.o_list_view')
    page.wait_for_timeout(800)


def main(base_url, login, password, plan, shots):
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 800})
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_plan_action'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_list_view .o_data_row')
            page.wait_for_selector('.o_loading', state='hidden')
            open_menu(page, '未备案方案')
            # grouped by category: open every group
            for group in page.locator('.o_group_header').all():
                group.click()
                page.wait_for_timeout(300)
            seen['groups'] = texts(page, '.o_group_header')
            seen['not_filed'] = texts(page, '.o_list_view .o_data_row')
            page.wait_for_selector('.o_loading', state='hidden')
            page.screenshot(path=os.path.join(shots, 'plans_not_filed.png'))
            open_menu(page, '实施方案')
            page.locator('.o_list_view .o_data_row',
                         has_text=plan).first.click()
            page.wait_for_selector('.o_form_view .o_statusbar_status')
            seen['state_before'] = page.inner_text(
                '.o_statusbar_status .btn-primary')
            page.click('.o_statusbar_buttons button:visible:text-is("备案")')
            page.wait_for_selector(
                '.o_statusbar_status .btn-primary:has-text("已备案")')
            page.wait_for_timeout(500)
            seen['state_after'] = page.inner_text(
                '.o_statusbar_status .btn-primary')
            seen['buttons_after'] = texts(
                page, '.o_statusbar_buttons button:visible')
            page.screenshot(path=os.path.join(shots, 'plan_filed.png'))
            open_menu(page, '未备案方案')
            for group in page.locator('.o_group_header').all():
                group.click()
                page.wait_for_timeout(300)
            seen['not_filed_after'] = texts(page, '.o_list_view .o_data_row')
        except Exception:
            page.screenshot(path=os.path.join(shots, 'plans_error.png'))
            sys.stderr.write(page.url + '\n' + page.content()[:3000] + '\n')
            raise
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:])
