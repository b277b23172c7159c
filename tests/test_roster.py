"""Real rosters in, real ledgers out: a roster as organization departments
keep it (Chinese headers, the values and date forms they write) imported
through Odoo's import as a secretary and as an officer, imported again to
update, refused cleanly per row; the members ledger as each role gets it."""
import datetime
import io
import os

import xlrd
import xlsxwriter

from odoo.exceptions import AccessError
from odoo.tools.translate import trans_load

from ..models.party_member import ID_CHECK_CHARS, ID_WEIGHTS
from .common import PartyCase

XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
HEADERS = ['序号', '姓名', '性别', '民族', '出生日期', '身份证号', '学历',
           '入党日期', '转正日期', '人员类别', '所在党支部', '联系电话']
OPTIONS = {'headers': True, 'quoting': '"', 'separator': ',',
           'encoding': 'utf-8'}
PO = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'i18n',
                  'zh_CN.po')


def id_number(first17):
    """A valid resident ID number (GB 11643): the 17 digits and their
    check character."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return first17 + ID_CHECK_CHARS[total % 11]


ID_ZHANG = id_number('11010519850312001')
ID_LI = id_number('11010519920701002')
ID_WANG = id_number('11010519900115002')
ID_ZHAO = id_number('11010519780520003')


def roster(rows):
    """An .xlsx roster: the headers, then the rows; a datetime.date cell
    is written as an Excel date."""
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {'in_memory': True})
    sheet = book.add_worksheet('党员名册')
    date = book.add_format({'num_format': 'yyyy/m/d'})
    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, header)
    for number, row in enumerate(rows, start=1):
        sheet.write_number(number, 0, number)
        for col, value in enumerate(row, start=1):
            if hasattr(value, 'year'):
                sheet.write_datetime(number, col, value, date)
            else:
                sheet.write_string(number, col, value)
    book.close()
    return stream.getvalue()


def ledger_rows(content):
    sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
    return sheet, [sheet.row_values(r) for r in range(sheet.nrows)]


class TestRoster(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestRoster, cls).setUpClass()
        cls.env['res.lang'].load_lang('zh_CN')
        trans_load(cls.env.cr, PO, 'zh_CN', verbose=False,
                   module_name='party_building')
        cls.env['ir.translation'].clear_caches()
        (cls.secretary | cls.officer).write({'lang': 'zh_CN'})
        cls.first_year = [
            ['张伟', '男', '汉族', '1985.03.12', ID_ZHANG, '大学本科',
             '2010年7月1日', '2011/7/1', '正式', 'Branch A1', '13800000001'],
            ['李娜', '女', '汉族', '1992-07-01', ID_LI, '研究生',
             '2019.06.30', '', '预备', 'Branch A1', '13800000002'],
            ['王芳', '女', '回族', datetime.date(1990, 1, 15),
             ID_WANG, '大学专科', '2015-07-01', '2016-07-01', '正式党员',
             'Group A1', '13800000003'],
        ]

    def importer(self, user, rows):
        # the web client sends the user's language
        Import = self.env['base_import.import'].sudo(user).with_context(
            lang=user.lang)
        return Import.create({
            'res_model': 'party.member', 'file': roster(rows),
            'file_name': 'roster.xlsx', 'file_type': XLSX})

    def import_roster(self, user, rows, dryrun=False):
        """Imports as the web client does: the columns as the preview
        matched them. Returns (messages, preview)."""
        wizard = self.importer(user, rows)
        preview = wizard.parse_preview(dict(OPTIONS))
        self.assertNotIn('error', preview, preview.get('error'))
        fields = ['/'.join(preview['matches'].get(i) or []) or False
                  for i in range(len(HEADERS))]
        return wizard.do(fields, dict(preview['options']),
                         dryrun=dryrun), preview

    def members(self):
        return self.env['party.member'].search(
            [('name', 'in', ['张伟', '李娜', '王芳', '赵强'])])

    def test_headers_mapped(self):
        expected = {'姓名': 'name', '性别': 'gender', '民族': 'ethnicity',
                    '出生日期': 'birth_date', '学历': 'education',
                    '入党日期': 'join_date', '转正日期': 'full_date',
                    '人员类别': 'status', '所在党支部': 'organization_id',
                    '联系电话': 'mobile'}
        for user, id_column in [(self.secretary, None),
                                (self.officer, ['id_number'])]:
            preview = self.importer(user, self.first_year).parse_preview(
                dict(OPTIONS))
            matches = {HEADERS[i]: m for i, m in preview['matches'].items()}
            for header, field in expected.items():
                self.assertEqual(matches[header], [field], header)
            # only officers may use ID numbers: the column stays unmapped
            self.assertEqual(matches['身份证号'], id_column)
            self.assertIsNone(matches['序号'])
            # 2010年7月1日 is offered the date field it was matched to
            self.assertIn('date', preview['headers_type'][7])

    def test_secretary_imports_then_updates(self):
        messages, __ = self.import_roster(self.secretary, self.first_year)
        self.assertEqual(messages, [])
        zhang, li, wang = [self.members().filtered(lambda m: m.name == n)
                           for n in ('张伟', '李娜', '王芳')]
        self.assertEqual((zhang.gender, zhang.education, zhang.status),
                         ('male', 'bachelor', 'full'))
        self.assertEqual((zhang.birth_date, zhang.join_date,
                          zhang.full_date),
                         ('1985-03-12', '2010-07-01', '2011-07-01'))
        self.assertEqual((li.status, li.education, li.full_date),
                         ('probationary', 'master', False))
        self.assertEqual((wang.birth_date, wang.education,
                          wang.organization_id, wang.ethnicity),
                         ('1990-01-15', 'college', self.group_a1, '回族'))
        self.assertFalse(zhang.sudo().id_number)

        # next year: same roster, a new phone number and degree
        second = [list(row) for row in self.first_year]
        second[1][5], second[1][10] = '博士研究生', '13900000002'
        messages, __ = self.import_roster(self.secretary, second)
        self.assertEqual(messages, [])
        self.assertEqual(len(self.members()), 3)
        self.assertEqual((li.mobile, li.education), ('13900000002', 'doctor'))

    def test_officer_matches_by_id_number(self):
        self.import_roster(self.secretary, self.first_year)
        rows = [list(row) for row in self.first_year] + [
            ['赵强', '男', '汉族', '1978/5/20', ID_ZHAO, '高中',
             '2000.07.01', '2001.07.01', '正式', 'Branch A2', '']]
        # first officer import: members without ID numbers are matched by
        # name in their branch and get their ID numbers
        messages, __ = self.import_roster(self.officer, rows)
        self.assertEqual(messages, [])
        members = self.members().sudo(self.officer)
        self.assertEqual(len(members), 4)
        self.assertEqual(sorted(members.mapped('id_number')),
                         sorted([ID_ZHANG, ID_LI, ID_WANG, ID_ZHAO]))
        # renamed: the ID number recognises the member
        rows[0][0] = '张伟强'
        messages, __ = self.import_roster(self.officer, rows)
        self.assertEqual(messages, [])
        zhang = self.env['party.member'].search(
            [('name', '=', '张伟强')])
        self.assertEqual(zhang.organization_id, self.branch_a1)
        self.assertEqual(len(self.members()), 3)
        # moved: refused, only a transfer of membership moves a member
        rows[0][9] = 'Branch A2'
        messages, __ = self.import_roster(self.officer, rows)
        self.assertEqual(len(messages), 1)
        self.assertIn('张伟强', messages[0]['message'])
        self.assertEqual(zhang.organization_id, self.branch_a1)

    def test_match_stays_in_scope(self):
        self.member_b1.write({'id_number': ID_ZHAO})
        rows = [['赵强', '男', '汉族', '1978/5/20', ID_ZHAO, '高中',
                 '2000.07.01', '2001.07.01', '正式', 'Branch A2', '']]
        messages, __ = self.import_roster(self.officer, rows)
        self.assertEqual(len(messages), 1)
        self.assertIn('管辖范围以外', messages[0]['message'])
        self.assertNotIn('Member B1', messages[0]['message'])
        self.assertEqual(self.member_b1.name, 'Member B1')
        self.assertFalse(self.members())

    def test_bad_values_refused_per_row(self):
        count = self.env['party.member'].search_count([])
        rows = [list(row) for row in self.first_year] + [
            ['错学历', '男', '汉族', '1980.01.01', '', '大学', '2000.07.01',
             '', '预备', 'Branch A1', ''],
            ['错日期', '男', '汉族', '1980年13月1日', '', '高中', '2000.07.01',
             '', '预备', 'Branch A1', ''],
            ['错类别', '男', '汉族', '1980.01.01', '', '高中', '2000.07.01',
             '', '荣誉党员', 'Branch A1', ''],
            ['将来', '男', '汉族', '1980.01.01', '', '高中', '2099.07.01',
             '', '预备', 'Branch A1', ''],
            ['外支部', '男', '汉族', '1980.01.01', '', '高中', '2000.07.01',
             '', '预备', 'Branch B1', ''],
        ]
        messages, __ = self.import_roster(self.secretary, rows)
        by_row = {m['rows']['from']: m for m in messages}
        # one message per row: the unknown branch is not "missing" too
        self.assertEqual(sorted(by_row), [3, 4, 5, 6, 7], messages)
        self.assertEqual(len(messages), 5, messages)
        self.assertEqual(by_row[7]['field'], 'organization_id')
        self.assertEqual(by_row[3]['field'], 'education')
        self.assertIn('学历：“大学”不是可用的值', by_row[3]['message'])
        self.assertIn('大学本科', by_row[3]['message'])
        self.assertEqual(by_row[4]['field'], 'birth_date')
        self.assertIn('1992年7月1日', by_row[4]['message'])
        self.assertIn('正式党员', by_row[5]['message'])
        self.assertEqual(
            by_row[6]['message'],
            '党员将来：出生、入党申请、入党和转正日期不能晚于今天。')
        for message in messages:
            self.assertNotIn('<class', message['message'])
        # Odoo's own "resolve other errors first" is gone; the list of the
        # branches one may choose stays
        for row in (3, 4, 5, 6):
            self.assertNotIn('moreinfo', by_row[row])
        self.assertEqual(by_row[7]['moreinfo']['res_model'],
                         'party.organization')
        # nothing of the roster is imported, the good rows neither
        self.assertEqual(self.env['party.member'].search_count([]), count)

    def test_secretary_cannot_load_id_numbers(self):
        # called without a context, as the import screen does: the
        # user's language all the same
        result = self.env['party.member'].sudo(self.secretary).load(
            ['name', 'organization_id', 'id_number'],
            [['张伟', 'Branch A1', ID_ZHANG]])
        self.assertFalse(result['ids'])
        self.assertEqual(len(result['messages']), 1)
        self.assertIn('身份证号', result['messages'][0]['message'])
        self.assertNotIn('<class', result['messages'][0]['message'])

    def test_aliases_are_configuration(self):
        Alias = self.env['party.import.alias']
        with self.assertRefused(AccessError):
            Alias.sudo(self.secretary).create(
                {'name': '本科毕业', 'target': 'education.bachelor'})
        Alias.sudo(self.manager).create(
            {'name': '本科毕业', 'target': 'education.bachelor'})
        with self.assertRefused(Exception, '已表示其他含义'):
            Alias.sudo(self.manager.id).with_context(lang='zh_CN').create(
                {'name': '本科 毕业', 'target': 'education.master'})
        rows = [list(self.first_year[0])]
        rows[0][5] = '本科毕业'
        messages, __ = self.import_roster(self.secretary, rows)
        self.assertEqual(messages, [])
        self.assertEqual(self.members().education, 'bachelor')

    def render_ledger(self, user, ids=None):
        report = self.env.ref('party_building.party_member_ledger_report')
        content, kind = report.sudo(user).with_context(
            lang='zh_CN').render_xlsx(ids, data=None)
        self.assertEqual(kind, 'xlsx')
        return ledger_rows(content)

    def test_ledger(self):
        self.import_roster(self.officer, self.first_year)
        sheet, rows = self.render_ledger(self.secretary)
        self.assertEqual(rows[0][0], '党员名册')
        self.assertEqual(rows[2], ['序号', '姓名', '性别', '民族', '出生日期',
                                   '学历', '入党日期', '转正日期', '人员类别',
                                   '所在党组织', '联系电话'])
        names = [row[1] for row in rows[3:]]
        # the secretary's branch and its party group, nobody else
        self.assertEqual(sorted(names),
                         sorted(['张伟', '李娜', '王芳', 'Member A1',
                                 'Member G1']))
        zhang = rows[3 + names.index('张伟')]
        self.assertEqual(zhang[2], '男')
        self.assertEqual(zhang[5], '本科')
        self.assertEqual(zhang[8], '正式党员')
        self.assertEqual(zhang[9], 'Branch A1')
        self.assertEqual(sheet.cell_type(3 + names.index('张伟'), 4),
                         xlrd.XL_CELL_DATE)
        self.assertEqual(xlrd.xldate.xldate_as_tuple(zhang[4], 0)[:3],
                         (1985, 3, 12))

        sheet, rows = self.render_ledger(self.officer)
        self.assertEqual(rows[2][5], '身份证号')
        names = [row[1] for row in rows[3:]]
        self.assertIn('Member A2', names)
        self.assertNotIn('Member B1', names)
        self.assertEqual(rows[3 + names.index('张伟')][5], ID_ZHANG)

        # printed for a selection: those members only, in scope only
        sheet, rows = self.render_ledger(self.secretary,
                                         [self.member_a1.id])
        self.assertEqual([row[1] for row in rows[3:]], ['Member A1'])
        with self.assertRefused(AccessError):
            self.render_ledger(self.secretary, [self.member_b1.id])


class TestExportLabels(PartyCase):

    def test_mail_field_labels_in_chinese(self):
        self.env['res.lang'].load_lang('zh_CN')
        self.env['ir.translation'].load_module_terms(['mail'], ['zh_CN'])
        self.secretary.lang = 'zh_CN'
        labels = self.env['party.member'].sudo(self.secretary).with_context(
            lang='zh_CN').fields_get(attributes=['string'])
        self.assertEqual(labels['message_follower_ids']['string'], '关注者')
        self.assertEqual(labels['activity_ids']['string'], '活动')
