"""The metrics of the quality-standard system on constructed data: exact
values and notes, the edges of the period, and a number of queries that
does not grow with the number of organizations. Periods are given
explicitly; nothing depends on today's date."""
from datetime import date

from odoo.exceptions import AccessError, UserError

from ..models.party_guard import trusted
from .common import NO_TRACKING, PartyCase

YEAR = (date(2023, 1, 1), date(2023, 12, 31))
# The metrics this file builds data for.
BUILT_CODES = {
    'term_valid', 'committee_complete', 'secretary_in_post',
    'secretary_trained', 'meetings_held', 'members_meeting_attendance',
    'democratic_appraisal_held', 'talk_coverage', 'rectification_open',
    'rectification_overdue', 'weak_lax', 'task_list_on_time', 'task_overdue',
    'venue_in_use', 'venue_equipment', 'venue_utilization',
    'venue_funding_warnings', 'transfer_overdue', 'probation_overdue',
    'members_lost_contact', 'applicants_stalled'}
# Registered, tested with their own data elsewhere (tests/test_rules.py).
OTHER_CODES = {'rule_categories', 'rule_categories_missing',
               'study_hours_met', 'service_hours_per_member',
               'satisfaction_rate'}


class MetricCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(MetricCase, cls).setUpClass()
        cls.company.write({
            'party_term_extension_months': 12,
            'party_committee_min_full_members': 7,
            'party_committee_min_size': 3,
            'party_committee_max_size': 7,
        })
        ref = cls.env.ref
        cls.secretary_role = ref('party_building.position_role_secretary')
        cls.member_role = ref('party_building.position_role_member')
        cls.general = ref('party_building.meeting_type_general')
        cls.theme_day = ref('party_building.meeting_type_theme_day')
        cls.committee_meeting = ref('party_building.meeting_type_committee')
        cls.talk_type = ref('party_building.meeting_type_talk')

    # -- building data ---------------------------------------------------

    @classmethod
    def branch(cls, name, parent=None):
        return cls.make_org(name, 'branch', parent or cls.city_a)

    @classmethod
    def full_members(cls, org, count, prefix='Full', full_date='2011-01-01'):
        Member = cls.env['party.member'].with_context(**NO_TRACKING)
        return Member.browse([Member.create({
            'name': '%s %s %d' % (org.name, prefix, i),
            'organization_id': org.id, 'status': 'full',
            'join_date': '2010-01-01', 'full_date': full_date}).id
            for i in range(count)])

    def term(self, org, start, years=3, started=True, **vals):
        term = self.env['party.term'].create(dict(
            organization_id=org.id, start_date=start, years=years, **vals))
        if started:
            term.action_start()
        return term

    def post(self, term, member, secretary=False, **vals):
        term.write({'position_ids': [(0, 0, dict(
            role_id=(self.secretary_role if secretary
                     else self.member_role).id,
            member_id=member.id, **vals))]})
        return term.position_ids.filtered(lambda p: p.member_id == member)

    def meeting(self, meeting_type, start, org, held=True, present=None):
        """A meeting starting at `start` (UTC) in Beijing time; held with
        the `present` members (default all expected) present."""
        meeting = self.env['party.meeting'].create({
            'name': 'Meeting', 'type_id': meeting_type.id,
            'organization_id': org.id, 'start': start,
            'tz': 'Asia/Shanghai'})
        listed = meeting.attendance_ids.mapped('member_id')
        meeting.set_attendance((listed if present is None else present).ids)
        if held:
            meeting.action_held()
        return meeting

    def set_create_date(self, records, value):
        self.env.cr.execute(
            "UPDATE %s SET create_date = %%s WHERE id IN %%s"
            % records._table, [value, tuple(records.ids)])

    # -- computing ---------------------------------------------------------

    def metric(self, code, user=None):
        metric = self.env.ref('party_building.metric_%s' % code)
        # as the least-privileged reader of metrics
        return metric.sudo(user or self.viewer)

    def values(self, code, orgs, period=YEAR, meeting_type=None):
        return self.metric(code)._compute_values(
            orgs.ids, period[0], period[1], meeting_type=meeting_type)

    def assertValues(self, code, expected, period=YEAR, meeting_type=None):
        """`expected`: [(org, value, note)]."""
        orgs = self.env['party.organization'].browse(
            [org.id for org, _v, _n in expected])
        values = self.values(code, orgs, period, meeting_type)
        self.assertEqual(
            {org.name: values[org.id] for org, _v, _n in expected},
            {org.name: (value, note) for org, value, note in expected})


