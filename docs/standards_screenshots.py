"""Screenshots of the quality standards (issue 10), from a running demo, as
the demo manager, in Chinese: the seeded standard's form, one of its
sections and one criterion with its levels.

    .venv-browser/bin/python docs/standards_screenshots.py [BASE_URL]
"""
import os
import sys

from playwright.sync_api import sync_playwright

from screenshots import FLAGS, HERE, login


def shot(page, name):
    page.wait_for_timeout(800)
    page.screenshot(path=os.path.join(HERE, name))
    print('saved', name)


def standard(browser, base_url):
    context, page = login(browser, base_url, 'manager',
                          '/web#action=party_building.party_standard_action')
    page.wait_for_selector('.o_data_row')
    page.click('.o_data_row:has-text("2019") td:nth-child(2)')
    page.wait_for_selector('.o_form_view .o_field_one2many[name=section_ids]')
    shot(page, 'standard_form.png')
    page.click('.o_field_one2many[name=section_ids] .o_data_row:nth-child(1) '
               'td:nth-child(2)')
    page.wait_for_selector('.modal .o_field_one2many[name=criterion_ids]')
    shot(page, 'standard_section.png')
    page.click('.modal .o_field_one2many[name=criterion_ids] '
               '.o_data_row:nth-child(2) td:nth-child(3)')
    page.wait_for_selector('.modal .o_field_one2many[name=level_ids]')
    shot(page, 'standard_criterion.png')
    context.close()


def main(base_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=FLAGS)
        standard(browser, base_url)
        browser.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8069')
