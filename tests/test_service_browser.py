"""Education and service in a real browser, in Chinese (issue 15): a
branch secretary records a study session with its participants' hours;
the members' hours and the member's page show them. The session is
dated today (the form's default): nothing checked depends on the day."""
import json
import os
import subprocess

import odoo
from odoo import fields
from odoo.tests.common import HttpCase

from ..models.party_guard import trusted

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server


class TestServiceBrowser(HttpCase):

    def setUp(self):
        super(TestServiceBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        data.secretary.write({'tz': 'Asia/Shanghai'})
        Member = env['party.member']
        self.zhang = Member.create({'name': '张伟', 'status': 'full',
                                    'organization_id': data.jinyuan.id})
        self.li = Member.create({'name': '李娜', 'status': 'full',
                                 'organization_id': data.jinyuan.id})
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_secretary_records_a_study_session(self):
        env = self.env_test
        user = self.data.secretary
        topic = '学习党章党规专题党课'
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'study_session.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            user.login, user.login, topic, self.zhang.name, self.li.name,
            SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        env['party.study.session'].invalidate_cache()
        session = env['party.study.session'].search([('name', '=', topic)])
        self.assertEqual(len(session), 1)
        self.assertEqual(session.create_uid, user)
        self.assertEqual(session.organization_id, self.data.jinyuan)
        self.assertEqual(session.hours, 3.0)
        lines = {line.member_id.name: line.hours for line in session.line_ids}
        self.assertEqual(lines, {'张伟': 3.0, '李娜': 2.5})
        # in Chinese, on screen
        for text in ('党课', '参加人员', '张伟', '李娜', '5.50'):
            self.assertIn(text, seen['form'])
        self.assertIn('24', seen['refusal'])
        self.assertIn('小时', seen['refusal'])
        self.assertIn('学习培训', ' '.join(seen['menus']))
        hours = ' '.join(seen['rows'])
        self.assertIn('张伟', hours)
        self.assertIn('3.00', hours)
        self.assertIn('学时', seen['member'])
        for shot in ('study_session.png', 'study_session_refused.png',
                     'study_hours_year.png', 'member_study_service.png'):
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)

    def test_officer_closes_the_satisfaction_evaluation(self):
        env = self.env_test
        data = self.data
        year = fields.Date.from_string(fields.Date.today()).year
        evaluation = env['party.satisfaction'].create({
            'organization_id': data.jinyuan.id, 'year': year})
        trusted(evaluation).action_create_survey()
        survey = evaluation.survey_id
        # the people served answered on the public page: 2 of 5 satisfied
        questions = survey.page_ids.mapped('question_ids')
        for choice in ['Satisfied'] * 2 + ['Not Satisfied'] * 3:
            env['survey.user_input'].create({
                'survey_id': survey.id, 'type': 'link', 'state': 'done',
                'user_input_line_ids': [(0, 0, {
                    'question_id': q.id, 'answer_type': 'suggestion',
                    'value_suggested': q.labels_ids.filtered(
                        lambda l, c=choice: l.with_context(
                            lang='en_US').value == c).id})
                    for q in questions]})
        self.registry.test_cr.commit()
        user = data.officer
        out = subprocess.check_output([
            BROWSER_PYTHON,
            os.path.join(HERE, 'browser', 'satisfaction_officer.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            user.login, user.login, data.jinyuan.name, SCREENSHOT_DIR],
            timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        evaluation.invalidate_cache()
        self.assertEqual((evaluation.state, evaluation.respondent_count,
                          evaluation.rate), ('closed', 5, 40.0))
        self.assertTrue(data.jinyuan.weak_lax)
        self.assertIn('软弱涣散', seen['form'])
        self.assertIn('40.00', seen['form'])
        self.assertIn('40.00', ' '.join(
            row for row in seen['rows'] if data.jinyuan.name in row))
        for shot in ('satisfaction_closed.png', 'service_by_organization.png'):
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)
