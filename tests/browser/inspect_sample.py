"""Supervision in Debian's Chromium, in Chinese: an officer draws a sample
of the street's branches from the Supervision menu, makes it the
inspection plan, records the visit of a drawn branch with a finding; the
secretary of that branch then finds the rectification task on their task
list. Screenshots of each step. Prints what it saw as JSON. Run with the
Playwright virtualenv:

    inspect_sample.py BASE_URL OFFICER SCOPE SECRETARIES_JSON VISIT_DATE
                      DEADLINE DIR

SECRETARIES_JSON: {branch name: [login, user name]}.
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS

SETTLED = ("!document.querySelector('.o_loading') || "
           "document.querySelector('.o_loading').offsetParent === null")


def settle(page):
    page.wait_for_function(SETTLED)


def shoot(page, path, **kwargs):
    settle(page)
    page.screenshot(path=path, **kwargs)


def pick(page, field, text):
    box = page.locator('.o_form_view .o_field_widget[name=%s] input' % field)
    box.fill(text)
    page.locator('.ui-autocomplete li a', has_text=text).first.click()


def login(browser, base_url, user, action):
    page = browser.new_page(viewport={'width': 1280, 'height': 900},
                            timezone_id='Asia/Shanghai', locale='zh-CN')
    page.set_default_timeout(120000)
    page.goto(base_url + '/web/login?redirect=' + quote(
        '/web#action=%s&view_type=list' % action))
    page.fill('input[name=login]', user)
    page.fill('input[name=password]', user)
    page.click('button[type=submit]')
    return page


def click_button(page, text):
    """A button of the form's header, by its label."""
    page.locator('.o_statusbar_buttons button:visible',
                 has_text=text).first.click()
    settle(page)


