"""A branch assessed in Debian's Chromium: its secretary scores the
criteria and submits the self-assessment, an officer of the superior
organization reviews two criteria, then marks the review done and
confirms. Screenshots along the way; prints what the confirmed form shows
as JSON. Run with the Playwright virtualenv:

    assess.py BASE_URL ORGANIZATION SECRETARY OFFICER SCREENSHOT_DIR

(passwords = logins, as the test creates the users)
"""
import json
import os
import re
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS

ACTION = '/web#action=party_building.party_assessment_action'
LINES = '.o_field_widget[name=line_ids] .o_data_row'


def log_in(browser, base_url, login):
    context = browser.new_context(viewport={'width': 1366, 'height': 900})
    page = context.new_page()
    page.set_default_timeout(120000)  # the first visit compiles assets
    page.goto(base_url + '/web/login?redirect=' + quote(ACTION))
    page.fill('input[name=login]', login)
    page.fill('input[name=password]', login)
    page.click('button[type=submit]')
    return context, page


def open_assessment(page, organization):
    page.click('.o_list_view .o_data_row:has-text("%s") td:nth-child(2)'
               % organization)
    page.wait_for_selector('.o_form_view .o_field_widget[name=line_ids]')


def edit(page):
    page.click('.o_form_button_edit')
    page.wait_for_selector('.o_form_editable')


def save(page):
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_readonly')


def open_line(page, code):
    """The criterion's dialog, from its row in the list of criteria."""
    page.locator(LINES).filter(
        has=page.locator('td', has_text=re.compile('^%s$' % code))
    ).locator('td').nth(2).click()
    page.wait_for_selector('.modal .o_form_view')


def choose(page, field, text):
    """The item `text` (exactly) of the many2one `field` in the dialog."""
    page.click('.modal .o_field_widget[name=%s] input' % field)
    page.locator('.ui-autocomplete li a').filter(
        has_text=re.compile('^%s$' % re.escape(text))).first.click()
    page.wait_for_function(
        "([field, text]) => document.querySelector("
        "`.modal .o_field_widget[name=${field}] input`).value === text",
        arg=[field, text])


def fill(page, field, value):
    box = page.locator('.modal .o_field_widget[name=%s]' % field)
    if box.evaluate('node => node.tagName') not in ('INPUT', 'TEXTAREA'):
        box = box.locator('input')
    box.fill(value)


def close_line(page):
    page.click('.modal-footer .btn-primary')
    page.wait_for_selector('.modal', state='detached')


def next_step(page, state):
    """The step's button (Odoo 11 names no header button in the page: at
    each step only one highlighted button shows), then wait for the
    status it leads to."""
    page.click('.o_statusbar_buttons '
               'button.oe_highlight:not(.o_invisible_modifier)')
    page.wait_for_selector(
        '.o_statusbar_status button.btn-primary[data-value=%s]' % state)


def shot(page, directory, name):
    page.wait_for_timeout(500)
    page.screenshot(path=os.path.join(directory, name), full_page=True)


def secretary_part(browser, base_url, organization, login, directory):
    context, page = log_in(browser, base_url, login)
    try:
        open_assessment(page, organization)
        edit(page)
        open_line(page, 'A1')
        choose(page, 'self_level_id', '达标')
        fill(page, 'self_comment', '按期完成换届，委员5名')
        shot(page, directory, 'assessment_self_line.png')
        close_line(page)
        open_line(page, 'A2')
        fill(page, 'self_points', '18')
        close_line(page)
        open_line(page, 'B1')
        choose(page, 'self_level_id', '基本达标')
        close_line(page)
        open_line(page, 'B3')
        fill(page, 'self_points', '3')
        close_line(page)
        save(page)
        shot(page, directory, 'assessment_self.png')
        next_step(page, 'submitted')
    except Exception:
        page.screenshot(path=os.path.join(directory, 'assess_secretary.error.png'))
        sys.stderr.write(page.url + '\n')
        raise
    context.close()


def officer_part(browser, base_url, organization, login, directory):
    context, page = log_in(browser, base_url, login)
    try:
        open_assessment(page, organization)
        edit(page)
        open_line(page, 'A1')
        choose(page, 'review_level_id', '基本达标')
        fill(page, 'review_comment', '委员缺额1名，未及时增补')
        shot(page, directory, 'assessment_review_line.png')
        close_line(page)
        open_line(page, 'A2')
        fill(page, 'review_points', '16')
        close_line(page)
        save(page)
        shot(page, directory, 'assessment_review.png')
        next_step(page, 'reviewed')
        next_step(page, 'confirmed')
        shot(page, directory, 'assessment_confirmed_officer.png')
        seen = {
            'final_score': page.inner_text(
                '.o_field_widget[name=final_score]').strip(),
            'star': page.inner_text(
                '.o_field_widget[name=star_band_id]').strip(),
            'grade': page.inner_text(
                '.o_field_widget[name=grade_band_id]').strip(),
        }
        # the scorecard is printed from the form's Print menu
        page.click('.o_cp_sidebar .btn-group:has(.o_dropdown_toggler_btn)'
                   ':first-child .o_dropdown_toggler_btn')
        page.wait_for_selector('.o_cp_sidebar .dropdown-menu:visible')
        seen['print'] = page.inner_text(
            '.o_cp_sidebar .dropdown-menu:visible').strip()
        page.screenshot(path=os.path.join(directory, 'assessment_print.png'))
    except Exception:
        page.screenshot(path=os.path.join(directory, 'assess_officer.error.png'))
        sys.stderr.write(page.url + '\n')
        raise
    context.close()
    return seen


def main(base_url, organization, secretary, officer, directory):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        secretary_part(browser, base_url, organization, secretary, directory)
        seen = officer_part(browser, base_url, organization, officer,
                            directory)
        browser.close()
    print(json.dumps(seen))


if __name__ == '__main__':
    main(*sys.argv[1:6])
