"""A branch secretary generates the branch's task list and marks a task
done, in Debian's Chromium, in Chinese: opens the branch from
Organizations, uses "Generate Task List", lands on the kanban by state,
opens a task and marks it done. Prints what the screens showed as JSON.
Run with the Playwright virtualenv:

    task_list.py BASE_URL LOGIN PASSWORD BRANCH TASK SHOT_KANBAN SHOT_TASK
"""
import json
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS


def main(base_url, login, password, branch, task, shot_kanban, shot_task):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 900})
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_organization_action'
                '&view_type=list'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.locator('.o_list_view .o_data_row',
                         has_text=branch).first.click()
            page.wait_for_selector('.o_form_readonly')
            page.click('.oe_button_box button:has-text("生成任务清单")')
            page.wait_for_selector('.modal .o_form_view')
            page.click('.modal-footer button:has-text("生成")')
            page.wait_for_selector('.o_kanban_view .o_kanban_record')
            page.wait_for_selector('.o_loading', state='hidden')
            columns = page.eval_on_selector_all(
                '.o_kanban_group .o_column_title',
                'titles => titles.map(t => t.innerText.trim())')
            cards = page.locator('.o_kanban_view .o_kanban_record').count()
            page.screenshot(path=shot_kanban, full_page=False)
            page.locator('.o_kanban_record', has_text=task).first.click()
            page.wait_for_selector('.o_form_readonly')
            page.click('.o_statusbar_buttons button:has-text("标记完成")')
            page.wait_for_selector(
                '.o_statusbar_status .btn-primary:has-text("完成")')
            page.wait_for_selector('.o_loading', state='hidden')
            done_on = page.inner_text('.o_field_widget[name=done_date]')
            page.screenshot(path=shot_task, full_page=True)
        except Exception:
            page.screenshot(path=shot_task.replace('.png', '.error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps({'columns': columns, 'cards': cards,
                      'done_on': done_on.strip()}))


if __name__ == '__main__':
    main(*sys.argv[1:8])
