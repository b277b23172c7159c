"""In a real browser, in Chinese: a branch's secretary self-assesses and
submits, an officer of the street above reviews and confirms; the scores
are those the ORM then holds."""
import json
import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture, patch_metrics
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server


class TestAssessmentBrowserChinese(HttpCase):

    def setUp(self):
        super(TestAssessmentBrowserChinese, self).setUp()
        ensure_http_server()
        patch_metrics(self)
        # the browser's requests run on the registry's test cursor: the
        # data is made there, and rolled back when the test ends
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        # the web client's own words in Chinese too
        self.data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                            plain=True)
        self.data.make_campaign()
        # a request rolls the test cursor back to its last "commit"
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_secretary_self_assesses_officer_reviews_and_confirms(self):
        data = self.data
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'assess.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            data.jinyuan.name, data.secretary.login, data.officer.login,
            SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        self.assertEqual(seen, {'final_score': '78.80', 'star': '三星',
                                'grade': '良好', 'print': '考核评分表'})
        data.env.clear()
        assessment = data.assessment(data.jinyuan)
        self.assertEqual(assessment.state, 'confirmed')
        self.assertEqual(assessment.submitted_by_id, data.secretary)
        self.assertEqual(assessment.reviewer_id, data.officer)
        self.assertEqual(assessment.confirmed_by_id, data.officer)
        self.assertAlmostEqual(assessment.self_total, 86)
        self.assertAlmostEqual(assessment.review_total, 74)
        self.assertAlmostEqual(assessment.final_score, 78.8)
        self.assertEqual(assessment.star_band_id, data.stars[3])
        self.assertEqual(assessment.grade_band_id, data.grades['good'])
        self.assertEqual(assessment.rank, 1)
        a1 = data.line(assessment, data.a1)
        self.assertEqual(a1.self_level_id.name, '达标')
        self.assertEqual(a1.self_comment, '按期完成换届，委员5名')
        self.assertEqual(a1.review_level_id.name, '基本达标')
        self.assertEqual(a1.review_comment, '委员缺额1名，未及时增补')
        self.assertAlmostEqual(a1.final_points, 24)
        a2 = data.line(assessment, data.a2)
        self.assertEqual((a2.self_points, a2.review_points), (18, 16))
        # the other branches were left alone
        self.assertEqual(data.assessment(data.binhe).state, 'draft')
        for name in ('assessment_self_line.png', 'assessment_self.png',
                     'assessment_review_line.png', 'assessment_confirmed_officer.png',
                     'assessment_print.png'):
            self.assertGreater(
                os.path.getsize(os.path.join(SCREENSHOT_DIR, name)), 20000)
