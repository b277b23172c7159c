"""The backend at phone width (web_responsive): a branch's secretary opens a
meeting on a 390 x 844 screen in Chromium, in Chinese, taps a member's
attendance card, marks them excused with a reason and saves; the page never
scrolls sideways and the form's buttons fold into one translated menu."""
import json
import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server


class TestMeetingOnPhone(HttpCase):

    def setUp(self):
        super(TestMeetingOnPhone, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        for name in ('张伟', '王芳', '李娜'):
            env['party.member'].create({
                'name': name, 'organization_id': data.jinyuan.id,
                'status': 'full', 'join_date': '2010-07-01',
                'full_date': '2011-07-01'})
        self.meeting = env['party.meeting'].create({
            'name': '五月主题党日', 'organization_id': data.jinyuan.id,
            'type_id': env.ref('party_building.meeting_type_theme_day').id,
            'start': '2024-05-08 02:00:00', 'tz': 'Asia/Shanghai',
            'place': '党员活动室'})
        self.meeting.set_attendance(
            self.meeting.attendance_ids.mapped('member_id').ids)
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_secretary_excuses_a_member_on_a_phone(self):
        user = self.data.secretary
        screenshot = os.path.join(SCREENSHOT_DIR, 'meeting_phone.png')
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'meeting_phone.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            user.login, user.login, str(self.meeting.id), '王芳', '外出学习',
            screenshot], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        for key in ('overflow_read', 'overflow_dialog', 'overflow_saved'):
            self.assertLessEqual(seen[key], 0, '%s: sideways scrolling' % key)
        self.assertEqual(seen['actions'], '操作')
        self.assertFalse(seen['menu_visible'], 'the side menu takes no room')
        self.assertEqual(len(seen['cards']), 3)
        self.assertIn('出席', seen['cards'][0])
        self.assertIn('请假', seen['card'])
        line = self.meeting.attendance_ids.filtered(
            lambda a: a.member_id.name == '王芳')
        self.env_test.clear()
        self.assertEqual((line.state, line.reason), ('excused', '外出学习'))
        self.assertEqual(self.meeting.present_count, 2)
        # the change is in the audit trail, under the secretary's name
        logs = self.env_test['auditlog.log'].search([
            ('model_id.model', '=', 'party.meeting.attendance'),
            ('res_id', '=', line.id), ('user_id', '=', user.id)])
        self.assertIn(('reason', '外出学习'), [
            (change.field_name, change.new_value_text)
            for change in logs.mapped('line_ids')])