class TestEntryPoint(MetricCase):

    def test_every_org_gets_a_value(self):
        values = self.values('term_valid', self.branch_a1 | self.branch_b1)
        self.assertEqual(values, {self.branch_a1.id: (0.0, ''),
                                  self.branch_b1.id: (0.0, '')})
        self.assertEqual(self.metric('term_valid')._compute_values(
            [], '2023-01-01', '2023-12-31'), {})

    def test_dates_as_strings(self):
        self.term(self.branch_a1, '2023-01-01')
        self.assertEqual(self.metric('term_valid')._compute_values(
            [self.branch_a1.id], '2023-01-01', '2023-12-31'),
            {self.branch_a1.id: (1.0, '2025-12-31')})

    def test_meeting_type_required(self):
        with self.assertRaisesRegex(UserError, 'needs a meeting type'):
            self.values('meetings_held', self.branch_a1)

    def test_seeded_codes_have_computations(self):
        metrics = self.env['party.assessment.metric'].search([])
        self.assertEqual(set(metrics.mapped('code')),
                         BUILT_CODES | OTHER_CODES)
        for metric in metrics:
            self.assertTrue(hasattr(metric, '_metric_%s' % metric.code))


class TestMetricAccess(MetricCase):
    """Metrics come with code: readers read them, managers rename, describe
    and archive them; nobody creates or deletes one, nor changes what it
    computes."""

    def test_readers(self):
        for user in (self.viewer, self.secretary, self.officer):
            metric = self.metric('talk_coverage', user)
            self.assertEqual(metric.code, 'talk_coverage')
            with self.assertRefused(AccessError):
                metric.name = 'Renamed'
        with self.assertRefused(AccessError):
            self.metric('talk_coverage', self.nobody).write(
                {'name': 'Renamed'})

    def test_manager_renames_and_archives(self):
        metric = self.metric('talk_coverage', self.manager)
        metric.write({'name': 'Talks', 'description': 'Who was talked with',
                      'sequence': 5})
        self.assertIs(metric.toggle_active(), True)
        self.assertFalse(metric.active)
        for vals in ({'code': 'weak_lax'}, {'value_type': 'count'},
                     {'needs_meeting_type': True}):
            with self.assertRefused(AccessError, 'set by the application'):
                metric.write(vals)
        Metric = self.env['party.assessment.metric'].sudo(self.manager)
        with self.assertRefused(AccessError):
            Metric.create({'code': 'new', 'name': 'New'})
        with self.assertRefused(AccessError):
            metric.unlink()
        self.assertEqual(metric.code, 'talk_coverage')

    def test_unknown_code(self):
        metric = trusted(self.env['party.assessment.metric']).create({
            'code': 'not_computed', 'name': 'Not computed'})
        with self.assertRaisesRegex(UserError, 'no computation'):
            metric._compute_values([self.branch_a1.id], *YEAR)


