from odoo.exceptions import AccessError, UserError, ValidationError

from .common_lifecycle import LifecycleCase


class TestRecruitment(LifecycleCase):
    """An applicant through every stage, each rule at its edges, as the
    branch's secretary."""

    def applicant(self, user=None, **vals):
        return self.env['party.applicant'].sudo(
            (user or self.secretary).id).create(dict({
                'name': 'Applicant', 'organization_id': self.branch_a1.id,
                'application_date': '2022-01-10',
                'birth_date': '2000-01-10'}, **vals))

    def refused(self, applicant, stage, values, exception, regex):
        with self.assertRefused(exception, regex, msg=(stage, values)):
            applicant.advance(stage, values)
        self.assertNotEqual(applicant.stage, stage)

    def test_full_pipeline_with_each_rule_at_its_edges(self):
        # 18 on the day of the application, not a day younger
        with self.assertRefused(ValidationError, 'under 18'):
            self.applicant(birth_date='2004-01-11')
        applicant = self.applicant(birth_date='2004-01-10')
        self.assertEqual((applicant.stage, applicant.stage_date),
                         ('applied', '2022-01-10'))
        # no stage skipped
        self.refused(applicant, 'activist', {
            'activist_date': '2022-02-01',
            'contact_member_ids': [(6, 0, [self.full_1.id])]},
            UserError, 'skipped')
        # not dated before the previous stage; the same day is fine
        self.refused(applicant, 'talked', {'talk_date': '2022-01-09'},
                     ValidationError, 'before the previous stage')
        self.refused(applicant, 'talked', {'talk_date': '2099-01-09'},
                     ValidationError, 'future')
        self.assertIs(applicant.advance('talked', {
            'talk_date': '2022-01-10', 'talk_note': 'Motives'}), True)
        # one or two contact members, full members in good standing
        for ids in ([], [self.full_1.id, self.full_2.id, self.full_3.id],
                    [self.member_a1.id]):
            self.refused(applicant, 'activist', {
                'activist_date': '2022-03-01',
                'contact_member_ids': [(6, 0, ids)]},
                ValidationError, 'one or two contact members')
        applicant.advance('activist', {
            'activist_date': '2022-03-01',
            'contact_member_ids': [(6, 0, [self.full_1.id, self.full_2.id])],
            'activist_training': 'Party school, 2022'})
        # a year at least as activist
        self.refused(applicant, 'target', {
            'target_date': '2023-02-28',
            'sponsor_ids': [(6, 0, [self.full_1.id, self.full_2.id])]},
            ValidationError, '12 months')
        self.refused(applicant, 'target', {
            'target_date': '2023-03-01',
            'sponsor_ids': [(6, 0, [self.full_1.id])]},
            ValidationError, 'two sponsors')
        applicant.advance('target', {
            'target_date': '2023-03-01',
            'sponsor_ids': [(6, 0, [self.full_1.id, self.full_3.id])]})
        # political review and 24 hours of training
        self.refused(applicant, 'reviewed', {
            'review_date': '2023-04-01', 'political_review': 'Passed',
            'training_hours': 23.5}, ValidationError, '24')
        self.refused(applicant, 'reviewed', {
            'review_date': '2023-04-01', 'political_review': ' ',
            'training_hours': 24}, ValidationError, 'political review')
        applicant.advance('reviewed', {
            'review_date': '2023-04-01', 'political_review': 'Passed',
            'training_hours': 24})
        # the branch's held members' general meeting, after the review
        elsewhere = self.held_meeting('2023-05-01', org=self.branch_a2)
        self.refused(applicant, 'admitted', {'meeting_id': elsewhere.id},
                     AccessError, 'access to')
        # in the user's scope, of another branch
        self.secretary.party_organization_ids |= self.branch_a2
        for meeting, regex in (
                (self.held_meeting('2023-05-01', org=self.branch_a2),
                 'general meeting of Branch A1'),
                (self.held_meeting('2023-05-01', meeting_type=self.theme_day),
                 'general meeting of Branch A1'),
                (self.held_meeting('2023-05-01', held=False),
                 'not been held'),
                (self.held_meeting('2023-03-31'),
                 'before the previous stage')):
            self.refused(applicant, 'admitted', {'meeting_id': meeting.id},
                         ValidationError, regex)
        meeting = self.held_meeting('2023-05-01')
        applicant.advance('admitted', {'meeting_id': meeting.id})
        self.assertEqual(applicant.admission_date, '2023-05-01')
        self.assertFalse(applicant.member_id)
        # the superior committee's approval creates the member
        self.refused(applicant, 'approved', {
            'approval_date': '2023-06-01', 'approval_decision': ''},
            ValidationError, 'approval')
        self.refused(applicant, 'approved', {
            'approval_date': '2023-04-30', 'approval_decision': 'Ref 1'},
            ValidationError, 'before the previous stage')
        member = applicant.advance('approved', {
            'approval_date': '2023-06-01', 'approval_decision': 'Ref 1'})
        self.assertEqual(applicant.member_id, member)
        self.assertEqual(
            (member.status, member.join_date, member.organization_id,
             member.application_date, member.applicant_id),
            ('probationary', '2023-05-01', self.branch_a1, '2022-01-10',
             applicant))
        self.assertEqual(member.probation_end, '2024-05-01')
        with self.assertRefused(UserError, 'skipped'):
            applicant.advance('approved', {
                'approval_date': '2023-06-02', 'approval_decision': 'x'})
        # the path shows the stages
        kinds = member.sudo(self.secretary).history_ids.mapped('kind')
        self.assertIn('stage_admitted', kinds)
        self.assertIn('stage_applied', kinds)

    def test_stage_rules_are_configuration(self):
        rule = self.env.ref('party_building.recruitment_stage_target')
        with self.assertRefused(AccessError):
            rule.sudo(self.officer).write({'min_months': 0})
        rule.sudo(self.manager).write({'min_months': 6})
        applicant = self.applicant()
        applicant.advance('talked', {'talk_date': '2022-01-20'})
        applicant.advance('activist', {
            'activist_date': '2022-03-01',
            'contact_member_ids': [(6, 0, [self.full_1.id])]})
        applicant.advance('target', {
            'target_date': '2022-09-01',
            'sponsor_ids': [(6, 0, [self.full_1.id, self.full_2.id])]})
        self.assertEqual(applicant.stage, 'target')
        with self.assertRefused(ValidationError, 'negative'):
            rule.sudo(self.manager).write({'min_months': -1})

    def test_stages_and_dates_not_written_directly(self):
        applicant = self.applicant()
        for vals in ({'stage': 'approved'}, {'talk_date': '2022-02-01'},
                     {'application_date': '2022-01-01'},
                     {'member_id': self.member_a1.id},
                     {'meeting_id': self.held_meeting('2023-01-01').id}):
            with self.assertRefused(AccessError, 'cannot be set directly',
                                    msg=vals):
                applicant.write(vals)
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.applicant(stage='approved')
        with self.assertRefused(UserError, 'do not belong'):
            applicant.advance('talked', {'talk_date': '2022-02-01',
                                         'stage': 'approved'})
        self.assertEqual(applicant.stage, 'applied')

    def test_scope_and_roles(self):
        applicant = self.applicant()
        other = self.applicant(user=self.manager,
                               organization_id=self.branch_b1.id)
        Applicant = self.env['party.applicant']
        self.assertEqual(Applicant.sudo(self.secretary).search([]),
                         applicant)
        self.assertEqual(Applicant.sudo(self.officer).search([]), applicant)
        self.assertEqual(Applicant.sudo(self.viewer).search([]), applicant)
        with self.assertRefused(AccessError):
            self.applicant(organization_id=self.branch_b1.id)
        with self.assertRefused(AccessError):
            self.applicant(user=self.viewer)
        with self.assertRefused(AccessError):
            other.sudo(self.secretary).advance(
                'talked', {'talk_date': '2022-02-01'})
        with self.assertRefused(AccessError):
            applicant.sudo(self.viewer).advance(
                'talked', {'talk_date': '2022-02-01'})
        # a sponsor or a meeting outside the user's scope
        applicant.advance('talked', {'talk_date': '2022-01-20'})
        with self.assertRefused(AccessError, 'access to'):
            applicant.advance('activist', {
                'activist_date': '2022-03-01',
                'contact_member_ids': [(6, 0, [self.member_b1.id])]})
        self.assertEqual(applicant.stage, 'talked')

    def test_wizard_records_the_next_stage(self):
        applicant = self.applicant()
        action = applicant.action_advance()
        Wizard = self.env['party.applicant.advance'].sudo(
            self.secretary).with_context(action['context'])
        wizard = Wizard.create({'date': '2022-01-20', 'note': 'Talked'})
        self.assertEqual(wizard.stage, 'talked')
        wizard.action_confirm()
        self.assertEqual((applicant.stage, applicant.talk_date,
                          applicant.talk_note),
                         ('talked', '2022-01-20', 'Talked'))

    def test_counts_by_stage_one_query(self):
        def counts(number):
            for index in range(number):
                self.applicant(name='A%d' % index)
            Applicant = self.env['party.applicant'].sudo(self.officer)
            Applicant.invalidate_cache()
            with self.count_queries() as queries:
                result = Applicant.stage_counts()
            return queries[0], result
        counts(0)  # warm-up: the rules and groups are read once
        small, result = counts(10)
        self.assertEqual(result['applied'], 10)
        large, result = counts(90)
        self.assertEqual(result['applied'], 100)
        self.assertEqual(small, large)
        self.assertLessEqual(small, 3)
