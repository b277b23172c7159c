"""An inspector fills the review of a branch's assessment from an on-site
inspection (issue 16): what the visit found becomes the superior's
review scores of the criteria scored by hand, which the reviewer then
adjusts; only a reviewer of the branch, only while the assessment is
submitted, over the ORM as a client would call it."""
from odoo.exceptions import AccessError, UserError

from .common_assessment import AssessmentCase


class TestInspectionReview(AssessmentCase):

    def setUp(self):
        super(TestInspectionReview, self).setUp()
        self.campaign = self.generate()
        self.assessment = self.assessment_of(self.campaign, self.branch_a1)
        self.self_assess(self.assessment, L1='Full', F1=18, L2='Full')
        self.assessment.sudo(self.secretary).action_submit()
        self.inspection = self.as_user(
            self.officer, 'party.inspection').create({
                'organization_id': self.branch_a1.id,
                'planned_date': '2024-05-06',
                'inspector_ids': [(6, 0, self.officer.ids)]})

    def visit(self, inspection, **results):
        """results: {criterion code: result}; the others are met."""
        inspection.action_load_checklist()
        for item in inspection.item_ids:
            item.write({'result': results.get(item.criterion_id.code, 'met'),
                        'note': 'seen %s' % item.criterion_id.code})
        inspection.write({'visit_date': '2024-05-08'})
        inspection.action_done()

    def test_review_filled_from_the_visit(self):
        inspection = self.inspection
        self.assertEqual(inspection.standard_id, self.standard)
        self.visit(inspection, L1='partial', F1='not_met', L2='not_met')
        # the checklist in the assessment's order: by section, then criterion
        self.assertEqual(inspection.item_ids.mapped('criterion_id.code'),
                         ['L1', 'F1', 'M1', 'D1', 'L2', 'V1'])
        self.assertEqual(inspection.assessment_id, self.assessment)
        self.assertTrue(inspection.can_fill_review)
        action = inspection.action_fill_review()
        self.assertEqual(action['res_id'], self.assessment.id)
        self.assessment.invalidate_cache()
        l1 = self.line(self.assessment, self.c_l1)
        f1 = self.line(self.assessment, self.c_f1)
        l2 = self.line(self.assessment, self.c_l2)
        m1 = self.line(self.assessment, self.c_m1)
        # half of 30 is 15: the nearest level is Partial (20)
        self.assertEqual(l1.review_level_id.name, 'Partial')
        self.assertEqual(l1.review_points, 20)
        self.assertEqual(f1.review_points, 0)
        self.assertEqual(l2.review_level_id.name, 'None')
        self.assertTrue(l1.review_set and f1.review_set)
        self.assertIn('seen F1', f1.review_comment)
        self.assertIn('2024-05-08', f1.review_comment)
        # the metric scores its criterion, not the visit
        self.assertFalse(m1.review_set)
        # the self-assessment is untouched
        self.assertEqual(f1.self_points, 18)
        self.assertEqual(l1.self_level_id.name, 'Full')
        self.assertIn('2024-05-08', self.assessment.message_ids[0].body)
        # the reviewer adjusts a line, then completes the review
        self.review(self.assessment, F1=10)
        self.assertEqual(f1.review_points, 10)
        self.assessment.sudo(self.officer).action_review()
        self.assertEqual(self.assessment.state, 'reviewed')

    def test_met_gives_full_points_and_top_level(self):
        self.visit(self.inspection)
        self.inspection.action_fill_review()
        self.assertEqual(self.line(self.assessment, self.c_f1).review_points,
                         20)
        self.assertEqual(
            self.line(self.assessment, self.c_l2).review_level_id.name,
            'Full')

    def test_secretary_cannot_fill_own_review(self):
        self.visit(self.inspection, F1='not_met')
        as_secretary = self.inspection.sudo(self.secretary)
        self.assertFalse(as_secretary.can_fill_review)
        with self.assertRaises(AccessError):
            as_secretary.action_fill_review()
        self.assertEqual(self.line(self.assessment, self.c_f1).review_points,
                         18)

    def test_officer_of_the_branch_itself_cannot_review(self):
        """Nobody reviews their own branch: an officer responsible for the
        branch who also inspects it."""
        own = self.make_user('own_officer', 'group_officer', self.branch_a1)
        self.visit(self.inspection, F1='not_met')
        with self.assertRaises(AccessError):
            self.inspection.sudo(own).action_fill_review()
        self.assertEqual(self.line(self.assessment, self.c_f1).review_points,
                         18)

    def test_out_of_scope_officer_sees_nothing(self):
        self.visit(self.inspection)
        with self.assertRaises(AccessError):
            self.inspection.sudo(self.outsider_officer()).action_fill_review()

    def outsider_officer(self):
        return self.make_user('officer_b', 'group_officer', self.city_b)

    def test_only_after_the_visit(self):
        self.inspection.action_load_checklist()
        with self.assertRaisesRegex(UserError, 'Record the visit'):
            self.inspection.action_fill_review()

    def test_only_while_submitted(self):
        self.visit(self.inspection, F1='not_met')
        self.assessment.sudo(self.officer).action_return('Missing minutes')
        self.assertFalse(self.inspection.can_fill_review)
        with self.assertRaisesRegex(UserError, 'only while the assessment'):
            self.inspection.action_fill_review()
        self.assertEqual(self.line(self.assessment, self.c_f1).review_points,
                         18)

    def test_no_assessment_of_the_year(self):
        inspection = self.as_user(self.officer, 'party.inspection').create({
            'organization_id': self.branch_a2.id,
            'planned_date': '2023-05-06', 'standard_id': self.standard.id,
            'inspector_ids': [(6, 0, self.officer.ids)]})
        inspection.action_load_checklist()
        inspection.item_ids.write({'result': 'met'})
        inspection.write({'visit_date': '2023-05-08'})
        inspection.action_done()
        self.assertFalse(inspection.assessment_id)
        with self.assertRaisesRegex(UserError, 'no assessment'):
            inspection.action_fill_review()