def officer_steps(browser, base_url, officer, scope, visit_date, deadline,
                  secretaries, folder, seen):
    page = login(browser, base_url, officer,
                 'party_building.party_inspection_sample_action')
    try:
        page.wait_for_selector('.o_list_button_add')
        # the menu: 督导 > 抽样检查
        seen['menu'] = page.locator(
            '.o_sub_menu a[data-menu-name]').all_inner_texts() \
            if page.locator('.o_sub_menu').count() else []
        page.locator('.o_sub_menu a[data-menu-name="抽样检查"]').first\
            .dispatch_event('click')
        page.wait_for_timeout(1000)
        settle(page)
        page.wait_for_selector('.o_list_button_add')
        shoot(page, os.path.join(folder, 'inspection_menu.png'))
        page.click('.o_list_button_add')
        page.wait_for_selector('.o_form_editable')
        page.fill('.o_field_widget[name=name]', '2024年城东街道抽样检查')
        pick(page, 'organization_id', scope)
        page.fill('.o_field_widget[name=proportion]', '50')
        page.click('.o_form_button_save')
        page.wait_for_selector('.o_form_readonly')
        click_button(page, '抽取样本')
        page.wait_for_selector(
            '.o_form_view .o_field_widget[name=line_ids] .o_data_row')
        rows = page.locator(
            '.o_form_view .o_field_widget[name=line_ids] .o_data_row')
        seen['drawn'] = [rows.nth(i).inner_text()
                         for i in range(rows.count())]
        seen['seed'] = page.inner_text(
            '.o_form_view .o_field_widget[name=seed]')
        shoot(page, os.path.join(folder, 'inspection_sample_drawn.png'),
              full_page=True)
        click_button(page, '生成督导检查计划')
        page.wait_for_selector(
            '.o_form_view .o_field_widget[name=inspection_ids] .o_data_row')
        shoot(page, os.path.join(folder, 'inspection_plan.png'),
              full_page=True)
        # the first branch of the plan
        page.locator('.o_form_view .o_field_widget[name=inspection_ids] '
                     '.o_data_row').first.click()
        dialog = page.locator('.modal-dialog:visible')
        if dialog.count():
            # an o2m line opens in a dialog: open the full form instead
            page.keyboard.press('Escape')
        page.goto(base_url + '/web#action='
                  'party_building.party_inspection_action&view_type=list')
        page.wait_for_selector('.o_list_view .o_data_row')
        page.locator('.o_list_view .o_data_row').first.click()
        page.wait_for_selector('.o_form_readonly')
        branch = page.inner_text(
            '.o_form_view .o_field_widget[name=organization_id]').strip()
        seen['branch'] = branch
        click_button(page, '载入检查清单')
        page.wait_for_selector(
            '.o_form_view .o_field_widget[name=item_ids] .o_data_row')
        click_button(page, '其余标为达标')
        # the second item falls short
        page.click('.o_form_button_edit')
        page.wait_for_selector('.o_form_editable')
        row = page.locator(
            '.o_field_widget[name=item_ids] .o_data_row').nth(1)
        row.locator('td.o_data_cell').nth(1).click()
        page.locator('.o_field_widget[name=item_ids] .o_selected_row '
                     'select').select_option(label='不达标')
        page.locator('.o_field_widget[name=item_ids] .o_selected_row '
                     'textarea, .o_field_widget[name=item_ids] '
                     '.o_selected_row input.o_field_char').last.fill(
                         '党员大会无会议记录')
        page.fill('.o_field_widget[name=visit_date] input', visit_date)
        page.keyboard.press('Escape')
        page.click('.o_form_button_save')
        page.wait_for_selector('.o_form_readonly')
        click_button(page, '记录现场检查')
        page.wait_for_selector(
            '.o_statusbar_status button.btn-primary:has-text("已检查")')
        shoot(page, os.path.join(folder, 'inspection_visit.png'),
              full_page=True)
        # the finding, from the inspection's button
        page.locator('.oe_button_box button', has_text='未销号问题')\
            .first.click()
        page.wait_for_selector('.o_list_button_add')
        page.click('.o_list_button_add')
        page.wait_for_selector('.o_form_editable')
        page.fill('.o_field_widget[name=name]', '党员大会未按期召开、无会议记录')
        page.fill('.o_field_widget[name=description]',
                  '按季度召开党员大会，补齐会议记录')
        pick(page, 'owner_id', secretaries[branch][1])
        page.fill('.o_field_widget[name=deadline] input', deadline)
        page.keyboard.press('Escape')
        page.click('.o_form_button_save')
        page.wait_for_selector('.o_form_readonly')
        seen['task'] = page.inner_text(
            '.o_form_view .o_field_widget[name=task_id]').strip()
        shoot(page, os.path.join(folder, 'inspection_finding.png'),
              full_page=True)
        # closing without a re-check is refused
        click_button(page, '复查后销号')
        refusal = page.locator('.modal-body:visible').last
        refusal.wait_for()
        seen['refusal'] = refusal.inner_text()
        shoot(page, os.path.join(folder, 'inspection_close_refused.png'))
        page.locator('.modal-footer:visible button').last.click()
    except Exception:
        page.screenshot(path=os.path.join(folder, 'inspection_error.png'))
        sys.stderr.write(page.url + '\n')
        raise


def secretary_steps(browser, base_url, login_name, folder, seen):
    page = login(browser, base_url, login_name,
                 'party_building.party_task_action_list')
    try:
        page.wait_for_selector('.o_control_panel')
        page.goto(base_url + '/web#action='
                  'party_building.party_task_action&view_type=list')
        page.wait_for_selector('.o_list_view .o_data_row')
        rows = page.locator('.o_list_view .o_data_row')
        seen['secretary_tasks'] = [rows.nth(i).inner_text()
                                   for i in range(rows.count())]
        shoot(page, os.path.join(folder, 'inspection_task_secretary.png'))
        rows.first.click()
        page.wait_for_selector('.o_form_readonly')
        shoot(page, os.path.join(folder,
                                 'inspection_task_secretary_form.png'),
              full_page=True)
    except Exception:
        page.screenshot(path=os.path.join(folder,
                                          'inspection_error_secretary.png'))
        sys.stderr.write(page.url + '\n')
        raise


def main(base_url, officer, scope, secretaries, visit_date, deadline,
         folder):
    secretaries = json.loads(secretaries)
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        officer_steps(browser, base_url, officer, scope, visit_date,
                      deadline, secretaries, folder, seen)
        secretary_steps(browser, base_url,
                        secretaries[seen['branch']][0], folder, seen)
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:8])
