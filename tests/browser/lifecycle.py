"""A branch secretary in Debian's Chromium, in Chinese: records the last
stages of an applicant (political review and training, admission by the
branch's members' general meeting, approval) from the Recruitment menu,
which registers the probationary member; then converts a probationary
member to full membership after the branch's meeting, from the member's
form. Screenshots of the recruitment kanban, the stage dialog, the new
member and the conversion. Prints what it saw as JSON:

    lifecycle.py BASE_URL LOGIN PASSWORD APPLICANT_ID MEETING MEMBER_ID DIR
"""
import json
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS

SETTLED = ("!document.querySelector('.o_loading') || "
           "document.querySelector('.o_loading').offsetParent === null")


def shoot(page, path, **kwargs):
    page.wait_for_function(SETTLED)
    page.screenshot(path=path, **kwargs)


def pick(page, field, text):
    """Choose `text` in the many2one `field` of the open dialog."""
    box = page.locator('.modal .o_field_widget[name=%s] input' % field)
    box.fill(text)
    page.locator('.ui-autocomplete li a', has_text=text).first.click()


def open_menu(page, name):
    page.locator('.o_sub_menu a[data-menu-name="%s"]' % name).first\
        .dispatch_event('click')


def next_stage(page, fill):
    page.locator('.o_statusbar_buttons button',
                 has_text='记录下一阶段').first.click()
    page.wait_for_selector('.modal .o_form_view')
    fill()
    page.wait_for_function(SETTLED)
    page.click('.modal-footer .btn-primary')
    page.wait_for_selector('.modal', state='detached')
    page.wait_for_function(SETTLED)


def main(base_url, login, password, applicant, meeting, member, folder):
    shots, seen = {}, {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 900},
                                timezone_id='Asia/Shanghai', locale='zh-CN')
        page.set_default_timeout(120000)
        try:
            page.goto(base_url + '/web/login?redirect=' + quote('/web'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_main_navbar, .o_main')
            page.goto(base_url + '/web#action='
                      'party_building.party_applicant_action')
            page.wait_for_selector('.o_kanban_view')
            page.wait_for_function(SETTLED)
            shots['kanban'] = os.path.join(folder, 'recruitment_kanban.png')
            shoot(page, shots['kanban'])
            seen['kanban'] = page.inner_text('.o_kanban_view')
            page.locator('.o_kanban_record .o_kanban_record_title').first\
                .click()
            page.wait_for_selector('.o_form_view .o_statusbar_status')
            page.wait_for_function(SETTLED)
            page.locator('.o_statusbar_buttons button', has_text='记录下一阶段')\
                .first.wait_for()

            def review():
                page.fill('.modal .o_field_widget[name=political_review]',
                          '政治审查合格')
                page.fill('.modal .o_field_widget[name=training_hours]',
                          '24')
                shots['stage'] = os.path.join(folder,
                                              'recruitment_stage_dialog.png')
                shoot(page, shots['stage'])
            next_stage(page, review)
            next_stage(page, lambda: pick(page, 'meeting_id', meeting))

            def approve():
                page.fill('.modal .o_field_widget[name=approval_decision]',
                          '街道党工委批准（街党发〔2024〕12号）')
            next_stage(page, approve)
            opener = page.locator('.o_statusbar_buttons button',
                                  has_text='打开党员档案').first
            opener.wait_for()
            shots['applicant'] = os.path.join(folder,
                                              'recruitment_approved.png')
            shoot(page, shots['applicant'], full_page=True)
            seen['stage'] = page.inner_text(
                '.o_statusbar_status')
            opener.click()
            page.wait_for_selector('.o_form_view .o_field_widget[name=status]')
            page.wait_for_function(SETTLED)
            seen['new_member'] = page.inner_text('.o_form_view .oe_title')
            seen['new_status'] = page.inner_text(
                '.o_form_view .o_field_widget[name=status]')
            # the probationary member whose probation has ended
            page.goto(base_url + '/web#model=party.member&view_type=form'
                      '&id=%s' % member)
            convert = page.locator('.o_form_view .o_statusbar_buttons '
                                   'button.oe_highlight').first
            convert.wait_for()
            convert.click()
            page.wait_for_selector('.modal .o_form_view')
            pick(page, 'meeting_id', meeting)
            page.fill('.modal .o_field_widget[name=decision]',
                      '街道党工委批准转正（街党发〔2024〕13号）')
            page.wait_for_function(SETTLED)
            shots['conversion'] = os.path.join(folder,
                                               'member_conversion.png')
            shoot(page, shots['conversion'])
            page.click('.modal-footer .btn-primary')
            page.wait_for_selector('.modal', state='detached')
            page.wait_for_function(SETTLED)
            # the form reloads with the member converted
            page.wait_for_function(
                "() => (document.querySelector('.o_form_view "
                ".o_field_widget[name=full_date]') || {}).textContent")
            page.wait_for_function(SETTLED)
            shots['converted'] = os.path.join(folder, 'member_converted.png')
            shoot(page, shots['converted'], full_page=True)
            seen['converted_status'] = page.inner_text(
                '.o_form_view .o_field_widget[name=status]')
        except Exception:
            page.screenshot(path='/tmp/lifecycle_failure.png')
            raise
        finally:
            browser.close()
    seen['shots'] = shots
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:8])
