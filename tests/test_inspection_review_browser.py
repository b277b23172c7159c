"""An inspector fills the review of a branch's assessment from an on-site
inspection, in a real browser, in Chinese (issue 16). The campaign, the
visit and its dates are of 2024: nothing depends on the day."""
import json
import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture, patch_metrics
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server


class TestInspectionReviewBrowser(HttpCase):

    def setUp(self):
        super(TestInspectionReviewBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        patch_metrics(self)
        data.make_campaign()
        self.assessment = data.assessment(data.jinyuan)
        data.score(self.assessment, data.secretary, 'self', A1='达标', A2=18,
                   B1='达标')
        data.as_user(self.assessment, data.secretary).action_submit()
        inspection = data.as_user(env['party.inspection'], data.officer)\
            .create({'organization_id': data.jinyuan.id,
                     'planned_date': '2024-05-06',
                     'inspector_ids': [(6, 0, data.officer.ids)]})
        inspection.action_load_checklist()
        results = {'A1': ('partial', '换届资料不全'),
                   'A2': ('not_met', '无培训档案'),
                   'B1': ('met', '会议记录齐全')}
        for item in inspection.item_ids:
            result, note = results.get(item.criterion_id.code,
                                       ('met', False))
            item.write({'result': result, 'note': note})
        inspection.write({'visit_date': '2024-05-08'})
        inspection.action_done()
        self.inspection = inspection
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_officer_fills_the_review_from_the_visit(self):
        data = self.data
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser',
                                         'inspection_review.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            data.officer.login, str(self.inspection.id), SCREENSHOT_DIR],
            timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        self.env_test.clear()
        lines = {line.criterion_id.code: line
                 for line in self.assessment.line_ids}
        # partly met: half of 30 is 15, the nearest level 基本达标 (20)
        self.assertEqual(lines['A1'].review_level_id.name, '基本达标')
        self.assertEqual(lines['A2'].review_points, 0)
        self.assertEqual(lines['B1'].review_level_id.name, '达标')
        self.assertIn('无培训档案', lines['A2'].review_comment)
        self.assertEqual(lines['A2'].self_points, 18)
        self.assertIn('本年度考核', seen['inspection'])
        self.assertIn('改写', seen['confirm'])
        self.assertIn('基本达标\t20.00', seen['assessment'])
        self.assertIn('现场督导检查', seen['chatter'])
        for shot in ('inspection_fill_review.png',
                     'inspection_review_filled.png'):
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)
