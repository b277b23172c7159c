"""Posts and service in Debian's Chromium, in Chinese (issue 15).

A branch secretary, from the Education and Service menu: creates a party
member model post (党员示范岗) with the place it serves and two holders
whose dates overlap, which is refused in Chinese; ends the first holder's
time and saves. Records a member's service (服务记录), then a service
project of the branch (项目化服务) with its members and beneficiaries,
starts it, writes its outcome and completes it; then opens the member's
Study and Service page. An officer of the street committee then opens
the organizations' figures of the year. Screenshots on the way; prints
what it saw as JSON. Run with the Playwright virtualenv:

    service_post.py BASE_URL ARGS_JSON DIR

ARGS_JSON: {"secretary": [login, password], "officer": [login, password],
"members": [name1, name2], "post": name, "kind": post kind, "area": ...,
"dates": {"from1", "from2", "to1", "start", "end"} in the users' format,
"service": name, "project": name}
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from book_venue import SETTLED, shoot
from members_page import CHROMIUM_FLAGS


def texts(page, selector):
    return page.eval_on_selector_all(
        selector, 'nodes => nodes.map(n => n.innerText.trim())')


def login(browser, base_url, user, password, action):
    page = browser.new_page(viewport={'width': 1280, 'height': 900},
                            timezone_id='Asia/Shanghai', locale='zh-CN')
    page.set_default_timeout(120000)  # the first visit compiles assets
    page.goto(base_url + '/web/login?redirect=' + quote(
        '/web#action=party_building.%s' % action))
    page.fill('input[name=login]', user)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    page.wait_for_selector('.o_main_navbar, .o_main_content')
    page.wait_for_selector('.o_control_panel')
    page.wait_for_function(SETTLED)
    return page


def open_menu(page, name):
    # web_responsive folds the application's menus into the top bar: the
    # link's own click handler opens it
    page.locator('.o_sub_menu a[data-menu-name="%s"]' % name)\
        .first.dispatch_event('click')
    page.wait_for_selector('.o_control_panel .breadcrumb li:has-text("%s")'
                           % name)
    page.wait_for_function(SETTLED)


def pick(scope, page, field, text):
    """Choose `text` in the many2one `field` under `scope`."""
    scope.locator('.o_field_widget[name=%s] input' % field).fill(text)
    page.locator('.ui-autocomplete li a', has_text=text).first.click()


def set_date(page, scope, field, value):
    box = scope.locator('.o_field_widget[name=%s] input' % field)
    box.fill(value)
    box.press('Tab')
    page.wait_for_timeout(200)


def add_holder(page, member, date_from):
    page.click('.o_field_widget[name=holder_ids] '
               '.o_field_x2many_list_row_add a')
    row = page.locator('.o_field_widget[name=holder_ids] .o_selected_row')
    row.wait_for()
    pick(row, page, 'member_id', member)
    set_date(page, row, 'date_from', date_from)


def record_post(page, args, folder, seen):
    dates = args['dates']
    first, second = args['members']
    open_menu(page, '设岗定责')
    page.click('.o_list_button_add')
    page.wait_for_selector('.o_form_editable')
    seen['post_labels'] = texts(page, '.o_form_view label')
    page.fill('.o_field_widget[name=name]', args['post'])
    pick(page.locator('.o_form_view'), page, 'kind_id', args['kind'])
    page.fill('.o_field_widget[name=area]', args['area'])
    add_holder(page, first, dates['from1'])
    add_holder(page, second, dates['from2'])
    page.click('.o_form_button_save')
    dialog = page.locator('.modal-body:visible').last
    dialog.wait_for()
    seen['post_refusal'] = dialog.inner_text()
    shoot(page, os.path.join(folder, 'service_post_refused.png'))
    page.locator('.modal-footer:visible button').last.click()
    page.wait_for_selector('.modal-body', state='hidden')
    # the first holder's time ends before the second's begins
    row = page.locator('.o_field_widget[name=holder_ids] .o_data_row',
                       has_text=first).first
    row.locator('td.o_data_cell').nth(2).click()
    selected = page.locator('.o_field_widget[name=holder_ids] '
                            '.o_selected_row')
    set_date(page, selected, 'date_to', dates['to1'])
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')
    page.wait_for_function(SETTLED)
    seen['post'] = page.inner_text('.o_form_view .o_form_sheet')
    shoot(page, os.path.join(folder, 'service_post.png'), full_page=True)


def record_service(page, args, folder, seen):
    first = args['members'][0]
    open_menu(page, '服务记录')
    page.click('.o_list_button_add')
    page.wait_for_selector('.o_form_editable')
    form = page.locator('.o_form_view')
    pick(form, page, 'member_id', first)
    page.fill('.o_field_widget[name=name]', args['service'])
    page.locator('.o_field_widget[name=kind]').select_option(
        label='为民服务')
    pick(form, page, 'post_id', args['post'])
    page.fill('.o_field_widget[name=hours]', '2.5')
    page.fill('.o_field_widget[name=people_served]', '6')
    page.fill('.o_field_widget[name=description]',
              '为小区6位独居老人上门送餐，检查家中燃气安全。')
    seen['service_labels'] = texts(page, '.o_form_view label')
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')
    page.wait_for_function(SETTLED)
    seen['service'] = page.inner_text('.o_form_view .o_form_sheet')
    shoot(page, os.path.join(folder, 'service_record.png'), full_page=True)


def record_project(page, args, folder, seen):
    dates = args['dates']
    open_menu(page, '项目化服务')
    page.click('.o_list_button_add')
    page.wait_for_selector('.o_form_editable')
    page.fill('.o_field_widget[name=name]', args['project'])
    set_date(page, page.locator('.o_form_view'), 'date_start',
             dates['start'])
    set_date(page, page.locator('.o_form_view'), 'date_end', dates['end'])
    page.fill('.o_field_widget[name=beneficiary_count]', '40')
    page.fill('.o_field_widget[name=goal]',
              '每周为辖区独居老人上门服务一次，做到人人有人联系、事事有人过问。')
    page.fill('.o_field_widget[name=beneficiaries]',
              '锦园社区40位独居和空巢老人')
    # the members involved, chosen in the dialog
    page.click('.o_field_widget[name=member_ids] '
               '.o_field_x2many_list_row_add a')
    modal = page.locator('.modal-dialog:visible').last
    modal.locator('.o_data_row').first.wait_for()
    for name in args['members']:
        modal.locator('.o_data_row', has_text=name).first.locator(
            'input[type=checkbox]').check()
    modal.locator('.modal-footer .btn-primary').first.click()
    page.wait_for_selector('.modal-dialog', state='hidden')
    seen['project_labels'] = texts(page, '.o_form_view label')
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')
    page.wait_for_function(SETTLED)
    seen['project_buttons'] = texts(page,
                                    '.o_statusbar_buttons button:visible')
    page.locator('.o_statusbar_buttons button:visible').first.click()
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text('
                           '"实施中")')
    page.wait_for_function(SETTLED)
    # completing without the outcome is refused
    page.locator('.o_statusbar_buttons button:visible.btn-primary')\
        .first.click()
    dialog = page.locator('.modal-body:visible').last
    dialog.wait_for()
    seen['project_refusal'] = dialog.inner_text()
    page.locator('.modal-footer:visible button').last.click()
    page.wait_for_selector('.modal-body', state='hidden')
    page.click('.o_form_button_edit')
    page.wait_for_selector('.o_form_editable')
    page.locator('.o_notebook a[role=tab], .o_notebook .nav a',
                 has_text='服务成效').first.click()
    page.fill('.o_field_widget[name=outcome]',
              '全年上门服务48次，40位老人全部建立联系卡，群众满意。')
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')
    page.wait_for_function(SETTLED)
    page.locator('.o_statusbar_buttons button:visible.btn-primary')\
        .first.click()
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text('
                           '"已完成")')
    page.wait_for_function(SETTLED)
    page.locator('.o_notebook a[role=tab], .o_notebook .nav a',
                 has_text='参与党员').first.click()
    seen['project'] = page.inner_text('.o_form_view')
    shoot(page, os.path.join(folder, 'service_project.png'), full_page=True)


def member_page(page, args, folder, seen):
    first = args['members'][0]
    open_menu(page, '党员')
    page.locator('.o_content', has_text=first).first.wait_for()
    page.locator('.o_kanban_record, .o_data_row', has_text=first)\
        .first.click()
    page.wait_for_selector('.o_form_readonly')
    page.locator('.o_notebook a[role=tab], .o_notebook .nav a',
                 has_text='学习和服务').first.click()
    page.wait_for_selector('.o_party_service_years')
    page.wait_for_function(SETTLED)
    seen['member'] = page.inner_text('.o_notebook')
    # tall enough for the years, the posts and the service at once
    page.set_viewport_size({'width': 1280, 'height': 2000})
    page.locator('.o_notebook .o_party_service_years').first\
        .scroll_into_view_if_needed()
    shoot(page, os.path.join(folder, 'member_posts_service.png'),
          full_page=True)


def officer_figures(page, folder, seen):
    open_menu(page, '各党组织学习教育与服务情况')
    page.wait_for_selector('.o_list_view .o_data_row')
    seen['figures_header'] = texts(page, '.o_list_view thead th')
    # each row's cells: the checkbox, the name, ... the satisfaction rate
    seen['figures'] = page.eval_on_selector_all(
        '.o_list_view .o_data_row', 'rows => rows.map(row => Array.from('
        'row.querySelectorAll("td")).map(td => td.innerText.trim()))')
    shoot(page, os.path.join(folder, 'officer_service_subtree.png'))


def main(base_url, raw, folder):
    args = json.loads(raw)
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = None
        try:
            page = login(browser, base_url, args['secretary'][0],
                         args['secretary'][1], 'party_study_session_action')
            seen['menus'] = texts(page, '.o_sub_menu a')
            record_post(page, args, folder, seen)
            record_service(page, args, folder, seen)
            record_project(page, args, folder, seen)
            member_page(page, args, folder, seen)
            page.close()
            page = login(browser, base_url, args['officer'][0],
                         args['officer'][1], 'party_study_session_action')
            officer_figures(page, folder, seen)
        except Exception:
            if page is not None:
                page.screenshot(path=os.path.join(folder,
                                                  'service_post_error.png'))
                sys.stderr.write(page.url + '\n')
            sys.stderr.write(json.dumps(seen, ensure_ascii=False) + '\n')
            raise
        browser.close()
    print(json.dumps(seen))


if __name__ == '__main__':
    main(*sys.argv[1:4])
