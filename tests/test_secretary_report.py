"""Secretaries' work reports (述职评议考核, 双述双评): made by the branch's
secretary, appraised by the superior committee's officers (a grade, or
counted from ballots, each counted once), the combined result written on
the secretary's record; every role in and out of scope."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyCase


class TestSecretaryReport(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestSecretaryReport, cls).setUpClass()
        cls.branch_a1.sector = 'community'
        cls.branch_a2.sector = 'enterprise'
        cls.secretary_b = cls.make_user('secretary_b', 'group_secretary',
                                        cls.branch_b1)

    def report(self, user=None, member=None, **vals):
        return self.as_user(user or self.secretary,
                            'party.secretary.report').create(dict(dict(
                                organization_id=(member or self.member_a1)
                                .organization_id.id,
                                member_id=(member or self.member_a1).id,
                                year=2025, text='<p>Work done</p>'), **vals))

    def test_two_reports_appraised_and_combined(self):
        superior = self.report()
        public = self.report(audience='public')
        (superior | public).action_submit()
        self.assertEqual(superior.state, 'submitted')
        Officer = self.as_user(self.officer, 'party.secretary.report')
        superior = Officer.browse(superior.id)
        public = Officer.browse(public.id)
        superior.write({'grade': 'excellent', 'appraisal_comment': 'Good'})
        superior.action_appraise()
        self.assertEqual((superior.state, superior.result),
                         ('appraised', 'excellent'))
        # the community branch's secretary owes the public report too
        self.assertFalse(self.env['party.secretary.appraisal'].search(
            [('member_id', '=', self.member_a1.id)]))
        public.write({'method': 'vote'})
        Ballot = self.as_user(self.officer, 'party.secretary.ballot')
        for number, grade in (('001', 'good'), ('002', 'good'),
                              ('003', 'excellent'), ('004', 'poor')):
            Ballot.create({'report_id': public.id, 'number': number,
                           'grade': grade})
        # a ballot counted twice is refused, nothing added
        with self.assertRefused(UserError, 'already been counted'):
            Ballot.create({'report_id': public.id, 'number': '002',
                           'grade': 'excellent'})
        with self.assertRefused(UserError, 'already been counted'):
            Ballot.create({'report_id': public.id, 'number': ' 003 ',
                           'grade': 'excellent'})
        self.assertEqual(public.ballot_count, 4)
        public.action_appraise()
        self.assertEqual((public.result, public.satisfaction),
                         ('good', 75.0))
        appraisal = self.env['party.secretary.appraisal'].search(
            [('member_id', '=', self.member_a1.id), ('year', '=', 2025)])
        # excellent (4) and good (3): 3.5 rounded down is good
        self.assertEqual(appraisal.result, 'good')
        self.assertEqual(self.member_a1.secretary_report_ids,
                         superior | public)
        # once counted, the ballots and the report are kept
        with self.assertRefused(UserError):
            Ballot.create({'report_id': public.id, 'number': '005',
                           'grade': 'good'})
        with self.assertRefused(UserError, 'kept'):
            public.ballot_ids[:1].unlink()
        with self.assertRefused(UserError, 'appraised'):
            public.write({'appraisal_comment': 'changed'})
        with self.assertRefused(UserError):
            public.action_appraise()

    def test_once_per_year_and_audience(self):
        self.report()
        with self.assertRefused(UserError, 'already has that work report'):
            self.report()
        self.assertEqual(len(self.member_a1.secretary_report_ids), 1)
        self.report(year=2026)

    def test_bad_input(self):
        with self.assertRefused(ValidationError, 'member of the branch'):
            self.report(user=self.officer, member=self.member_a1,
                        organization_id=self.branch_a2.id)
        with self.assertRefused(ValidationError, 'branch'):
            self.report(user=self.officer,
                        organization_id=self.city_a.id)
        report = self.report(text=False)
        with self.assertRefused(UserError, 'Write the work report'):
            report.action_submit()
        Officer = self.as_user(self.officer, 'party.secretary.report')
        report.write({'text': '<p>Done</p>'})
        report.action_submit()
        with self.assertRefused(UserError, "grade"):
            Officer.browse(report.id).action_appraise()
        Officer.browse(report.id).write({'method': 'vote'})
        with self.assertRefused(UserError, 'ballots'):
            Officer.browse(report.id).action_appraise()
        # made: the secretary's text is kept
        with self.assertRefused(UserError, 'only its appraisal'):
            report.write({'text': '<p>Other</p>'})
        with self.assertRefused(UserError, 'draft'):
            report.unlink()
        # ballots only for a vote
        graded = self.report(year=2026)
        graded.action_submit()
        with self.assertRefused(UserError, 'by vote'):
            self.as_user(self.officer, 'party.secretary.ballot').create({
                'report_id': graded.id, 'number': '1', 'grade': 'good'})

    def test_roles_in_and_out_of_scope(self):
        report = self.report()
        report.action_submit()
        # the secretary neither grades, counts nor appraises
        with self.assertRefused(AccessError, 'officers'):
            report.write({'grade': 'excellent'})
        with self.assertRefused(AccessError, 'officers'):
            self.report(year=2026, grade='excellent')
        with self.assertRefused(AccessError):
            report.action_appraise()
        with self.assertRefused(AccessError):
            self.as_user(self.secretary, 'party.secretary.ballot').create({
                'report_id': report.id, 'number': '1', 'grade': 'good'})
        for vals in ({'state': 'appraised'}, {'result': 'excellent'}):
            with self.assertRefused((AccessError, UserError)):
                report.write(vals)
        draft = self.report(year=2027)
        for vals in ({'state': 'appraised'}, {'result': 'excellent'}):
            with self.assertRefused(AccessError, 'cannot be set directly'):
                draft.write(vals)
        # the viewer reads, does nothing
        mine = self.as_user(self.viewer, 'party.secretary.report').browse(
            report.id)
        self.assertEqual(mine.state, 'submitted')
        with self.assertRefused(AccessError):
            mine.write({'appraisal_comment': 'x'})
        # nor marks a draft as made over RPC (the button is the secretary's)
        draft_seen = self.as_user(self.viewer, 'party.secretary.report')\
            .browse(draft.id)
        with self.assertRefused(AccessError):
            draft_seen.action_submit()
        self.assertEqual(draft.state, 'draft')
        with self.assertRefused(AccessError):
            self.report(user=self.viewer, year=2026)
        # out of scope: another branch's secretary, city_a's officer on b1
        with self.assertRefused(AccessError):
            self.report(user=self.secretary_b)
        self.assertFalse(self.as_user(self.secretary_b,
                                      'party.secretary.report').search([]))
        with self.assertRefused(AccessError):
            self.as_user(self.secretary_b, 'party.secretary.report')\
                .browse(report.id).read(['name'])
        other = self.as_user(self.manager, 'party.secretary.report').create(
            {'organization_id': self.branch_b1.id,
             'member_id': self.member_b1.id, 'year': 2025,
             'text': '<p>B</p>'})
        other.action_submit()
        Officer = self.as_user(self.officer, 'party.secretary.report')
        with self.assertRefused(AccessError):
            Officer.browse(other.id).write({'grade': 'poor'})
        with self.assertRefused(AccessError):
            Officer.browse(other.id).action_appraise()
        with self.assertRefused(AccessError):
            self.as_user(self.officer, 'party.secretary.ballot').create({
                'report_id': other.id, 'number': '1', 'grade': 'good'})
        self.assertEqual(other.state, 'submitted')
        self.assertFalse(self.as_user(self.nobody,
                                      'party.secretary.report').search([]))
        self.assertEqual(self.as_user(self.manager, 'party.secretary.report')
                         .search([]), report | draft | other)
