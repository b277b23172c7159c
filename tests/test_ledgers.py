"""Spreadsheet ledgers (台账): each one generated as the least privileged
user who may have it, opened with xlrd and checked cell by cell on
constructed data, in zh_CN: headers, dates as dates, rates as percents,
the user's scope (a selection outside it refused over the report call),
an empty ledger refused, ID numbers for officers only; the members ledger
streamed in chunks with a fixed number of queries per chunk."""
import io
import os
import zipfile
from datetime import date
from unittest.mock import patch

import requests
import xlrd

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HttpCase
from odoo.tools.translate import trans_load

from ..reports import party_common_ledger
from .common import NO_TRACKING
from .test_browser import ensure_http_server
from .test_meetings import MeetingCase
from .test_roster import id_number

I18N = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'i18n')
MEMBER_LEDGER = 'party_building.party_member_ledger_report'
MEETING_LEDGER = 'party_building.party_meeting_ledger_report'
COMPLIANCE_LEDGER = 'party_building.party_compliance_ledger_report'
TERM_LEDGER = 'party_building.party_term_ledger_report'
RECTIFICATION_LEDGER = 'party_building.party_rectification_ledger_report'
ID_FULL0 = id_number('11010519800101001')


def as_date(value):
    return date(*xlrd.xldate.xldate_as_tuple(value, 0)[:3])


