"""Campaigns and assessments: generation, the workflow, the scores, the
results and what they feed."""
import datetime

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common_assessment import VALUES, AssessmentCase


class TestGeneration(AssessmentCase):

    def test_one_assessment_per_branch_with_its_criteria(self):
        general = self.make_org('General Branch A3', 'general_branch',
                                self.city_a)
        branch = self.make_org('Branch A3-1', 'branch', general,
                               sector='village')
        VALUES[('test_ratio', self.branch_a1.id)] = 1.0
        VALUES[('test_ratio', self.branch_a2.id)] = 0.6
        VALUES[('test_count', self.branch_a2.id)] = 3
        campaign = self.generate()
        self.assertEqual(campaign.state, 'open')
        assessed = self.env['party.assessment'].search(
            [('campaign_id', '=', campaign.id)])
        # branches and general branches of the subtree; neither the
        # committee, nor the party group, nor city B
        self.assertEqual(assessed.mapped('organization_id'),
                         self.branch_a1 | self.branch_a2 | general | branch)
        self.assertTrue(all(a.state == 'draft' for a in assessed))
        a1 = self.assessment_of(campaign, self.branch_a1)
        self.assertEqual(a1.line_ids.mapped('criterion_id'),
                         self.c_l1 | self.c_f1 | self.c_m1 | self.c_d1
                         | self.c_l2 | self.c_v1)
        # the village branch has the village bonus
        self.assertIn(self.c_b1, self.assessment_of(
            campaign, branch).line_ids.mapped('criterion_id'))
        # automatic lines from the metrics
        self.assertEqual(self.line(a1, self.c_m1).auto_points, 10)
        self.assertEqual(self.line(a1, self.c_m1).self_points, 10)
        self.assertEqual(self.line(a1, self.c_d1).auto_points, 0)
        a2 = self.assessment_of(campaign, self.branch_a2)
        self.assertEqual(self.line(a2, self.c_m1).auto_points, 5)
        self.assertEqual(self.line(a2, self.c_m1).metric_value, 0.6)
        # three occurrences of 5, at most 10
        self.assertEqual(self.line(a2, self.c_d1).auto_points, -10)
        self.assertEqual(a2.self_total, 0)
        self.assertEqual(a1.self_total, 10)
        self.assertEqual(a1.area_id, self.branch_a1)
        self.assertEqual(self.assessment_of(campaign, branch).area_id,
                         general)
        self.assertTrue(self.standard.locked)
        self.assertEqual(campaign.assessment_count, 4)

    def test_generate_once(self):
        campaign = self.generate()
        with self.assertRefused(UserError, 'already generated'):
            campaign.action_generate()
        self.assertEqual(campaign.assessment_count, 2)

    def test_empty_scope_refused(self):
        empty = self.make_org('Empty Committee', 'committee', self.city_a)
        campaign = self.make_campaign(org=empty)
        with self.assertRefused(UserError, 'no branch'):
            campaign.action_generate()
        self.assertEqual(campaign.state, 'draft')

    def test_second_campaign_same_year_standard_scope(self):
        self.make_campaign()
        with self.assertRaises(psycopg2.IntegrityError), \
                mute_logger('odoo.sql_db'), self.env.cr.savepoint():
            self.make_campaign(name='Again')
        # another year is another campaign
        self.make_campaign(name='Next Year', year=2025,
                           date_from='2025-01-01', date_to='2025-12-31')

    def test_scope_outside_the_officer(self):
        with self.assertRefused(AccessError):
            self.make_campaign(org=self.city_b)
        with self.assertRefused(AccessError):
            self.make_campaign(user=self.secretary, org=self.branch_a1)
        with self.assertRefused(AccessError):
            self.make_campaign(user=self.nobody)

    def test_fixed_once_generated(self):
        campaign = self.generate()
        with self.assertRefused(UserError, 'fixed'):
            campaign.write({'year': 2023})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            campaign.write({'state': 'draft'})
        with self.assertRefused(UserError):
            campaign.unlink()
        # the deadlines may move
        campaign.write({'self_deadline': '2024-12-15'})

    def test_queries_do_not_grow_with_branches(self):
        """Generating and auto-scoring: the same number of statements for 3
        and for 30 branches."""
        counts = []
        # the first generation fills Odoo's caches (views, models, rules)
        for size in (1, 3, 30):
            top = self.make_org('Scope %d' % size, 'committee', self.city_a)
            for i in range(size):
                self.make_org('Branch %d-%d' % (size, i), 'branch', top)
            campaign = self.make_campaign(
                org=top, name='Size %d' % size)
            campaign.invalidate_cache()
            with self.count_queries() as queries:
                campaign.action_generate()
            counts.append(queries[0])
            self.assertEqual(campaign.assessment_count, size)
            self.assertEqual(len(campaign.sudo().assessment_ids.mapped(
                'line_ids')), size * 6)
        self.assertEqual(counts[1], counts[2], counts)

    def test_refresh_metrics_until_review(self):
        campaign = self.generate()
        a1 = self.assessment_of(campaign, self.branch_a1)
        a2 = self.assessment_of(campaign, self.branch_a2)
        self.self_assess(a1, L1='Full', L2='Full')
        a1.sudo(self.secretary).action_submit()
        self.self_assess(a2, user=self.make_user(
            'secretary_a2', 'group_secretary', self.branch_a2),
            L1='Full', L2='Full')
        VALUES[('test_ratio', self.branch_a1.id)] = 1.0
        VALUES[('test_ratio', self.branch_a2.id)] = 1.0
        campaign.action_refresh_metrics()
        self.assertEqual(self.line(a1, self.c_m1).auto_points, 10)
        self.assertEqual(self.line(a1, self.c_m1).review_points, 10)
        self.assertEqual(a1.review_total, 80)
        a1.sudo(self.officer).action_review()
        VALUES[('test_ratio', self.branch_a1.id)] = 0.0
        campaign.action_refresh_metrics()
        # reviewed: kept as reviewed
        self.assertEqual(self.line(a1, self.c_m1).auto_points, 10)
        self.assertEqual(self.line(a2, self.c_m1).auto_points, 10)