class TestTermMetrics(MetricCase):

    def test_term_valid(self):
        # 3-year terms: the planned end is the day before the third
        # anniversary of the start
        on_last_day = self.branch('Ends on the last day')
        self.term(on_last_day, '2021-01-01')
        day_before = self.branch('Ended the day before')
        self.term(day_before, '2020-12-31')
        extended = self.branch('Extended')
        self.term(extended, '2020-06-01', extended_until='2024-03-31',
                  extension_reference='Approval 7')
        # the successor elected on the last day: the old term ended the
        # day before, the new one is in force
        renewed = self.branch('Renewed')
        self.term(renewed, '2020-01-01')
        self.term(renewed, '2023-12-31')
        # ended early by an officer, no successor
        ended = self.branch('Ended early')
        term = self.term(ended, '2022-01-01')
        trusted(term).write({'state': 'ended', 'end_date': '2023-12-30'})
        planned = self.branch('Planned only')
        self.term(planned, '2023-01-01', started=False)
        future = self.branch('Starts after the period')
        self.term(future, '2024-01-01')
        none = self.branch('No term')
        self.assertValues('term_valid', [
            (on_last_day, 1.0, '2023-12-31'),
            (day_before, 0.0, ''),
            (extended, 1.0, '2024-03-31'),
            (renewed, 1.0, '2026-12-30'),
            (ended, 0.0, ''),
            (planned, 0.0, ''),
            (future, 0.0, ''),
            (none, 0.0, ''),
            (self.group_a1, 0.0, ''),
        ])
        # one day earlier, the day-before term is still valid, and the
        # renewed branch's old term is overdue since the 1st of January...
        self.assertValues('term_valid', [
            (day_before, 1.0, '2023-12-30'),
            (renewed, 0.0, ''),
            (ended, 1.0, '2024-12-31'),
        ], period=(date(2023, 1, 1), date(2023, 12, 30)))