class LedgerCase(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super(LedgerCase, cls).setUpClass()
        cls.env['res.lang'].load_lang('zh_CN')
        trans_load(cls.env.cr, os.path.join(I18N, 'zh_CN.po'), 'zh_CN',
                   verbose=False, module_name='party_building')
        cls.env['ir.translation'].clear_caches()
        users = cls.viewer | cls.secretary | cls.officer | cls.nobody
        users.write({'lang': 'zh_CN'})
        cls.full[0].id_number = ID_FULL0

    def render(self, xmlid, user, ids=None, data=None):
        """(sheets, rows of the first sheet, file) of the ledger as `user`
        asks for it over the report call."""
        report = self.env.ref(xmlid)
        content, kind = report.sudo(user).with_context(
            lang='zh_CN').render_xlsx(ids, data=data)
        self.assertEqual(kind, 'xlsx')
        book = xlrd.open_workbook(file_contents=content)
        sheet = book.sheet_by_index(0)
        rows = [sheet.row_values(r) for r in range(sheet.nrows)]
        return book, rows, content

    def assertLayout(self, book, title, headers):
        sheet = book.sheet_by_index(0)
        self.assertEqual(sheet.cell_value(0, 0), title)
        self.assertEqual(sheet.row_values(2), headers)
        # title and printed-on line merged over the columns
        self.assertIn((0, 1, 0, len(headers)), sheet.merged_cells)
        self.assertIn((1, 2, 0, len(headers)), sheet.merged_cells)

    def assertDate(self, book, row, col, expected):
        sheet = book.sheet_by_index(0)
        self.assertEqual(sheet.cell_type(row, col), xlrd.XL_CELL_DATE,
                         (row, col))
        self.assertEqual(as_date(sheet.cell_value(row, col)), expected)

    def all_cells(self, book):
        return [str(value) for sheet in book.sheets()
                for r in range(sheet.nrows) for value in sheet.row_values(r)]


class TestMemberLedger(LedgerCase):

    HEADERS = ['序号', '姓名', '性别', '民族', '出生日期', '学历', '入党日期',
               '转正日期', '人员类别', '所在党组织', '联系电话']

    def test_secretary_and_viewer_without_id_numbers(self):
        self.full[0].write({'birth_date': '1980-01-01', 'gender': 'male'})
        for user in (self.secretary, self.viewer):
            book, rows, content = self.render(MEMBER_LEDGER, user)
            self.assertLayout(book, '党员名册', self.HEADERS)
            self.assertNotIn(ID_FULL0, self.all_cells(book))
            # streamed: inline strings, no shared string table in memory
            self.assertNotIn('xl/sharedStrings.xml',
                             zipfile.ZipFile(io.BytesIO(content)).namelist())
        book, rows, __ = self.render(MEMBER_LEDGER, self.secretary)
        names = [row[1] for row in rows[3:]]
        # the secretary's two branches and the party group, in tree order
        # then by name; nobody of Branch A2 or City B
        self.assertEqual(names, [
            'Member A1', 'Member G1', 'Full 0', 'Full 1', 'Full 2',
            'Full 3', 'Probationary'])
        self.assertEqual([row[0] for row in rows[3:]],
                         [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
        full0 = rows[3 + names.index('Full 0')]
        self.assertEqual(full0[2], '男')
        self.assertEqual(full0[8], '正式党员')
        self.assertEqual(full0[9], 'Meeting Branch')
        self.assertDate(book, 3 + names.index('Full 0'), 4, date(1980, 1, 1))
        self.assertDate(book, 3 + names.index('Full 0'), 6, date(2010, 1, 1))
        self.assertIn('共7名党员', rows[1][0])

    def test_officer_gets_id_numbers(self):
        book, rows, __ = self.render(MEMBER_LEDGER, self.officer,
                                     self.full[:2].ids)
        self.assertEqual(rows[2][5], '身份证号')
        self.assertEqual([row[1] for row in rows[3:]], ['Full 0', 'Full 1'])
        self.assertEqual(rows[3][5], ID_FULL0)

    def test_out_of_scope_and_empty(self):
        with self.assertRefused(AccessError):
            self.render(MEMBER_LEDGER, self.secretary,
                        (self.full[0] | self.member_b1).ids)
        with self.assertRefused(UserError, '没有可列入台账的党员'):
            self.render(MEMBER_LEDGER, self.nobody)

    def test_chunks_and_sheets(self):
        """Several chunks and, past Excel's last row (made small here),
        several sheets, each with its title and headers, rows in order."""
        branch = self.make_org('Chunk Branch', 'branch', self.city_a)
        for i in range(30):
            self.make_member('Chunk %02d' % i, branch)
        model = type(self.env['report.party_building.member_ledger'])
        with patch.object(model, '_ledger_chunk', 7), \
                patch.object(party_common_ledger, 'EXCEL_ROWS', 13):
            book, rows, __ = self.render(MEMBER_LEDGER, self.officer,
                                         self.env['party.member'].search(
                                             [('organization_id', '=',
                                               branch.id)]).ids)
        self.assertEqual(book.nsheets, 3)
        names, numbers = [], []
        for sheet in book.sheets():
            self.assertEqual(sheet.cell_value(0, 0), '党员名册')
            self.assertEqual(sheet.cell_value(2, 1), '姓名')
            names += [sheet.cell_value(r, 1) for r in range(3, sheet.nrows)]
            numbers += [sheet.cell_value(r, 0) for r in range(3, sheet.nrows)]
        self.assertEqual(names, ['Chunk %02d' % i for i in range(30)])
        self.assertEqual(numbers, [float(i) for i in range(1, 31)])
        self.assertEqual([s.name for s in book.sheets()],
                         ['党员名册', '党员名册 (2)', '党员名册 (3)'])

    def test_queries_do_not_grow_with_members(self):
        branch = self.make_org('Count Branch', 'branch', self.city_a)
        few = [self.make_member('Few %d' % i, branch).id for i in range(3)]
        many = few + [self.make_member('Many %d' % i, branch).id
                      for i in range(27)]
        model = type(self.env['report.party_building.member_ledger'])
        counts = {}
        with patch.object(model, '_ledger_chunk', 10):
            self.render(MEMBER_LEDGER, self.officer, few)  # warm the caches
            for key, ids, chunk in (('3', few, 10), ('30', many, 100),
                                    ('30 in 3 chunks', many, 10)):
                with patch.object(model, '_ledger_chunk', chunk):
                    with self.count_queries() as count:
                        book, rows, __ = self.render(MEMBER_LEDGER,
                                                     self.officer, ids)
                self.assertEqual(len(rows) - 3, len(ids))
                counts[key] = count[0]
        self.assertEqual(counts['3'], counts['30'], counts)
        # a chunk costs a fixed number of queries (its read)
        per_chunk = (counts['30 in 3 chunks'] - counts['30']) / 2.0
        self.assertLessEqual(per_chunk, 4, counts)


class TestMeetingLedger(LedgerCase):

    def test_meetings_with_attendance(self):
        meeting = self.meeting(self.theme_day, '2024-05-01 02:00:00',
                               place='Room 1')
        meeting.set_attendance(self.full[:2].ids,
                               {self.full[2].id: 'Ill'})
        meeting.action_held()
        later = self.meeting(self.theme_day, '2024-06-03 02:00:00')
        elsewhere = self.meeting(self.theme_day, '2024-05-02 02:00:00',
                                 org=self.branch_b1)
        book, rows, __ = self.render(MEETING_LEDGER, self.secretary)
        self.assertLayout(book, '会议及出勤台账', [
            '序号', '会议日期', '党组织', '会议类型', '主题', '地点', '主持人',
            '记录人', '状态', '应到人数', '实到人数', '缺席人数（含请假）',
            '出勤率', '缺席人员及原因'])
        self.assertEqual(len(rows), 5)  # the two of the secretary's scope
        first = rows[3]
        self.assertEqual(first[2:6], ['Meeting Branch', self.theme_day.with_context(
            lang='zh_CN').name, 'Meeting', 'Room 1'])
        self.assertEqual(first[8], '已召开')
        self.assertEqual(first[9:13], [5.0, 2.0, 3.0, 0.4])
        self.assertEqual(
            first[13], 'Full 3（缺席：未说明原因）；'
                       'Probationary（缺席：未说明原因）；Full 2（请假：Ill）')
        self.assertDate(book, 3, 1, date(2024, 5, 1))
        self.assertDate(book, 4, 1, date(2024, 6, 3))
        # planned: expected, and no attendance yet
        self.assertEqual(rows[4][8:14], ['筹备中', 5.0, '', '', '', ''])
        self.assertEqual(book.sheet_by_index(0).cell_value(3, 12), 0.4)
        # out of scope over the report call, and nothing to print
        with self.assertRefused(AccessError):
            self.render(MEETING_LEDGER, self.secretary,
                        (later | elsewhere).ids)
        with self.assertRefused(UserError, '没有可列入台账的会议'):
            self.render(MEETING_LEDGER, self.nobody)


class TestComplianceLedger(LedgerCase):

    def test_matrix_of_a_period(self):
        self.held(self.theme_day, '2024-05-10 02:00:00')
        report = self.env['party.meeting.compliance'].sudo(
            self.viewer).with_context(lang='zh_CN').create({
                'period': 'month', 'date': '2024-05-15',
                'organization_id': self.branch.id})
        action = report.action_ledger_xlsx()
        self.assertEqual(action['report_type'], 'xlsx')
        ids = action['context']['active_ids']
        self.assertEqual(sorted(ids), sorted(report.line_ids.ids))
        book, rows, __ = self.render(COMPLIANCE_LEDGER, self.viewer, ids)
        self.assertLayout(
            book, '组织生活（2024-05-01至2024-05-31）：Meeting Branch', [
                '序号', '片区或组织', '层级', '会议类型', '起始日期',
                '结束日期', '统计组织数', '达标组织数', '达标率', '应开次数',
                '已召开', '缺少', '出勤率'])
        theme = self.theme_day.with_context(lang='zh_CN').name
        by_type = {row[3]: (number, row) for number, row
                   in enumerate(rows[3:], start=3)}
        number, row = by_type[theme]
        self.assertEqual(row[1:3], ['Meeting Branch', '党组织'])
        self.assertEqual(row[6:13], [1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0])
        self.assertDate(book, number, 4, date(2024, 5, 1))
        self.assertDate(book, number, 5, date(2024, 5, 31))
        self.assertEqual(len(rows) - 3, len(ids))
        # another user's matrix, over the report call: refused
        with self.assertRefused(AccessError):
            self.render(COMPLIANCE_LEDGER, self.secretary, ids)
        with self.assertRefused(UserError, '没有可列入台账'):
            self.render(COMPLIANCE_LEDGER, self.viewer)

    def test_nothing_required(self):
        report = self.env['party.meeting.compliance'].sudo(
            self.nobody).with_context(lang='zh_CN').create({
                'period': 'month', 'date': '2024-05-15'})
        with self.assertRefused(UserError, '没有可下载的台账'):
            report.action_ledger_xlsx()


class TestTermLedger(LedgerCase):

    def test_terms_and_expiry(self):
        Term = self.env['party.term']
        old = Term.create({'organization_id': self.branch.id,
                           'start_date': '2018-01-01',
                           'election_date': '2017-12-20'})
        old.action_start()
        current = Term.create({'organization_id': self.branch.id,
                               'start_date': '2021-01-01'})
        current.action_start()  # ends the old one
        elsewhere = Term.create({'organization_id': self.branch_b1.id,
                                 'start_date': '2021-01-01'})
        book, rows, __ = self.render(TERM_LEDGER, self.viewer,
                                     data={'date': '2024-06-30'})
        self.assertLayout(book, '任期届满台账', [
            '序号', '党组织', '届次', '选举日期', '开始日期', '任期（年）',
            '计划届满日期', '延期至', '延期批复文号', '实际结束日期',
            '届满日期(含延期)', '状态', '距届满天数'])
        self.assertEqual([row[1] for row in rows[3:]],
                         ['Meeting Branch', 'Meeting Branch'])
        latest, first = rows[3], rows[4]
        self.assertEqual((latest[2], latest[11]),
                         ('第%d届' % current.number, '本届'))
        end = current.effective_end_date
        self.assertEqual(latest[12],
                         float((as_date_str(end) - date(2024, 6, 30)).days))
        self.assertDate(book, 3, 4, date(2021, 1, 1))
        self.assertDate(book, 3, 10, as_date_str(end))
        self.assertEqual((first[11], first[12]), ('已结束', ''))
        self.assertDate(book, 4, 3, date(2017, 12, 20))
        with self.assertRefused(AccessError):
            self.render(TERM_LEDGER, self.viewer, (current | elsewhere).ids)
        with self.assertRefused(UserError, '没有可列入台账的届期'):
            self.render(TERM_LEDGER, self.nobody)


def as_date_str(value):
    return date(*map(int, value.split('-')))


class TestRectificationLedger(LedgerCase):

    def test_rectifications(self):
        Case = self.env['party.rectification']
        case = Case.create({'organization_id': self.branch.id,
                            'reason': '长期不开展组织生活',
                            'flag_date': '2024-03-01'})
        self.env['party.task'].create({'name': '补开组织生活会',
                                       'rectification_id': case.id,
                                       'organization_id': self.branch.id})
        elsewhere = Case.create({'organization_id': self.branch_b1.id,
                                 'reason': 'Elsewhere',
                                 'flag_date': '2024-03-02'})
        book, rows, __ = self.render(RECTIFICATION_LEDGER, self.viewer)
        self.assertLayout(book, '软弱涣散基层党组织整顿台账', [
            '序号', '党组织', '认定日期', '认定依据', '认定原因', '状态',
            '任务数', '验收意见', '销号人', '销号日期'])
        self.assertEqual(rows[3:], [[
            1.0, 'Meeting Branch', rows[3][2], '组织干部认定', '长期不开展组织生活',
            '已认定', 1.0, '', '', '']])
        self.assertDate(book, 3, 2, date(2024, 3, 1))
        with self.assertRefused(AccessError):
            self.render(RECTIFICATION_LEDGER, self.viewer,
                        (case | elsewhere).ids)
        with self.assertRefused(UserError, '没有可列入台账的整顿记录'):
            self.render(RECTIFICATION_LEDGER, self.nobody)


class TestLedgerDownload(HttpCase):
    """The ledgers as the web client downloads them (report_xlsx's
    /report/xlsx route), as a secretary: the scope, and ids outside it
    refused by the server."""

    def setUp(self):
        super(TestLedgerDownload, self).setUp()
        ensure_http_server()
        # the requests run on the registry's test cursor
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        Org = env['party.organization']
        city = Org.create({'name': 'Download City', 'kind': 'committee'})
        branch = Org.create({'name': 'Download Branch', 'kind': 'branch',
                             'parent_id': city.id})
        sibling = Org.create({'name': 'Download Sibling', 'kind': 'branch',
                              'parent_id': city.id})
        Member = env['party.member']
        self.mine = Member.create({'name': 'Download Mine',
                                   'organization_id': branch.id,
                                   'id_number': ID_FULL0})
        self.other = Member.create({'name': 'Download Other',
                                    'organization_id': sibling.id})
        env['res.users'].create({
            'name': 'Download Secretary', 'login': 'download_secretary',
            'password': 'download_secretary',
            'email': 'download_secretary@example.com',
            'groups_id': [(6, 0, [
                env.ref('base.group_user').id,
                env.ref('party_building.group_secretary').id])],
            'party_organization_ids': [(6, 0, [branch.id])]})
        # logged in as the web client does (HttpCase.authenticate reads the
        # user on another cursor than the server's)
        self.session = requests.Session()
        response = self.session.post(self.url('/web/session/authenticate'),
                                     json={'params': {
                                         'db': self.env.cr.dbname,
                                         'login': 'download_secretary',
                                         'password': 'download_secretary'}},
                                     timeout=60)
        self.assertTrue(response.json()['result']['uid'])

    def url(self, path):
        return 'http://127.0.0.1:%d%s' % (odoo.tools.config['http_port'],
                                          path)

    def download(self, path):
        return self.session.get(self.url(path), timeout=60)

    def test_download(self):
        response = self.download('/report/xlsx/party_building.member_ledger')
        self.assertEqual(response.status_code, 200)
        self.assertIn('spreadsheetml', response.headers['Content-Type'])
        sheet = xlrd.open_workbook(
            file_contents=response.content).sheet_by_index(0)
        names = [sheet.cell_value(r, 1) for r in range(3, sheet.nrows)]
        self.assertEqual(names, ['Download Mine'])
        self.assertNotIn('ID Number', sheet.row_values(2))
        # an id outside the scope, typed into the URL: no spreadsheet
        response = self.download(
            '/report/xlsx/party_building.member_ledger/%d' % self.other.id)
        self.assertNotIn('spreadsheetml',
                         response.headers.get('Content-Type', ''))
        self.assertNotIn(b'Download Other', response.content)
