"""The task list in a real browser, in Chinese: a branch's secretary
generates the branch's task list for the year from its page and marks a
task done; what the screens show is what the database holds."""
import json
import os
import subprocess
from unittest.mock import patch

import odoo
from odoo import fields
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import load_chinese
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server

TODAY = '2026-03-10'


class TestTaskListBrowser(HttpCase):

    def setUp(self):
        super(TestTaskListBrowser, self).setUp()
        ensure_http_server()
        # the wizard's year and the overdue flags, for the requests too
        # (same process)
        today = patch.object(fields.Date, 'context_today',
                             return_value=TODAY)
        today.start()
        self.addCleanup(today.stop)
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        load_chinese(env, modules=('base', 'web', 'mail', 'hr'), plain=True)
        Org = env['party.organization']
        street = Org.create({'name': '平安街道党工委', 'kind': 'committee'})
        self.branch = Org.create({'name': '金苑社区党支部', 'kind': 'branch',
                                  'sector': 'community',
                                  'parent_id': street.id})
        Org.create({'name': '滨河社区党支部', 'kind': 'branch',
                    'parent_id': street.id})
        self.secretary = env['res.users'].create({
            'name': '张伟', 'login': 'task_secretary',
            'password': 'task_secretary', 'lang': 'zh_CN',
            'tz': 'Asia/Shanghai',
            'email': 'task_secretary@example.com',
            'groups_id': [(6, 0, [
                env.ref('base.group_user').id,
                env.ref('party_building.group_secretary').id])],
            'party_organization_ids': [(6, 0, self.branch.ids)],
        })
        Member = env['party.member']
        zhang = Member.create({
            'name': '张伟', 'organization_id': self.branch.id,
            'status': 'full', 'employee_id': env['hr.employee'].create({
                'name': '张伟', 'user_id': self.secretary.id}).id})
        wang = Member.create({'name': '王芳',
                              'organization_id': self.branch.id,
                              'status': 'full'})
        term = env['party.term'].create({
            'organization_id': self.branch.id, 'start_date': '2024-01-01',
            'position_ids': [
                (0, 0, {'role_id': env.ref(
                    'party_building.position_role_secretary').id,
                    'member_id': zhang.id}),
                (0, 0, {'role_id': env.ref(
                    'party_building.position_role_organization').id,
                    'member_id': wang.id})]})
        term.action_start()
        self.env_test = env
        # a request rolls the test cursor back to its last "commit"
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_secretary_generates_and_works_the_task_list(self):
        kanban = os.path.join(SCREENSHOT_DIR, 'task_list_kanban.png')
        task_shot = os.path.join(SCREENSHOT_DIR, 'task_list_done.png')
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'task_list.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            'task_secretary', 'task_secretary', '金苑社区党支部',
            '为党员讲党课', kanban, task_shot], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        env = self.env_test
        env.clear()
        tasks = env['party.task'].search(
            [('organization_id', '=', self.branch.id)])
        # the seeded templates of a branch: two of the secretary's, a
        # yearly and four quarterly of the organization member's, twelve
        # monthly and two half-yearly of the propaganda member's
        self.assertEqual(len(tasks), 21)
        self.assertEqual(set(tasks.mapped('year')), {2026})
        # named in the secretary's language, period by period
        self.assertIn('筹备并记录党员大会 (2026年第2季度)',
                      tasks.mapped('name'))
        self.assertIn('安排党员学习教育 (2026年下半年)', tasks.mapped('name'))
        self.assertIn('策划主题党日活动 (2026-03)', tasks.mapped('name'))
        done = tasks.filtered(lambda t: t.state == 'done')
        self.assertEqual(done.mapped('name'), ['为党员讲党课 (2026)'])
        self.assertEqual(done.done_date, TODAY)
        self.assertEqual(done.owner_id, self.secretary)
        self.assertEqual(seen['cards'], 21)
        self.assertEqual(seen['columns'][:1], ['待办'])
        self.assertEqual(seen['done_on'], '2026年03月10日')
        self.assertGreater(os.path.getsize(kanban), 20000)
        self.assertGreater(os.path.getsize(task_shot), 20000)

    def test_officer_watches_the_wall_chart(self):
        env = self.env_test
        Org = env['party.organization']
        street = self.branch.parent_id
        city = Org.create({'name': '江城市委', 'kind': 'committee'})
        street.parent_id = city
        other = Org.create({'name': '东湖街道党工委', 'kind': 'committee',
                            'parent_id': city.id})
        branches = Org.search([('parent_id', '=', street.id)])
        for i in range(3):
            branches |= Org.create({'name': '东湖第%d党支部' % (i + 1),
                                    'kind': 'branch',
                                    'parent_id': other.id})
        officer = env['res.users'].create({
            'name': '李娜', 'login': 'goal_officer',
            'password': 'goal_officer', 'lang': 'zh_CN',
            'tz': 'Asia/Shanghai', 'email': 'goal_officer@example.com',
            'groups_id': [(6, 0, [
                env.ref('base.group_user').id,
                env.ref('party_building.group_officer').id])],
            'party_organization_ids': [(6, 0, city.ids)],
        })
        goal = env['party.goal'].sudo(officer).create({
            'name': '支部班子全部配齐', 'organization_id': city.id,
            'indicator': 'committee_complete', 'start_date': '2026-01-01',
            'foundation_date': '2026-06-30', 'foundation_share': 40.0,
            'consolidation_date': '2026-12-31', 'consolidation_share': 70.0,
            'target_date': '2027-12-31', 'target_share': 100.0})
        # the daily review's verdicts over the months, constructed
        for day, complete in (('2026-01-05', 1), ('2026-02-02', 2),
                              ('2026-03-02', 2), ('2026-04-01', 3),
                              ('2026-05-04', 4)):
            env.cr.execute(
                "UPDATE party_organization SET committee_complete = "
                "(id = ANY(%s))", [branches[:complete].ids])
            goal._take_snapshots(day)
        env['party.organization'].invalidate_cache()
        self.registry.test_cr.commit()
        shot_goal = os.path.join(SCREENSHOT_DIR, 'goal_form.png')
        shot_chart = os.path.join(SCREENSHOT_DIR, 'goal_wall_chart.png')
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'goal_chart.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            'goal_officer', 'goal_officer', '支部班子全部配齐', shot_goal,
            shot_chart], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        self.assertEqual(sorted(seen['legend']), ['实际', '目标'])
        self.assertGreater(os.path.getsize(shot_chart), 20000)
