"""Supervision and examples in a real browser, in Chinese, as new users
would try them: a community branch's secretary files the year's two work
reports and the street's officer appraises them (a grade; a vote counted
from ballots, a ballot entered twice refused on screen), the combined
result lands on the secretary's record (述职评议考核, 双述双评); the
county's officer records the street secretary's contact points of each
kind with their visits and reads which committees' leaders still lack one
(领导办点示范); the street names a model branch, the branch writes up its
experience, the officer publishes it and records a site visit (示范支部,
典型经验, 现场观摩). Years and dates are fixed: nothing checked depends
on today."""
import json
import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server

REPORTS = ['2025年，锦园社区党支部按期召开“三会一课”，完成“五化”建设自查。',
           '向全体党员和居民群众报告一年来抓党建、办实事的情况。',
           '班子团结，党建责任落实到位。']
BALLOTS = [['001', '良好'], ['002', '良好'], ['003', '优秀'], ['004', '较差'],
           ['002', '优秀']]


class TestSupervisionBrowser(HttpCase):

    def setUp(self):
        super(TestSupervisionBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        self.county_officer = data._user('sup_county', '陈静',
                                         'group_officer', data.county)
        Member = env['party.member']
        (data.jinyuan | data.binhe | data.hepan).write(
            {'sector': 'community'})
        self.village = env['party.organization'].create({
            'name': '柳树村党支部', 'kind': 'branch', 'sector': 'village',
            'poor_village': True, 'parent_id': data.street.id})
        self.wang = Member.create({'name': '王秀英', 'status': 'full',
                                   'organization_id': data.jinyuan.id})
        self.leader = Member.create({'name': '张国华', 'status': 'full',
                                     'organization_id': data.jinyuan.id})
        self.other_leader = Member.create({
            'name': '孙丽', 'status': 'full',
            'organization_id': data.xiyuan.id})
        role = env.ref('party_building.position_role_secretary')
        for committee, leader in ((data.street, self.leader),
                                  (data.other_street, self.other_leader)):
            env['party.term'].create({
                'organization_id': committee.id, 'start_date': '2024-01-01',
                'position_ids': [(0, 0, {'role_id': role.id,
                                         'member_id': leader.id})],
            }).action_start()
        # 滨河 is being rectified (weak and lax)
        env['party.rectification'].create({
            'organization_id': data.binhe.id, 'flag_date': '2025-03-10',
            'reason': '连续两个季度未召开党员大会'})
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def run_script(self, script, *args):
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', script),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port']]
            + list(args) + [SCREENSHOT_DIR], timeout=900)
        return json.loads(out.decode().strip().splitlines()[-1])

    def day(self, value):
        lang = self.env_test['res.lang'].search([('code', '=', 'zh_CN')])
        return odoo.fields.Date.from_string(value).strftime(lang.date_format)

    def assertShots(self, *shots):
        for shot in shots:
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)

    def test_work_reports_appraised(self):
        env, data = self.env_test, self.data
        seen = self.run_script(
            'work_report.py', data.secretary.login, data.officer.login,
            data.jinyuan.name, self.wang.name, '2025',
            json.dumps(REPORTS, ensure_ascii=False),
            json.dumps(BALLOTS, ensure_ascii=False))
        env.clear()
        reports = env['party.secretary.report'].search(
            [('member_id', '=', self.wang.id)])
        self.assertEqual(sorted(reports.mapped('audience')),
                         ['public', 'superior'])
        superior = reports.filtered(lambda r: r.audience == 'superior')
        public = reports - superior
        # made by the secretary, in their branch, for the year
        self.assertEqual(set(reports.mapped('create_uid')), {data.secretary})
        self.assertEqual(reports.mapped('organization_id'), data.jinyuan)
        self.assertEqual(set(reports.mapped('year')), {2025})
        self.assertIn(REPORTS[0], superior.text)
        self.assertIn(REPORTS[1], public.text)
        self.assertEqual(seen['made'], ['已述职', '已述职'])
        # the committee's grade
        self.assertEqual((superior.method, superior.grade, superior.result,
                          superior.appraisal_comment,
                          superior.appraised_by_id),
                         ('grade', 'excellent', 'excellent', REPORTS[2],
                          data.officer))
        self.assertEqual(seen['graded'], '优秀')
        # the vote: four ballots, the one entered twice refused on screen
        # and not counted
        self.assertEqual(seen['ballot_count'], '4')
        self.assertIn('第002号评议票已计入该述职报告', seen['refusal'])
        self.assertEqual(sorted(public.ballot_ids.mapped('number')),
                         ['001', '002', '003', '004'])
        self.assertEqual(public.ballot_ids.filtered(
            lambda b: b.number == '002').grade, 'good')
        self.assertEqual((public.method, public.result, public.satisfaction,
                          public.state, public.appraised_by_id),
                         ('vote', 'good', 75.0, 'appraised', data.officer))
        self.assertEqual(seen['voted'], '良好')
        self.assertIn('75.0', seen['satisfaction'])
        # excellent and good combined: good, on the secretary's record
        appraisal = env['party.secretary.appraisal'].search(
            [('member_id', '=', self.wang.id)])
        self.assertEqual((appraisal.year, appraisal.result), (2025, 'good'))
        self.assertTrue(any('2025' in row and '良好' in row
                            for row in seen['record']), seen['record'])
        self.assertShots('work_report.png', 'ballot_refused.png',
                         'work_report_appraised.png', 'secretary_record.png')

    def test_contact_points_and_completeness(self):
        env, data = self.env_test, self.data
        points = [
            ['所在单位党支部', data.jinyuan.name, '带头落实“三会一课”',
             self.day('2025-03-12'), '参加支部主题党日，讲专题党课'],
            ['软弱涣散党支部', data.binhe.name, '一年内摘帽',
             self.day('2025-04-08'), '召开整顿推进会，调整支部班子'],
            ['贫困村党支部', self.village.name, '抓党建促脱贫',
             self.day('2025-05-20'), '走访脱贫户，谋划集体经济项目'],
        ]
        seen = self.run_script(
            'contact_point.py', self.county_officer.login, data.street.name,
            self.leader.name, '2025', json.dumps(points, ensure_ascii=False))
        env.clear()
        recorded = env['party.contact.point'].search([])
        self.assertEqual(len(recorded), 3)
        self.assertEqual(set(recorded.mapped('create_uid')),
                         {self.county_officer})
        self.assertEqual((recorded.mapped('committee_id'),
                          recorded.mapped('leader_id'),
                          set(recorded.mapped('year'))),
                         (data.street, self.leader, {2025}))
        self.assertEqual(
            {p.kind: p.organization_id for p in recorded},
            {'own': data.jinyuan, 'weak_lax': data.binhe,
             'poor_village': self.village})
        self.assertEqual(set(recorded.mapped('visit_ids.date')),
                         {'2025-03-12', '2025-04-08', '2025-05-20'})
        self.assertEqual(len(seen['list']), 3)
        # the street's leader has every kind; the other street's lacks its
        # own branch; the county has no leader recorded
        lacking = seen['lacking']
        self.assertFalse([row for row in lacking if '城东街道党工委' in row],
                         lacking)
        self.assertTrue(any('城西街道党工委' in row and '孙丽' in row
                            and '所在单位党支部' in row for row in lacking),
                        lacking)
        self.assertTrue(any('平安县委' in row for row in lacking), lacking)
        self.assertEqual(len(lacking), 2)
        self.assertShots('contact_point.png', 'contact_points.png',
                         'contact_points_missing.png')

    def test_model_branch_experience_site_visit(self):
        env, data = self.env_test, self.data
        values = {
            'committee': data.street.name, 'branch': data.jinyuan.name,
            'date_from': self.day('2025-07-01'),
            'date_to': self.day('2027-06-30'),
            'reason': '“五化”建设考核优秀，“红色管家”服务群众成效明显',
            'title': '“红色管家”进小区 党建引领解难题',
            'text': '支部把党小组建在小区楼栋，党员认领楼道，一年解决群众'
                    '急难愁盼问题四十余件。',
            'visit': '锦园社区“红色管家”现场观摩',
            'visit_date': self.day('2025-09-18'),
            'attendees': [data.binhe.name, data.hepan.name],
            'note': '看楼栋党小组阵地，听支部书记介绍做法',
        }
        seen = self.run_script(
            'model_branch.py', data.officer.login, data.secretary.login,
            json.dumps(values, ensure_ascii=False))
        env.clear()
        model = env['party.model.branch'].search([])
        self.assertEqual(
            (model.organization_id, model.committee_id, model.date_from,
             model.date_to, model.reason, model.create_uid),
            (data.jinyuan, data.street, '2025-07-01', '2027-06-30',
             values['reason'], data.officer))
        experience = env['party.experience'].search([])
        self.assertEqual(
            (experience.title, experience.organization_id,
             experience.create_uid, experience.state, experience.scope_id),
            (values['title'], data.jinyuan, data.secretary, 'published',
             data.street))
        self.assertIn('楼栋', experience.text)
        self.assertEqual(seen['experience_state'], '草稿')
        # publishing is the officers'
        self.assertNotIn('发布', seen['secretary_buttons'])
        self.assertEqual(seen['published'], data.street.name)
        self.assertTrue(any(values['title'] in card
                            for card in seen['experiences']))
        self.assertTrue(any(data.jinyuan.name in card
                            and '城东街道党工委' in card
                            for card in seen['models']), seen['models'])
        visit = env['party.site.visit'].search([])
        self.assertEqual(
            (visit.name, visit.organization_id, visit.host_id, visit.date,
             visit.attendee_ids, visit.create_uid),
            (values['visit'], data.street, data.jinyuan, '2025-09-18',
             data.binhe | data.hepan, data.officer))
        self.assertEqual(sorted(seen['attendees']),
                         sorted(values['attendees']))
        self.assertShots('model_branch.png', 'experiences_kanban.png',
                         'model_branches_kanban.png', 'site_visit.png')
