"""Posts and service in a real browser, in Chinese (issue 15): a branch
secretary, as a new user would, records a party member model post with its
holders (a second holder at the same time refused on screen), a member's
service and a service project of the branch with its members and
beneficiaries; the member's page then shows the post and the service; an
officer of the street committee sees the hours, service and satisfaction
of the organizations below.

The posts' dates are fixed; the service and the figures are of the
current year (the figures' year is today's: the evaluation and the other
branch's service are set up in it)."""
import json
import os
import subprocess

import odoo
from odoo import fields
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server

POST = '锦园社区党员示范岗'
SERVICE = '为独居老人上门送餐'
PROJECT = '“邻里守望”关爱独居老人项目'
SHOTS = ('service_post.png', 'service_post_refused.png',
         'service_record.png', 'service_project.png',
         'member_posts_service.png', 'officer_service_subtree.png')


class TestServicePostsBrowser(HttpCase):

    def setUp(self):
        super(TestServicePostsBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        data.secretary.write({'tz': 'Asia/Shanghai'})
        data.officer.write({'tz': 'Asia/Shanghai'})
        Member = env['party.member']
        self.zhang = Member.create({'name': '张伟', 'status': 'full',
                                    'organization_id': data.jinyuan.id})
        self.li = Member.create({'name': '李娜', 'status': 'full',
                                 'organization_id': data.jinyuan.id})
        self.chen = Member.create({'name': '陈静', 'status': 'full',
                                   'organization_id': data.binhe.id})
        self.year = fields.Date.from_string(fields.Date.today()).year
        # the other branch served this year; the secretary's was evaluated
        env['party.service.record'].create({
            'member_id': self.chen.id, 'name': '清理楼道杂物',
            'date': '%d-01-01' % self.year, 'hours': 4.0,
            'people_served': 20})
        env['party.satisfaction'].create({
            'organization_id': data.jinyuan.id, 'year': self.year,
            'rate': 92.5, 'respondent_count': 40, 'state': 'closed'})
        # still collecting answers: no rate yet
        env['party.satisfaction'].create({
            'organization_id': data.binhe.id, 'year': self.year})
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def _run(self):
        data = self.data
        lang = self.env_test['res.lang']._lang_get('zh_CN')

        def day(value):
            return fields.Date.from_string(value).strftime(lang.date_format)
        args = {
            'secretary': [data.secretary.login] * 2,
            'officer': [data.officer.login] * 2,
            'members': [self.zhang.name, self.li.name],
            'post': POST, 'kind': '党员示范岗', 'area': '锦园社区便民服务站',
            'service': SERVICE, 'project': PROJECT,
            'dates': {'from1': day('2025-01-01'), 'from2': day('2025-07-01'),
                      'to1': day('2025-06-30'), 'start': day('2025-03-01'),
                      'end': day('2025-12-31')},
        }
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'service_post.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            json.dumps(args), SCREENSHOT_DIR], timeout=1200)
        return json.loads(out.decode().strip().splitlines()[-1])

    def test_secretary_records_posts_and_service(self):
        env = self.env_test
        data = self.data
        user = data.secretary
        seen = self._run()
        env['party.post'].invalidate_cache()
        # (a) the post and its holders, one after the other
        post = env['party.post'].search([('name', '=', POST)])
        self.assertEqual(len(post), 1)
        self.assertEqual(post.create_uid, user)
        self.assertEqual(post.organization_id, data.jinyuan)
        self.assertEqual(post.kind_id,
                         env.ref('party_building.post_kind_model'))
        self.assertEqual(post.area, '锦园社区便民服务站')
        holders = {h.member_id.name: (h.date_from, h.date_to)
                   for h in post.holder_ids}
        self.assertEqual(holders, {
            '张伟': ('2025-01-01', '2025-06-30'),
            '李娜': ('2025-07-01', False)})
        self.assertEqual(post.holder_ids.mapped('create_uid'), user)
        self.assertEqual(post.holder_ids.mapped('organization_id'),
                         data.jinyuan)
        refusal = seen['post_refusal']
        for text in (POST, '同一时间只能由一人担任', '张伟', '李娜', '重叠'):
            self.assertIn(text, refusal)
        for text in ('党员示范岗', '服务场所或区域', '锦园社区便民服务站',
                     '张伟', '李娜'):
            self.assertIn(text, seen['post'])
        # (b) the member's service
        service = env['party.service.record'].search([('name', '=', SERVICE)])
        self.assertEqual(len(service), 1)
        self.assertEqual(service.create_uid, user)
        self.assertEqual((service.member_id, service.organization_id,
                          service.kind, service.hours, service.people_served,
                          service.post_id),
                         (self.zhang, data.jinyuan, 'people', 2.5, 6, post))
        self.assertIn('独居老人', service.description)
        self.assertEqual(service.date[:4], str(self.year))
        for text in ('为民服务', '服务时长', '服务群众人数', '张伟', '2.50'):
            self.assertIn(text, seen['service'])
        # (c) the service project of the branch
        project = env['party.service.project'].search([('name', '=', PROJECT)])
        self.assertEqual(len(project), 1)
        self.assertEqual(project.create_uid, user)
        self.assertEqual(project.organization_id, data.jinyuan)
        self.assertEqual((project.state, project.date_start, project.date_end,
                          project.beneficiary_count),
                         ('done', '2025-03-01', '2025-12-31', 40))
        self.assertEqual(project.member_ids, self.zhang | self.li)
        self.assertIn('独居', project.beneficiaries)
        self.assertIn('上门服务', project.goal)
        self.assertIn('48次', project.outcome)
        self.assertIn('服务成效', seen['project_refusal'])
        for text in ('已完成', '服务对象', '参与党员', '张伟', '李娜'):
            self.assertIn(text, seen['project'])
        # the member's page
        for text in ('所任党员岗位', POST, '党员示范岗', SERVICE, '2.50',
                     '项目化服务', PROJECT):
            self.assertIn(text, seen['member'])
        # the officer's figures of the street's subtree
        rows = {cells[1]: cells for cells in seen['figures']}
        self.assertEqual(set(rows), {data.street.name, data.jinyuan.name,
                                     data.binhe.name, data.hepan.name})
        self.assertIn('6.50', rows[data.street.name])
        self.assertIn('2.50', rows[data.jinyuan.name])
        self.assertIn('4.00', rows[data.binhe.name])
        # the satisfaction rate, last column: none before the evaluation
        # is closed
        self.assertEqual(rows[data.jinyuan.name][-1], '92.50')
        for org in (data.street, data.binhe, data.hepan):
            self.assertEqual(rows[org.name][-1], '', org.name)
        header = ' '.join(seen['figures_header'])
        for text in ('服务时长', '满意'):
            self.assertIn(text, header)
        for shot in SHOTS:
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)