class TestWorkflow(AssessmentCase):

    def setUp(self):
        super(TestWorkflow, self).setUp()
        VALUES[('test_ratio', self.branch_a1.id)] = 1.0
        VALUES[('test_count', self.branch_a1.id)] = 1
        self.campaign = self.generate()
        self.a1 = self.assessment_of(self.campaign, self.branch_a1)

    def run_to_confirmed(self, veto=0):
        self.self_assess(self.a1, L1='Full', F1=18, L2='Partial')
        self.a1.sudo(self.secretary).action_submit()
        self.review(self.a1, L1='Partial', F1=15, V1=veto)
        self.a1.sudo(self.officer).action_review()
        self.a1.sudo(self.officer).action_confirm()

    def test_self_assess_review_confirm(self):
        self.self_assess(self.a1, L1='Full', F1=18, L2='Partial')
        self.assertEqual(self.a1.self_total, 78)
        self.a1.sudo(self.secretary).action_submit()
        self.assertEqual(self.a1.state, 'submitted')
        self.assertEqual(self.a1.submitted_by_id, self.secretary)
        # the review starts from the self-assessment
        self.assertEqual(self.line(self.a1, self.c_l2).review_points, 25)
        self.assertEqual(self.a1.review_total, 78)
        self.review(self.a1, L1='Partial', F1=15)
        self.assertEqual(self.a1.review_total, 65)
        self.a1.sudo(self.officer).action_review()
        self.assertEqual(self.a1.state, 'reviewed')
        self.assertEqual(self.a1.reviewer_id, self.officer)
        # 78 x 40% + 65 x 60%
        self.assertEqual(self.a1.final_score, 70.2)
        self.assertEqual(self.line(self.a1, self.c_l1).final_points, 24)
        self.assertEqual(self.line(self.a1, self.c_f1).final_points, 16.2)
        self.a1.sudo(self.officer).action_confirm()
        self.assertEqual(self.a1.state, 'confirmed')
        self.assertEqual(self.a1.star_band_id, self.stars[3])
        self.assertEqual(self.a1.grade_band_id, self.grades['average'])
        self.assertEqual(self.a1.stars, 3)
        self.assertFalse(self.a1.vetoed)
        self.assertEqual(self.a1.rank, 1)
        self.assertEqual(self.a1.trend, 'new')
        # the organization shows its rating
        org = self.branch_a1.sudo(self.viewer)
        self.assertEqual(org.current_star_band_id, self.stars[3])
        self.assertEqual(org.assessment_ids.ids, self.a1.ids)

    def test_veto_caps_the_rating(self):
        self.run_to_confirmed(veto=1)
        self.assertEqual(self.a1.final_score, 70.2)
        self.assertTrue(self.a1.vetoed)
        self.assertTrue(self.a1.capped)
        self.assertEqual(self.a1.star_band_id, self.stars[2])
        # the cap names no grade: the grade stays
        self.assertEqual(self.a1.grade_band_id, self.grades['average'])

    def test_return_with_reason(self):
        self.self_assess(self.a1, L1='Full', L2='Full')
        self.a1.sudo(self.secretary).action_submit()
        # the officers above the branch hear of it, without following it
        submitted = self.a1.message_ids[0]
        self.assertIn(self.officer.partner_id,
                      submitted.needaction_partner_ids)
        self.assertNotIn(self.secretary.partner_id,
                         submitted.needaction_partner_ids)
        self.assertNotIn(self.officer.partner_id,
                         self.a1.message_follower_ids.mapped('partner_id'))
        Assessment = self.a1.sudo(self.officer)
        with self.assertRefused(UserError, 'reason'):
            Assessment.action_return('  ')
        Assessment.action_return('Attach the minutes')
        self.assertEqual(self.a1.state, 'draft')
        self.assertEqual(self.a1.return_reason, 'Attach the minutes')
        returned = self.a1.message_ids[0]
        self.assertIn('Attach the minutes', returned.body)
        # and the branch's secretary of the return
        self.assertIn(self.secretary.partner_id,
                      returned.needaction_partner_ids)
        # the branch corrects and submits again
        self.self_assess(self.a1, F1=10)
        self.a1.sudo(self.secretary).action_submit()
        self.assertEqual(self.a1.state, 'submitted')

    def test_wizard_returns_and_reopens(self):
        self.self_assess(self.a1, L1='Full', L2='Full')
        self.a1.sudo(self.secretary).action_submit()
        action = self.a1.sudo(self.officer).action_return_wizard()
        wizard = self.env[action['res_model']].sudo(self.officer)\
            .with_context(action['context']).create({'reason': 'Why'})
        wizard.action_apply()
        self.assertEqual(self.a1.state, 'draft')

    def test_manager_reopens(self):
        self.run_to_confirmed()
        with self.assertRefused(AccessError, 'managers'):
            self.a1.sudo(self.officer).action_reopen('Error')
        self.a1.sudo(self.manager).action_reopen('Wrong level for L1')
        self.assertEqual(self.a1.state, 'submitted')
        self.assertEqual(self.a1.reopen_reason, 'Wrong level for L1')
        self.assertFalse(self.a1.rank)
        self.review(self.a1, L1='Full')
        self.a1.sudo(self.officer).action_review()
        self.a1.sudo(self.officer).action_confirm()
        # 78 x 40% + 75 x 60%
        self.assertEqual(self.a1.final_score, 76.2)
        self.assertEqual(self.a1.rank, 1)

    def test_revise_the_review(self):
        self.self_assess(self.a1, L1='Full', F1=18, L2='Partial')
        self.a1.sudo(self.secretary).action_submit()
        self.a1.sudo(self.officer).action_review()
        self.assertEqual(self.a1.final_score, 78)
        self.a1.sudo(self.officer).action_revise()
        self.assertEqual(self.a1.state, 'submitted')
        self.assertEqual(self.a1.final_score, 0)
        self.assertFalse(self.line(self.a1, self.c_l1).final_points)
        self.review(self.a1, F1=8)
        self.a1.sudo(self.officer).action_review()
        # 78 x 40% + 68 x 60%
        self.assertEqual(self.a1.final_score, 72)

    def test_workflow_is_tracked(self):
        self.self_assess(self.a1, L1='Full', L2='Full')
        self.a1.with_context(tracking_disable=False, mail_notrack=False)\
            .sudo(self.secretary).action_submit()
        self.assertTrue(self.a1.message_ids.mapped('tracking_value_ids'))


