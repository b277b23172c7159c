"""Goals and the wall chart (挂图作战): bad input, the share of branches
meeting the indicator per area on constructed data against the target of
the phase, the daily snapshots, the query count, and each role in and out
of scope."""
from datetime import date
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyCase

TODAY = '2026-03-10'


class GoalCase(PartyCase):

    def setUp(self):
        super(GoalCase, self).setUp()
        today = patch.object(fields.Date, 'context_today',
                             return_value=TODAY)
        today.start()
        self.addCleanup(today.stop)

    def goal(self, user=None, org=None, **vals):
        return self.env['party.goal'].sudo(user or self.officer).create(dict(
            dict(name='Every committee complete',
                 organization_id=(org or self.city_a).id,
                 indicator='committee_complete', start_date='2026-03-01',
                 foundation_date='2026-06-30', foundation_share=40.0,
                 consolidation_date='2026-12-31', consolidation_share=70.0,
                 target_date='2027-12-31', target_share=100.0), **vals))

    def set_complete(self, *orgs):
        """The daily setup review's verdict, constructed: these complete,
        every other one not."""
        self.env.cr.execute(
            "UPDATE party_organization SET committee_complete = "
            "(id = ANY(%s))", [[o.id for o in orgs]])
        self.env['party.organization'].invalidate_cache()

    def points(self, goal, day):
        snaps = self.env['party.goal.snapshot'].search(
            [('goal_id', '=', goal.id), ('date', '=', day)])
        return {(s.organization_id.name, s.series): (
            round(s.value, 1), s.met, s.branches) for s in snaps}


class TestGoalInput(GoalCase):

    def test_bad_input_refused(self):
        with self.assertRefused(ValidationError, 'between 0 and 100'):
            self.goal(target_share=120.0)
        with self.assertRefused(ValidationError, 'between 0 and 100'):
            self.goal(target_share=-1.0)
        with self.assertRefused(ValidationError, 'between 0 and 100'):
            self.goal(foundation_share=100.5)
        with self.assertRefused(ValidationError, 'in the past'):
            self.goal(target_date='2026-03-09')
        with self.assertRefused(ValidationError, 'follow each other'):
            self.goal(consolidation_date='2026-05-01')
        with self.assertRefused(ValidationError, 'not a committee'):
            self.goal(org=self.branch_a1)
        goal = self.goal(target_date='2026-03-10', foundation_date=False,
                         consolidation_date=False)
        with self.assertRefused(ValidationError, 'between 0 and 100'):
            goal.sudo(self.officer).target_share = 101
        self.assertEqual(goal.target_share, 100.0)

    def test_default_target_from_the_configured_year(self):
        self.company.party_goal_target_year = 2028
        goal = self.env['party.goal'].sudo(self.officer).create({
            'name': 'Rated', 'organization_id': self.city_a.id,
            'indicator': 'rated', 'start_date': '2026-03-10'})
        self.assertEqual(goal.target_date, '2028-12-31')
        with self.assertRefused(ValidationError, 'target year'):
            self.company.party_goal_target_year = 1990
        self.company.party_goal_target_year = 2025
        with self.assertRefused(ValidationError, 'in the past'):
            self.env['party.goal'].sudo(self.officer).create({
                'name': 'Late', 'organization_id': self.city_a.id,
                'start_date': '2025-01-01'})
        self.assertFalse(self.env['party.goal'].search(
            [('name', '=', 'Late')]))

    def test_roles(self):
        with self.assertRefused(AccessError, 'Only officers'):
            self.goal(user=self.secretary, org=self.city_a)
        with self.assertRefused(AccessError):
            self.goal(user=self.viewer)
        with self.assertRefused(AccessError):
            self.goal(org=self.root)
        with self.assertRefused(AccessError):
            self.goal(org=self.city_b)
        goal = self.goal()
        root_goal = self.goal(user=self.manager, org=self.root)
        goal.sudo(self.officer).action_snapshot()
        root_goal.sudo(self.manager).action_snapshot()
        Goal = self.env['party.goal']
        Snapshot = self.env['party.goal.snapshot']
        self.assertEqual(Goal.sudo(self.officer).search([]), goal)
        self.assertEqual(Goal.sudo(self.viewer).search([]), goal)
        self.assertFalse(Goal.sudo(self.secretary).search([]))
        self.assertEqual(Snapshot.sudo(self.officer).search([]).mapped(
            'goal_id'), goal)
        self.assertFalse(Snapshot.sudo(self.secretary).search([]))
        self.assertFalse(Snapshot.sudo(self.officer).read_group(
            [('goal_id', '=', root_goal.id)], ['value', 'series'],
            ['series']))
        with self.assertRefused(AccessError):
            root_goal.sudo(self.officer).read(['name'])
        with self.assertRefused(AccessError):
            root_goal.sudo(self.officer).action_snapshot()
        with self.assertRefused(AccessError):
            goal.sudo(self.viewer).action_snapshot()
        with self.assertRefused(AccessError):
            goal.sudo(self.viewer).write({'target_share': 50})
        with self.assertRefused((AccessError, UserError)):
            Snapshot.sudo(self.officer).create({
                'goal_id': goal.id, 'organization_id': self.city_a.id,
                'date': TODAY, 'series': 'actual', 'value': 100})
        snap = Snapshot.sudo(self.officer).search([], limit=1)
        with self.assertRefused(AccessError):
            snap.write({'value': 100})
        with self.assertRefused(AccessError):
            snap.unlink()


