"""Work rules in a real browser, in Chinese: a community branch's secretary
sees the rule categories the branch lacks and adopts the templates for
them in one step."""
import json
import os
import subprocess
from unittest.mock import patch

import odoo
from odoo import fields
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server

TODAY = '2025-06-30'


class BrowserCase(HttpCase):
    """The county's table of tests/test_assessment_report.py, in Chinese,
    with what each test adds (_construct), visible to the browser."""

    def setUp(self):
        super(BrowserCase, self).setUp()
        ensure_http_server()
        today = patch.object(fields.Date, 'context_today',
                             return_value=TODAY)
        today.start()
        self.addCleanup(today.stop)
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                            plain=True)
        self._construct(env, self.data)
        # a request rolls the test cursor back to its last "commit"
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def _construct(self, env, data):
        raise NotImplementedError


class TestRulesBrowser(BrowserCase):

    def _construct(self, env, data):
        Rule = env['party.rule']

        def rule(org, code, name, effective='2024-01-01'):
            record = Rule.create({
                'name': name, 'organization_id': org.id if org else False,
                'category_id': env.ref(
                    'party_building.rule_category_%s' % code).id,
                'body': '<p>%s全文</p>' % name, 'effective_date': effective,
                'review_interval': 12})
            record.action_put_in_force()
            return record
        rule(data.county, 'self_building', '平安县委党组织生活制度')
        rule(data.street, 'operations', '城东街道党工委议事决策规则')
        rule(data.other_street, 'funding', '城西街道党建经费管理办法')
        self.templates = {
            code: rule(False, code, name) for code, name in (
                ('responsibility', '党支部书记抓党建工作责任制（示范文本）'),
                ('service', '党员联系服务群众制度（示范文本）'),
                ('funding', '党支部工作经费使用管理制度（示范文本）'),
                ('operations', '党支部“三会一课”制度（示范文本）'),
            )}

    def test_secretary_adopts_templates(self):
        data = self.data
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'rules_adopt.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            data.secretary.login, data.secretary.login, data.jinyuan.name,
            SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        self.assertIn('工作制度与实施方案', seen['menu'])
        self.assertIn('制度完备情况', seen['breadcrumb'])
        self.assertEqual(len(seen['list']), 1)
        self.assertIn('锦园社区党支部', seen['list'][0])
        self.assertEqual(seen['missing_before'],
                         ['责任落实', '为民服务', '经费保障'])
        self.assertEqual(len(seen['in_force_before']), 2)
        self.assertFalse(any('城西' in row for row in seen['in_force_before']))
        self.assertEqual(seen['modal_title'], '采用制度模板')
        self.assertEqual(len(seen['proposed']), 3)
        self.assertFalse(any('三会一课' in row for row in seen['proposed']))
        self.assertEqual(len(seen['adopted']), 3)
        self.assertTrue(all('锦园社区党支部' in row and '现行有效' in row
                            for row in seen['adopted']))
        self.assertEqual(seen['missing_after'], [])
        self.assertEqual(len(seen['in_force_after']), 5)
        env = self.env_test
        env.clear()
        adopted = env['party.rule'].search([
            ('organization_id', '=', data.jinyuan.id)])
        self.assertEqual(set(adopted.mapped('template_id')),
                         {self.templates[c] for c in
                          ('responsibility', 'service', 'funding')})
        self.assertEqual(set(adopted.mapped('state')), {'in_force'})
        self.assertEqual(set(adopted.mapped('effective_date')), {TODAY})
        self.assertEqual(set(adopted.mapped('create_uid')), {data.secretary})


class TestPlansBrowser(BrowserCase):
    """The county's officer sees which street committees have not filed a
    plan per category of branch, and files the plan one has submitted."""

    def _construct(self, env, data):
        self.county_officer = data._user('rpt_county_officer', '周红',
                                         'group_officer', data.county)
        community = env.ref('party_building.category_sector_community')
        self.plan = env['party.plan'].sudo(data.officer.id).create({
            'name': '城东街道社区党支部“五化”建设实施方案',
            'organization_id': data.street.id,
            'branch_category_id': community.id,
            'scope': '城东街道全部社区党支部',
            'measures': '<p>分三批推进达标，年底前全部达标。</p>',
            'milestone_ids': [(0, 0, {'name': '打好基础',
                                      'date': '2025-09-30'}),
                              (0, 0, {'name': '全面达标',
                                      'date': '2025-12-31'})]})
        self.plan.action_submit()

    def test_officer_files_a_plan(self):
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'plan_file.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            self.county_officer.login, self.county_officer.login,
            self.plan.name, SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        # two streets under the county, seven categories each
        self.assertEqual(len(seen['not_filed']), 14)
        row = [r for r in seen['not_filed']
               if '城东街道党工委' in r and '社区' in r]
        self.assertEqual(len(row), 1)
        self.assertIn('已提交', row[0])
        self.assertEqual(seen['state_before'], '已提交')
        self.assertEqual(seen['state_after'], '已备案')
        self.assertNotIn('备案', ' '.join(seen['buttons_after']))
        self.assertEqual(len(seen['not_filed_after']), 13)
        env = self.env_test
        env.clear()
        self.assertEqual((self.plan.state, self.plan.reviewed_by_id),
                         ('filed', self.county_officer))
