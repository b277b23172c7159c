"""Regular organizational life: meetings, attendance, appraisal, talks and
the compliance matrix."""
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError

from ..models.party_meeting_type import period_bounds
from .common import NO_TRACKING, PartyCase


class MeetingCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(MeetingCase, cls).setUpClass()
        ref = cls.env.ref
        cls.general = ref('party_building.meeting_type_general')
        cls.committee_meeting = ref('party_building.meeting_type_committee')
        cls.group_meeting = ref('party_building.meeting_type_group')
        cls.lecture = ref('party_building.meeting_type_lecture')
        cls.theme_day = ref('party_building.meeting_type_theme_day')
        cls.life = ref('party_building.meeting_type_life')
        cls.appraisal_type = ref('party_building.meeting_type_appraisal')
        cls.talk_type = ref('party_building.meeting_type_talk')
        # a branch of four full members and a probationary one
        cls.branch = cls.make_org('Meeting Branch', 'branch', cls.city_a)
        cls.full = cls.env['party.member']
        for i in range(4):
            cls.full |= cls.make_member(
                'Full %d' % i, cls.branch, status='full',
                join_date='2010-01-01', full_date='2011-01-01')
        cls.probationary = cls.make_member('Probationary', cls.branch)
        cls.secretary.party_organization_ids |= cls.branch

    def meeting(self, meeting_type, start, org=None, user=None, **vals):
        Meeting = self.env['party.meeting']
        if user:
            Meeting = Meeting.sudo(user)
        return Meeting.create(dict(
            name='Meeting', type_id=meeting_type.id,
            organization_id=(org or self.branch).id, start=start,
            tz='Asia/Shanghai', **vals))

    def held(self, meeting_type, start, org=None):
        meeting = self.meeting(meeting_type, start, org)
        meeting.set_attendance(meeting.attendance_ids.mapped('member_id').ids)
        meeting.action_held()
        return meeting


class TestPeriods(MeetingCase):

    def test_period_bounds(self):
        self.assertEqual(period_bounds('month', date(2024, 2, 10)),
                         (date(2024, 2, 1), date(2024, 2, 29)))  # leap year
        self.assertEqual(period_bounds('month', date(2023, 2, 10)),
                         (date(2023, 2, 1), date(2023, 2, 28)))
        self.assertEqual(period_bounds('quarter', date(2024, 3, 31)),
                         (date(2024, 1, 1), date(2024, 3, 31)))
        self.assertEqual(period_bounds('quarter', date(2024, 4, 1)),
                         (date(2024, 4, 1), date(2024, 6, 30)))
        self.assertEqual(period_bounds('half_year', date(2024, 7, 1)),
                         (date(2024, 7, 1), date(2024, 12, 31)))
        self.assertEqual(period_bounds('year', date(2024, 12, 31)),
                         (date(2024, 1, 1), date(2024, 12, 31)))

    def test_local_date_decides_the_period(self):
        # 23:30 on 31 March in Beijing is 15:30 UTC: still the first quarter
        late = self.meeting(self.theme_day, '2024-03-31 15:30:00')
        self.assertEqual(late.local_date, '2024-03-31')
        # 00:30 on 1 April in Beijing is 31 March in UTC: second quarter
        early = self.meeting(self.theme_day, '2024-03-31 16:30:00')
        self.assertEqual(early.local_date, '2024-04-01')
        # 29 February exists in 2024
        leap = self.meeting(self.theme_day, '2024-02-29 02:00:00')
        self.assertEqual(leap.local_date, '2024-02-29')


