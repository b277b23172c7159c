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
