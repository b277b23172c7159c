"""Standardized branch setup: terms, committees, compliance, weak and lax
organizations, reminders."""
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import NO_TRACKING, PartyCase


class SetupCase(PartyCase):
    """Dates that matter for compliance are counted back from the day the
    code itself sees as today (fields.Date.context_today, in the user's
    timezone), by whole days or by years and then days, so that every test
    holds on any day of the year, month ends and 29 February included."""

    @classmethod
    def setUpClass(cls):
        super(SetupCase, cls).setUpClass()
        cls.today = fields.Date.from_string(
            fields.Date.context_today(cls.env['party.organization']))
        cls.company.write({
            'party_term_extension_months': 12,
            'party_term_warning_days': 90,
            'party_secretary_vacancy_months': 3,
            'party_branch_min_full_members': 3,
            'party_committee_min_full_members': 7,
            'party_committee_min_size': 3,
            'party_committee_max_size': 7,
            'party_general_branch_members': 50,
            'party_committee_members': 100,
        })
        cls.secretary_role = cls.env.ref(
            'party_building.position_role_secretary')
        cls.deputy_role = cls.env.ref('party_building.position_role_deputy')
        cls.member_role = cls.env.ref('party_building.position_role_member')
        cls.Term = cls.env['party.term']

    def days_ago(self, days):
        return fields.Date.to_string(self.today - timedelta(days=days))

    def years_ago(self, years, days=0):
        """`years` years and then `days` days before today."""
        return fields.Date.to_string(
            self.today - relativedelta(years=years) - timedelta(days=days))

    def make_term(self, org, start, **vals):
        return self.Term.create(dict(organization_id=org.id,
                                     start_date=start, **vals))

    def add_full_members(self, org, count, prefix='Full'):
        Member = self.env['party.member'].with_context(**NO_TRACKING)
        return Member.browse([Member.create({
            'name': '%s %d' % (prefix, i), 'organization_id': org.id,
            'status': 'full', 'join_date': '2010-01-01',
            'full_date': '2011-01-01'}).id for i in range(count)])

    def refresh(self, *orgs):
        records = self.env['party.organization'].browse(
            [o.id for o in orgs])
        records.refresh_setup_compliance()
        return records


class TestTerms(SetupCase):

    def test_length_by_kind_and_sector(self):
        village = self.make_org('Village Branch', 'branch', self.city_a,
                                sector='village')
        community = self.make_org('Community Branch', 'branch', self.city_a,
                                  sector='community')
        enterprise = self.make_org('Enterprise Branch', 'branch',
                                   self.city_a, sector='enterprise')
        self.assertEqual(self.make_term(village, '2020-01-01').years, 5)
        self.assertEqual(self.make_term(community, '2020-01-01').years, 5)
        term = self.make_term(enterprise, '2020-01-01')
        self.assertEqual(term.years, 3)
        self.assertEqual(term.planned_end_date, '2022-12-31')
        self.assertEqual(self.make_term(self.city_b, '2020-01-01').years, 5)
        # configuration, not constants: a specific row wins
        self.env['party.term.length'].create({
            'kind': 'branch', 'sector': 'enterprise', 'years': 4})
        self.assertEqual(self.make_term(enterprise, '2024-01-01').years, 4)

    def test_electing_ends_the_previous_term(self):
        first = self.make_term(self.branch_a1, '2018-01-01', number=1)
        first.action_start()
        second = self.make_term(self.branch_a1, '2021-01-05', number=2)
        second.action_start()
        self.assertEqual(first.state, 'ended')
        self.assertEqual(first.end_date, '2021-01-04')
        self.assertEqual(second.state, 'current')
        self.assertEqual(self.branch_a1.current_term_id, second)

    def test_single_current_and_no_overlap(self):
        first = self.make_term(self.branch_a1, '2018-01-01')
        first.action_start()
        second = self.make_term(self.branch_a1, '2019-01-01')
        with mute_logger('odoo.sql_db'), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                second.state = 'current'
        self.env.clear()
        with self.assertRefused(ValidationError, 'overlaps'):
            self.make_term(self.branch_a1, '2019-06-01', state='ended',
                           end_date='2019-12-31')
        with self.assertRefused(UserError, 'starts before'):
            self.make_term(self.branch_a1, '2017-01-01').action_start()
        self.assertEqual(first.state, 'current')

    def test_extension(self):
        term = self.make_term(self.branch_a1, '2020-01-01')  # ends 2022-12-31
        with self.assertRefused(ValidationError, 'at most 12 months'):
            term.write({'extended_until': '2024-01-01',
                        'extension_reference': 'Approval 7'})
        with self.assertRefused(ValidationError, 'reference'):
            term.write({'extended_until': '2023-06-30'})
        with self.assertRefused(ValidationError, 'after the planned end'):
            term.write({'extended_until': '2022-06-30',
                        'extension_reference': 'Approval 7'})
        term.write({'extended_until': '2023-12-31',
                    'extension_reference': 'Approval 7'})
        self.assertEqual(term.effective_end_date, '2023-12-31')

    def test_end_before_start(self):
        with self.assertRefused(ValidationError, 'before the start'):
            self.make_term(self.branch_a1, '2020-01-01', end_date='2019-01-01')

    def test_groups_have_no_terms(self):
        with self.assertRefused(ValidationError, 'Party groups'):
            self.make_term(self.group_a1, '2020-01-01')

    def test_history_is_kept(self):
        term = self.make_term(self.branch_a1, '2020-01-01')
        term.action_start()
        with self.assertRefused(UserError, 'history'):
            term.unlink()