class TestMeetingRules(MeetingCase):

    def test_type_must_apply(self):
        with self.assertRefused(ValidationError, 'not held by'):
            self.meeting(self.theme_day, '2024-05-01 02:00:00',
                         org=self.city_a)
        with self.assertRefused(ValidationError, 'talks'):
            self.meeting(self.talk_type, '2024-05-01 02:00:00')
        self.assertTrue(self.meeting(self.group_meeting,
                                     '2024-05-01 02:00:00',
                                     org=self.group_a1))

    def test_end_before_start(self):
        with self.assertRefused(ValidationError, 'ends before'):
            self.meeting(self.theme_day, '2024-05-01 02:00:00',
                         end='2024-05-01 01:00:00')

    def test_expected_attendees(self):
        meeting = self.meeting(self.general, '2024-05-01 02:00:00')
        self.assertEqual(meeting.attendance_ids.mapped('member_id'),
                         self.full | self.probationary)
        self.assertEqual(meeting.expected_count, 5)
        group_meeting = self.meeting(self.group_meeting,
                                     '2024-05-01 02:00:00',
                                     org=self.group_a1)
        self.assertEqual(group_meeting.attendance_ids.mapped('member_id'),
                         self.member_g1)

    def test_guests_and_eligibility(self):
        meeting = self.meeting(self.theme_day, '2024-05-01 02:00:00')
        Attendance = self.env['party.meeting.attendance']
        with self.assertRefused(ValidationError, 'guest'):
            Attendance.create({'meeting_id': meeting.id,
                               'member_id': self.member_b1.id})
        guest = Attendance.create({'meeting_id': meeting.id,
                                   'member_id': self.member_b1.id,
                                   'is_guest': True})
        guest.state = 'present'
        meeting.set_attendance(self.full[:2].ids + [self.member_b1.id])
        # guests do not count in the rate
        self.assertEqual(meeting.present_count, 2)
        self.assertAlmostEqual(meeting.attendance_rate, 40.0)
        with self.assertRefused(ValidationError, 'reason'):
            meeting.attendance_ids[0].write({'state': 'excused'})

    def test_members_majority_quorum(self):
        meeting = self.meeting(self.general, '2024-05-01 02:00:00')
        # two of four full members, plus the probationary one: no quorum
        meeting.set_attendance(self.full[:2].ids + self.probationary.ids)
        with self.assertRefused(UserError, 'Quorum'):
            meeting.action_held()
        meeting.set_attendance(self.full[:3].ids,
                               excused={self.full[3].id: 'Ill'})
        meeting.action_held()
        self.assertEqual(meeting.state, 'held')
        excused = meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.full[3])
        self.assertEqual((excused.state, excused.reason), ('excused', 'Ill'))

    def test_committee_quorum(self):
        term = self.env['party.term'].create({
            'organization_id': self.branch.id, 'start_date': '2023-01-01'})
        term.write({'position_ids': [(0, 0, {
            'member_id': m.id,
            'role_id': self.env.ref(
                'party_building.position_role_secretary' if i == 0 else
                'party_building.position_role_member').id})
            for i, m in enumerate(self.full[:3])]})
        term.action_start()
        meeting = self.meeting(self.committee_meeting, '2024-05-01 02:00:00')
        self.assertEqual(meeting.attendance_ids.mapped('member_id'),
                         self.full[:3])
        meeting.set_attendance(self.full[:1].ids)
        with self.assertRefused(UserError, 'at least 2 of the 3'):
            meeting.action_held()
        meeting.set_attendance(self.full[:2].ids)
        meeting.action_held()
        self.assertEqual(meeting.state, 'held')

    def test_held_meeting_locked(self):
        meeting = self.meeting(self.theme_day, '2024-05-01 02:00:00',
                               user=self.secretary)
        meeting.sudo(self.secretary).set_attendance(self.full.ids)
        meeting.sudo(self.secretary).action_held()
        with self.assertRefused(AccessError, 'locked'):
            meeting.sudo(self.secretary).name = 'Rewritten'
        with self.assertRefused(AccessError, 'locked'):
            meeting.attendance_ids[0].sudo(self.secretary).state = 'absent'
        with self.assertRefused(UserError, 'cannot be deleted'):
            meeting.sudo(self.officer).unlink()
        # an officer corrects it, and the chatter keeps the change
        meeting.sudo(self.officer).with_context(
            tracking_disable=False, mail_notrack=False).name = 'Corrected'
        self.assertEqual(meeting.name, 'Corrected')
        self.assertIn('name', self.env['party.meeting'].browse(
            meeting.id).message_ids.mapped('tracking_value_ids.field'))

    def test_recording_attendance_costs_fixed_queries(self):
        def queries_for(count):
            org = self.make_org('Big %d' % count, 'branch', self.city_b)
            Member = self.env['party.member'].with_context(**NO_TRACKING)
            members = Member.browse([Member.create(
                {'name': 'M%d' % i, 'organization_id': org.id}).id
                for i in range(count)])
            meeting = self.meeting(self.theme_day, '2024-05-01 02:00:00',
                                   org=org)
            meeting.invalidate_cache()
            with self.count_queries() as n:
                meeting.set_attendance(members[::2].ids,
                                       excused={members[1].id: 'Away'})
            self.assertEqual(meeting.present_count, (count + 1) // 2)
            return n[0]
        queries_for(4)  # warm the caches
        self.assertEqual(queries_for(10), queries_for(100))

    def test_scope(self):
        own = self.meeting(self.theme_day, '2024-05-01 02:00:00',
                           org=self.branch_a1)
        sibling = self.meeting(self.theme_day, '2024-05-01 02:00:00',
                               org=self.branch_a2)
        Meeting = self.env['party.meeting'].sudo(self.secretary)
        self.assertIn(own, Meeting.search([]))
        self.assertNotIn(sibling, Meeting.search([]))
        with self.assertRefused(AccessError):
            self.meeting(self.theme_day, '2024-05-01 02:00:00',
                         org=self.branch_a2, user=self.secretary)
        self.assertFalse(self.env['party.meeting.attendance'].sudo(
            self.secretary).search([('meeting_id', '=', sibling.id)]))


class TestAppraisalAndTalks(MeetingCase):

    def test_democratic_appraisal(self):
        Appraisal = self.env['party.member.appraisal']
        with self.assertRefused(ValidationError, 'not a full member'):
            Appraisal.create({'year': 2024, 'organization_id': self.branch.id,
                              'member_id': self.probationary.id,
                              'rating': 'qualified'})
        with self.assertRefused(ValidationError, 'not a full member'):
            Appraisal.create({'year': 2024, 'organization_id': self.branch.id,
                              'member_id': self.member_a2.id,
                              'rating': 'qualified'})
        meeting = self.held(self.appraisal_type, '2024-12-20 02:00:00')
        for member, rating in zip(self.full, ['excellent', 'qualified',
                                              'qualified', 'basic']):
            Appraisal.create({'year': 2024, 'organization_id': self.branch.id,
                              'member_id': member.id, 'rating': rating,
                              'meeting_id': meeting.id})
        counts = {g['rating']: g['rating_count'] for g in Appraisal.read_group(
            [('organization_id', '=', self.branch.id), ('year', '=', 2024)],
            ['rating'], ['rating'])}
        self.assertEqual(counts, {'excellent': 1, 'qualified': 2, 'basic': 1})

    def test_talk_coverage(self):
        Talk = self.env['party.talk']
        for member, day in [(self.full[1], '2024-03-01'),
                            (self.full[1], '2024-09-01'),
                            (self.full[2], '2024-05-01'),
                            (self.full[3], '2023-12-31')]:
            Talk.create({'date': day, 'organization_id': self.branch.id,
                         'talker_id': self.full[0].id, 'member_id': member.id,
                         'topic': 'Work and study'})
        with self.assertRefused(ValidationError, 'two members'):
            Talk.create({'date': '2024-01-01', 'topic': 'Self',
                         'organization_id': self.branch.id,
                         'talker_id': self.full[0].id,
                         'member_id': self.full[0].id})
        rows = self.env['party.meeting.compliance']._compliance_rows(
            self.branch, self.talk_type, date(2024, 1, 1), date(2024, 12, 31))
        _org, _type, _s, _e, required, held, _rate = rows[0]
        self.assertEqual((required, held), (5, 2))


class TestComplianceMatrix(MeetingCase):

    def matrix(self, period, day, org=None, user=None):
        Report = self.env['party.meeting.compliance']
        if user:
            Report = Report.sudo(user)
        report = Report.create({'period': period, 'date': day,
                                'organization_id': (org or self.branch).id})
        report.action_compute()
        return {(line.organization_id, line.type_id): (
            line.required, line.held, line.missing)
            for line in report.line_ids}

    def test_a_year_of_meetings(self):
        for month in range(1, 11):  # theme party days, Jan to Oct
            self.held(self.theme_day, '2024-%02d-15 02:00:00' % month)
        for month in (2, 5, 8):  # general meetings in Q1 to Q3
            self.held(self.general, '2024-%02d-20 02:00:00' % month)
        for month in (3, 6, 9, 12):  # a lecture each quarter
            self.held(self.lecture, '2024-%02d-25 02:00:00' % month)
        self.held(self.life, '2024-12-28 02:00:00')
        self.held(self.appraisal_type, '2024-12-29 02:00:00')
        # a cancelled and a planned meeting count for nothing
        self.meeting(self.theme_day, '2024-11-15 02:00:00').action_cancel()
        self.meeting(self.theme_day, '2024-12-15 02:00:00')
        # the next year's first minutes (Beijing) are not this year's
        self.held(self.theme_day, '2024-12-31 16:30:00')
        matrix = self.matrix('year', '2024-06-30')
        b = self.branch
        self.assertEqual(matrix, {
            (b, self.general): (4, 3, 1),
            # four full members elect a secretary, no committee: no
            # committee meetings (tests/test_life.py)
            (b, self.lecture): (4, 4, 0),
            (b, self.theme_day): (12, 10, 2),
            (b, self.life): (1, 1, 0),
            (b, self.appraisal_type): (1, 1, 0),
            (b, self.talk_type): (5, 0, 5),
        })
        # a quarter: monthly types judged on its three months, yearly ones
        # on the year that contains it
        quarter = self.matrix('quarter', '2024-11-01')
        self.assertEqual(quarter[(b, self.theme_day)], (3, 1, 2))  # October
        self.assertEqual(quarter[(b, self.general)], (1, 0, 1))
        self.assertEqual(quarter[(b, self.life)], (1, 1, 0))

    def test_matrix_queries_do_not_grow(self):
        def queries_for(count):
            parent = self.make_org('Parent %d' % count, 'committee',
                                   self.root)
            for i in range(count):
                org = self.make_org('Org %d' % i, 'branch', parent)
                self.held(self.theme_day, '2024-05-15 02:00:00', org=org) \
                    if i % 2 else None
            report = self.env['party.meeting.compliance'].create({
                'period': 'month', 'date': '2024-05-01',
                'organization_id': parent.id})
            with self.count_queries() as n:
                report.action_compute()
            self.assertEqual(len(report.line_ids.filtered(
                lambda l: l.type_id == self.theme_day)), count)
            return n[0]
        queries_for(2)  # warm the caches
        self.assertEqual(queries_for(3), queries_for(30))

    def test_matrix_within_scope(self):
        self.held(self.theme_day, '2024-05-15 02:00:00', org=self.branch_a2)
        Report = self.env['party.meeting.compliance'].sudo(self.secretary)
        report = Report.create({'period': 'month', 'date': '2024-05-01'})
        report.action_compute()
        orgs = report.line_ids.mapped('organization_id')
        self.assertIn(self.branch_a1, orgs)
        self.assertNotIn(self.branch_a2, orgs)

    def test_reminders_once(self):
        self.company.party_meeting_reminder_days = 31  # every month is due
        reminder = self.env['party.meeting.reminder']
        reminder._cron_remind()
        domain = [('res_model', '=', 'party.organization'),
                  ('res_id', '=', self.branch.id),
                  ('activity_type_id', '=', self.env.ref(
                      'party_building.mail_activity_type_meeting_reminder').id)]
        activities = self.env['mail.activity'].search(domain)
        self.assertTrue(activities)
        self.assertIn(self.theme_day.name, ' '.join(
            activities.mapped('summary')))
        reminder._cron_remind()
        self.assertEqual(self.env['mail.activity'].search_count(domain),
                         len(activities))
