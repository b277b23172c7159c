"""Screenshots of the backend for docs/, taken from a running `make run`:

    .venv-browser/bin/python docs/screenshots.py [BASE_URL]

Logs in as the demo users (password = login) and saves PNGs beside this file.
"""
import os
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

HERE = os.path.dirname(os.path.abspath(__file__))
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
         '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync']

# (file, login, url, selector to wait for, optional click before the shot:
#  a selector, or (selector, selector to wait for after the click))
SHOTS = [
    ('organizations_list.png', 'officer',
     '/web#action=party_building.party_organization_action', '.o_data_row', None),
    ('organization_form.png', 'officer',
     '/web#action=party_building.party_organization_action', '.o_data_row',
     '.o_data_row:nth-child(3) td:nth-child(2)'),
    ('members_list_secretary.png', 'secretary',
     '/web#action=party_building.party_member_action', '.o_data_row', None),
    ('member_form_officer.png', 'officer',
     '/web#action=party_building.party_member_action', '.o_data_row',
     '.o_data_row:nth-child(1) td:nth-child(2)'),
    ('members_kanban.png', 'officer',
     '/web#action=party_building.party_member_action&view_type=kanban',
     '.o_kanban_record', None),
    ('setup_compliance.png', 'officer',
     '/web#action=party_building.party_organization_action_compliance',
     '.o_data_row', None),
    ('organization_committee.png', 'officer',
     '/web#action=party_building.party_organization_action',
     '.o_data_row', '.o_data_row:has-text("湘楚新材料有限公司党支部") td:nth-child(2)'),
    ('terms_timeline.png', 'manager',
     '/web#action=party_building.party_term_action&view_type=timeline',
     '.vis-item', None),
    ('rectification_form.png', 'officer',
     '/web#action=party_building.party_rectification_action', '.o_data_row',
     '.o_data_row:has-text("茶园村") td:nth-child(2)'),
    ('meetings_calendar.png', 'secretary',
     '/web#action=party_building.party_meeting_action', '.fc-event', None),
    ('meeting_form.png', 'secretary',
     '/web#action=party_building.party_meeting_action&view_type=list',
     '.o_data_row', '.o_data_row:has-text("党员大会") td:nth-child(3)'),
    ('compliance_matrix.png', 'officer',
     '/web#action=party_building.party_meeting_compliance_action',
     '.modal-footer .btn-primary', ('.modal-footer .btn-primary', '.o_pivot')),
    ('employee_form.png', 'secretary',
     '/web#action=hr.open_view_employee_list_my', '.o_kanban_record',
     '.o_kanban_record:has-text("唐佳倩")'),
    # the first screen of each demo login (its home action)
    ('first_screen_viewer.png', 'viewer', '/web', '.o_party_board_figure', None),
    ('first_screen_secretary.png', 'secretary', '/web', '.o_party_board_figure', None),
    ('first_screen_officer.png', 'officer', '/web', '.o_party_board_figure', None),
    ('first_screen_manager.png', 'manager', '/web', '.o_party_board_figure', None),
    # the audit trail (a change made by docs/audit_change.py beforehand)
    ('audit_trail.png', 'manager',
     '/web#action=party_building.auditlog_log_action_party', '.o_data_row',
     None),
    ('audit_record.png', 'manager',
     '/web#action=party_building.auditlog_log_action_party', '.o_data_row',
     '.o_data_row:nth-child(1) td:nth-child(2)'),
    ('term_form.png', 'officer',
     '/web#action=party_building.party_term_action', '.o_data_row',
     '.o_data_row:has-text("锦园") td:nth-child(2)'),
]


def login(browser, base_url, user, url, width=1366, height=800):
    """A new browser context logged in as the demo `user` (password =
    login), opening `url`: (context, page)."""
    context = browser.new_context(viewport={'width': width, 'height': height},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60000)
    page.goto(base_url + '/web/login?redirect=' + quote(url))
    page.fill('input[name=login]', user)
    page.fill('input[name=password]', user)
    page.click('button[type=submit]')
    return context, page


def main(base_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=FLAGS)
        for name, user, url, selector, click in SHOTS:
            context, page = login(browser, base_url, user, url)
            page.wait_for_selector(selector)
            if click:
                click, after = click if isinstance(click, tuple) \
                    else (click, '.o_form_view')
                page.click(click)
                page.wait_for_selector(after)
            page.wait_for_timeout(800)
            page.screenshot(path=os.path.join(HERE, name))
            context.close()
            print('saved', name)
        browser.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8069')
