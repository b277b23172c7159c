"""The printed records (reports/party_records.py): the meeting record, the
member roster and the branch's basic information sheet, rendered for
real by wkhtmltopdf and read back with pdftotext, in Chinese, as the
least-privileged users who print them; refused outside the scope and for
an empty selection; ID numbers only in an officer's roster."""
import base64
import io
import os
import re
import shutil
import subprocess

from PIL import Image, ImageDraw

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HttpCase

from ..models.party_member import ID_CHECK_CHARS, ID_WEIGHTS
from . import test_assessment_report as assessment_report
from .common import NO_TRACKING
from .test_browser import SCREENSHOT_DIR, ensure_http_server

DOCS = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'docs')
# 锦园社区党支部: (name, gender, status, id number)
MEMBERS = (
    ('王秀英', 'female', 'full', '110101197001010021'),
    ('张伟', 'male', 'full', '110101198002020033'),
    ('李娜', 'female', 'full', '110101198503030044'),
    ('陈刚', 'male', 'full', '110101199004040055'),
    ('孙丽', 'female', 'probationary', '110101199505050066'),
)
MINUTES = ('<p>一、传达学习上级有关会议精神。</p>'
           '<p>二、讨论通过孙丽同志转为正式党员的有关事项。</p>')


def id_number_of(digits):
    """`digits` with the right check character (GB 11643-1999)."""
    total = sum(int(c) * w for c, w in zip(digits[:17], ID_WEIGHTS))
    return digits[:17] + ID_CHECK_CHARS[total % 11]


