"""Mass satisfaction (issue 15): each organization's yearly questionnaire
in Odoo's survey app, its rate landing on the organization, the weak and
lax flag below the lowest rate (switchable), bad rates and scope."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_service import ServiceCase


class SatisfactionCase(ServiceCase):

    def evaluation(self, org, year=2025, user=None):
        Evaluation = self.env['party.satisfaction']
        return Evaluation.sudo(user or self.officer).create(
            {'organization_id': org.id, 'year': year})

    def answer(self, survey, choices):
        """One person's completed answers, as the public survey page saves
        them: `choices` the value chosen for each question, in order."""
        questions = survey.page_ids.mapped('question_ids').sorted('sequence')
        lines = []
        for question, value in zip(questions, choices):
            label = question.labels_ids.filtered(lambda l: l.value == value)
            lines.append((0, 0, {
                'question_id': question.id, 'answer_type': 'suggestion',
                'value_suggested': label.id,
                'quizz_mark': label.quizz_mark}))
        return self.env['survey.user_input'].create({
            'survey_id': survey.id, 'type': 'link', 'state': 'done',
            'user_input_line_ids': lines})


class TestSatisfaction(SatisfactionCase):

    def test_survey_results_land_on_each_organization(self):
        good = self.evaluation(self.branch_a1)
        poor = self.evaluation(self.branch_a2)
        (good | poor).action_create_survey()
        self.assertNotEqual(good.survey_id, poor.survey_id)
        self.assertIn('Branch A1', good.sudo().survey_id.title)
        self.assertIn('/survey/start/', good.public_url)
        satisfied = ['Satisfied', 'Basically Satisfied', 'Satisfied']
        for _i in range(3):
            self.answer(good.sudo().survey_id, satisfied)
        self.answer(good.sudo().survey_id,
                    ['Not Satisfied', 'Satisfied', 'Satisfied'])
        # branch A2: 1 answer of 3 satisfied
        self.answer(poor.sudo().survey_id,
                    ['Satisfied', 'Not Satisfied', 'Not Satisfied'])
        # an answer in progress does not count
        unfinished = self.answer(poor.sudo().survey_id, satisfied)
        unfinished.state = 'skip'
        (good | poor).action_compute_rate()
        self.assertEqual((good.respondent_count, good.rate), (4, 91.67))
        self.assertEqual((poor.respondent_count, poor.rate), (1, 33.33))
        (good | poor).action_close()
        self.assertEqual(self.branch_a1.sudo(self.officer).satisfaction_ids,
                         good)
        # below 60 %: flagged for the weak and lax review, once
        self.assertFalse(self.branch_a1.weak_lax)
        self.assertTrue(self.branch_a2.weak_lax)
        case = self.env['party.rectification'].search(
            [('organization_id', '=', self.branch_a2.id)])
        self.assertEqual(case.trigger, 'satisfaction_low')
        self.assertIn('33.3', case.reason)
        self.assertTrue(poor.below_minimum)
        self.assertFalse(good.below_minimum)
        # a closed rate stays
        with self.assertRefused(UserError, 'closed'):
            poor.write({'rate': 80.0})
        # the metric
        rates = self.env['party.assessment.metric']._metric_satisfaction_rate(
            (self.branch_a1 | self.branch_a2).ids, '2025-01-01',
            '2025-12-31', None)
        self.assertAlmostEqual(rates[self.branch_a1.id][0], 0.9167)
        self.assertEqual(rates[self.branch_a1.id][1], '91.7%')

    def test_flag_is_switchable_and_threshold_configurable(self):
        self.company.party_flag_satisfaction = False
        low = self.evaluation(self.branch_a1)
        low.write({'rate': 20.0})
        low.action_close()
        self.assertFalse(self.branch_a1.weak_lax)
        self.company.write({'party_flag_satisfaction': True,
                            'party_satisfaction_min_rate': 80.0})
        other = self.evaluation(self.branch_a2)
        other.write({'rate': 75.0})
        other.action_close()
        self.assertTrue(self.branch_a2.weak_lax)

    def test_bad_rates_refused(self):
        evaluation = self.evaluation(self.branch_a1)
        for rate in (-1.0, 100.5):
            with self.assertRefused(ValidationError, '0 and 100'):
                evaluation.write({'rate': rate})
        with self.assertRefused(ValidationError, 'enter a number'):
            evaluation.write({'rate': float('nan')})
        with self.assertRefused(ValidationError, '0 and 100'):
            self.company.party_satisfaction_min_rate = 120.0
        with self.assertRefused(Exception):
            self.evaluation(self.branch_a1)
        evaluation.action_create_survey()
        with self.assertRefused(UserError, 'Nobody'):
            evaluation.action_compute_rate()
        self.assertEqual(evaluation.rate, 0.0)

    def test_scope_and_roles(self):
        evaluation = self.evaluation(self.branch_a2)
        # the secretary reads their own organization's only, runs nothing
        mine = self.evaluation(self.branch_a1)
        Evaluation = self.env['party.satisfaction'].sudo(self.secretary)
        self.assertEqual(Evaluation.search([]), mine)
        with self.assertRefused(AccessError):
            evaluation.sudo(self.secretary).read(['rate'])
        with self.assertRefused(AccessError):
            mine.sudo(self.secretary).write({'rate': 90.0})
        with self.assertRefused(AccessError):
            mine.sudo(self.secretary).action_close()
        with self.assertRefused(AccessError):
            mine.sudo(self.secretary).action_create_survey()
        with self.assertRefused(AccessError):
            self.evaluation(self.branch_a1, year=2024, user=self.secretary)
        with self.assertRefused(AccessError):
            mine.sudo(self.viewer).write({'rate': 90.0})
        # an officer of another city neither
        officer_b = self.make_user('officer_b', 'group_officer', self.city_b)
        with self.assertRefused(AccessError):
            evaluation.sudo(officer_b).action_close()
        with self.assertRefused(AccessError):
            self.evaluation(self.branch_a1, year=2023, user=officer_b)
        self.assertEqual(evaluation.state, 'open')
        # party users do not read the answers themselves: the evaluation
        # gives the figures
        evaluation.action_create_survey()
        self.answer(evaluation.sudo().survey_id, ['Satisfied'] * 3)
        self.assertFalse(self.env['survey.user_input'].sudo(
            self.officer).search([]))
