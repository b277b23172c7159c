"""Secretaries' work reports (述职评议考核, 双述双评) in Debian's Chromium,
in Chinese. A community branch's secretary files the year's two reports
(to the street committee, to the members and the public) and marks them
as made. The street's officer grades the first, counts the ballots of the
vote on the second (a ballot entered twice is refused on screen), records
both appraisals, and opens the secretary's record where the combined
result is written. Prints what it saw as JSON. Run with the Playwright
virtualenv:

    work_report.py BASE_URL SECRETARY OFFICER BRANCH MEMBER YEAR TEXTS_JSON
                   BALLOTS_JSON DIR

TEXTS_JSON: [report to the committee, report to the public, comment];
BALLOTS_JSON: [[number, grade label], ...], the last one a number already
entered.
"""
import json
import sys

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS
from sup_common import add_line, button, cell, dump, close_dialog, edit, error_text, \
    fill_html, login, new, open_menu, pick, save, select, settle, shoot, \
    tab, texts

MENU = '书记述职评议'
AUDIENCES = ('向上级党委述职', '向党员群众述职')


def secretary_steps(page, branch, member, year, reports, folder, seen):
    open_menu(page, MENU)
    seen['made'] = []
    for audience, text in zip(AUDIENCES, reports):
        new(page)
        pick(page, 'organization_id', branch)
        pick(page, 'member_id', member)
        page.fill('.o_form_view input.o_field_widget[name=year]', year)
        select(page, 'audience', audience)
        fill_html(page, 'text', text)
        save(page)
        button(page, '标记为已述职')
        page.wait_for_selector('.o_statusbar_status .btn-primary'
                               ':has-text("%s")' % '已述职')
        settle(page)
        seen['made'].append(page.inner_text(
            '.o_statusbar_status .btn-primary').strip())
        if audience == AUDIENCES[0]:
            shoot(page, folder, 'work_report.png', full_page=True)
        open_menu(page, MENU)
    seen['secretary_list'] = texts(page, '.o_list_view .o_data_row')


def open_report(page, audience):
    open_menu(page, MENU)
    page.locator('.o_list_view .o_data_row', has_text=audience)\
        .first.click()
    page.wait_for_selector('.o_form_readonly')
    settle(page)


def ballot(page, number, grade):
    row = add_line(page, 'ballot_ids')
    cell(row, 0).fill(number)
    cell(row, 1).select_option(label=grade)


def officer_steps(page, member, comment, ballots, folder, seen):
    # the committee's grade
    open_report(page, AUDIENCES[0])
    edit(page)
    tab(page, '评议')
    select(page, 'grade', '优秀')
    page.fill('.o_field_widget[name=appraisal_comment]', comment)
    save(page)
    button(page, '记录评议结果')
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text("%s")'
                           % '已评议')
    settle(page)
    tab(page, '评议')
    seen['graded'] = page.inner_text(
        '.o_form_view .o_field_widget[name=result]').strip()
    # the vote of the members and the public
    open_report(page, AUDIENCES[1])
    edit(page)
    tab(page, '评议')
    select(page, 'method', '投票评议')
    save(page)
    edit(page)
    for number, grade in ballots[:-1]:
        ballot(page, number, grade)
    save(page)
    seen['ballot_count'] = page.inner_text(
        '.o_form_view .o_field_widget[name=ballot_count]').strip()
    # the same ballot again
    edit(page)
    ballot(page, *ballots[-1])
    page.click('.o_form_button_save')
    seen['refusal'] = error_text(page)
    shoot(page, folder, 'ballot_refused.png')
    close_dialog(page)
    page.click('.o_form_button_cancel')
    settle(page)
    if page.locator('.modal-dialog:visible').count():
        page.locator('.modal-dialog:visible .modal-footer .btn-primary')\
            .first.click()
    page.wait_for_selector('.o_form_readonly')
    settle(page)
    button(page, '记录评议结果')
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text("%s")'
                           % '已评议')
    tab(page, '评议')
    seen['voted'] = page.inner_text(
        '.o_form_view .o_field_widget[name=result]').strip()
    seen['satisfaction'] = page.inner_text(
        '.o_form_view .o_field_widget[name=satisfaction]').strip()
    seen['ballots'] = texts(
        page, '.o_field_widget[name=ballot_ids] .o_data_row')
    shoot(page, folder, 'work_report_appraised.png', full_page=True)
    # the secretary's record: the combined result
    page.locator('.o_form_view .o_field_widget[name=member_id]').first.click()
    page.wait_for_selector('.o_form_view .o_notebook')
    settle(page)
    tab(page, '述职评议考核')
    seen['record'] = texts(
        page, '.o_field_widget[name=appraisal_ids] .o_data_row')
    shoot(page, folder, 'secretary_record.png', full_page=True)


def main(base_url, secretary, officer, branch, member, year, reports,
         ballots, folder):
    reports = json.loads(reports)
    ballots = json.loads(ballots)
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = None
        try:
            page = login(browser, base_url, secretary,
                         'party_secretary_report_action')
            secretary_steps(page, branch, member, year, reports[:2],
                            folder, seen)
            page.close()
            page = login(browser, base_url, officer,
                         'party_secretary_report_action')
            officer_steps(page, member, reports[2], ballots, folder, seen)
        except Exception:
            if page is not None:
                dump(page, folder, 'work_report_error')
                sys.stderr.write(page.url + '\n' + json.dumps(
                    seen, ensure_ascii=False) + '\n')
            raise
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:10])