class TestCommitteeMetrics(MetricCase):

    def test_secretary_alone_below_the_threshold(self):
        org = self.branch('Small')
        members = self.full_members(org, 6)
        term = self.term(org, '2021-01-01', years=5)
        self.post(term, members[0], secretary=True)
        # a seventh full member since 2024: still six at the end of 2023
        self.full_members(org, 1, prefix='Seventh', full_date='2024-01-01')
        self.assertValues('committee_complete', [(org, 1.0, '1')])
        self.assertValues('secretary_in_post', [(org, 1.0, '')])
        # in 2024 there are seven: a committee of three is needed
        year_2024 = (date(2024, 1, 1), date(2024, 12, 31))
        self.assertValues('committee_complete', [(org, 0.0, '1')],
                          period=year_2024)
        self.post(term, members[1], start_date='2024-01-01')
        self.post(term, members[2], start_date='2024-12-31')
        self.assertValues('committee_complete', [(org, 1.0, '3')],
                          period=year_2024)
        # a post starting after the period is not counted
        self.assertValues('committee_complete', [(org, 0.0, '2')],
                          period=(date(2024, 1, 1), date(2024, 12, 30)))

    def test_committee_size_and_members_of_groups(self):
        org = self.branch('Big')
        group = self.make_org('Big Group', 'group', org)
        members = self.full_members(org, 5) | self.full_members(group, 3)
        term = self.term(org, '2022-01-01')
        self.post(term, members[0], secretary=True)
        self.post(term, members[1])
        self.assertValues('committee_complete', [(org, 0.0, '2')])
        self.post(term, members[6])  # a member of its party group
        self.assertValues('committee_complete', [(org, 1.0, '3')])
        # seven members of the committee at most
        for member in members[2:6] | members[7]:
            self.post(term, member)
        self.assertValues('committee_complete', [(org, 0.0, '8')])

    def test_secretary_post_dates(self):
        left = self.branch('Secretary left')
        came = self.branch('Secretary came')
        none = self.branch('No secretary')
        for org in (left, came, none):
            self.full_members(org, 3)
        self.post(self.term(left, '2022-01-01'), left.member_ids[0],
                  secretary=True, end_date='2023-12-30')
        self.post(self.term(came, '2022-01-01'), came.member_ids[0],
                  secretary=True, start_date='2023-12-31')
        self.post(self.term(none, '2022-01-01'), none.member_ids[0])
        self.assertValues('secretary_in_post', [
            (left, 0.0, ''), (came, 1.0, ''), (none, 0.0, '')])
        # without any post on the last day, no committee at all
        self.assertValues('committee_complete', [
            (left, 0.0, ''), (came, 1.0, '1'), (none, 0.0, '1')])
        self.assertValues('secretary_in_post', [
            (left, 1.0, ''), (came, 0.0, '')],
            period=(date(2023, 1, 1), date(2023, 12, 30)))
        # an ended term's committee no longer serves; an overdue one's does
        overdue = self.branch('Overdue term')
        self.full_members(overdue, 3)
        self.post(self.term(overdue, '2019-01-01'), overdue.member_ids[0],
                  secretary=True)
        self.assertValues('secretary_in_post', [(overdue, 1.0, '')])
        self.assertValues('term_valid', [(overdue, 0.0, '')])

    def test_secretary_trained(self):
        Training = self.env['party.secretary.training']

        def train(member, day, hours):
            Training.create({'member_id': member.id, 'course': 'Course',
                             'date': day, 'hours': hours})
        trained = self.branch('Trained')
        untrained = self.branch('Trained after the period')
        replaced = self.branch('Former secretary trained')
        other = self.branch('Committee member trained')
        for org in (trained, untrained, replaced, other):
            self.full_members(org, 3)
        secretary = trained.member_ids[0]
        self.post(self.term(trained, '2022-01-01'), secretary,
                  secretary=True)
        train(secretary, '2023-01-01', 8)
        train(secretary, '2023-12-31', 4.5)
        train(secretary, '2022-12-31', 100)
        train(secretary, '2024-01-01', 100)
        self.post(self.term(untrained, '2022-01-01'),
                  untrained.member_ids[0], secretary=True)
        train(untrained.member_ids[0], '2024-01-01', 8)
        term = self.term(replaced, '2022-01-01')
        self.post(term, replaced.member_ids[0], secretary=True,
                  end_date='2023-06-30')
        self.post(term, replaced.member_ids[1], secretary=True,
                  start_date='2023-07-01')
        train(replaced.member_ids[0], '2023-03-01', 8)
        term = self.term(other, '2022-01-01')
        self.post(term, other.member_ids[0], secretary=True)
        self.post(term, other.member_ids[1])
        train(other.member_ids[1], '2023-03-01', 8)
        self.assertValues('secretary_trained', [
            (trained, 1.0, '12.5'),
            (untrained, 0.0, ''),
            (replaced, 0.0, ''),
            (other, 0.0, ''),
        ])
        # the first half year: the former secretary was in post, trained
        self.assertValues('secretary_trained', [(replaced, 1.0, '8')],
                          period=(date(2023, 1, 1), date(2023, 6, 30)))


