"""Progress reports upward (进展情况报送): prefilled from the live figures of
the committee's subtree, frozen once submitted, one per committee and
period; the superior's list of committees that have not reported; every
role in and out of scope, attacked over the ORM."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyCase

DAY = '2026-08-15'  # in the third quarter of 2026


class TestProgressReport(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestProgressReport, cls).setUpClass()
        cls.Report = cls.env['party.progress.report']
        cls.root_officer = cls.make_user('root_officer', 'group_officer',
                                         cls.root)
        cls.secretary_city = cls.make_user('secretary_city',
                                           'group_secretary', cls.city_a)
        cls.flag(cls.branch_a1, '2026-07-10')

    @classmethod
    def flag(cls, org, day, **vals):
        return cls.env['party.rectification'].create(dict(
            organization_id=org.id, reason='Meetings not held',
            flag_date=day, **vals))

    def file(self, user=None, org=None, **vals):
        return self.as_user(user or self.officer, 'party.progress.report') \
            .create(dict(dict(organization_id=(org or self.city_a).id,
                              period_kind='quarter', date=DAY), **vals))

    def test_prefilled_from_live_figures(self):
        report = self.file()
        self.assertEqual((report.period_start, report.period_end),
                         ('2026-07-01', '2026-09-30'))
        self.assertEqual(report.state, 'draft')
        # city_a, its two branches and the party group
        self.assertEqual((report.organization_count, report.branch_count),
                         (4, 2))
        self.assertEqual((report.rectification_opened_count,
                          report.rectification_cleared_count,
                          report.rectification_open_count), (1, 0, 1))
        self.assertEqual(report.weak_lax_count, 1)
        self.assertGreater(report.meetings_required, 0)
        self.assertEqual(report.meetings_missing, report.meetings_required)
        self.assertEqual(report.meeting_completion, 0.0)
        self.assertTrue(report.line_ids)
        self.assertEqual(sum(report.line_ids.mapped('required')),
                         report.meetings_required)
        # the hook for the inspections answers zeros until it is wired
        self.assertEqual((report.inspection_count,
                          report.finding_open_count), (0, 0))
        # a case flagged after the period is not counted in it
        self.flag(self.branch_a2, '2026-10-02')
        report.action_refresh()
        self.assertEqual(report.rectification_opened_count, 1)
        self.assertEqual(report.weak_lax_count, 2)
        self.assertIn('City A Committee', report.name)

    def test_submitted_figures_are_frozen(self):
        report = self.file(narrative='<p>Done</p>')
        report.action_submit()
        self.assertEqual((report.state, report.submitted_by_id),
                         ('submitted', self.officer))
        frozen = report.read([f for f in report._fields
                              if f.endswith(('_count', '_completion',
                                             '_progress', 'meetings_held',
                                             'meetings_required',
                                             'meetings_missing'))])[0]
        lines = report.line_ids.read(['type_id', 'required', 'missing'])
        # the data change: another weak-and-lax case in the period
        self.flag(self.branch_a2, '2026-08-01')
        self.env.clear()
        self.assertEqual(report.read(list(frozen))[0], frozen)
        self.assertEqual(report.line_ids.read(['type_id', 'required',
                                               'missing']), lines)
        # a draft of the same data sees the change
        other = self.file(org=self.city_a, date='2026-05-05')
        self.assertEqual(other.weak_lax_count, 2)

    def test_submitted_report_cannot_change(self):
        report = self.file(narrative='<p>Done</p>')
        report.action_submit()
        for call in (lambda: report.write({'narrative': '<p>Other</p>'}),
                     report.action_refresh, report.action_submit,
                     report.unlink):
            with self.assertRefused(UserError, 'submitted'):
                call()
        self.assertEqual(report.narrative, '<p>Done</p>')
        # the figures and the state are the report's own
        draft = self.file(date='2026-04-01')
        for vals in ({'state': 'draft'}, {'weak_lax_count': 0},
                     {'organization_id': self.branch_a1.id},
                     {'period_start': '2026-01-01'}):
            with self.assertRefused(AccessError, 'cannot be set directly'):
                draft.write(vals)
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.file(date='2026-02-01', state='submitted')

    def test_one_report_per_period(self):
        self.file()
        with self.assertRefused(UserError, 'already has a progress report'):
            self.file(date='2026-09-30')
        self.assertEqual(self.Report.search_count(
            [('organization_id', '=', self.city_a.id)]), 1)
        # another period, or a monthly report, is another report
        self.file(date='2026-10-01')
        self.file(period_kind='month')

    def test_only_committees_report(self):
        with self.assertRefused(ValidationError, 'committee'):
            self.file(org=self.branch_a1)

    def test_not_reported_list(self):
        self.file().action_submit()
        draft_b = self.file(user=self.root_officer, org=self.city_b)
        wizard = self.as_user(self.root_officer, 'party.progress.missing') \
            .create({'organization_id': self.root.id,
                     'period_kind': 'quarter', 'date': DAY})
        # a draft does not count as reported
        self.assertEqual(wizard.missing_ids, self.city_b)
        self.assertEqual(set(wizard.report_ids.ids),
                         {draft_b.id} | set(self.Report.search(
                             [('organization_id', '=', self.city_a.id)]).ids))
        draft_b.sudo(self.root_officer).action_submit()
        wizard.invalidate_cache()
        self.assertFalse(wizard.missing_ids)
        # the next quarter: nobody has reported
        wizard.write({'date': '2026-10-01'})
        self.assertEqual(wizard.missing_ids, self.city_a | self.city_b)
        # an officer of city_a sees nothing of the province's level
        mine = self.as_user(self.officer, 'party.progress.missing').create(
            {'organization_id': self.city_a.id, 'period_kind': 'quarter',
             'date': DAY})
        self.assertFalse(mine.missing_ids)
        with self.assertRefused(AccessError):
            self.as_user(self.officer, 'party.progress.missing').create(
                {'organization_id': self.root.id, 'period_kind': 'quarter',
                 'date': DAY})

    def test_roles_in_and_out_of_scope(self):
        report_a = self.file()
        report_b = self.file(user=self.root_officer, org=self.city_b)
        # lower roles read but do not file, refresh or submit
        for user in (self.viewer, self.secretary_city):
            with self.assertRefused(AccessError):
                self.file(user=user)
            mine = self.as_user(user, 'party.progress.report').browse(
                report_a.id)
            self.assertEqual(mine.organization_count, 4)
            for call in (mine.action_submit, mine.action_refresh,
                         lambda: mine.write({'narrative': 'x'}),
                         mine.unlink):
                with self.assertRefused(AccessError):
                    call()
        self.assertEqual(report_a.state, 'draft')
        # the branch secretary does not see the city's report
        Branch = self.as_user(self.secretary, 'party.progress.report')
        self.assertFalse(Branch.search([]))
        # an officer of city_a neither sees nor files for city_b
        Mine = self.as_user(self.officer, 'party.progress.report')
        self.assertEqual(Mine.search([]), report_a)
        with self.assertRefused(AccessError):
            Mine.browse(report_b.id).read(['name'])
        with self.assertRefused(AccessError):
            Mine.browse(report_b.id).action_submit()
        with self.assertRefused(AccessError):
            self.file(org=self.city_b, date='2026-01-01')
        with self.assertRefused(AccessError):
            self.file(org=self.root, date='2026-01-01')
        # no scope, nothing
        self.assertFalse(self.as_user(self.nobody,
                                      'party.progress.report').search([]))
        self.assertFalse(self.as_user(
            self.nobody, 'party.progress.report.line').search([]))
        with self.assertRefused(AccessError):
            self.file(user=self.nobody)
        # the superior reads both, the manager everything
        self.assertEqual(self.as_user(self.root_officer,
                                      'party.progress.report').search([]),
                         report_a | report_b)
        self.assertEqual(self.as_user(self.manager, 'party.progress.report')
                         .search([]), report_a | report_b)
        # the lines follow their report
        Line = self.as_user(self.officer, 'party.progress.report.line')
        self.assertEqual(Line.search([]).mapped('report_id'), report_a)
        with self.assertRefused(AccessError):
            Line.create({'report_id': report_a.id})

    def test_figures_stay_in_the_users_scope(self):
        """Filed by the city's officer, the figures count only what the
        officer may read, even for a committee whose subtree reaches
        beyond (none here: the subtree is the scope)."""
        report = self.file()
        self.assertEqual(report.organization_count, 4)
        report_root = self.file(user=self.root_officer, org=self.root)
        self.assertEqual(report_root.organization_count, 7)


class TestProgressReportQueries(PartyCase):
    """Prefilling a report costs a fixed number of queries whatever the
    number of branches below the committee."""

    def committee(self, name, branches):
        city = self.make_org(name, 'committee', self.root)
        for i in range(branches):
            branch = self.make_org('%s %d' % (name, i), 'branch', city)
            self.make_member('%s member %d' % (name, i), branch,
                             status='full')
            self.env['party.rectification'].create({
                'organization_id': branch.id, 'reason': 'x',
                'flag_date': '2026-07-02'})
        return city

    def count(self, city):
        officer = self.make_user('officer_%d' % city.id, 'group_officer',
                                 city)
        report = self.env['party.progress.report'].sudo(officer).create({
            'organization_id': city.id, 'period_kind': 'quarter',
            'date': DAY})
        report.action_refresh()
        with self.count_queries() as n:
            report.action_refresh()
        return report, n[0]

    def test_query_count_independent_of_branches(self):
        small, small_count = self.count(self.committee('Small', 3))
        large, large_count = self.count(self.committee('Large', 30))
        self.assertEqual((small.branch_count, large.branch_count), (3, 30))
        self.assertEqual(large.rectification_opened_count, 30)
        self.assertEqual(small_count, large_count)