class TestScores(AssessmentCase):

    def setUp(self):
        super(TestScores, self).setUp()
        self.campaign = self.generate()
        self.a1 = self.assessment_of(self.campaign, self.branch_a1)

    def test_points_within_their_limits(self):
        cases = [
            ('F1', 21, 'between 0 and'),
            ('F1', -1, 'between 0 and'),
            ('V1', 2, 'veto'),
        ]
        for code, points, message in cases:
            line = self.line(self.a1, getattr(self, 'c_' + code.lower()))
            with self.assertRefused(ValidationError, message, msg=code):
                line.sudo(self.secretary).write({'self_points': points})

    def test_deduction_floor_and_bonus_cap(self):
        general = self.make_org('Village Branch', 'branch', self.city_a,
                                sector='village')
        campaign = self.generate(org=general, name='Village')
        village = self.assessment_of(campaign, general)
        secretary = self.make_user('village', 'group_secretary', general)
        bonus = self.line(village, self.c_b1).sudo(secretary)
        with self.assertRefused(ValidationError, 'at most 5'):
            bonus.write({'self_points': 6})
        bonus.write({'self_points': 5})
        self.self_assess(village, user=secretary, L1='Full', L2='Full')
        # automatic lines are the metric's
        deduction = self.line(village, self.c_d1).sudo(secretary)
        with self.assertRefused(UserError, 'automatically'):
            deduction.write({'self_points': -5})
        village.sudo(secretary).action_submit()
        deduction = deduction.sudo(self.officer)
        with self.assertRefused(ValidationError, 'at most 10'):
            deduction.write({'review_points': -15})
        with self.assertRefused(ValidationError, 'negative'):
            deduction.write({'review_points': 5})
        deduction.write({'review_points': -10})
        self.assertTrue(deduction.review_set)

    def test_levels_only_from_the_criterion(self):
        line = self.line(self.a1, self.c_l1).sudo(self.secretary)
        with self.assertRefused(UserError, 'choose a level'):
            line.write({'self_points': 30})
        with self.assertRefused(ValidationError, "criterion's levels"):
            line.write({'self_level_id': self.c_l2.level_ids[0].id})
        line.write({'self_level_id': self.c_l1.level_ids[1].id})
        self.assertEqual(line.self_points, 20)

    def test_nothing_half_saved(self):
        Assessment = self.a1.sudo(self.secretary)
        f1 = self.line(self.a1, self.c_f1)
        l1 = self.line(self.a1, self.c_l1)
        with self.assertRefused(ValidationError):
            Assessment.write({'line_ids': [
                (1, l1.id, {'self_level_id': self.c_l1.level_ids[0].id}),
                (1, f1.id, {'self_points': 99})]})
        self.assertFalse(self.line(self.a1, self.c_l1).self_level_id)
        self.assertEqual(self.a1.self_total, 0)

    def test_submit_needs_every_level(self):
        self.self_assess(self.a1, L1='Full')
        with self.assertRefused(UserError, 'L2'):
            self.a1.sudo(self.secretary).action_submit()
        self.assertEqual(self.a1.state, 'draft')


