"""Screenshots of the administration screens as the demo `manager` (a
party-building Manager without Odoo's Administration rights), taken from a
running `make run`:

    .venv-browser/bin/python docs/admin_screenshots.py [BASE_URL]
"""
import os
import sys

from playwright.sync_api import sync_playwright

from screenshots import FLAGS, HERE, login

# (file, url, selector to wait for, steps: (selector to click, selector to
# wait for after it))
SHOTS = [
    ('settings_manager.png',
     '/web#action=party_building.res_config_settings_action',
     '.o_form_view .o_field_integer', []),
    ('users_scopes_manager.png',
     '/web#action=party_building.res_users_action_party_scope',
     '.o_data_row', []),
    ('user_role_wizard.png',
     '/web#action=party_building.res_users_action_party_scope',
     '.o_data_row', [
         ('.o_data_row:has-text("secretary") td:nth-child(2)', '.o_form_view'),
         ('.o_form_statusbar button:has-text("调整角色与管辖范围")',
          '.modal .o_form_view')]),
    ('member_create_login.png',
     '/web#action=party_building.party_member_action&view_type=list',
     '.o_data_row', [
         ('.o_data_row:nth-child(2) td:nth-child(2)', '.o_form_view'),
         ('.o_form_statusbar button:has-text("创建登录账号")',
          '.modal .o_form_view')]),
    ('organization_responsible.png',
     '/web#action=party_building.party_organization_action',
     '.o_data_row', [
         ('.o_data_row:has-text("湘楚新材料有限公司党支部") td:nth-child(2)',
          '.o_form_view'),
         ('.oe_stat_button:has-text("负责人员")', '.o_list_view')]),
]


def main(base_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=FLAGS)
        for name, url, selector, steps in SHOTS:
            context, page = login(browser, base_url, 'manager', url)
            page.wait_for_selector(selector)
            for click, after in steps:
                page.wait_for_timeout(500)
                page.click(click)
                page.wait_for_selector(after)
            page.wait_for_timeout(1000)
            page.screenshot(path=os.path.join(HERE, name))
            context.close()
            print('saved', name)
        browser.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8069')
