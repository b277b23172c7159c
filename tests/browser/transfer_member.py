"""A transfer of membership in Debian's Chromium, in Chinese: the sending
branch's secretary opens the member, requests the transfer to a branch of
another county; the receiving branch's secretary finds it under the
incoming transfers, reads the member's data and accepts; the member is
then in the receiver's members. Screenshots of each step; prints what it
saw as JSON. Run with the Playwright virtualenv:

    transfer_member.py BASE_URL SENDER PASSWORD RECEIVER PASSWORD MEMBER
                       DESTINATION LETTER INCOMING_MENU MEMBERS_MENU DIR
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS

# a header button of the open form, by its label (Odoo 11 gives them no
# name attribute)
BUTTON = '.o_statusbar_buttons button:text-is("%s"):visible'
SETTLED = ("!document.querySelector('.o_loading') || "
           "document.querySelector('.o_loading').offsetParent === null")


def shoot(page, path, **kwargs):
    page.wait_for_function(SETTLED)
    page.wait_for_timeout(500)
    page.screenshot(path=path, **kwargs)


def login(page, base_url, user, password, target, ready):
    page.goto(base_url + '/web/session/logout')
    page.goto(base_url + '/web/login?redirect=' + quote(target))
    page.fill('input[name=login]', user)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    page.wait_for_selector(ready)


def texts(page, selector):
    return page.eval_on_selector_all(
        selector, 'nodes => nodes.map(n => n.innerText.trim())')


def open_menu(page, name):
    page.locator('.o_sub_menu a[data-menu-name="%s"]' % name)\
        .first.dispatch_event('click')
    page.wait_for_selector('.o_control_panel .breadcrumb li:has-text("%s")'
                           % name)
    page.wait_for_function(SETTLED)
    page.wait_for_timeout(800)


def main(base_url, sender, sender_password, receiver, receiver_password,
         member, destination, letter, incoming_menu, members_menu, folder):
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 900},
                                locale='zh-CN')
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            # the sender opens the member from the Members menu
            login(page, base_url, sender, sender_password,
                  '/web#action=party_building.party_member_action'
                  '&view_type=list', '.o_list_view .o_data_row')
            page.locator('.o_list_view .o_data_row', has_text=member)\
                .first.click()
            page.locator(BUTTON % '转接').first.click()
            page.wait_for_selector('.o_form_editable '
                                   '.o_field_widget[name=to_organization_id]')
            box = page.locator('.o_form_view .o_field_widget'
                               '[name=to_organization_id] input')
            box.fill(destination[:2])
            page.locator('.ui-autocomplete li a',
                         has_text=destination).first.click()
            page.fill('.o_field_widget[name=letter_number]', letter)
            page.fill('.o_field_widget[name=reason]', '工作调动')
            page.click('.o_form_button_save')
            page.wait_for_selector('.o_form_readonly')
            seen['requested'] = page.inner_text(
                '.o_statusbar_status .btn-primary')
            seen['sender_accepts'] = page.locator(
                BUTTON % '接收').count()
            seen['sender_cancels'] = page.locator(
                BUTTON % '撤回申请').count()
            shoot(page, os.path.join(folder, 'transfer_requested.png'),
                  full_page=True)

            # the receiver: the incoming transfers, from the menu
            login(page, base_url, receiver, receiver_password,
                  '/web#action=party_building.party_member_action'
                  '&view_type=list', '.o_list_view')
            open_menu(page, incoming_menu)
            page.wait_for_selector('.o_list_view .o_data_row')
            seen['incoming'] = texts(page, '.o_list_view .o_data_row')
            shoot(page, os.path.join(folder, 'transfer_incoming.png'))
            page.locator('.o_list_view .o_data_row', has_text=member)\
                .first.click()
            page.wait_for_selector(BUTTON % '接收')
            seen['member_data'] = page.inner_text('.o_form_view .o_form_sheet')
            shoot(page, os.path.join(folder, 'transfer_incoming_form.png'),
                  full_page=True)
            page.locator(BUTTON % '接收').first.click()
            page.wait_for_selector(BUTTON % '接收', state='detached')
            page.wait_for_function(SETTLED)
            seen['accepted'] = page.inner_text(
                '.o_statusbar_status .btn-primary')
            shoot(page, os.path.join(folder, 'transfer_accepted.png'),
                  full_page=True)
            # the member is now among the receiver's members
            open_menu(page, members_menu)
            page.wait_for_selector('.o_list_view .o_data_row')
            seen['members'] = texts(page, '.o_list_view .o_data_row')
            page.locator('.o_list_view .o_data_row', has_text=member)\
                .first.click()
            page.wait_for_selector('.o_form_view .o_notebook')
            page.locator('.o_notebook a[role=tab], .o_notebook .nav-link, '
                         '.o_notebook li a').filter(
                has_text='转接').first.click()
            page.wait_for_timeout(500)
            shoot(page, os.path.join(folder, 'transfer_member_form.png'),
                  full_page=True)
        except Exception:
            page.screenshot(path=os.path.join(folder, 'transfer_error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:12])