class TestLifeMetrics(MetricCase):

    @classmethod
    def setUpClass(cls):
        super(TestLifeMetrics, cls).setUpClass()
        # four full members and a probationary one
        cls.life_branch = cls.branch('Life Branch')
        cls.full = cls.full_members(cls.life_branch, 4)
        cls.probationary = cls.make_member('Life Probationary',
                                           cls.life_branch)
        cls.quiet = cls.branch('Quiet Branch')
        cls.full_members(cls.quiet, 3)

    def test_meetings_held_period_edges(self):
        org = self.life_branch
        # Beijing is UTC+8: 16:30 UTC on 31 December 2022 is 00:30 on
        # 1 January 2023, in the year; 15:00 UTC is 23:00, not
        self.meeting(self.general, '2022-12-31 16:30:00', org)
        self.meeting(self.general, '2022-12-31 15:00:00', org)
        self.meeting(self.general, '2023-06-15 02:00:00', org)
        self.meeting(self.general, '2023-12-31 02:00:00', org)  # last day
        self.meeting(self.general, '2024-01-01 02:00:00', org)  # day after
        self.meeting(self.general, '2023-09-01 02:00:00', org, held=False)
        cancelled = self.meeting(self.general, '2023-09-02 02:00:00', org,
                                 held=False)
        cancelled.action_cancel()
        # quarterly: four required in the year
        self.assertValues('meetings_held', [
            (org, 0.75, '3/4'), (self.quiet, 0.0, '0/4')],
            meeting_type=self.general)
        # the last quarter alone requires one; the meeting of 31 December
        self.assertValues('meetings_held', [(org, 1.0, '1/1')],
                          period=(date(2023, 10, 1), date(2023, 12, 31)),
                          meeting_type=self.general)
        # more than required is at most 1
        for month in (3, 4):
            self.meeting(self.general, '2023-%02d-10 02:00:00' % month, org)
        self.assertValues('meetings_held', [(org, 1.0, '5/4')],
                          meeting_type=self.general.id)

    def test_batch_of_meeting_types(self):
        org = self.life_branch
        self.meeting(self.general, '2023-06-15 02:00:00', org)
        self.meeting(self.theme_day, '2023-06-16 02:00:00', org,
                     present=self.full[:2])
        Metric = self.env['party.assessment.metric'].sudo(self.viewer)
        held = self.metric('meetings_held')
        attendance = self.metric('members_meeting_attendance')
        orgs = [org.id, self.quiet.id]
        batch = Metric._compute_batch([
            (held, self.general), (held, self.theme_day),
            (attendance, self.env['party.meeting.type']),
            (attendance, self.theme_day)], orgs, *YEAR)
        self.assertEqual(batch, {
            (held.id, self.general.id): {org.id: (0.25, '1/4'),
                                         self.quiet.id: (0.0, '0/4')},
            (held.id, self.theme_day.id): {org.id: (1.0 / 12, '1/12'),
                                           self.quiet.id: (0.0, '0/12')},
            (attendance.id, False): {org.id: (1.0, '5/5'),
                                     self.quiet.id: (0.0, '')},
            (attendance.id, self.theme_day.id): {
                org.id: (0.4, '2/5'), self.quiet.id: (0.0, '')},
        })
        # both meeting types in one computation: as many queries as one
        two_types = [(held, self.general), (held, self.theme_day)]
        Metric._compute_batch(two_types, orgs, *YEAR)
        with self.count_queries() as both:
            Metric._compute_batch(two_types, orgs, *YEAR)
        with self.count_queries() as one:
            held._compute_values(orgs, *YEAR, meeting_type=self.general)
        self.assertEqual(both[0], one[0])
        for (metric_id, type_id), values in batch.items():
            self.assertEqual(values, Metric.browse(metric_id)._compute_values(
                orgs, *YEAR, meeting_type=type_id or None))

    def test_meetings_held_nothing_required(self):
        # a branch of fewer full members than the committee threshold holds
        # no committee meetings; a city committee no theme party days
        self.assertValues('meetings_held', [(self.life_branch, 1.0, '0/0')],
                          meeting_type=self.committee_meeting)
        self.assertValues('meetings_held', [
            (self.city_a, 1.0, '0/0'), (self.quiet, 0.0, '0/12')],
            meeting_type=self.theme_day)

    def test_meetings_held_talks(self):
        Talk = self.env['party.talk']
        for member, day in [(self.full[0], '2023-01-01'),
                            (self.full[1], '2023-12-31'),
                            (self.full[2], '2024-01-01')]:
            Talk.create({'organization_id': self.life_branch.id,
                         'talker_id': self.full[3].id,
                         'member_id': member.id, 'date': day,
                         'topic': 'Work'})
        self.assertValues('meetings_held', [
            (self.life_branch, 0.4, '2/5')], meeting_type=self.talk_type)

    def test_members_meeting_attendance(self):
        org = self.life_branch
        # all five present
        self.meeting(self.general, '2023-06-15 02:00:00', org)
        # on the last day, three of five (the quorum: three of four full)
        self.meeting(self.general, '2023-12-31 02:00:00', org,
                     present=self.full[:3])
        # guests do not count
        guest_meeting = self.meeting(self.general, '2023-03-15 02:00:00',
                                     org, held=False, present=self.full)
        self.env['party.meeting.attendance'].create({
            'meeting_id': guest_meeting.id, 'member_id': self.member_b1.id,
            'is_guest': True, 'state': 'present'})
        guest_meeting.action_held()
        # not counted: the day after, another type, not held
        self.meeting(self.general, '2024-01-01 02:00:00', org)
        self.meeting(self.theme_day, '2023-05-01 02:00:00', org,
                     present=self.full[:1])
        self.meeting(self.general, '2023-11-01 02:00:00', org, held=False,
                     present=self.full[:1])
        self.assertValues('members_meeting_attendance', [
            (org, 12.0 / 15, '12/15'), (self.quiet, 0.0, '')])
        self.assertValues('members_meeting_attendance', [
            (org, 0.2, '1/5')], meeting_type=self.theme_day)

    def test_democratic_appraisal_held(self):
        Appraisal = self.env['party.member.appraisal']
        for member, year in [(self.full[0], 2023), (self.full[1], 2023),
                             (self.full[2], 2022)]:
            Appraisal.create({'organization_id': self.life_branch.id,
                              'member_id': member.id, 'year': year,
                              'rating': 'qualified'})
        Appraisal.create({'organization_id': self.quiet.id,
                          'member_id': self.quiet.member_ids[0].id,
                          'year': 2022, 'rating': 'excellent'})
        self.assertValues('democratic_appraisal_held', [
            (self.life_branch, 1.0, '2'), (self.quiet, 0.0, '')])
        # the year of the end of the period decides
        self.assertValues('democratic_appraisal_held', [
            (self.life_branch, 1.0, '1'), (self.quiet, 1.0, '1')],
            period=(date(2022, 1, 1), date(2022, 12, 31)))
        self.assertValues('democratic_appraisal_held', [
            (self.life_branch, 0.0, '')],
            period=(date(2023, 1, 1), date(2024, 1, 1)))

    def test_talk_coverage(self):
        org = self.life_branch
        group = self.make_org('Life Group', 'group', org)
        in_group = self.make_member('Life Group Member', group)
        # joined after the period, or left: not counted
        self.make_member('Life Newcomer', org, join_date='2024-01-01')
        left = self.make_member('Life Left', org, join_date='2015-01-01')
        left.active = False
        Talk = self.env['party.talk']

        def talk(member, day, where=org):
            Talk.create({'organization_id': where.id,
                         'talker_id': self.full[3].id,
                         'member_id': member.id, 'date': day,
                         'topic': 'Work'})
        talk(self.full[0], '2023-01-01')
        talk(self.full[1], '2023-12-31')
        talk(self.full[1], '2023-06-01')  # twice: one member
        talk(self.full[2], '2024-01-01')  # the day after
        talk(self.full[2], '2022-12-31')  # the day before
        talk(in_group, '2023-06-01', where=group)
        talk(left, '2023-06-01')
        # 6 members: the probationary one, four full, the group's one
        self.assertValues('talk_coverage', [
            (org, 0.5, '3/6'), (group, 1.0, '1/1'),
            (self.quiet, 0.0, '0/3'), (self.branch_a2, 0.0, '0/1')])
        self.assertValues('talk_coverage', [(self.city_b, 0.0, '0/1')])
        # an empty organization
        empty = self.branch('Empty')
        self.assertValues('talk_coverage', [(empty, 0.0, '')])


