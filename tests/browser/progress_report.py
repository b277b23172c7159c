"""A street committee's officer files the quarterly progress report in
Debian's Chromium, in Chinese: opens Reports and Examples > Progress
Reports, creates the report for the committee and a day of the quarter,
sees the figures prefilled from the live data, writes the narrative and
submits it upward (the form then offers nothing to change). Then the
county's officer opens Not Reported for the same quarter. Screenshots on
the way; prints what it saw as JSON. Run with the Playwright virtualenv:

    progress_report.py BASE_URL LOGIN PASSWORD COMMITTEE DAY NARRATIVE
                       SUPERIOR_LOGIN SUPERIOR_PASSWORD DIR
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS

SETTLED = ("!document.querySelector('.o_loading') || "
           "document.querySelector('.o_loading').offsetParent === null")
FIGURES = ['organization_count', 'branch_count', 'meetings_required',
           'meeting_completion', 'rectification_opened_count',
           'rectification_open_count', 'weak_lax_count']


def shoot(page, path, **kwargs):
    page.wait_for_function(SETTLED)
    page.wait_for_timeout(300)
    page.screenshot(path=path, **kwargs)


def texts(page, selector):
    return page.eval_on_selector_all(
        selector, 'nodes => nodes.map(n => n.innerText.trim())')


def login(browser, base_url, user, password, action):
    page = browser.new_page(viewport={'width': 1280, 'height': 1350},
                            locale='zh-CN')
    page.set_default_timeout(120000)  # the first visit compiles assets
    page.goto(base_url + '/web/login?redirect=' + quote(
        '/web#action=party_building.%s' % action))
    page.fill('input[name=login]', user)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    return page


def open_menu(page, name, wait=None):
    # web_responsive folds the application's menus into the top bar: the
    # link's own click handler opens it
    page.locator('.o_sub_menu a[data-menu-name="%s"]' % name)\
        .first.dispatch_event('click')
    page.wait_for_selector(wait or '.o_control_panel .breadcrumb '
                           'li:has-text("%s")' % name)


def file_report(page, committee, day, narrative, folder, seen):
    page.wait_for_selector('.o_main_navbar, .o_main_content')
    open_menu(page, '进展情况报送')
    page.click('.o_list_button_add')
    page.wait_for_selector('.o_form_editable')
    box = page.locator('.o_form_view .o_field_widget[name=organization_id] '
                       'input')
    box.fill(committee)
    page.locator('.ui-autocomplete li a', has_text=committee).first.click()
    page.fill('.o_field_widget[name=date] input', day)
    page.keyboard.press('Escape')
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')
    page.wait_for_function(SETTLED)
    seen['figures'] = {name: page.inner_text(
        '.o_form_view .o_field_widget[name=%s]' % name).strip()
        for name in FIGURES}
    seen['title'] = page.inner_text('.o_form_view .oe_title').strip()
    # the narrative
    page.click('.o_form_button_edit')
    page.wait_for_selector('.o_form_editable')
    editor = page.locator('.o_field_widget[name=narrative] .note-editable')
    editor.click()
    page.keyboard.type(narrative)
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')
    shoot(page, os.path.join(folder, 'progress_report_draft.png'))
    # submitted upward, after the confirmation
    page.click('.o_statusbar_buttons button:visible:text-is("向上报送")')
    page.locator('.modal-footer:visible .btn-primary').last.click()
    page.wait_for_selector(
        '.o_statusbar_status .btn-primary:has-text("已报送")')
    page.wait_for_function(SETTLED)
    seen['buttons_after'] = texts(page, '.o_statusbar_buttons button:visible')
    shoot(page, os.path.join(folder, 'progress_report_submitted.png'))


def not_reported(page, day, folder, seen):
    page.wait_for_selector('.o_main_navbar, .o_main_content')
    # a page of its own, without breadcrumb
    open_menu(page, '未报送',
              '.o_form_view .o_field_widget[name=missing_ids]')
    page.fill('.o_field_widget[name=date] input', day)
    page.keyboard.press('Escape')
    page.keyboard.press('Tab')
    page.wait_for_timeout(1000)
    page.wait_for_function(SETTLED)
    seen['missing'] = texts(
        page, '.o_field_widget[name=missing_ids] .o_data_row')
    seen['reports'] = texts(
        page, '.o_field_widget[name=report_ids] .o_data_row')
    shoot(page, os.path.join(folder, 'progress_not_reported.png'))


def main(base_url, user, password, committee, day, narrative, superior,
         superior_password, folder):
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = None
        try:
            page = login(browser, base_url, user, password,
                         'party_progress_report_action')
            file_report(page, committee, day, narrative, folder, seen)
            page.close()
            page = login(browser, base_url, superior, superior_password,
                         'party_progress_report_action')
            not_reported(page, day, folder, seen)
        except Exception:
            if page is not None:
                page.screenshot(path=os.path.join(folder,
                                                  'progress_error.png'))
                sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:10])
