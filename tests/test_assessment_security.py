"""Assessments as every role, and the attacks an ordinary login could send
over XML-RPC, each refused; the legitimate path beside each."""
import base64

from odoo.exceptions import AccessError, UserError

from .common_assessment import AssessmentCase


class TestAssessmentAccess(AssessmentCase):

    @classmethod
    def setUpClass(cls):
        super(TestAssessmentAccess, cls).setUpClass()
        cls.secretary_a2 = cls.make_user('secretary_a2', 'group_secretary',
                                         cls.branch_a2)
        # an officer responsible for the branch itself, and one for both
        # the city and the branch
        cls.branch_officer = cls.make_user('branch_officer', 'group_officer',
                                           cls.branch_a1)
        cls.double_officer = cls.make_user(
            'double_officer', 'group_officer', cls.city_a, cls.branch_a1)

    def setUp(self):
        super(TestAssessmentAccess, self).setUp()
        self.campaign = self.generate()
        self.a1 = self.assessment_of(self.campaign, self.branch_a1)
        self.a2 = self.assessment_of(self.campaign, self.branch_a2)

    def submit_a1(self):
        self.self_assess(self.a1, L1='Full', L2='Full')
        self.a1.sudo(self.secretary).action_submit()

    # -- reading -------------------------------------------------------------

    def test_who_reads_what(self):
        Assessment = self.env['party.assessment']
        self.assertEqual(Assessment.sudo(self.secretary).search(
            [('campaign_id', '=', self.campaign.id)]), self.a1)
        self.assertEqual(Assessment.sudo(self.viewer).search(
            [('campaign_id', '=', self.campaign.id)]), self.a1 | self.a2)
        self.assertFalse(Assessment.sudo(self.nobody).search([]))
        self.assertFalse(Assessment.sudo(self.nobody).read_group(
            [], ['state', 'final_score'], ['state']))
        Line = self.env['party.assessment.line'].sudo(self.secretary)
        self.assertEqual(Line.search([]).mapped('assessment_id'), self.a1)
        with self.assertRefused(AccessError):
            self.a2.sudo(self.secretary).read(['final_score'])
        # the secretary reads the campaign of their assessment, the
        # campaign of another city is not theirs
        Campaign = self.env['party.assessment.campaign']
        self.assertEqual(Campaign.sudo(self.secretary).search([]),
                         self.campaign)
        self.assertFalse(Campaign.sudo(self.nobody).search([]))
        b_campaign = self.generate(user=self.manager, org=self.city_b,
                                   name='City B')
        self.assertNotIn(b_campaign, Campaign.sudo(self.secretary).search([]))
        self.assertNotIn(b_campaign, Campaign.sudo(self.officer).search([]))

    def test_campaign_only_by_officers_in_scope(self):
        with self.assertRefused(AccessError):
            self.campaign.sudo(self.secretary).action_generate()
        with self.assertRefused(AccessError):
            self.campaign.sudo(self.secretary).write({'name': 'Mine'})
        with self.assertRefused(AccessError):
            self.campaign.sudo(self.secretary).action_close()
        top = self.make_campaign(user=self.manager, org=self.root,
                                 name='Province')
        with self.assertRefused(AccessError):
            top.sudo(self.officer).action_generate()
        with self.assertRefused(AccessError):
            top.sudo(self.officer).write({'name': 'Mine'})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.as_user(self.officer, 'party.assessment.campaign')\
                .with_context(default_state='closed').create({
                    'name': 'Closed at birth', 'year': 2030,
                    'standard_id': self.standard.id,
                    'organization_id': self.city_a.id,
                    'date_from': '2030-01-01', 'date_to': '2030-12-31'})

    # -- the branch's side ---------------------------------------------------

    def test_secretary_writes_only_own_self_lines(self):
        line = self.line(self.a2, self.c_f1)
        with self.assertRefused(AccessError):
            line.sudo(self.secretary).write({'self_points': 10})
        with self.assertRefused(AccessError):
            self.a2.sudo(self.secretary).action_submit()
        own = self.line(self.a1, self.c_f1).sudo(self.secretary)
        with self.assertRefused(AccessError, 'superior'):
            own.write({'review_points': 10})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            own.write({'final_points': 20})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            own.write({'auto_points': 20})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            own.write({'review_set': True})
        own.write({'self_points': 10, 'self_comment': 'Done'})
        self.assertEqual(self.a1.self_total, 10)

    def test_workflow_fields_not_writable(self):
        Assessment = self.a1.sudo(self.secretary)
        for values in ({'state': 'confirmed'}, {'final_score': 100},
                       {'star_band_id': self.stars[5].id},
                       {'rank': 1}, {'reviewer_id': self.secretary.id},
                       {'organization_id': self.branch_a1.id}):
            with self.assertRefused(AccessError, 'cannot be set directly',
                                    msg=values):
                Assessment.write(values)
        self.assertEqual(self.a1.state, 'draft')
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.a1.sudo(self.manager).write({'state': 'confirmed'})

    def test_lines_neither_added_nor_removed(self):
        Assessment = self.a1.sudo(self.secretary)
        line = self.line(self.a1, self.c_f1)
        for command in ((0, 0, {'criterion_id': self.c_f1.id}),
                        (2, line.id), (3, line.id), (5,)):
            with self.assertRefused(AccessError, 'added or removed',
                                    msg=command):
                Assessment.write({'line_ids': [command]})
        with self.assertRefused(UserError):
            self.env['party.assessment.line'].sudo(self.manager).create({
                'assessment_id': self.a1.id, 'criterion_id': self.c_f1.id})
        with self.assertRefused(UserError):
            line.sudo(self.manager).unlink()
        with self.assertRefused(UserError):
            self.env['party.assessment'].sudo(self.manager).create({
                'campaign_id': self.campaign.id,
                'organization_id': self.branch_a1.id})
        with self.assertRefused(UserError):
            self.a1.sudo(self.manager).unlink()
        self.assertEqual(len(self.a1.line_ids), 6)

    def test_officer_does_not_self_assess(self):
        line = self.line(self.a1, self.c_f1).sudo(self.officer)
        with self.assertRefused(AccessError, 'own secretary'):
            line.write({'self_points': 10})
        with self.assertRefused(AccessError, 'own secretary'):
            self.a1.sudo(self.officer).action_submit()

    # -- the superior's side -------------------------------------------------

    def test_review_only_by_a_superior_officer(self):
        self.submit_a1()
        line = self.line(self.a1, self.c_f1)
        for user in (self.secretary, self.branch_officer,
                     self.double_officer, self.viewer):
            with self.assertRefused(AccessError, msg=user.login):
                line.sudo(user.id).write({'review_points': 10})
            with self.assertRefused(AccessError, msg=user.login):
                self.a1.sudo(user.id).action_review()
            with self.assertRefused(AccessError, msg=user.login):
                self.a1.sudo(user.id).action_return('No')
        with self.assertRefused(AccessError):
            self.a1.sudo(self.nobody).action_review()
        # the officer responsible for the branch itself is of the branch
        self.assertTrue(self.a1.sudo(self.branch_officer).can_self_assess)
        self.assertFalse(self.a1.sudo(self.branch_officer).can_review)
        line.sudo(self.officer).write({'review_points': 10,
                                       'review_comment': 'Checked'})
        self.a1.sudo(self.officer).action_review()
        self.assertEqual(self.a1.state, 'reviewed')
        with self.assertRefused(AccessError):
            self.a1.sudo(self.secretary).action_confirm()

    def test_review_only_when_submitted(self):
        line = self.line(self.a1, self.c_f1).sudo(self.officer)
        with self.assertRefused(UserError, 'submitted'):
            line.write({'review_points': 10})
        with self.assertRefused(UserError, 'submitted'):
            self.a1.sudo(self.officer).action_review()
        with self.assertRefused(UserError):
            self.a1.sudo(self.officer).action_confirm()

    def test_self_lines_closed_after_submission(self):
        self.submit_a1()
        line = self.line(self.a1, self.c_f1).sudo(self.secretary)
        with self.assertRefused(UserError, 'submitted'):
            line.write({'self_points': 20})
        with self.assertRefused(UserError, 'already'):
            self.a1.sudo(self.secretary).action_submit()

    def test_confirmed_is_immutable(self):
        self.submit_a1()
        self.a1.sudo(self.officer).action_review()
        self.a1.sudo(self.officer).action_confirm()
        score = self.a1.final_score
        for user, values in (
                (self.secretary, {'self_points': 20}),
                (self.secretary, {'self_comment': 'Later'}),
                (self.officer, {'review_points': 20}),
                (self.manager, {'review_points': 20})):
            with self.assertRefused((AccessError, UserError), msg=values):
                self.line(self.a1, self.c_f1).sudo(user.id).write(values)
        for action in ('action_review', 'action_return', 'action_revise',
                       'action_refresh_metrics', 'action_submit'):
            with self.assertRefused((AccessError, UserError), msg=action):
                getattr(self.a1.sudo(self.officer), action)()
        self.campaign.action_refresh_metrics()
        self.assertEqual(self.a1.final_score, score)
        self.assertEqual(self.a1.state, 'confirmed')

    # -- evidence ------------------------------------------------------------

    def test_evidence_is_the_lines_own(self):
        Attachment = self.env['ir.attachment']
        other = Attachment.create({
            'name': 'Other', 'datas': base64.b64encode(b'x'),
            'res_model': 'party.member', 'res_id': self.member_b1.id})
        line = self.line(self.a1, self.c_f1).sudo(self.secretary)
        with self.assertRefused(AccessError, 'uploaded'):
            line.write({'attachment_ids': [(6, 0, other.ids)]})
        # uploaded through the form: on the line's model, not yet on it
        upload = Attachment.sudo(self.secretary).create({
            'name': 'Minutes', 'datas': base64.b64encode(b'minutes'),
            'res_model': 'party.assessment.line', 'res_id': 0})
        line.write({'attachment_ids': [(6, 0, upload.ids)]})
        self.assertEqual(upload.res_id, line.id)
        self.assertFalse(Attachment.sudo(self.secretary_a2).search(
            [('id', '=', upload.id)]))
        self.a1.sudo(self.secretary)
        self.self_assess(self.a1, L1='Full', L2='Full')
        self.a1.sudo(self.secretary).action_submit()
        # submitted: the evidence stays
        with self.assertRefused(AccessError):
            upload.sudo(self.secretary).unlink()
        with self.assertRefused(UserError):
            line.write({'attachment_ids': [(5,)]})
