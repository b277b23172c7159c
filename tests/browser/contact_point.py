"""Leaders' contact points (领导办点示范) in Debian's Chromium, in Chinese:
the county's officer records the street committee secretary's contact
points for the year, one of each kind (own affiliated branch, weak and lax
branch, poor village branch), each with a visit and what was done; then
opens Contact Point Completeness for the year and reads the committees
whose leaders still lack a point. Prints what it saw as JSON. Run with
the Playwright virtualenv:

    contact_point.py BASE_URL OFFICER COMMITTEE LEADER YEAR POINTS_JSON DIR

POINTS_JSON: [[kind label, branch, aim, visit date, work done], ...].
"""
import json
import sys

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS
from sup_common import add_line, cell, dump, login, new, open_menu, pick, save, \
    select, settle, shoot, texts

MENU = '领导办点示范'


def record_points(page, committee, leader, year, points, folder, seen):
    seen['points'] = []
    for kind, branch, aim, day, work in points:
        open_menu(page, MENU)
        new(page)
        pick(page, 'committee_id', committee)
        pick(page, 'leader_id', leader)
        page.fill('.o_form_view input.o_field_widget[name=year]', year)
        select(page, 'kind', kind)
        pick(page, 'organization_id', branch)
        page.fill('.o_field_widget[name=goal]', aim)
        row = add_line(page, 'visit_ids')
        cell(row, 0).fill(day)
        cell(row, 1).fill(work)
        save(page)
        seen['points'].append(page.inner_text(
            '.o_form_view .oe_title').strip())
        if kind == points[-1][0]:
            shoot(page, folder, 'contact_point.png', full_page=True)
    open_menu(page, MENU)
    seen['list'] = texts(page, '.o_list_view .o_data_row')
    shoot(page, folder, 'contact_points.png')


def check(page, year, folder, seen):
    open_menu(page, '办点示范完整性',
              '.o_form_view .o_field_widget[name=year]')
    page.fill('.o_form_view input.o_field_widget[name=year]', year)
    page.locator('.o_form_view button', has_text='检查').first.click()
    page.wait_for_selector('.o_field_widget[name=line_ids] .o_data_row')
    settle(page)
    seen['lacking'] = texts(
        page, '.o_field_widget[name=line_ids] .o_data_row')
    shoot(page, folder, 'contact_points_missing.png')


def main(base_url, officer, committee, leader, year, points, folder):
    points = json.loads(points)
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = None
        try:
            page = login(browser, base_url, officer,
                         'party_contact_point_action')
            record_points(page, committee, leader, year, points, folder,
                          seen)
            check(page, year, folder, seen)
        except Exception:
            if page is not None:
                dump(page, folder, 'contact_point_error')
                sys.stderr.write(page.url + '\n' + json.dumps(
                    seen, ensure_ascii=False) + '\n')
            raise
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:8])
