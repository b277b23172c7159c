"""In a real browser: a secretary self-assesses and submits, the officer
above reviews and confirms (the seeded 2019 standard)."""
import json
import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server


class TestAssessmentBrowser(HttpCase):

    def setUp(self):
        super(TestAssessmentBrowser, self).setUp()
        ensure_http_server()
        # the browser's requests run on the registry's test cursor
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env = env
        Org = env['party.organization']
        city = Org.create({'name': 'Assessment City', 'kind': 'committee'})
        self.branch = Org.create({'name': 'Assessed Branch',
                                  'kind': 'branch', 'parent_id': city.id})

        def user(login, group, org):
            return env['res.users'].create({
                'name': login, 'login': login, 'password': login,
                'email': '%s@example.com' % login,
                'groups_id': [(6, 0, [
                    env.ref('base.group_user').id,
                    env.ref('party_building.%s' % group).id])],
                'party_organization_ids': [(6, 0, [org.id])]})

        self.secretary = user('assess_secretary', 'group_secretary',
                              self.branch)
        self.officer = user('assess_officer', 'group_officer', city)
        self.standard = env.ref('party_building.standard_2019')
        campaign = env['party.assessment.campaign'].sudo(
            self.officer).create({
                'name': 'Browser Campaign', 'year': 2024,
                'standard_id': self.standard.id,
                'organization_id': city.id,
                'date_from': '2024-01-01', 'date_to': '2024-12-31'})
        campaign.action_generate()
        self.assessment = env['party.assessment'].search(
            [('campaign_id', '=', campaign.id)])
        # every level but the first criterion's, which the browser sets
        self.first = env.ref('party_building.standard_2019_criterion_1_1')
        for line in self.assessment.line_ids:
            if line.scoring != 'levels' or line.criterion_id == self.first:
                continue
            best = max(line.criterion_id.level_ids, key=lambda l: l.points)
            line.sudo(self.secretary).write({'self_level_id': best.id})
        # a request that rolls back (website's pages do) goes back to the
        # last commit of the test cursor: keep what the browser must see
        self.registry.test_cr.commit()

    def test_self_assess_submit_review_confirm(self):
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)
        screenshot = os.path.join(SCREENSHOT_DIR, 'assessment_confirmed.png')
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser',
                                         'assessment_flow.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            str(self.assessment.id), self.first.code, 'Partly Met',
            'assess_secretary', 'assess_secretary',
            'assess_officer', 'assess_officer', screenshot], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        self.assessment.invalidate_cache()
        self.assertEqual(self.assessment.state, 'confirmed')
        self.assertEqual(self.assessment.submitted_by_id, self.secretary)
        self.assertEqual(self.assessment.reviewer_id, self.officer)
        line = self.assessment.line_ids.filtered(
            lambda l: l.criterion_id == self.first)
        self.assertEqual(line.self_level_id.name, 'Partly Met')
        self.assertEqual(line.self_comment, 'Checked against the register')
        lines = self.assessment.line_ids
        expected = round(sum(lines.filtered(
            lambda l: l.scoring == 'levels').mapped('max_points'))
            - self.first.max_points + line.self_points + sum(lines.filtered(
                lambda l: l.automatic and l.scoring != 'veto').mapped(
                    'auto_points')), 2)
        self.assertEqual(self.assessment.final_score, expected)
        self.assertEqual(float(seen['final_score']), expected)
