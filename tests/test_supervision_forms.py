"""What the supervision screens send, over the ORM as each role: the
officer counts a vote's ballots by saving the work report's form (the
ballots are written through the report once it is made); a ballot entered
twice in the same save is refused and nothing of that save is kept; a
secretary cannot add, change or remove ballots through their report, nor
an officer of another committee."""
from odoo.exceptions import AccessError, UserError

from .common import PartyCase


class TestSupervisionForms(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestSupervisionForms, cls).setUpClass()
        cls.branch_a1.sector = 'community'
        cls.officer_b = cls.make_user('officer_b', 'group_officer',
                                      cls.city_b)

    def made_report(self):
        report = self.as_user(self.secretary, 'party.secretary.report')\
            .create({'organization_id': self.branch_a1.id,
                     'member_id': self.member_a1.id, 'year': 2025,
                     'audience': 'public', 'text': '<p>Work done</p>'})
        report.action_submit()
        report = self.as_user(self.officer, 'party.secretary.report')\
            .browse(report.id)
        report.write({'method': 'vote'})
        return report

    def test_ballots_saved_with_the_form(self):
        report = self.made_report()
        report.write({'ballot_ids': [
            (0, 0, {'number': '001', 'grade': 'good'}),
            (0, 0, {'number': '002', 'grade': 'excellent'})]})
        self.assertEqual(report.ballot_count, 2)
        # the same number twice in one save: refused, nothing kept
        with self.assertRefused(UserError, 'already been counted'):
            report.write({'ballot_ids': [
                (0, 0, {'number': '003', 'grade': 'good'}),
                (0, 0, {'number': '002', 'grade': 'poor'})]})
        report.invalidate_cache()
        self.assertEqual(sorted(report.ballot_ids.mapped('number')),
                         ['001', '002'])
        # a miscounted ballot is corrected before the result
        report.write({'ballot_ids': [(1, report.ballot_ids[0].id,
                                      {'comment': 'checked'})]})
        report.action_appraise()
        # one good, one excellent: a tie goes to the lower grade
        self.assertEqual(report.result, 'good')
        # counted: the ballots are kept, even through the form
        with self.assertRefused(UserError, 'appraised'):
            report.write({'ballot_ids': [
                (0, 0, {'number': '009', 'grade': 'poor'})]})

    def test_secretary_and_outsider_cannot_count(self):
        report = self.made_report()
        report.write({'ballot_ids': [
            (0, 0, {'number': '001', 'grade': 'good'})]})
        mine = self.as_user(self.secretary, 'party.secretary.report')\
            .browse(report.id)
        with self.assertRefused(AccessError):
            mine.write({'ballot_ids': [
                (0, 0, {'number': '002', 'grade': 'excellent'})]})
        with self.assertRefused((AccessError, UserError)):
            mine.write({'ballot_ids': [(2, report.ballot_ids.id)]})
        with self.assertRefused((AccessError, UserError)):
            mine.write({'ballot_ids': [(1, report.ballot_ids.id,
                                        {'grade': 'excellent'})]})
        # the text stays as made
        with self.assertRefused(UserError, 'only its appraisal'):
            mine.write({'text': '<p>Changed</p>'})
        theirs = self.as_user(self.officer_b, 'party.secretary.report')\
            .browse(report.id)
        with self.assertRefused(AccessError):
            theirs.write({'ballot_ids': [
                (0, 0, {'number': '003', 'grade': 'poor'})]})
        report.invalidate_cache()
        self.assertEqual(report.ballot_ids.mapped(
            lambda b: (b.number, b.grade)), [('001', 'good')])