class TestGoalProgress(GoalCase):

    def test_share_per_area_against_the_target_of_the_phase(self):
        goal = self.goal(user=self.manager, org=self.root)
        self.set_complete(self.branch_a1)
        goal._take_snapshots('2026-03-10')
        self.assertEqual(self.points(goal, '2026-03-10'), {
            ('Root Committee', 'actual'): (33.3, 1, 3),
            ('Root Committee', 'target'): (40.0, 1, 3),
            ('City A Committee', 'actual'): (50.0, 1, 2),
            ('City A Committee', 'target'): (40.0, 1, 2),
            ('City B Committee', 'actual'): (0.0, 0, 1),
            ('City B Committee', 'target'): (40.0, 0, 1),
        })
        self.assertEqual((goal.last_date, round(goal.last_share, 1),
                          goal.last_target), ('2026-03-10', 33.3, 40.0))
        self.assertEqual(goal.phase, 'foundation')
        # later: more complete, another phase; the day's point is replaced
        # when taken again
        self.set_complete(self.branch_a1, self.branch_a2)
        goal._take_snapshots('2026-09-01')
        goal._take_snapshots('2026-09-01')
        self.assertEqual(self.points(goal, '2026-09-01')[
            'Root Committee', 'actual'], (66.7, 2, 3))
        self.assertEqual(self.points(goal, '2026-09-01')[
            'Root Committee', 'target'], (70.0, 2, 3))
        self.set_complete(self.branch_a1, self.branch_a2, self.branch_b1)
        goal._take_snapshots('2027-02-01')
        self.assertEqual(self.points(goal, '2027-02-01')[
            'City B Committee', 'actual'], (100.0, 1, 1))
        self.assertEqual(self.points(goal, '2027-02-01')[
            'City B Committee', 'target'], (100.0, 1, 1))
        self.assertEqual(self.env['party.goal.snapshot'].search_count(
            [('goal_id', '=', goal.id)]), 18)
        # the chart: actual against target over time, the whole subtree
        chart = self.env['party.goal.snapshot'].sudo(self.manager)\
            .read_group([('goal_id', '=', goal.id), ('is_total', '=', True)],
                        ['value', 'date', 'series'], ['date:day', 'series'],
                        lazy=False)
        self.assertEqual(
            [(g['date:day'], g['series'], round(g['value'], 1))
             for g in chart], [
                ('10 Mar 2026', 'actual', 33.3),
                ('10 Mar 2026', 'target', 40.0),
                ('01 Sep 2026', 'actual', 66.7),
                ('01 Sep 2026', 'target', 70.0),
                ('01 Feb 2027', 'actual', 100.0),
                ('01 Feb 2027', 'target', 100.0)])

    def test_indicators_read_the_setup_review(self):
        """Terms in force, from the real daily review."""
        role = self.env.ref('party_building.position_role_secretary')
        term = self.env['party.term'].create({
            'organization_id': self.branch_a1.id,
            'start_date': '2024-01-01',
            'position_ids': [(0, 0, {'role_id': role.id,
                                     'member_id': self.member_a1.id})]})
        term.action_start()
        self.env['party.organization'].search([])\
            ._refresh_setup_compliance(today=date(2026, 3, 10))
        goal = self.goal(indicator='term_valid')
        goal._take_snapshots('2026-03-10')
        self.assertEqual(self.points(goal, '2026-03-10')[
            'City A Committee', 'actual'], (50.0, 1, 2))
        for indicator in ('setup_compliant', 'not_weak_lax', 'rated'):
            other = self.goal(indicator=indicator, name=indicator)
            other._take_snapshots('2026-03-10')
            self.assertEqual(
                self.points(other, '2026-03-10')[
                    'City A Committee', 'actual'][2], 2, indicator)
        self.env['party.rectification'].sudo(self.officer).create({
            'organization_id': self.branch_a2.id, 'reason': 'Lax'})
        lax = self.env['party.goal'].search([('name', '=', 'not_weak_lax')])
        lax._take_snapshots('2026-03-11')
        self.assertEqual(self.points(lax, '2026-03-11')[
            'City A Committee', 'actual'], (50.0, 1, 2))

    def test_daily_job(self):
        running = self.goal()
        later = self.goal(name='Later', start_date='2026-04-01')
        Task = self.env['party.task']
        job = Task._cron_remind(today=date(2026, 3, 12))
        self.assertEqual(job.state, 'done')
        # the city's branches are its only area: the whole subtree
        self.assertEqual(set(self.points(running, '2026-03-12')), {
            ('City A Committee', 'actual'), ('City A Committee', 'target')})
        self.assertFalse(later.snapshot_ids)
        Task._cron_remind(today=date(2026, 3, 12))
        self.assertEqual(len(running.snapshot_ids), 2)

    def count_queries(self, goal):
        self.env.clear()
        cr = self.env.cr
        before = cr.sql_log_count
        goal._take_snapshots('2026-03-10')
        return cr.sql_log_count - before

    def subtree(self, name, branches):
        area = self.make_org(name, 'committee', self.root)
        sub = self.make_org(name + ' Street', 'committee', area)
        self.env.cr.execute("""
            INSERT INTO party_organization
                   (name, kind, sector, parent_id, company_id, active,
                    committee_complete)
            SELECT %s || n, 'branch', 'enterprise', %s, %s, true,
                   n %% 3 = 0
              FROM generate_series(1, %s) n
        """, [name, sub.id, self.company.id, branches])
        return area

    def test_fixed_queries_whatever_the_number_of_branches(self):
        small = self.goal(user=self.manager,
                          org=self.subtree('Small', 3))
        large = self.goal(user=self.manager,
                          org=self.subtree('Large', 30))
        self.count_queries(small)
        self.assertEqual(self.count_queries(small),
                         self.count_queries(large))
        self.assertLessEqual(self.count_queries(large), 6)
        self.assertEqual(self.points(large, '2026-03-10')[
            'Large', 'actual'], (33.3, 10, 30))
        self.assertEqual(self.points(large, '2026-03-10')[
            'Large Street', 'actual'], (33.3, 10, 30))
        # the meetings indicator: the matrix's fixed statements
        for goal in (small, large):
            goal.indicator = 'meetings_complete'
        self.count_queries(small)
        self.assertEqual(self.count_queries(small),
                         self.count_queries(large))

    def test_meetings_indicator_counts_as_the_matrix(self):
        """A branch meets it when the compliance matrix's counts show
        every required meeting held, over the months of the year before
        the snapshot's."""
        goal = self.goal(indicator='meetings_complete')
        Mixin = type(self.env['party.meeting.compliance.mixin'])
        facts = [(self.branch_a1.id, 1, None, None, 3, 3, None),
                 (self.branch_a2.id, 1, None, None, 3, 1, None),
                 (self.branch_a2.id, 2, None, None, 1, 1, None)]
        with patch.object(Mixin, '_compliance_facts',
                          return_value=facts) as computed:
            goal._take_snapshots('2026-03-10')
        ids, _types, start, end = computed.call_args[0]
        self.assertEqual(sorted(ids), sorted(
            (self.branch_a1 | self.branch_a2).ids))
        self.assertEqual((start, end), (date(2026, 1, 1), date(2026, 2, 28)))
        self.assertEqual(self.points(goal, '2026-03-10')[
            'City A Committee', 'actual'], (50.0, 1, 2))
        # in January, the whole previous year; for real, on no meetings
        goal._take_snapshots('2026-01-15')
        self.assertEqual(self.points(goal, '2026-01-15')[
            'City A Committee', 'actual'][2], 2)