class TestResults(AssessmentCase):

    def setUp(self):
        super(TestResults, self).setUp()
        self.secretary_a2 = self.make_user('secretary_a2', 'group_secretary',
                                           self.branch_a2)
        self.campaign = self.generate(org=self.root, user=self.manager)
        self.assessments = {
            org: self.assessment_of(self.campaign, org)
            for org in (self.branch_a1, self.branch_a2, self.branch_b1)}
        self.secretary_b1 = self.make_user('secretary_b1', 'group_secretary',
                                           self.branch_b1)

    def confirm(self, org, secretary, l1, l2, reviewer=None):
        assessment = self.assessments[org]
        self.self_assess(assessment, user=secretary, L1=l1, L2=l2)
        assessment.sudo(secretary).action_submit()
        reviewer = reviewer or self.manager
        assessment.sudo(reviewer).action_review()
        assessment.sudo(reviewer).action_confirm()
        return assessment

    def test_ranks_with_ties_by_sector_and_area(self):
        self.branch_b1.sector = 'village'
        self.assessments[self.branch_b1].sudo().write({'sector': 'village'})
        a1 = self.confirm(self.branch_a1, self.secretary, 'Full', 'Full')
        a2 = self.confirm(self.branch_a2, self.secretary_a2, 'Full', 'Full')
        b1 = self.confirm(self.branch_b1, self.secretary_b1, 'None', 'Full')
        self.campaign.sudo(self.manager).action_rank()
        self.assertEqual((a1.rank, a2.rank, b1.rank), (1, 1, 3))
        self.assertEqual(a1.ranked_count, 3)
        self.assertEqual((a1.area_id, b1.area_id), (self.city_a, self.city_b))
        self.assertEqual((a1.rank_area, a2.rank_area, b1.rank_area),
                         (1, 1, 1))
        self.assertEqual((a1.rank_sector, b1.rank_sector), (1, 1))
        # distribution: one read_group
        groups = self.env['party.assessment'].sudo(self.manager).read_group(
            [('campaign_id', '=', self.campaign.id)], ['star_band_id'],
            ['star_band_id'])
        counts = {g['star_band_id'][0]: g['star_band_id_count']
                  for g in groups}
        self.assertEqual(counts, {self.stars[3].id: 2, self.stars[1].id: 1})

    def test_close_feeds_weak_and_lax(self):
        a1 = self.confirm(self.branch_a1, self.secretary, 'Full', 'Full')
        with self.assertRefused(UserError, 'not confirmed'):
            self.campaign.sudo(self.manager).action_close()
        self.confirm(self.branch_a2, self.secretary_a2, 'Full', 'Full')
        self.confirm(self.branch_b1, self.secretary_b1, 'None', 'None')
        self.company.write({'party_assessment_flag_lowest': True,
                            'party_assessment_lowest_count': 1,
                            'party_assessment_flag_backward': False})
        self.campaign.sudo(self.manager).action_close()
        self.assertEqual(self.campaign.state, 'closed')
        self.assertEqual(self.campaign.flagged_count, 1)
        case = self.env['party.rectification'].search(
            [('organization_id', '=', self.branch_b1.id)])
        self.assertEqual(case.trigger, 'assessment_lowest')
        self.assertTrue(self.branch_b1.weak_lax)
        self.assertIn('Ranked 3 of 3', case.reason)
        self.assertFalse(self.branch_a1.weak_lax)
        # closed: nothing changes, not even through a reopening
        with self.assertRefused(UserError, 'closed'):
            a1.sudo(self.manager).action_reopen('Late correction')
        # until a manager reopens the campaign
        with self.assertRefused(AccessError):
            self.campaign.sudo(self.officer).action_reopen()
        self.campaign.sudo(self.manager).action_reopen()
        self.assertEqual(self.campaign.state, 'open')
        a1.sudo(self.manager).action_reopen('Late correction')
        self.assertEqual(a1.state, 'submitted')

    def test_lowest_band_feed(self):
        # L1 Full 30 + L2 Full 40: 70, three stars; nothing: one star
        self.confirm(self.branch_a1, self.secretary, 'Full', 'Full')
        self.confirm(self.branch_a2, self.secretary_a2, 'None', 'None')
        self.confirm(self.branch_b1, self.secretary_b1, 'Full', 'Full')
        self.company.write({'party_assessment_flag_backward': True,
                            'party_assessment_flag_lowest': False})
        self.campaign.sudo(self.manager).action_close()
        cases = self.env['party.rectification'].search(
            [('trigger', '=', 'assessment_backward')])
        self.assertEqual(cases.mapped('organization_id'), self.branch_a2)
        self.assertIn('backward', cases.reason)

    def test_feed_switched_off(self):
        self.confirm(self.branch_a1, self.secretary, 'None', 'None')
        self.confirm(self.branch_a2, self.secretary_a2, 'None', 'None')
        self.confirm(self.branch_b1, self.secretary_b1, 'None', 'None')
        self.company.write({'party_assessment_flag_backward': False,
                            'party_assessment_flag_lowest': False})
        self.campaign.sudo(self.manager).action_close()
        self.assertEqual(self.campaign.flagged_count, 0)
        self.assertFalse(self.env['party.rectification'].search(
            [('trigger', 'like', 'assessment_')]))

    def test_trend_across_years(self):
        self.confirm(self.branch_a1, self.secretary, 'None', 'None')
        later = self.generate(org=self.city_a, name='2025', year=2025,
                              date_from='2025-01-01', date_to='2025-12-31')
        a1 = self.assessment_of(later, self.branch_a1)
        self.assessments = {self.branch_a1: a1}
        self.confirm(self.branch_a1, self.secretary, 'Full', 'None',
                     reviewer=self.officer)
        self.assertEqual(a1.trend, 'up')
        self.assertEqual(a1.previous_score, 0)
        org = self.branch_a1.sudo(self.secretary)
        self.assertEqual(org.current_assessment_id, a1)
        self.assertEqual(len(org.assessment_ids), 2)


