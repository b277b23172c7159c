"""Logs in to Odoo in Debian's Chromium as a branch secretary, opens
Work Rules and Plans > Rule Completeness, opens the branch, reads the rule
categories it lacks, adopts the templates the wizard proposes, and reports
what it saw as JSON on stdout (screenshots on the way). Run with the
Playwright virtualenv:

    rules_adopt.py BASE_URL LOGIN PASSWORD BRANCH SCREENSHOT_DIR
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
TAGS = '.o_field_widget[name=missing_rule_category_ids] .badge'


def texts(page, selector):
    return page.eval_on_selector_all(
        selector, 'nodes => nodes.map(n => n.innerText.trim())')


def main(base_url, login, password, branch, shots):
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 860})
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_organization_action_rules'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_list_view .o_data_row')
            page.wait_for_selector('.o_loading', state='hidden')
            seen['menu'] = texts(page, '.o_sub_menu a, .o_sub_menu '
                                       '.oe_secondary_menu_section')
            seen['breadcrumb'] = page.inner_text(
                '.o_control_panel .breadcrumb').strip()
            seen['list'] = texts(page, '.o_list_view .o_data_row')
            page.screenshot(path=os.path.join(shots, 'rules_completeness.png'))
            page.locator('.o_list_view .o_data_row',
                         has_text=branch).first.click()
            page.wait_for_selector('.o_form_view .o_notebook')
            tab = page.locator('.o_notebook .nav-tabs a', has_text='工作制度')
            tab.first.click()
            page.wait_for_selector(TAGS)
            seen['missing_before'] = texts(page, TAGS)
            seen['in_force_before'] = texts(
                page, '.o_field_widget[name=rule_in_force_ids] .o_data_row')
            page.screenshot(path=os.path.join(shots, 'rules_missing.png'))
            page.click('button[name=action_adopt_rule_templates]')
            page.wait_for_selector(
                '.modal .o_field_widget[name=template_ids] .o_data_row')
            page.wait_for_timeout(500)
            seen['proposed'] = texts(
                page, '.modal .o_field_widget[name=template_ids] .o_data_row')
            seen['modal_title'] = page.inner_text('.modal .modal-title')
            page.screenshot(path=os.path.join(shots, 'rules_adopt.png'))
            page.click('.modal-footer button[name=action_adopt]')
            page.wait_for_selector('.modal', state='detached')
            page.wait_for_selector('.o_list_view .o_data_row')
            page.wait_for_timeout(500)
            seen['adopted'] = texts(page, '.o_list_view .o_data_row')
            # back to the branch: nothing missing any more
            page.locator('.o_control_panel .breadcrumb li a').nth(1).click()
            page.wait_for_selector('.o_form_view .o_notebook')
            page.locator('.o_notebook .nav-tabs a',
                         has_text='工作制度').first.click()
            page.wait_for_selector(
                '.o_field_widget[name=rule_in_force_ids] .o_data_row')
            page.wait_for_timeout(500)
            seen['missing_after'] = texts(page, TAGS)
            seen['in_force_after'] = texts(
                page, '.o_field_widget[name=rule_in_force_ids] .o_data_row')
            page.screenshot(path=os.path.join(shots, 'rules_adopted.png'))
        except Exception:
            page.screenshot(path=os.path.join(shots, 'rules_error.png'))
            sys.stderr.write(page.url + '\n' + page.content()[:3000] + '\n')
            raise
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:])