class TestRecordsReport(HttpCase):

    render = assessment_report.TestAssessmentReport.render
    assertLine = assessment_report.TestAssessmentReport.assertLine

    def setUp(self):
        super(TestRecordsReport, self).setUp()
        ensure_http_server()
        self.env = odoo.api.Environment(
            self.registry.test_cr, odoo.SUPERUSER_ID, dict(NO_TRACKING))
        self.data = assessment_report.Fixture(self.env)
        self.viewer = self.data._user('rpt_viewer', '周平', 'group_viewer',
                                      self.data.street)
        Member = self.env['party.member']
        self.members = Member
        for name, gender, status, id_number in MEMBERS:
            self.members |= Member.create({
                'name': name, 'gender': gender, 'status': status,
                'organization_id': self.data.jinyuan.id,
                'id_number': id_number_of(id_number), 'ethnicity': '汉族',
                'education': 'bachelor', 'birth_date': '1980-06-01',
                'join_date': '2005-07-01',
                'full_date': '2006-07-01' if status == 'full' else False,
                'mobile': '1390000%04d' % len(self.members)})
        self.binhe_member = Member.create({
            'name': '刘洋', 'gender': 'male', 'status': 'full',
            'organization_id': self.data.binhe.id,
            'id_number': id_number_of('110101198808080088')})
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def page_image(self, pdf_name, png_name):
        """The first page of a kept PDF as a PNG under docs/."""
        stem = os.path.join(SCREENSHOT_DIR, png_name[:-4])
        subprocess.check_call(['pdftoppm', '-r', '80', '-png', '-f', '1',
                               '-l', '1', '-singlefile',
                               os.path.join(SCREENSHOT_DIR, pdf_name), stem])
        if os.path.isdir(DOCS) and os.access(DOCS, os.W_OK):
            shutil.copy(stem + '.png', os.path.join(DOCS, png_name))

    # -- the meeting record ----------------------------------------------

    def held_meeting(self, sheet=False):
        secretary = self.data.secretary
        Meeting = self.env['party.meeting'].sudo(secretary.id).with_context(
            lang='zh_CN')
        by_name = {m.name: m for m in self.members}
        meeting = Meeting.create({
            'name': '传达学习上级会议精神，讨论预备党员转正',
            'type_id': self.env.ref(
                'party_building.meeting_type_general').id,
            'organization_id': self.data.jinyuan.id,
            # 14:30 to 16:30 in Beijing
            'start': '2024-05-20 06:30:00', 'end': '2024-05-20 08:30:00',
            'tz': 'Asia/Shanghai', 'place': '锦园社区党群服务中心二楼会议室',
            'host_id': by_name['王秀英'].id,
            'recorder_id': by_name['张伟'].id,
            'minutes': MINUTES})
        meeting.action_fill_attendees()
        meeting.set_attendance(
            [by_name[n].id for n in ('王秀英', '张伟', '李娜')],
            {by_name['陈刚'].id: '外出学习'})
        if sheet:
            picture = Image.new('RGB', (400, 300), 'white')
            ImageDraw.Draw(picture).rectangle((20, 20, 380, 280),
                                              outline='black')
            stream = io.BytesIO()
            picture.save(stream, 'PNG')
            image = stream.getvalue()
            attachment = self.env['ir.attachment'].sudo(
                secretary.id).create({
                    'name': '签到表.png', 'datas_fname': '签到表.png',
                    'datas': base64.b64encode(image),
                    'res_model': 'party.meeting', 'res_id': meeting.id})
            meeting.write({'attachment_ids': [(4, attachment.id)]})
        meeting.action_held()
        return meeting

    def test_meeting_record(self):
        meeting = self.held_meeting()
        text, flat = self.render(
            'party_building.party_meeting_record_report', meeting,
            self.data.secretary, keep='meeting_record.pdf')
        self.assertLine(text, '锦园社区党支部')
        self.assertLine(text, '会议记录')
        self.assertLine(text, '会议类型', '党员大会', '会议时间',
                        '2024年5月20日 14:30—16:30')
        self.assertLine(text, '会议地点', '锦园社区党群服务中心二楼会议室')
        self.assertLine(text, '主持人', '王秀英', '记录人', '张伟')
        self.assertIn('传达学习上级会议精神，讨论预备党员转正', flat)
        self.assertLine(text, '应到人数', '5', '实到人数', '3', '出席率', '60%')
        self.assertIn('出席人员张伟、李娜、王秀英', flat)
        self.assertIn('陈刚（外出学习）', flat)
        self.assertIn('缺席人员（原因）孙丽', flat)
        self.assertIn('一、传达学习上级有关会议精神。', flat)
        self.assertIn('二、讨论通过孙丽同志转为正式党员的有关事项。', flat)
        # no image attached: a sign-in sheet with the attendees' names
        self.assertLine(text, '序号', '姓名', '签名', '序号', '姓名', '签名')
        self.assertIn('主持人（签字）：', flat)
        self.assertIn('记录人（签字）：', flat)
        self.assertFalse(re.findall('[A-Za-z]{3,}', text))
        self.page_image('meeting_record.pdf', 'meeting_record_page1.png')

    def test_meeting_record_with_sign_in_sheet(self):
        meeting = self.held_meeting(sheet=True)
        text, flat = self.render(
            'party_building.party_meeting_record_report', meeting,
            self.data.secretary)
        self.assertIn('签到表', flat)
        # the image instead of the blank sheet
        self.assertNotIn('签名', flat)

    def test_meeting_record_out_of_scope(self):
        meeting = self.held_meeting()
        report = self.env.ref('party_building.party_meeting_record_report')
        for user in (self.data.outsider, self.data.secretary_binhe):
            with self.assertRaises(AccessError):
                report.sudo(user.id).with_context(
                    lang='zh_CN').render_qweb_html(meeting.ids)
        with self.assertRaisesRegex(UserError, '请选择'):
            report.sudo(self.data.secretary.id).with_context(
                lang='zh_CN').render_qweb_html([])

    # -- the member roster -----------------------------------------------

    def roster_values(self, org, user):
        return self.env['report.party_building.report_member_roster'].sudo(
            user.id).with_context(lang='zh_CN').get_report_values(org.ids)

    def test_member_roster_of_a_branch(self):
        text, flat = self.render(
            'party_building.party_member_roster_report', self.data.jinyuan,
            self.data.secretary, keep='member_roster.pdf')
        self.assertLine(text, '锦园社区党支部')
        self.assertLine(text, '党员花名册')
        self.assertIn('共5名党员：正式党员4名，预备党员1名，分布在1个党组织。',
                      flat)
        self.assertLine(text, '序号', '姓名', '性别', '民族', '出生日期', '学历',
                        '入党日期', '转正日期', '人员类别', '联系电话')
        self.assertLine(text, '王秀英', '女', '汉族', '1980.06.01', '本科',
                        '2005.07.01', '2006.07.01', '正式党员')
        self.assertLine(text, '孙丽', '女', '汉族', '1980.06.01', '本科',
                        '2005.07.01', '预备党员')
        # a secretary never reads ID numbers: no column, no number
        self.assertNotIn('身份证号', flat)
        for member in self.members:
            self.assertNotIn(member.id_number[:6] + member.id_number[6:14],
                             flat)
        self.assertFalse(re.findall('[A-Za-z]{3,}', text))
        self.page_image('member_roster.pdf', 'member_roster_page1.png')

    def test_member_roster_of_a_subtree(self):
        # an officer of the street: both branches, in the order of the
        # tree, with ID numbers; many members: the head on every page
        Member = self.env['party.member']
        for index in range(60):
            Member.create({'name': '滨河党员%02d' % index, 'status': 'full',
                           'organization_id': self.data.binhe.id})
        text, flat = self.render(
            'party_building.party_member_roster_report', self.data.street,
            self.data.officer, keep='member_roster_officer.pdf')
        self.assertLine(text, '城东街道党工委')
        self.assertIn('共66名党员：正式党员65名，预备党员1名，分布在2个党组织。',
                      flat)
        self.assertLess(flat.index('锦园社区党支部'), flat.index('滨河社区党支部'))
        self.assertLine(text, '序号', '姓名', '性别', '民族', '出生日期', '身份证号')
        self.assertLine(text, '王秀英', '女', '汉族', '1980.06.01',
                        self.members[0].id_number)
        self.assertIn(self.binhe_member.id_number, flat)
        pages = text.split('\f')
        self.assertGreater(len([page for page in pages if page.strip()]), 1)
        for page in pages:
            if '滨河党员' in page:
                self.assertIn('身份证号', page)
        # a viewer of the same street: the same roster without ID numbers
        text, flat = self.render(
            'party_building.party_member_roster_report', self.data.street,
            self.viewer)
        self.assertIn('共66名党员', flat)
        self.assertNotIn('身份证号', flat)
        self.assertNotIn(self.binhe_member.id_number, flat)
        self.assertNotIn(self.members[0].id_number, flat)

    def test_member_roster_scope_and_empty(self):
        report = self.env.ref('party_building.party_member_roster_report')
        # above the secretary's branch, and in another street: refused
        for user, org in ((self.data.secretary, self.data.street),
                          (self.data.secretary, self.data.binhe),
                          (self.data.outsider, self.data.jinyuan)):
            with self.assertRaises(AccessError):
                report.sudo(user.id).with_context(
                    lang='zh_CN').render_qweb_html(org.ids)
        with self.assertRaisesRegex(UserError, '没有.*党员'):
            report.sudo(self.data.officer.id).with_context(
                lang='zh_CN').render_qweb_html(self.data.hepan.ids)
        with self.assertRaisesRegex(UserError, '请选择'):
            report.sudo(self.data.officer.id).with_context(
                lang='zh_CN').render_qweb_html([])

    def test_member_roster_queries_do_not_grow(self):
        def queries():
            self.env['party.member'].invalidate_cache()
            before = self.env.cr.sql_log_count
            values = self.roster_values(self.data.street, self.data.officer)
            return self.env.cr.sql_log_count - before, values

        queries()  # the caches of the first call: groups, translations
        count, values = queries()
        self.assertEqual(len(values['rosters'][self.data.street.id]['tables']
                             [0]['rows']), 5)
        Member = self.env['party.member']
        for index in range(40):
            Member.create({'name': '新党员%02d' % index,
                           'organization_id': self.data.hepan.id})
        more, values = queries()
        self.assertEqual(len(values['rosters'][self.data.street.id]
                             ['tables']), 3)
        self.assertEqual(more, count)

    # -- the branch's basic information sheet -----------------------------

    def test_branch_sheet(self):
        assessment_report.patch_metrics(self)
        self.data.run_campaign()
        by_name = {m.name: m for m in self.members}
        self.data.jinyuan.write({
            'founding_date': '2010-07-01',
            'department_ids': [(0, 0, {'name': '锦园社区居民委员会'})]})
        ref = self.env.ref
        term = self.env['party.term'].create({
            'organization_id': self.data.jinyuan.id, 'number': 5,
            'election_date': '2023-02-28', 'start_date': '2023-03-01',
            'years': 3, 'position_ids': [
                (0, 0, {'member_id': by_name['王秀英'].id,
                        'role_id': ref(
                            'party_building.position_role_secretary').id,
                        'start_date': '2023-03-01'}),
                (0, 0, {'member_id': by_name['张伟'].id,
                        'role_id': ref(
                            'party_building.position_role_organization').id,
                        'start_date': '2023-03-01'})]})
        term.action_start()
        # its own room, the street's centre (serves the street's branches)
        # and a sibling's room (not its)
        Venue = self.env['party.venue']
        for name, org, kind, area, capacity in (
                ('锦园社区党员活动室', self.data.jinyuan, 'activity_room', 60, 40),
                ('城东街道党群服务中心', self.data.street, 'service_centre', 300,
                 120),
                ('滨河社区党员活动室', self.data.binhe, 'activity_room', 50, 30)):
            Venue.create({
                'name': name, 'organization_id': org.id, 'area': area,
                'capacity': capacity, 'weekly_open_hours': 20,
                'kind_id': ref('party_building.venue_kind_%s' % kind).id,
            }).action_in_use()
        text, flat = self.render(
            'party_building.party_branch_sheet_report', self.data.jinyuan,
            self.data.secretary, keep='branch_sheet.pdf')
        self.assertLine(text, '锦园社区党支部')
        self.assertLine(text, '基本情况表')
        self.assertLine(text, '组织类别', '党支部', '领域')
        self.assertLine(text, '成立日期', '2010年7月1日')
        self.assertLine(text, '所在单位', '锦园社区居民委员会')
        self.assertIn('第5届，2023年3月1日至2026年2月28日', flat)
        self.assertLine(text, '选举日期', '2023年2月28日', '书记', '王秀英')
        # the street above is outside the secretary's scope: not named
        self.assertNotIn('城东街道党工委', flat)
        self.assertLine(text, '党员总数', '正式党员', '预备党员')
        self.assertLine(text, '5', '4', '1')
        self.assertLine(text, '1', '书记', '王秀英', '2023年3月1日')
        self.assertLine(text, '2', '组织委员', '张伟', '2023年3月1日')
        self.assertLine(text, '2024', '78.8', '三星', '良好', '第1名/共2个')
        self.assertIn('2024年度城东街道党支部“五化”建设考核', flat)
        self.assertLine(text, '城东街道党群服务中心', '党群服务中心', '使用中', '300',
                        '120', '0%')
        self.assertLine(text, '锦园社区党员活动室', '党员活动室', '使用中', '60', '40')
        self.assertNotIn('滨河社区党员活动室', flat)
        self.assertFalse(re.findall('[A-Za-z]{3,}', text))
        self.page_image('branch_sheet.pdf', 'branch_sheet_page1.png')

    def test_branch_sheet_scope_and_empty(self):
        report = self.env.ref('party_building.party_branch_sheet_report')
        for user in (self.data.secretary_binhe, self.data.outsider):
            with self.assertRaises(AccessError):
                report.sudo(user.id).with_context(
                    lang='zh_CN').render_qweb_html(self.data.jinyuan.ids)
        with self.assertRaisesRegex(UserError, '请选择'):
            report.sudo(self.data.secretary.id).with_context(
                lang='zh_CN').render_qweb_html([])

    # -- the organizational-life ledger ------------------------------------

    def test_life_ledger(self):
        first = self.held_meeting()
        secretary = self.data.secretary
        Meeting = self.env['party.meeting'].sudo(secretary.id).with_context(
            lang='zh_CN')
        second = Meeting.create({
            'name': '学习党章党规', 'type_id': first.type_id.id,
            'organization_id': self.data.jinyuan.id,
            'start': '2024-08-15 01:00:00', 'tz': 'Asia/Shanghai',
            'host_id': self.members[0].id})
        second.action_all_present()
        second.action_held()
        planned = Meeting.create({
            'name': '尚未召开', 'type_id': first.type_id.id,
            'organization_id': self.data.jinyuan.id,
            'start': '2024-11-15 01:00:00', 'tz': 'Asia/Shanghai'})
        meetings = first | second | planned
        text, flat = self.render(
            'party_building.party_life_ledger_report', meetings, secretary,
            keep='life_ledger.pdf')
        self.assertLine(text, '锦园社区党支部')
        self.assertLine(text, '组织生活台账')
        self.assertIn('会议日期：2024年5月20日至2024年8月15日', flat)
        self.assertIn('党员大会（召开2次）', flat)
        self.assertLine(text, '1', '2024年5月20日')
        self.assertLine(text, '2', '2024年8月15日', '学习党章党规', '王秀英',
                        '5', '5', '100%')
        self.assertIn('5360%', flat)
        self.assertIn('陈刚（请假：外出学习）', flat)
        self.assertIn('孙丽（缺席）', flat)
        self.assertNotIn('尚未召开', flat)
        self.assertFalse(re.findall('[A-Za-z]{3,}', text))
        self.page_image('life_ledger.pdf', 'life_ledger_page1.png')
        report = self.env.ref('party_building.party_life_ledger_report')
        with self.assertRaises(AccessError):
            report.sudo(self.data.secretary_binhe.id).with_context(
                lang='zh_CN').render_qweb_html(meetings.ids)
        with self.assertRaisesRegex(UserError, '均未召开'):
            report.sudo(secretary.id).with_context(
                lang='zh_CN').render_qweb_html(planned.ids)