class TestPositions(SetupCase):

    def test_holder_must_be_a_member(self):
        term = self.make_term(self.branch_a1, self.days_ago(100))
        Position = self.env['party.term.position']
        with self.assertRefused(ValidationError, 'not a member'):
            Position.create({'term_id': term.id, 'role_id':
                             self.secretary_role.id,
                             'member_id': self.member_a2.id})
        # a member of a party group of the branch may hold a post
        position = Position.create({'term_id': term.id,
                                    'role_id': self.secretary_role.id,
                                    'member_id': self.member_g1.id})
        term.action_start()
        self.assertEqual(self.branch_a1.secretary_id, self.member_g1)
        self.assertEqual(self.branch_a1.committee_position_ids, position)

    def test_post_within_term(self):
        term = self.make_term(self.branch_a1, '2020-01-01')
        Position = self.env['party.term.position']
        for start, end in [('2019-12-31', False), (False, '2023-01-01'),
                           ('2021-01-01', '2020-06-01')]:
            with self.assertRefused(ValidationError, 'within|before it'):
                Position.create({
                    'term_id': term.id, 'role_id': self.member_role.id,
                    'member_id': self.member_a1.id, 'start_date': start,
                    'end_date': end})


class TestCompliance(SetupCase):

    def elect(self, org, members, start=None):
        """A current term with the first member as secretary, the rest as
        committee members."""
        term = self.make_term(org, start or self.days_ago(30))
        term.write({'position_ids': [(0, 0, {
            'role_id': (self.secretary_role if i == 0
                        else self.member_role).id,
            'member_id': member.id}) for i, member in enumerate(members)]})
        term.action_start()
        return term

    def test_term_status(self):
        orgs = []
        # 3-year terms: 'expiring' ends within 27 to 31 days (a leap day
        # on the way shortens it), inside the 90 days' warning, beyond 10
        for label, start in [('valid', self.days_ago(30)),
                             ('expiring', self.years_ago(3, days=-30)),
                             ('overdue', self.years_ago(4))]:
            org = self.make_org('Branch %s' % label, 'branch', self.city_b)
            self.make_term(org, start).action_start()
            orgs.append((org, label))
        none = self.make_org('Branch none', 'branch', self.city_b)
        self.refresh(*[o for o, _l in orgs] + [none])
        for org, label in orgs:
            self.assertEqual(org.term_status, label, org.name)
        self.assertEqual(none.term_status, 'none')
        # the warning window is configuration
        self.company.party_term_warning_days = 10
        self.refresh(orgs[1][0])
        self.assertEqual(orgs[1][0].term_status, 'valid')

    def test_committee_completeness_boundaries(self):
        org = self.make_org('Small Branch', 'branch', self.city_b)
        members = self.add_full_members(org, 6)
        self.elect(org, members[:1])  # a secretary alone
        self.refresh(org)
        self.assertTrue(org.committee_complete)  # 6 full members
        self.add_full_members(org, 1, prefix='Seventh')
        self.refresh(org)
        self.assertFalse(org.committee_complete)  # 7: needs a committee
        org.current_term_id.write({'position_ids': [(0, 0, {
            'role_id': self.member_role.id, 'member_id': m.id})
            for m in members[1:3]]})
        self.refresh(org)
        self.assertEqual(org.committee_size, 3)
        self.assertTrue(org.committee_complete)
        # no secretary: never complete
        org.current_term_id.position_ids.filtered('is_secretary').unlink()
        self.refresh(org)
        self.assertFalse(org.committee_complete)

    def test_size_boundaries(self):
        org = self.make_org('Sized Branch', 'branch', self.city_b)
        self.add_full_members(org, 2)
        self.refresh(org)
        self.assertEqual(org.size_advice, 'joint_branch')
        self.add_full_members(org, 1, prefix='Third')
        self.refresh(org)
        self.assertEqual(org.size_advice, 'ok')
        self.add_full_members(org, 47, prefix='More')  # 50 members
        self.refresh(org)
        self.assertEqual(org.size_advice, 'ok')
        self.add_full_members(org, 1, prefix='51st')
        self.refresh(org)
        self.assertEqual(org.size_advice, 'general_branch')
        self.add_full_members(org, 49, prefix='Yet')  # 100 members
        self.refresh(org)
        self.assertEqual(org.size_advice, 'general_branch')
        self.add_full_members(org, 1, prefix='101st')
        self.refresh(org)
        self.assertEqual(org.size_advice, 'committee')

    def test_secretary_vacancy(self):
        org = self.make_org('Vacant Branch', 'branch', self.city_b,
                            founding_date='2015-01-01')
        member = self.add_full_members(org, 1)
        term = self.make_term(org, self.years_ago(1))
        term.write({'position_ids': [(0, 0, {
            'role_id': self.secretary_role.id, 'member_id': member.id,
            'end_date': self.days_ago(40)})]})
        term.action_start()
        self.refresh(org)
        self.assertEqual(org.secretary_vacant_since, self.days_ago(40))
        self.assertEqual(org.secretary_vacant_days, 40)
        self.assertFalse(org.secretary_vacancy_long)
        term.position_ids.end_date = self.days_ago(100)
        self.refresh(org)
        self.assertEqual(org.secretary_vacant_days, 100)
        self.assertTrue(org.secretary_vacancy_long)
        self.assertTrue(org.setup_shortfall)

    def test_coverage_gap(self):
        Department = self.env['hr.department']
        dept = Department.create({'name': 'Finance Office'})
        small = Department.create({'name': 'Archives'})
        Employee = self.env['hr.employee']
        for i, d in enumerate([dept] * 3 + [small] * 2):
            employee = Employee.create({'name': 'Emp %d' % i,
                                        'department_id': d.id})
            self.make_member('Emp %d' % i, self.branch_b1,
                             employee_id=employee.id, status='full',
                             join_date='2010-01-01', full_date='2011-01-01')
        Department.refresh_party_coverage()
        self.assertEqual(dept.party_full_member_count, 3)
        self.assertTrue(dept.party_coverage_gap)
        self.assertFalse(small.party_coverage_gap)
        self.branch_b1.department_ids = dept
        Department.refresh_party_coverage()
        self.assertFalse(dept.party_coverage_gap)

    def test_compliance_queries_do_not_grow(self):
        def queries_for(count):
            orgs = self.env['party.organization']
            for i in range(count):
                org = self.make_org('Q%d-%d' % (count, i), 'branch',
                                    self.city_b)
                self.add_full_members(org, 2, prefix='Q')
                self.elect(org, org.member_ids[:1])
                orgs |= org
            with self.count_queries() as n:
                orgs.refresh_setup_compliance()
            return n[0]
        queries_for(1)  # warm the caches
        self.assertEqual(queries_for(3), queries_for(30))

    def test_scope(self):
        own = self.make_term(self.branch_a1, '2020-01-01')
        sibling = self.make_term(self.branch_a2, '2020-01-01')
        Term = self.env['party.term'].sudo(self.secretary)
        self.assertEqual(Term.search([]), own)
        own.sudo(self.secretary).note = 'Edited by the secretary'
        # lines made inside their parent's form are in scope too
        own.sudo(self.secretary).write({'position_ids': [(0, 0, {
            'member_id': self.member_a1.id,
            'role_id': self.secretary_role.id})]})
        self.member_a1.sudo(self.secretary).write({'training_ids': [(0, 0, {
            'course': 'Party history', 'hours': 8})]})
        self.assertEqual(own.position_ids.member_id, self.member_a1)
        self.assertEqual(self.member_a1.training_ids.hours, 8)
        with self.assertRefused(AccessError):
            sibling.sudo(self.secretary).note = 'Not theirs'
        with self.assertRefused(AccessError):
            Term.create({'organization_id': self.branch_a2.id,
                         'start_date': '2020-01-01'})
        self.assertEqual(self.env['party.term'].sudo(self.officer).search(
            [('organization_id', 'in', [self.branch_a1.id,
                                        self.branch_a2.id])]),
            own | sibling)


