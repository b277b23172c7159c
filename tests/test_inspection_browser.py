"""Supervision in a real browser, in Chinese: the street's officer draws
half of its branches, makes the sample the inspection plan, records the
visit of the first branch with a finding; the branch's secretary finds
the rectification task on their list. The dates are fixed; nothing
checked depends on the day."""
import json
import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server


class TestInspectionBrowser(HttpCase):

    def setUp(self):
        super(TestInspectionBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        self.secretary_hepan = data._user(
            'rpt_secretary_hepan', '陈静', 'group_secretary', data.hepan)
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_officer_samples_inspects_secretary_rectifies(self):
        env = self.env_test
        data = self.data
        lang = env['res.lang'].search([('code', '=', 'zh_CN')])
        secretaries = {
            org.name: [user.login, user.name] for org, user in (
                (data.jinyuan, data.secretary),
                (data.binhe, data.secretary_binhe),
                (data.hepan, self.secretary_hepan))}
        day = odoo.fields.Date.from_string
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'inspect_sample.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            data.officer.login, data.street.name,
            json.dumps(secretaries, ensure_ascii=False),
            day('2024-05-08').strftime(lang.date_format),
            day('2024-06-30').strftime(lang.date_format),
            SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        env.clear()
        sample = env['party.inspection.sample'].search([])
        self.assertEqual(len(sample), 1)
        # half of three branches, at least: two, with the recorded seed
        self.assertEqual((sample.state, sample.eligible_count,
                          sample.drawn_count), ('planned', 3, 2))
        self.assertEqual(seen['seed'].strip(), sample.seed)
        self.assertEqual(len(seen['drawn']), 2)
        self.assertEqual(sample.draw_id.reproduce(), sorted(
            sample.line_ids.mapped('organization_id').ids))
        self.assertEqual(sample.create_uid, data.officer)
        # the visit and its finding
        inspection = env['party.inspection'].search(
            [('state', '=', 'done')])
        self.assertEqual(len(inspection), 1)
        self.assertEqual(inspection.organization_id.name, seen['branch'])
        self.assertEqual(inspection.visit_date, '2024-05-08')
        self.assertIn('not_met', inspection.item_ids.mapped('result'))
        finding = inspection.finding_ids
        self.assertEqual(finding.state, 'open')
        task = finding.task_id
        owner_login = secretaries[seen['branch']][0]
        self.assertEqual((task.owner_id.login, task.deadline, task.source),
                         (owner_login, '2024-06-30', 'inspection'))
        self.assertIn('复查', seen['refusal'])
        # the secretary sees the task
        self.assertTrue(any('党员大会未按期召开' in row
                            for row in seen['secretary_tasks']))
        for shot in ('inspection_sample_drawn.png', 'inspection_plan.png',
                     'inspection_visit.png', 'inspection_finding.png',
                     'inspection_task_secretary.png'):
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)