class TestRectificationMetrics(MetricCase):

    def rectification(self, org, flag_date, state='flagged', cleared=None):
        return trusted(self.env['party.rectification']).create({
            'organization_id': org.id, 'reason': 'Lax',
            'flag_date': flag_date, 'state': state,
            'cleared_date': cleared or False})

    def test_tasks(self):
        org = self.branch('Rectifying')
        case = self.rectification(org, '2023-03-01', state='rectifying')
        Task = self.env['party.task']

        def task(name, state='todo', deadline=False, **vals):
            vals = dict(dict(source='rectification',
                             rectification_id=case.id), **vals)
            return Task.create(dict(
                name=name, organization_id=org.id, state=state,
                deadline=deadline, **vals))
        tasks = task('Overdue', deadline='2023-12-30') \
            | task('Due on the last day', 'doing', '2023-12-31') \
            | task('No deadline') \
            | task('Done', 'done', '2023-06-01') \
            | task('Cancelled', 'cancelled', '2023-06-01') \
            | task('Other source', deadline='2023-06-01', source='other',
                   rectification_id=False) \
            | task('Rectification without a case', deadline='2023-06-01',
                   rectification_id=False) \
            | task('Archived', deadline='2023-06-01', active=False)
        self.set_create_date(tasks, '2023-05-01 00:00:00')
        self.set_create_date(task('Late in the last day', deadline='2023-12-01'),
                             '2023-12-31 23:59:59')
        self.set_create_date(task('The day after', deadline='2023-12-01'),
                             '2024-01-01 00:00:00')
        other = self.branch('Nothing to rectify')
        self.assertValues('rectification_open', [
            (org, 5.0, ''), (other, 0.0, '')])
        self.assertValues('rectification_overdue', [
            (org, 3.0, ''), (other, 0.0, '')])
        # on 30 December, the first task is not overdue yet and the late
        # one does not exist
        period = (date(2023, 1, 1), date(2023, 12, 30))
        self.assertValues('rectification_open', [(org, 4.0, '')],
                          period=period)
        self.assertValues('rectification_overdue', [(org, 1.0, '')],
                          period=period)

    def test_weak_lax(self):
        flagged_last_day = self.branch('Flagged on the last day')
        self.rectification(flagged_last_day, '2023-12-31')
        flagged_after = self.branch('Flagged the day after')
        self.rectification(flagged_after, '2024-01-01')
        cleared_first_day = self.branch('Cleared on the first day')
        self.rectification(cleared_first_day, '2022-05-01', 'cleared',
                           '2023-01-01')
        cleared_before = self.branch('Cleared the day before')
        self.rectification(cleared_before, '2022-05-01', 'cleared',
                           '2022-12-31')
        still = self.branch('Still flagged')
        self.rectification(still, '2022-05-01', 'rectifying')
        self.rectification(still, '2023-02-01')
        self.assertValues('weak_lax', [
            (flagged_last_day, 1.0, '1'),
            (flagged_after, 0.0, ''),
            (cleared_first_day, 1.0, '1'),
            (cleared_before, 0.0, ''),
            (still, 1.0, '2'),
        ])