class TestWeakLax(SetupCase):

    def test_rectification_flow(self):
        Rectification = self.env['party.rectification']
        with self.assertRefused(AccessError, 'Only officers'):
            Rectification.sudo(self.secretary).create({
                'organization_id': self.branch_a1.id, 'reason': 'Lax'})
        case = Rectification.sudo(self.officer).create({
            'organization_id': self.branch_a1.id,
            'reason': 'Meetings not held'})
        self.assertTrue(self.branch_a1.weak_lax)
        with self.assertRefused(UserError, 'Add the tasks'):
            case.action_start()
        task = self.env['party.task'].sudo(self.secretary).create({
            'name': 'Hold the general meeting', 'source': 'rectification',
            'organization_id': self.branch_a1.id,
            'rectification_id': case.id})
        case.sudo(self.secretary).action_start()
        self.assertEqual(case.state, 'rectifying')
        with self.assertRefused(AccessError, 'Only an officer'):
            case.sudo(self.secretary).action_clear()
        case.review_note = 'Checked on site'
        with self.assertRefused(UserError, 'still open'):
            case.sudo(self.officer).action_clear()
        task.sudo(self.secretary).state = 'done'
        case.sudo(self.officer).action_clear()
        self.assertEqual(case.state, 'cleared')
        self.assertEqual(case.cleared_by_id, self.officer)
        self.assertFalse(self.branch_a1.weak_lax)
        with self.assertRefused(UserError, 'history'):
            case.unlink()

    def with_secretary(self, org, start):
        member = self.add_full_members(org, 1, prefix=org.name)
        term = self.make_term(org, start)
        term.write({'position_ids': [(0, 0, {
            'role_id': self.secretary_role.id, 'member_id': member.id})]})
        term.action_start()
        return term

    def test_cron_flags_and_reminds_once(self):
        org = self.make_org('Overdue Branch', 'branch', self.city_a)
        self.with_secretary(org, self.years_ago(4))
        cron = self.env['party.organization']
        cron._cron_setup_review()
        self.assertTrue(org.weak_lax)
        self.assertEqual(org.rectification_ids.trigger, 'term_overdue')
        activities = self.env['mail.activity'].search([
            ('res_model', '=', 'party.organization'), ('res_id', '=', org.id)])
        # the nearest responsible officer is reminded
        self.assertEqual(activities.mapped('user_id'), self.officer)
        cron._cron_setup_review()
        self.assertEqual(len(org.rectification_ids), 1)
        self.assertEqual(self.env['mail.activity'].search_count([
            ('res_model', '=', 'party.organization'),
            ('res_id', '=', org.id)]), len(activities))

    def test_expiring_term_reminded(self):
        org = self.make_org('Expiring Branch', 'branch', self.city_a)
        self.with_secretary(org, self.years_ago(3, days=-60))
        self.env['party.organization']._cron_setup_review()
        self.assertEqual(org.term_status, 'expiring')
        self.assertFalse(org.weak_lax)
        activity = self.env['mail.activity'].search([
            ('res_model', '=', 'party.organization'), ('res_id', '=', org.id)])
        self.assertEqual(len(activity), 1)
        self.assertIn('prepare the election', activity.summary)
