"""Screenshots of the roster import and the members ledger, taken from a
running demo server:

    .venv-browser/bin/python docs/roster_screenshots.py [BASE_URL]

The secretary imports a roster written as branches keep them (Chinese
headers, 正式/预备, 大学本科, dates as 1992.07.01 or 1992年7月1日); the
officer downloads the members ledger, which is drawn as a sheet (with the
Odoo virtualenv's xlrd) for the picture.
"""
import os
import subprocess
import sys

from playwright.sync_api import sync_playwright

from screenshots import FLAGS, HERE, login

ROOT = os.path.dirname(HERE)
BRANCH = '怀化湘楚新材料有限公司党支部'
ROSTER = '\n'.join([
    '序号,姓名,性别,民族,出生日期,身份证号,学历,入党日期,转正日期,人员类别,所在党支部,联系电话',
    '1,周建国,男,汉族,1985.03.12,,大学本科,2010年7月1日,2011/7/1,正式,%s,13800000001',
    '2,陈思雨,女,汉族,1996-07-01,,研究生,2024.06.30,,预备,%s,13800000002',
    '3,刘海燕,女,回族,1990/1/15,,大学专科,2015-07-01,2016-07-01,正式党员,%s,13800000003',
]) % (BRANCH, BRANCH, BRANCH) + '\n'
# Drawn with the Odoo virtualenv, which has xlrd.
SHEET_TO_HTML = r'''
import html, sys, xlrd
book = xlrd.open_workbook(sys.argv[1])
sheet = book.sheet_by_index(0)
out = ['<html><body style="font-family: Noto Sans CJK SC; font-size: 13px">',
       '<table style="border-collapse: collapse">']
for r in range(sheet.nrows):
    cells = []
    for c in range(sheet.ncols):
        value = sheet.cell_value(r, c)
        if sheet.cell_type(r, c) == xlrd.XL_CELL_DATE:
            value = '%04d-%02d-%02d' % xlrd.xldate_as_tuple(value, 0)[:3]
        elif isinstance(value, float):
            value = '%d' % value
        style = 'border: 1px solid #bbb; padding: 3px 8px'
        if r == 0:
            style = 'font-size: 18px; font-weight: bold; padding: 6px'
        elif r == 1:
            style = 'padding: 3px 8px; color: #555'
        elif r == 2:
            style += '; font-weight: bold; background: #f2f2f2'
        if r < 2 and c:
            continue
        span = ' colspan="%d"' % sheet.ncols if r < 2 else ''
        cells.append('<td style="%s"%s>%s</td>'
                     % (style, span, html.escape(str(value))))
    out.append('<tr>%s</tr>' % ''.join(cells))
out.append('</table></body></html>')
print('\n'.join(out))
'''


def main(base_url):
    roster = '/tmp/party_roster.csv'
    with open(roster, 'w', encoding='utf-8') as handle:
        handle.write(ROSTER)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=FLAGS)
        # the import preview: every header mapped by itself
        context, page = login(browser, base_url, 'secretary',
                              '/web#model=party.member&action=import',
                              width=2100)
        page.wait_for_selector('input.oe_import_file', state='attached')
        page.set_input_files('input.oe_import_file', roster)
        page.wait_for_selector('.oe_import_grid')
        page.wait_for_timeout(1000)
        page.screenshot(path=os.path.join(HERE, 'roster_import_preview.png'))
        print('saved roster_import_preview.png')
        page.click('button:has-text("测试导入")')
        page.wait_for_timeout(2500)
        page.screenshot(path=os.path.join(HERE, 'roster_import_checked.png'))
        print('saved roster_import_checked.png')
        context.close()

        # the ledger, as an officer downloads it from the menu
        context, page = login(
            browser, base_url, 'officer',
            '/web#action=party_building.party_member_action')
        page.wait_for_selector('.o_data_row')
        page.click('.navbar a:has-text("党建")')
        page.wait_for_selector('.o_sub_menu a:has-text("党员名册")')
        page.screenshot(path=os.path.join(HERE, 'members_ledger_menu.png'))
        print('saved members_ledger_menu.png')
        with page.expect_download() as download:
            page.click('.o_sub_menu a:has-text("党员名册")')
        ledger = '/tmp/party_members_ledger.xlsx'
        download.value.save_as(ledger)
        context.close()
        sheet = subprocess.check_output(
            [os.path.join(ROOT, '.venv', 'bin', 'python'), '-c',
             SHEET_TO_HTML, ledger]).decode('utf-8')
        page = browser.new_page(viewport={'width': 1366, 'height': 800})
        page.set_content(sheet)
        page.screenshot(path=os.path.join(HERE, 'members_ledger.png'))
        print('saved members_ledger.png')
        browser.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8069')
