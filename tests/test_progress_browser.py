"""Progress reports in a real browser, in Chinese: the officer of a street
committee (城东街道党工委) files its quarterly report from the live
figures and submits it; the county's
officer sees which committee has not reported for the quarter. The quarter
is fixed (the third of 2026): nothing depends on today."""
import json
import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server

DAY = '2026-08-15'
NARRATIVE = '本季度完成三个社区党支部“五化”建设自查，滨河社区党支部整顿工作有序推进。'


class TestProgressBrowser(HttpCase):

    def setUp(self):
        super(TestProgressBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        self.county_officer = data._user('rpt_county', '陈静',
                                         'group_officer', data.county)
        for name, org in (('张伟', data.jinyuan), ('李娜', data.binhe),
                          ('王强', data.hepan)):
            env['party.member'].create({'name': name, 'status': 'full',
                                        'organization_id': org.id})
        env['party.rectification'].create({
            'organization_id': data.binhe.id, 'flag_date': '2026-07-10',
            'reason': '连续两个季度未召开党员大会'})
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_officer_files_quarterly_report(self):
        env = self.env_test
        data = self.data
        lang = env['res.lang'].search([('code', '=', 'zh_CN')])
        day = odoo.fields.Date.from_string(DAY).strftime(lang.date_format)
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser',
                                         'progress_report.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            data.officer.login, data.officer.login, data.street.name, day,
            NARRATIVE, self.county_officer.login, self.county_officer.login,
            SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        env['party.progress.report'].invalidate_cache()
        report = env['party.progress.report'].search(
            [('organization_id', '=', data.street.id)])
        self.assertEqual(len(report), 1)
        self.assertEqual((report.state, report.create_uid,
                          report.submitted_by_id, report.period_start),
                         ('submitted', data.officer, data.officer,
                          '2026-07-01'))
        self.assertIn(NARRATIVE, report.narrative)
        self.assertNotIn('补充', report.narrative)
        self.assertIn('2026年第3季度', seen['title'])
        # the street, its three branches; the case flagged in the quarter
        self.assertEqual(seen['figures']['organization_count'], '4')
        self.assertEqual(seen['figures']['branch_count'], '3')
        self.assertEqual(seen['figures']['rectification_opened_count'], '1')
        self.assertEqual((report.organization_count,
                          report.rectification_opened_count), (4, 1))
        self.assertEqual(seen['figures']['meetings_required'],
                         str(report.meetings_required))
        self.assertGreater(report.meetings_required, 0)
        # submitted: the buttons are gone (the server refuses a change:
        # tests/test_progress_report.py)
        self.assertNotIn('向上报送', seen['buttons_after'])
        # the county sees the other street has not reported
        missing = ' '.join(seen['missing'])
        self.assertIn('城西街道党工委', missing)
        self.assertNotIn('城东街道党工委', missing)
        self.assertIn('城东街道党工委', ' '.join(seen['reports']))
        for shot in ('progress_report_draft.png',
                     'progress_report_submitted.png',
                     'progress_not_reported.png'):
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)