class TestReminders(AssessmentCase):

    def test_self_and_review_reminders(self):
        campaign = self.generate()
        a1 = self.assessment_of(campaign, self.branch_a1)
        Activity = self.env['mail.activity']
        # 2024-12-10 self deadline, 7 days before
        Assessment = self.env['party.assessment']
        Assessment._cron_remind(today=datetime.date(2024, 12, 2))
        self.assertFalse(Activity.search(
            [('res_model', '=', 'party.assessment')]))
        Assessment._cron_remind(today=datetime.date(2024, 12, 3))
        activities = Activity.search([('res_model', '=', 'party.assessment')])
        # the secretary of branch A1; branch A2 has none of its own: the
        # officers above it
        self.assertEqual(
            {(a.res_id, a.user_id) for a in activities},
            {(a1.id, self.secretary),
             (self.assessment_of(campaign, self.branch_a2).id,
              self.officer)})
        self.assertIn('self-assessment', activities[0].summary)
        self.assertTrue(a1.self_reminded_on)
        # once
        Assessment._cron_remind(today=datetime.date(2024, 12, 4))
        self.assertEqual(len(Activity.search(
            [('res_model', '=', 'party.assessment')])), 2)
        # the review
        self.self_assess(a1, L1='Full', L2='Full')
        a1.sudo(self.secretary).action_submit()
        Assessment._cron_remind(today=datetime.date(2024, 12, 15))
        review = Activity.search([('res_model', '=', 'party.assessment'),
                                  ('summary', 'ilike', 'review')])
        self.assertEqual((review.res_id, review.user_id),
                         (a1.id, self.officer))


