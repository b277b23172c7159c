"""Shared steps of the supervision browser scripts (work reports, contact
points, model branches): log in, open a menu, pick a many2one, click a
header button, fill an inline line, take a screenshot once the page is
settled."""
import os
from urllib.parse import quote

SETTLED = ("!document.querySelector('.o_loading') || "
           "document.querySelector('.o_loading').offsetParent === null")


def settle(page):
    page.wait_for_function(SETTLED)
    page.wait_for_timeout(300)


def shoot(page, folder, name, **kwargs):
    settle(page)
    page.wait_for_timeout(500)
    settle(page)
    page.screenshot(path=os.path.join(folder, name), **kwargs)


def texts(page, selector):
    return page.eval_on_selector_all(
        selector, 'nodes => nodes.map(n => n.innerText.trim())')


def login(browser, base_url, user, action, height=900):
    page = browser.new_page(viewport={'width': 1280, 'height': height},
                            timezone_id='Asia/Shanghai', locale='zh-CN')
    page.set_default_timeout(120000)  # the first visit compiles assets
    page.goto(base_url + '/web/login?redirect=' + quote(
        '/web#action=party_building.%s' % action))
    page.fill('input[name=login]', user)
    page.fill('input[name=password]', user)
    page.click('button[type=submit]')
    page.wait_for_selector('.o_main_navbar, .o_main_content')
    return page


def open_menu(page, name, wait=None):
    # web_responsive folds the application's menus into the top bar: the
    # link's own click handler opens it
    page.locator('.o_sub_menu a[data-menu-name="%s"]' % name)\
        .first.dispatch_event('click')
    page.wait_for_selector(wait or '.o_control_panel .breadcrumb '
                           'li:has-text("%s")' % name)
    settle(page)


def pick(page, field, text, scope='.o_form_view'):
    box = page.locator('%s .o_field_widget[name=%s] input' % (scope, field))
    box.first.fill(text)
    page.locator('.ui-autocomplete:visible li a', has_text=text)\
        .first.click()
    settle(page)


def select(page, field, label, scope='.o_form_view'):
    page.locator('%s select.o_field_widget[name=%s]' % (scope, field))\
        .first.select_option(label=label)


def fill_date(page, field, value, scope='.o_form_view'):
    page.fill('%s .o_field_widget[name=%s] input' % (scope, field), value)
    page.keyboard.press('Escape')


def fill_html(page, field, text):
    page.locator('.o_field_widget[name=%s] .note-editable' % field).click()
    page.keyboard.type(text)


def tab(page, label):
    page.locator('.o_notebook .nav-tabs a', has_text=label).first.click()


def new(page):
    page.click('.o_list_button_add, .o-kanban-button-new')
    page.wait_for_selector('.o_form_editable')


def save(page):
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')
    settle(page)


def edit(page):
    page.click('.o_form_button_edit')
    page.wait_for_selector('.o_form_editable')


def button(page, label):
    """A button of the form's header, by its label."""
    page.locator('.o_statusbar_buttons button:visible',
                 has_text=label).first.click()
    settle(page)


def add_line(page, field):
    """A new line of an editable one2many list; returns its row."""
    page.locator('.o_field_widget[name=%s] .o_field_x2many_list_row_add a'
                 % field).first.click()
    row = page.locator('.o_field_widget[name=%s] .o_selected_row' % field)
    row.wait_for()
    return row


def cell(row, index):
    """The editor of the index-th cell of an editable list's row."""
    return row.locator('td.o_data_cell').nth(index).locator(
        'input, textarea, select').first


def dump(page, folder, name):
    """The page's screenshot and HTML when a step fails."""
    settle(page)
    page.screenshot(path=os.path.join(folder, name + '.png'),
                    full_page=True)
    with open(os.path.join(folder, name + '.html'), 'w') as out:
        out.write(page.content())


def error_text(page):
    body = page.locator('.modal-dialog:visible .modal-body').last
    body.wait_for()
    return body.inner_text().strip()


def close_dialog(page):
    page.locator('.modal-dialog:visible .modal-footer button').last.click()
    settle(page)