class TestMetricQueries(MetricCase):
    """Each metric costs the same number of queries for 3 and for 30
    organizations, with data in every table it reads."""

    def build(self, count):
        orgs = self.env['party.organization']
        for i in range(count):
            org = self.branch('Q%d-%d' % (count, i))
            members = self.full_members(org, 3)
            term = self.term(org, '2022-01-01')
            self.post(term, members[0], secretary=True)
            self.env['party.secretary.training'].create({
                'member_id': members[0].id, 'course': 'Course',
                'date': '2023-03-01', 'hours': 8})
            self.meeting(self.general, '2023-03-01 02:00:00', org)
            self.env['party.talk'].create({
                'organization_id': org.id, 'talker_id': members[0].id,
                'member_id': members[1].id, 'date': '2023-03-01',
                'topic': 'Work'})
            self.env['party.member.appraisal'].create({
                'organization_id': org.id, 'member_id': members[1].id,
                'year': 2023, 'rating': 'qualified'})
            self.venue(org)
            self.lifecycle(org)
            case = trusted(self.env['party.rectification']).create({
                'organization_id': org.id, 'reason': 'Lax',
                'flag_date': '2023-02-01'})
            self.env['party.task'].create({
                'name': 'Task', 'organization_id': org.id,
                'source': 'rectification', 'rectification_id': case.id,
                'deadline': '2023-06-01'})
            # the task list: one done on time, one overdue
            for state in ('done', 'todo'):
                self.env['party.task'].create({
                    'name': 'Listed', 'organization_id': org.id,
                    'source': 'responsibility', 'state': state,
                    'deadline': '2023-05-01'})
            # a transfer of membership, waiting since early in the year
            self.env['party.member.transfer'].create({
                'member_id': members[2].id,
                'to_organization_id': self.branch_b1.id})
            orgs |= org
        self.env.cr.execute(
            "UPDATE party_task SET create_date = '2023-02-01' "
            "WHERE organization_id IN %s", [tuple(orgs.ids)])
        self.env.cr.execute(
            "UPDATE party_task SET done_date = '2023-04-01' "
            "WHERE organization_id IN %s AND state = 'done'",
            [tuple(orgs.ids)])
        self.env.cr.execute(
            "UPDATE party_member_transfer SET request_date = '2023-02-01' "
            "WHERE from_organization_id IN %s", [tuple(orgs.ids)])
        return orgs

    def lifecycle(self, org):
        """A probationary member overdue for a decision, a member lost
        contact, an applicant not talked with."""
        Member = self.env['party.member'].with_context(**NO_TRACKING)
        Member.create({'name': 'Probationer', 'organization_id': org.id,
                       'join_date': '2021-06-01'})
        Member.create({'name': 'Lost', 'organization_id': org.id,
                       'standing': 'lost_contact',
                       'standing_date': '2022-01-01'})
        self.env['party.applicant'].create({
            'name': 'Applicant', 'organization_id': org.id,
            'application_date': '2023-01-10'})

    def venue(self, org):
        """A venue in use, partly equipped, on borrowed money, booked."""
        venue = self.env['party.venue'].create({
            'name': 'Room', 'organization_id': org.id, 'kind_id': self.env.ref(
                'party_building.venue_kind_activity_room').id,
            'weekly_open_hours': 10})
        venue.action_in_use()
        self.env['party.venue.equipment'].create({
            'venue_id': venue.id,
            'item_id': self.env.ref('party_building.venue_item_flag').id})
        self.env['party.venue.funding'].create({
            'venue_id': venue.id, 'name': 'Loan', 'amount': 1.0,
            'borrowed': True})
        self.env['party.venue.booking'].create({
            'name': 'Study', 'venue_id': venue.id, 'organization_id': org.id,
            'start': '2023-03-02 01:00:00', 'stop': '2023-03-02 03:00:00'})

    def queries(self, metric, orgs, meeting_type):
        self.env.clear()
        with self.count_queries() as n:
            values = metric._compute_values(
                orgs.ids, YEAR[0], YEAR[1], meeting_type=meeting_type)
        self.assertEqual(len(values), len(orgs))
        return n[0]

    def test_queries_do_not_grow(self):
        few, many = self.build(3), self.build(30)
        metrics = self.env['party.assessment.metric'].sudo(
            self.viewer).search([])
        for metric in metrics:
            meeting_type = self.general if metric.needs_meeting_type \
                else None
            self.queries(metric, few, meeting_type)  # warm the caches
            self.assertEqual(self.queries(metric, few, meeting_type),
                             self.queries(metric, many, meeting_type),
                             metric.code)
            if metric.code == 'meetings_held':
                requests = [(metric, self.general), (metric, self.theme_day)]
                metric._compute_batch(requests, few.ids, *YEAR)
                with self.count_queries() as batch_few:
                    metric._compute_batch(requests, few.ids, *YEAR)
                with self.count_queries() as batch_many:
                    metric._compute_batch(requests, many.ids, *YEAR)
                self.assertEqual(batch_few[0], batch_many[0])
            if metric.code not in BUILT_CODES:
                continue
            # the data is there: every organization has a value
            values = metric._compute_values(many.ids, YEAR[0], YEAR[1],
                                            meeting_type=meeting_type)
            self.assertTrue(all(v for v, _n in values.values()), metric.code)
