from datetime import date

from odoo.exceptions import UserError, ValidationError

from .common_lifecycle import LifecycleCase


class TestMembershipStatus(LifecycleCase):
    """Status changes with their decisions, left out of the counts and the
    quorum, archived when the membership ends; the metrics and reminders
    of the lifecycle."""

    def decide(self, member, kind, user=None, **vals):
        return self.env['party.member.decision'].sudo(
            (user or self.secretary).id).create(dict({
                'member_id': member.id, 'kind': kind,
                'date': '2024-06-01', 'decision': 'Branch committee, 12'},
                **vals))

    def counts(self, org):
        self.env.cr.execute("""SELECT member_count, full_count
                                 FROM party_member_count
                                WHERE organization_id = %s""", [org.id])
        return self.env.cr.fetchone()

    def test_lost_contact_stopped_restored(self):
        member = self.full_1
        before = self.counts(self.branch_a1)
        with self.assertRefused(ValidationError, 'tried to reach'):
            self.decide(member, 'lost_contact', attempts=' ')
        with self.assertRefused(ValidationError, 'decision'):
            self.decide(member, 'lost_contact', decision='',
                        attempts='Phone, letters, visits')
        self.decide(member, 'lost_contact', attempts='Phone, visits')
        self.assertEqual((member.standing, member.standing_date,
                          member.active), ('lost_contact', '2024-06-01',
                                           True))
        self.assertEqual(self.counts(self.branch_a1),
                         (before[0] - 1, before[1] - 1))
        with self.assertRefused(UserError, 'does not apply'):
            self.decide(member, 'lost_contact', date='2024-06-02',
                        attempts='Again')
        with self.assertRefused(ValidationError, 'order of their dates'):
            self.decide(member, 'stopped', date='2024-05-01', reason='R')
        self.decide(member, 'stopped', date='2024-07-01',
                    reason='Six months without organizational life')
        self.assertEqual(member.standing, 'stopped')
        self.assertEqual(self.counts(self.branch_a1),
                         (before[0] - 1, before[1] - 1))
        self.decide(member, 'restored', date='2024-08-01')
        self.assertEqual(member.standing, 'good')
        self.assertEqual(self.counts(self.branch_a1), before)

    def test_ended_membership_archives_and_keeps_history(self):
        member = self.full_2
        before = self.counts(self.branch_a1)
        with self.assertRefused(ValidationError, 'reason'):
            self.decide(member, 'expelled')
        decision = self.decide(member, 'deceased')
        member = member.with_context(active_test=False)
        self.assertEqual((member.active, member.standing),
                         (False, 'deceased'))
        self.assertEqual(self.counts(self.branch_a1),
                         (before[0] - 1, before[1] - 1))
        self.assertEqual(member.sudo(self.secretary).decision_ids, decision)
        with self.assertRefused(UserError, 'does not apply'):
            self.decide(member, 'restored', date='2024-06-02')
        # the counts by status see the archived members
        counts = self.env['party.member'].sudo(
            self.secretary).standing_counts()
        self.assertEqual(counts.get('deceased'), 1)

    def test_quorum_leaves_out_members_lost_contact(self):
        # branch A1: three full members (one in its group)
        self.decide(self.full_3, 'lost_contact', attempts='Phone')
        meeting = self.held_meeting('2024-06-10', held=False)
        meeting.action_fill_attendees()
        # two of the two counted full members present: quorum
        meeting.attendance_ids.filtered(
            lambda a: a.member_id in (self.full_1 | self.full_2)).write(
                {'state': 'present'})
        self.assertIs(meeting.action_held(), True)
        other = self.held_meeting('2024-06-11', held=False)
        other.action_fill_attendees()
        other.attendance_ids.filtered(
            lambda a: a.member_id == self.full_1).write({'state': 'present'})
        with self.assertRefused(UserError, 'Quorum'):
            other.action_held()

    def test_standing_counts_one_query(self):
        def counts(number):
            for index in range(number):
                self.make_member('M%d' % index, self.branch_a1)
            Member = self.env['party.member'].sudo(self.officer)
            Member.invalidate_cache()
            with self.count_queries() as queries:
                result = Member.standing_counts()
            return queries[0], result
        counts(0)
        small, result = counts(10)
        large, result = counts(90)
        self.assertEqual(small, large)
        self.assertLessEqual(small, 3)
        # City A: four members of the fixture, three full members, 100 new
        self.assertEqual(result['good'], 106)

    def test_metrics(self):
        Metric = self.env['party.assessment.metric']
        probationer = self.make_member('Probationer', self.branch_a1,
                                       join_date='2023-03-01')
        self.decide(self.full_1, 'lost_contact', attempts='Phone')
        applicant = self.env['party.applicant'].create({
            'name': 'Applicant', 'organization_id': self.branch_a1.id,
            'application_date': '2024-01-10'})
        ids = [self.branch_a1.id, self.city_a.id, self.city_b.id]
        # probation ends 2024-03-01: overdue in a period ending after it
        overdue = Metric._metric_probation_overdue(
            ids, '2024-01-01', '2024-03-01', None)
        self.assertFalse(overdue.get(self.branch_a1.id))
        overdue = Metric._metric_probation_overdue(
            ids, '2024-01-01', '2024-03-31', None)
        self.assertEqual(overdue[self.city_a.id], (1.0, '1'))
        self.assertNotIn(self.city_b.id, overdue)
        lost = Metric._metric_members_lost_contact(ids, '2024-01-01',
                                                   '2024-12-31', None)
        self.assertEqual(lost[self.branch_a1.id], (1.0, '1'))
        # the talk is due within 30 days of the application
        stalled = Metric._metric_applicants_stalled(
            ids, '2024-01-01', '2024-02-09', None)
        self.assertFalse(stalled.get(self.branch_a1.id))
        stalled = Metric._metric_applicants_stalled(
            ids, '2024-01-01', '2024-02-10', None)
        self.assertEqual(stalled[self.branch_a1.id], (1.0, '1'))
        applicant.advance('talked', {'talk_date': '2024-01-20'})
        stalled = Metric._metric_applicants_stalled(
            ids, '2024-01-01', '2024-12-31', None)
        self.assertFalse(stalled.get(self.branch_a1.id))
        self.assertTrue(probationer)

    def test_reminders(self):
        probationer = self.make_member('Probationer', self.branch_a1,
                                       join_date='2023-03-01')
        applicant = self.env['party.applicant'].create({
            'name': 'Applicant', 'organization_id': self.branch_a1.id,
            'application_date': '2024-01-10'})
        Activity = self.env['mail.activity']
        Reminder = self.env['party.lifecycle.reminder']
        activity_type = self.env.ref(
            'party_building.mail_activity_type_lifecycle_reminder')
        Reminder._cron_remind(today=date(2023, 12, 1))
        self.assertFalse(Activity.search(
            [('activity_type_id', '=', activity_type.id)]))
        Reminder._cron_remind(today=date(2024, 2, 1))
        activities = Activity.search(
            [('activity_type_id', '=', activity_type.id)])
        self.assertEqual(
            sorted((a.res_model, a.res_id, a.date_deadline)
                   for a in activities),
            [('party.applicant', applicant.id, '2024-02-09'),
             ('party.member', probationer.id, '2024-03-01')])
        # no secretary in post: the officers responsible for City A
        self.assertEqual(activities.mapped('user_id'), self.officer)
        # once while open
        Reminder._cron_remind(today=date(2024, 2, 2))
        self.assertEqual(len(Activity.search(
            [('activity_type_id', '=', activity_type.id)])), 2)
