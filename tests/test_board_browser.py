"""The boards in a real browser, in Chinese: a branch's secretary and the
street's officer open Party Building > Board on a desktop and a
secretary on a phone (390 x 844); the figures shown are those the model
gives the same user, and a figure opens exactly its records."""
import json
import os
import subprocess
from unittest.mock import patch

import odoo
from odoo import fields
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture, patch_metrics
from .test_board import TODAY, figures
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server


class TestBoardBrowser(HttpCase):

    def setUp(self):
        super(TestBoardBrowser, self).setUp()
        ensure_http_server()
        patch_metrics(self)
        # the board's today, for the requests too (same process)
        today = patch.object(fields.Date, 'context_today',
                             return_value=TODAY)
        today.start()
        self.addCleanup(today.stop)
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        self._construct(env, data)
        # a request rolls the test cursor back to its last "commit"
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def _construct(self, env, data):
        env.user.company_id.party_probation_months = 12
        Member = env['party.member']
        names = {
            data.jinyuan: ['张伟', '王芳', '李娜', '刘强', '陈静', '杨磊'],
            data.binhe: ['赵军', '黄敏', '周涛', '吴霞'],
            data.hepan: ['徐明', '孙丽'],
            data.xiyuan: ['马超', '朱琳'],
        }
        self.members = {}
        for org, people in names.items():
            for name in people:
                self.members[name] = Member.create({
                    'name': name, 'organization_id': org.id,
                    'status': 'full', 'join_date': '2010-07-01',
                    'full_date': '2011-07-01'})
        Member.create({'name': '郑洁', 'organization_id': data.jinyuan.id,
                       'join_date': '2023-04-20'})
        Member.create({'name': '何平', 'organization_id': data.jinyuan.id,
                       'join_date': '2023-07-01'})
        Member.create({'name': '高远', 'organization_id': data.binhe.id,
                       'join_date': '2023-03-01'})
        ref = env.ref
        theme = ref('party_building.meeting_type_theme_day')
        general = ref('party_building.meeting_type_general')
        lecture = ref('party_building.meeting_type_lecture')

        def held(meeting_type, start, org, name, absent=0):
            meeting = env['party.meeting'].create({
                'name': name, 'type_id': meeting_type.id,
                'organization_id': org.id, 'start': start,
                'tz': 'Asia/Shanghai', 'place': '党员活动室'})
            members = meeting.attendance_ids.mapped('member_id')
            meeting.set_attendance(members[absent:].ids)
            meeting.action_held()
            return meeting
        held(theme, '2024-05-08 02:00:00', data.jinyuan, '五月主题党日：学习党章')
        held(general, '2024-04-18 02:00:00', data.jinyuan,
             '第二季度党员大会', absent=1)
        held(lecture, '2024-04-25 02:00:00', data.jinyuan, '书记讲党课')
        held(theme, '2024-05-10 02:00:00', data.binhe, '五月主题党日：志愿服务')
        held(general, '2024-04-12 02:00:00', data.binhe, '第二季度党员大会',
             absent=1)
        held(theme, '2024-05-09 02:00:00', data.xiyuan, '五月主题党日')
        Task = env['party.task']
        Task.create({'name': '完善党员活动室制度上墙', 'deadline': '2024-05-01',
                     'organization_id': data.jinyuan.id})
        Task.create({'name': '整理2023年会议记录', 'state': 'doing',
                     'organization_id': data.jinyuan.id})
        Task.create({'name': '补选支部委员', 'deadline': '2024-06-30',
                     'organization_id': data.hepan.id})
        env['party.rectification'].create({
            'organization_id': data.hepan.id,
            'reason': '连续三个月未开展组织生活'})
        data.make_campaign()
        jinyuan = data.assessment(data.jinyuan)
        data.score(jinyuan, data.secretary, 'self', A1='达标', A2=18,
                   B1='基本达标', B3=3)
        data.as_user(jinyuan, data.secretary).action_submit()
        env['party.organization'].search([])._refresh_setup_compliance(
            today=fields.Date.from_string(TODAY))

    def expected(self, user):
        board = self.env_test['party.board'].sudo(user.id).with_context(
            lang='zh_CN').board_data()
        return board, figures(board)

    def open_board(self, user, name, width, height, section, key):
        screenshot = os.path.join(SCREENSHOT_DIR, name)
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'board.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            user.login, user.login, screenshot, str(width), str(height),
            section, key], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        self.assertGreater(os.path.getsize(screenshot), 20000)
        self.assertLessEqual(seen['overflow'], 0, "no sideways scrolling")
        return seen

    def assertShown(self, seen, board, expected):
        self.assertEqual(seen['title'], board['title'])
        self.assertEqual(seen['sections'],
                         [section['title'] for section in board['sections']])
        shown = {(f['section'], f['key']): f for f in seen['figures']
                 if not f['part']}
        self.assertEqual(set(shown), set(expected))
        for key, item in expected.items():
            figure = shown[key]
            self.assertTrue(figure['visible'], key)
            self.assertEqual(figure['label'], item['label'])
            if figure['value'] is not None:
                self.assertEqual(figure['value'], str(item['value']), key)
            else:
                self.assertEqual(figure['percent'], '%s%%' % item['percent'],
                                 key)

    def test_secretary_board_desktop_and_phone(self):
        user = self.data.secretary
        board, expected = self.expected(user)
        self.assertEqual(board['title'], '支部看板')
        theme = self.env_test.ref('party_building.meeting_type_theme_day')
        key = ('life', 'type_%d' % theme.id)
        self.assertEqual(expected[key]['value'], 1)
        seen = self.open_board(user, 'board_secretary.png', 1280, 900,
                               'tasks', 'late')
        self.assertShown(seen, board, expected)
        self.assertIn('本期应开会议', seen['sections'])
        # the late task, and only it
        self.assertEqual(len(seen['rows']), 1)
        self.assertIn('完善党员活动室制度上墙', seen['rows'][0])
        self.assertIn('已逾期', seen['breadcrumb'])
        phone = self.open_board(user, 'board_phone.png', 390, 844, *key)
        self.assertShown(phone, board, expected)
        self.assertEqual(len(phone['rows']), 1)
        self.assertIn('五月主题党日：学习党章', phone['rows'][0])

    def test_officer_board(self):
        user = self.data.officer
        board, expected = self.expected(user)
        self.assertEqual(board['title'], '管辖范围看板')
        key = ('areas', 'area_%d' % self.data.binhe.id)
        self.assertEqual(expected[key]['value'], 2)
        seen = self.open_board(user, 'board_officer.png', 1280, 900, *key)
        self.assertShown(seen, board, expected)
        self.assertNotIn(('areas', 'area_%d' % self.data.xiyuan.id),
                         {(f['section'], f['key']) for f in seen['figures']})
        # the two meetings 滨河 held this period
        self.assertEqual(len(seen['rows']), 2)
        self.assertTrue(all('滨河' in row or '第二季度' in row or '五月' in row
                            for row in seen['rows']))
        legend = [f for f in seen['figures'] if f['part']]
        self.assertEqual(
            {f['part']: f['value'] for f in legend},
            {'draft': '2', 'submitted': '1', 'reviewed': '0',
             'confirmed': '0'})
