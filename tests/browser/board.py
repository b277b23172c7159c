"""Logs in to Odoo in Debian's Chromium, opens the board, reports the
figures it shows, takes a screenshot, then clicks one figure and reports
the records listed, as JSON on stdout. Run with the Playwright virtualenv:

    board.py BASE_URL LOGIN PASSWORD SCREENSHOT WIDTH HEIGHT SECTION KEY
"""
import json
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu',
                  '--disable-quic', '--no-first-run',
                  '--disable-background-networking',
                  '--disable-component-update', '--disable-sync']

FIGURES_JS = """figures => figures.map(f => ({
    section: f.dataset.section, key: f.dataset.key,
    part: f.dataset.part || null,
    value: (f.querySelector('.o_party_board_value') || {}).innerText || null,
    percent: (f.querySelector('.o_party_board_percent') || {}).innerText
             || null,
    label: (f.querySelector('.o_party_board_label') || {}).innerText || null,
    visible: f.getBoundingClientRect().width > 0
}))"""


def main(base_url, login, password, screenshot, width, height, section,
         key):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={'width': int(width),
                                          'height': int(height)})
        page.set_default_timeout(120000)  # the first visit compiles assets
        try:
            page.goto(base_url + '/web/login?redirect=' + quote(
                '/web#action=party_building.party_board_action'))
            page.fill('input[name=login]', login)
            page.fill('input[name=password]', password)
            page.click('button[type=submit]')
            page.wait_for_selector('.o_party_board_figure')
            # the loading indicator gone
            page.wait_for_selector('.o_loading', state='hidden')
            title = page.eval_on_selector_all(
                '.o_party_board_title',
                'heads => heads.map(h => h.textContent.trim())')[-1]
            sections = page.eval_on_selector_all(
                '.o_party_board_section h3',
                'heads => heads.map(h => h.innerText.trim())')
            figures = page.eval_on_selector_all('.o_party_board_figure',
                                                FIGURES_JS)
            # the page's width must fit the screen (no sideways scroll)
            overflow = page.evaluate(
                "document.querySelector('.o_party_board').scrollWidth"
                " - document.querySelector('.o_party_board').clientWidth")
            page.screenshot(path=screenshot, full_page=True)
            page.click('.o_party_board_figure[data-section="%s"]'
                       '[data-key="%s"]:not([data-part])' % (section, key))
            # a list, or the kanban Odoo prefers on a phone
            page.wait_for_selector('.o_list_view, .o_kanban_view')
            page.wait_for_timeout(500)
            rows = page.eval_on_selector_all(
                '.o_list_view .o_data_row, .o_kanban_view '
                '.o_kanban_record:not(.o_kanban_ghost)',
                'rows => rows.map(r => r.innerText.trim())')
            breadcrumb = page.inner_text('.o_control_panel .breadcrumb')
            page.screenshot(path=screenshot.replace('.png', '_opened.png'))
        except Exception:
            page.screenshot(path=screenshot.replace('.png', '.error.png'))
            sys.stderr.write(page.url + '\n' + page.content()[:3000] + '\n')
            raise
        browser.close()
    print(json.dumps({'title': title, 'sections': sections,
                      'figures': figures, 'overflow': overflow,
                      'rows': rows, 'breadcrumb': breadcrumb.strip()}))


if __name__ == '__main__':
    main(*sys.argv[1:9])
