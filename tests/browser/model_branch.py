"""Model branches and experiences (示范支部, 典型经验, 现场观摩) in Debian's
Chromium, in Chinese: the street's officer names a branch a model for a
period with the reason; the branch's secretary writes up its experience;
the officer publishes it to the street, looks at the kanbans of the models
and the experiences, and records a site visit with the branches that came.
Prints what it saw as JSON. Run with the Playwright virtualenv:

    model_branch.py BASE_URL OFFICER SECRETARY DATA_JSON DIR

DATA_JSON: {committee, branch, date_from, date_to, reason, title, text,
visit, visit_date, attendees: [...], note}.
"""
import json
import sys

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS
from sup_common import button, dump, edit, fill_date, fill_html, login, new, \
    open_menu, pick, save, shoot, texts


def name_model(page, data, folder, seen):
    open_menu(page, '示范支部')
    new(page)
    pick(page, 'committee_id', data['committee'])
    pick(page, 'organization_id', data['branch'])
    fill_date(page, 'date_from', data['date_from'])
    fill_date(page, 'date_to', data['date_to'])
    page.fill('.o_field_widget[name=reason]', data['reason'])
    save(page)
    shoot(page, folder, 'model_branch.png', full_page=True)
    seen['model'] = page.inner_text('.o_form_view .o_form_sheet').strip()


def write_experience(page, data, folder, seen):
    open_menu(page, '典型经验')
    new(page)
    page.fill('.o_field_widget[name=title]', data['title'])
    pick(page, 'organization_id', data['branch'])
    fill_html(page, 'text', data['text'])
    save(page)
    seen['experience_state'] = page.inner_text(
        '.o_statusbar_status .btn-primary').strip()
    seen['secretary_buttons'] = texts(
        page, '.o_statusbar_buttons button:visible')


def publish(page, data, folder, seen):
    open_menu(page, '典型经验')
    page.locator('.o_kanban_record', has_text=data['title']).first.click()
    page.wait_for_selector('.o_form_readonly')
    edit(page)
    pick(page, 'scope_id', data['committee'])
    save(page)
    button(page, '发布')
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text("%s")'
                           % '已发布')
    seen['published'] = page.inner_text(
        '.o_form_view .o_field_widget[name=scope_id]').strip()
    open_menu(page, '典型经验', '.o_kanban_record:has-text("%s")'
              % data['title'])
    seen['experiences'] = texts(page, '.o_kanban_record:not('
                                '.o_kanban_ghost)')
    shoot(page, folder, 'experiences_kanban.png')
    open_menu(page, '示范支部', '.o_kanban_record:has-text("%s")'
              % data['branch'])
    seen['models'] = texts(page, '.o_kanban_record:not(.o_kanban_ghost)')
    shoot(page, folder, 'model_branches_kanban.png')


def site_visit(page, data, folder, seen):
    open_menu(page, '现场观摩')
    new(page)
    page.fill('.o_field_widget[name=name]', data['visit'])
    pick(page, 'organization_id', data['committee'])
    fill_date(page, 'date', data['visit_date'])
    pick(page, 'host_id', data['branch'])
    for branch in data['attendees']:
        pick(page, 'attendee_ids', branch)
    page.fill('.o_field_widget[name=note]', data['note'])
    save(page)
    seen['attendees'] = texts(
        page, '.o_field_widget[name=attendee_ids] .badge')
    shoot(page, folder, 'site_visit.png', full_page=True)
    open_menu(page, '现场观摩')
    seen['visits'] = texts(page, '.o_list_view .o_data_row')


def main(base_url, officer, secretary, data, folder):
    data = json.loads(data)
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = None
        try:
            page = login(browser, base_url, officer,
                         'party_model_branch_action')
            name_model(page, data, folder, seen)
            page.close()
            page = login(browser, base_url, secretary,
                         'party_experience_action')
            write_experience(page, data, folder, seen)
            page.close()
            page = login(browser, base_url, officer,
                         'party_experience_action')
            publish(page, data, folder, seen)
            site_visit(page, data, folder, seen)
        except Exception:
            if page is not None:
                dump(page, folder, 'model_branch_error')
                sys.stderr.write(page.url + '\n' + json.dumps(
                    seen, ensure_ascii=False) + '\n')
            raise
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == '__main__':
    main(*sys.argv[1:6])