class TestRealMetrics(AssessmentCase):
    """The seeded metrics through a campaign: meeting types reach them,
    their values and notes land on the lines."""

    def test_seeded_metrics(self):
        env = self.env(context=dict(self.env.context,
                                    install_mode_data=True))
        standard = env['party.standard'].create({
            'name': 'Metrics Standard', 'version': '1', 'company_id': False,
            'total_points': 100, 'self_weight': 40, 'review_weight': 60})
        section = env['party.standard.section'].create({
            'standard_id': standard.id, 'max_points': 100,
            'dimension_id': self.c_l1.dimension_id.id})
        Criterion = env['party.standard.criterion']
        held = Criterion.create({
            'standard_id': standard.id, 'section_id': section.id,
            'code': 'MH', 'name': 'General meetings held', 'max_points': 100,
            'scoring': 'metric', 'mapping': 'proportional',
            'target_value': 1.0,
            'metric_id': self.env.ref(
                'party_building.metric_meetings_held').id,
            'metric_meeting_type_id': self.env.ref(
                'party_building.meeting_type_general').id})
        open_tasks = Criterion.create({
            'standard_id': standard.id, 'section_id': section.id,
            'code': 'RO', 'name': 'Open rectification tasks',
            'scoring': 'deduction', 'deduction_points': 5, 'floor': 10,
            'metric_id': self.env.ref(
                'party_building.metric_rectification_open').id})
        standard._check_consistency()
        case = self.env['party.rectification'].create({
            'organization_id': self.branch_a2.id, 'reason': 'Test'})
        self.env['party.task'].create({
            'name': 'Fix', 'organization_id': self.branch_a2.id,
            'rectification_id': case.id, 'source': 'rectification'})
        today = datetime.date.today()
        campaign = self.generate(
            standard_id=standard.id, year=today.year, name='Real',
            date_from=fields_date(today.replace(month=1, day=1)),
            date_to=fields_date(today))
        a1 = self.assessment_of(campaign, self.branch_a1)
        a2 = self.assessment_of(campaign, self.branch_a2)
        line = self.line(a1, held)
        self.assertEqual(line.metric_value, 0)
        self.assertRegex(line.metric_note, r'^0/\d+$')
        self.assertEqual(self.line(a2, open_tasks).metric_value, 1)
        self.assertEqual(self.line(a2, open_tasks).auto_points, -5)
        self.assertEqual(self.line(a1, open_tasks).auto_points, 0)


