"""Implementation plans (实施方案, issue 12): drafted by a committee per
category of branch, submitted to its superior, filed or returned by an
officer there; the list of committees that have not filed; each role in
and out of scope, over the model calls a client can make."""
from unittest.mock import patch

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..models.party_guard import trusted
from .common import PartyCase


class PlanCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(PlanCase, cls).setUpClass()
        cls.province_officer = cls.make_user('province', 'group_officer',
                                             cls.root)
        cls.city_b_officer = cls.make_user('city_b_officer', 'group_officer',
                                           cls.city_b)
        cls.city_a_secretary = cls.make_user('city_a_secretary',
                                             'group_secretary', cls.city_a)
        ref = cls.env.ref
        cls.village = ref('party_building.category_sector_village')
        cls.school = ref('party_building.category_sector_school')
        cls.Plan = cls.env['party.plan']

    def make_plan(self, user, org=None, category=None, **vals):
        return self.as_user(user, 'party.plan').create(dict(
            name='Plan for %s' % (category or self.village).name,
            organization_id=(org or self.city_a).id,
            branch_category_id=(category or self.village).id,
            scope='All village branches of the city',
            measures='<p>Train every secretary by June.</p>',
            milestone_ids=[(0, 0, {'name': 'Training done',
                                   'date': '2025-06-30'})],
            **vals))

    def today(self, day='2025-03-01'):
        return patch.object(fields.Date, 'context_today', return_value=day)


class TestPlanWorkflow(PlanCase):

    def test_submit_return_and_file(self):
        plan = self.make_plan(self.city_a_secretary)
        self.assertEqual((plan.state, plan.superior_id), ('draft', self.root))
        with self.today():
            plan.action_submit()
        self.assertEqual((plan.state, plan.submitted_date,
                          plan.submitted_by_id),
                         ('submitted', '2025-03-01', self.city_a_secretary))
        # the superior's officers are asked to review it
        activity = self.env['mail.activity'].search([
            ('res_model', '=', 'party.plan'), ('res_id', '=', plan.id)])
        self.assertEqual(activity.user_id, self.province_officer)
        self.assertIn(plan.name, activity.summary)
        # what was submitted stays as submitted
        with self.assertRefused(UserError, 'no longer be changed'):
            plan.write({'scope': 'Fewer branches'})
        with self.assertRefused(UserError, 'no longer be changed'):
            plan.milestone_ids.write({'name': 'Later'})
        plan.milestone_ids.write({'done': True})
        # the committee does not review its own plan
        with self.assertRefused(AccessError):
            plan.write({'review_comment': 'Fine by us'})
        city_officer = self.as_user(self.officer, 'party.plan').browse(
            plan.id)
        with self.assertRefused(AccessError, 'in your scope'):
            city_officer.action_file()
        # the superior's officer returns it with comments
        reviewer = self.as_user(self.province_officer, 'party.plan').browse(
            plan.id)
        with self.assertRefused(UserError, 'review comments'):
            reviewer.action_return()
        reviewer.write({'review_comment': 'Add the dates of each measure.'})
        with self.today('2025-03-05'):
            reviewer.action_return()
        self.assertEqual((plan.state, plan.reviewed_by_id),
                         ('returned', self.province_officer))
        # changed and submitted again, then filed
        plan.write({'measures': '<p>Train every secretary by May 31.</p>'})
        plan.action_submit()
        with self.today('2025-03-10'):
            reviewer.action_file()
        self.assertEqual((plan.state, plan.reviewed_date),
                         ('filed', '2025-03-10'))
        self.assertFalse(self.env['mail.activity'].search([
            ('res_model', '=', 'party.plan'), ('res_id', '=', plan.id)]))
        # filing twice
        with self.assertRefused(UserError, 'already filed'):
            reviewer.action_file()
        with self.assertRefused(UserError, 'kept'):
            plan.unlink()

    def test_second_plan_for_the_same_category(self):
        first = self.make_plan(self.city_a_secretary)
        first.action_submit()
        second = self.make_plan(self.city_a_secretary)
        second.action_submit()
        reviewer = self.as_user(self.province_officer, 'party.plan')
        reviewer.browse(first.id).action_file()
        with self.assertRefused(UserError, 'already filed its plan'):
            reviewer.browse(second.id).action_file()
        self.assertEqual(second.state, 'submitted')
        with self.assertRefused(UserError, 'already filed its plan'):
            self.make_plan(self.city_a_secretary).action_submit()
        # the database keeps one filed plan per committee and category
        with self.assertRaises(psycopg2.IntegrityError), \
                mute_logger('odoo.sql_db'), self.env.cr.savepoint():
            trusted(second).write({'state': 'filed'})
        # another category is another plan
        other = self.make_plan(self.city_a_secretary, category=self.school)
        other.action_submit()
        reviewer.browse(other.id).action_file()
        self.assertEqual(other.state, 'filed')

    def test_bad_input(self):
        Plan = self.as_user(self.secretary, 'party.plan')
        before = self.Plan.search_count([])
        with self.assertRefused(ValidationError, 'committees'):
            Plan.create({'name': 'A branch plan', 'organization_id':
                         self.branch_a1.id,
                         'branch_category_id': self.village.id})
        with self.assertRefused(ValidationError, 'committees'):
            self.as_user(self.manager, 'party.plan').create({
                'name': 'The top', 'organization_id': self.root.id,
                'branch_category_id': self.village.id})
        with self.assertRefused(ValidationError, 'sector'):
            self.make_plan(self.city_a_secretary,
                           category=self.env.ref(
                               'party_building.category_kind_branch'))
        empty = self.as_user(self.city_a_secretary, 'party.plan').create({
            'name': 'Empty', 'organization_id': self.city_a.id,
            'branch_category_id': self.village.id})
        with self.assertRefused(UserError, 'measures'):
            empty.action_submit()
        with self.assertRefused(UserError, 'not been submitted'):
            self.as_user(self.province_officer, 'party.plan').browse(
                empty.id).action_file()
        self.assertEqual(self.Plan.search_count([]), before + 1)


