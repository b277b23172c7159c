"""A committee's officer opens a goal and its wall chart (挂图作战) in
Debian's Chromium, in Chinese; prints the legend of the chart as JSON.
Run with the Playwright virtualenv:

    goal_chart.py BASE_URL LOGIN PASSWORD GOAL SHOT_GOAL SHOT_CHART
"""
import json
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from members_page import CHROMIUM_FLAGS


def main(base_url, login, password, goal, shot_goal, shot_chart):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 800})
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_goal_action'
                '&view_type=list'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.locator('.o_list_view .o_data_row',
                         has_text=goal).first.click()
            page.wait_for_selector('.o_form_readonly')
            page.wait_for_selector('.o_loading', state='hidden')
            page.screenshot(path=shot_goal, full_page=True)
            page.click('.oe_button_box button:has-text("挂图作战")')
            page.wait_for_selector('.o_graph svg .nv-line')
            page.wait_for_selector('.o_loading', state='hidden')
            page.wait_for_timeout(1000)  # the chart's transitions
            legend = page.eval_on_selector_all(
                '.o_graph .nv-legend-text',
                'items => items.map(i => i.textContent.trim())')
            page.screenshot(path=shot_chart, full_page=False)
        except Exception:
            page.screenshot(path=shot_chart.replace('.png', '.error.png'))
            sys.stderr.write(page.url + '\n')
            raise
        browser.close()
    print(json.dumps({'legend': legend}))


if __name__ == '__main__':
    main(*sys.argv[1:7])