def fields_date(day):
    return day.strftime('%Y-%m-%d')


class TestSeededStandard(AssessmentCase):

    def test_campaign_on_the_seeded_standard(self):
        standard = self.env.ref('party_building.standard_2019')
        campaign = self.generate(standard_id=standard.id, name='Seeded')
        a1 = self.assessment_of(campaign, self.branch_a1)
        self.assertTrue(a1.line_ids)
        for line in a1.line_ids.filtered(lambda l: l.scoring == 'levels'):
            best = max(line.criterion_id.level_ids, key=lambda l: l.points)
            line.sudo(self.secretary).write({'self_level_id': best.id})
        # the levels at their best, the automatic lines as measured
        expected = round(sum(a1.line_ids.filtered(
            lambda l: l.scoring == 'levels').mapped('max_points')) + sum(
                a1.line_ids.filtered(lambda l: l.automatic and l.scoring
                                     != 'veto').mapped('auto_points')), 2)
        self.assertTrue(a1.line_ids.filtered('automatic'))
        self.assertEqual(a1.self_total, expected)
        a1.sudo(self.secretary).action_submit()
        a1.sudo(self.officer).action_review()
        a1.sudo(self.officer).action_confirm()
        self.assertEqual(a1.final_score, expected)
        self.assertTrue(a1.star_band_id)
        self.assertTrue(a1.grade_band_id)
        self.assertTrue(standard.locked)