class TestPlanSecurity(PlanCase):

    def test_roles_in_and_out_of_scope(self):
        plan = self.make_plan(self.city_a_secretary)
        plan.action_submit()
        # a branch's secretary below the committee sees nothing of it
        with self.assertRefused(AccessError):
            self.as_user(self.secretary, 'party.plan').browse(
                plan.id).read(['name'])
        with self.assertRefused(AccessError):
            self.as_user(self.secretary, 'party.plan').create({
                'name': 'x', 'organization_id': self.city_a.id,
                'branch_category_id': self.village.id})
        # another city's officer can neither read nor file it
        other = self.as_user(self.city_b_officer, 'party.plan')
        self.assertFalse(other.search([('id', '=', plan.id)]))
        with self.assertRefused(AccessError):
            other.browse(plan.id).action_file()
        with self.assertRefused(AccessError):
            self.as_user(self.city_b_officer, 'party.plan.milestone')\
                .browse(plan.milestone_ids.ids).read(['name'])
        # a viewer reads, changes nothing
        viewer = self.as_user(self.viewer, 'party.plan').browse(plan.id)
        self.assertTrue(viewer.name)
        with self.assertRefused(AccessError):
            viewer.action_file()
        # the workflow moves through the buttons only
        mine = self.as_user(self.city_a_secretary, 'party.plan').browse(
            plan.id)
        for values in ({'state': 'filed'}, {'reviewed_by_id': self.uid},
                       {'submitted_date': '2025-01-01'}):
            with self.assertRefused(AccessError, 'cannot be set directly'):
                mine.write(values)
        with self.assertRefused(AccessError):
            self.as_user(self.city_a_secretary, 'party.plan').with_context(
                default_state='filed').create({
                    'name': 'x', 'organization_id': self.city_a.id,
                    'branch_category_id': self.school.id})
        self.assertEqual(plan.state, 'submitted')


class TestPlansNotFiled(PlanCase):

    def gaps(self, user):
        Gap = self.as_user(user, 'party.plan.gap')
        # a view over the plans: read again after they change
        Gap.invalidate_cache()
        action = Gap.action_open()
        return Gap.search(action['domain'])

    def test_not_filed_list(self):
        required = self.env['party.organization.category'].search([
            ('category_type', '=', 'sector'), ('plan_required', '=', True)])
        self.assertEqual(len(required), 7)
        self.assertNotIn('other', required.mapped('code'))
        gaps = self.gaps(self.province_officer)
        self.assertEqual(len(gaps), 14)
        self.assertEqual(set(gaps.mapped('organization_id')),
                         {self.city_a, self.city_b})
        self.assertEqual(set(gaps.mapped('state')), {'none'})
        plan = self.make_plan(self.city_a_secretary)
        plan.action_submit()
        gaps = self.gaps(self.province_officer)
        row = gaps.filtered(lambda g: g.organization_id == self.city_a
                            and g.category_id == self.village)
        self.assertEqual((row.state, row.plan_id.id),
                         ('submitted', plan.id))
        self.as_user(self.province_officer, 'party.plan').browse(
            plan.id).action_file()
        gaps = self.gaps(self.province_officer)
        self.assertEqual(len(gaps), 13)
        self.assertFalse(gaps.filtered(
            lambda g: g.organization_id == self.city_a
            and g.category_id == self.village))
        # grouped per category, in one query
        groups = self.as_user(self.province_officer, 'party.plan.gap')\
            .read_group([('superior_id', '=', self.root.id)],
                        ['category_id'], ['category_id'])
        counts = {g['category_id'][0]: g['category_id_count']
                  for g in groups}
        self.assertEqual(counts[self.village.id], 1)
        self.assertEqual(counts[self.school.id], 2)
        # a city's officer sees the rows of its own city only, and lists
        # the committees below it (none here)
        Gap = self.as_user(self.officer, 'party.plan.gap')
        self.assertEqual(set(Gap.search([]).mapped('organization_id')),
                         {self.city_a})
        self.assertFalse(self.gaps(self.officer))
        self.assertFalse(self.as_user(self.secretary,
                                      'party.plan.gap').search([]))
