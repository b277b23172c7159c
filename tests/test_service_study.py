"""Education and training (issue 15): sessions with their participants'
hours, individual records, meetings that count study hours, the yearly
requirement at the year's edges, bad input and scope."""
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError

from .common_service import ServiceCase


class TestStudy(ServiceCase):

    def test_session_credits_its_participants(self):
        session = self.session(user=self.secretary,
                               members=self.member_a1 | self.member_g1)
        self.assertEqual(session.participant_count, 2)
        self.assertEqual(session.total_hours, 8.0)
        lines = session.line_ids
        # each record takes the session's topic and date, and belongs to
        # the member's organization
        self.assertEqual(set(lines.mapped('name')),
                         {'Studying the Party Constitution'})
        self.assertEqual(set(lines.mapped('date')), {'2025-03-10'})
        self.assertEqual(lines.mapped('organization_id'),
                         self.branch_a1 | self.group_a1)
        session.sudo(self.secretary).write({'date': '2025-03-11'})
        self.assertEqual(set(lines.mapped('date')), {'2025-03-11'})
        self.assertEqual(self.totals(self.member_a1)[0], 4.0)

    def test_individual_record_with_certificate(self):
        record = self.study(self.member_a1, 24.0, date='2025-06-01',
                            date_end='2025-06-03', user=self.secretary,
                            certificate='Y2VydGlmaWNhdGU=',
                            certificate_name='certificate.pdf')
        self.assertEqual(record.organization_id, self.branch_a1)
        self.assertTrue(record.certificate)
        self.assertEqual(self.totals(self.member_a1)[0], 24.0)

    def test_bad_hours_and_dates_refused(self):
        Record = self.env['party.study.record'].sudo(self.secretary)
        count = Record.search_count([])
        for hours, date, end, regex in [
                (-2.0, '2025-03-10', False, 'more than 0'),
                (0.0, '2025-03-10', False, 'more than 0'),
                (25.0, '2025-03-10', False, '24 a day'),
                (73.0, '2025-03-10', '2025-03-12', 'at most 72'),
                (float('nan'), '2025-03-10', False, ''),
                (2.0, '2099-01-01', False, 'in the future'),
                (2.0, '2025-03-10', '2025-03-09', 'end date is before')]:
            with self.assertRefused(ValidationError, regex):
                self.study(self.member_a1, hours, date=date, date_end=end,
                           user=self.secretary)
        self.assertEqual(Record.search_count([]), count)
        # a session and its participants are saved together or not at all
        Session = self.env['party.study.session'].sudo(self.secretary)
        with self.assertRefused(ValidationError, '24 a day'):
            self.session(user=self.secretary, hours=30.0)
        with self.assertRefused(ValidationError, 'in the future'):
            self.session(user=self.secretary, date='2099-05-01')
        self.assertFalse(Session.search([]))
        self.assertEqual(Record.search_count([]), count)

    def test_meetings_count_their_attendees_hours(self):
        # a party lecture of two and a half hours, Beijing time
        self.held_meeting(self.lecture, '2025-04-10 01:00:00',
                          '2025-04-10 03:30:00', self.branch_a1,
                          self.member_a1)
        # an organizational life meeting does not count study hours
        self.held_meeting(self.life, '2025-04-11 01:00:00',
                          '2025-04-11 03:00:00', self.branch_a1,
                          self.member_a1)
        self.assertTrue(self.lecture.counts_study_hours)
        self.assertFalse(self.life.counts_study_hours)
        self.assertEqual(self.totals(self.member_a1)[0], 2.5)
        # absent members are not credited; a planned meeting credits no one
        lecture = self.env['party.meeting'].create({
            'name': 'Lecture', 'type_id': self.lecture.id,
            'organization_id': self.branch_a1.id,
            'start': '2025-05-10 01:00:00', 'tz': 'Asia/Shanghai'})
        self.assertEqual(self.totals(self.member_a1)[0], 2.5)
        lecture.set_attendance([])
        lecture.action_held()
        self.assertEqual(self.totals(self.member_a1)[0], 2.5)
        self.assertEqual(self.totals(self.member_g1)[0], 0.0)
        # without an end time, the type's hours
        self.held_meeting(self.lecture, '2025-06-10 01:00:00', False,
                          self.branch_a1, self.member_a1)
        self.assertEqual(self.totals(self.member_a1)[0], 4.5)

    def test_requirement_at_the_years_edges(self):
        self.study(self.member_a1, 16.0, date='2024-12-31')
        self.study(self.member_a1, 16.0, date='2025-01-01')
        self.study(self.member_a1, 16.0, date='2025-12-31')
        self.study(self.member_a1, 16.0, date='2026-01-01')
        # 2025: the 1 January and 31 December records, 32 hours: met
        self.assertEqual(self.totals(self.member_a1)[:2], (32.0, 32.0))
        self.assertEqual(self.totals(self.member_a1, 2024)[:2], (16.0, 32.0))
        # a secretary in post during 2025 needs 56
        self.leader(self.branch_a1, self.member_a1, start='2025-12-31')
        self.assertEqual(self.totals(self.member_a1)[:2], (32.0, 56.0))
        self.assertEqual(self.totals(self.member_a1, 2024)[1], 32.0)
        # the requirement is configuration
        self.company.party_study_hours_leader = 30.0
        self.assertEqual(self.totals(self.member_a1)[1], 30.0)
        with self.assertRefused(ValidationError, '1000'):
            self.company.party_study_hours_member = -1.0

    def test_members_below_the_yearly_hours(self):
        Member = self.env['party.member'].sudo(self.officer)
        self.study(self.member_a1, 32.0, date='2025-03-01',
                   date_end='2025-03-04')
        self.study(self.member_a2, 10.0, date='2025-03-01')
        today = '2025-11-01'
        with self._today(today):
            below = Member.search([('study_below_requirement', '=', True)])
            met = Member.search([('study_below_requirement', '=', False)])
            self.assertEqual(below, self.member_g1 | self.member_a2)
            self.assertEqual(met, self.member_a1)
            self.assertEqual(self.member_a2.sudo(self.officer)
                             .study_hours_year, 10.0)
            self.assertEqual(self.branch_a1.sudo(self.officer)
                             .study_met_count, 1)
            self.assertEqual(self.city_a.sudo(self.officer)
                             .service_member_count, 3)

    def _today(self, day):
        return patch('odoo.fields.Date.context_today',
                     lambda *args, **kwargs: day)


class TestStudyScope(ServiceCase):

    def test_secretary_of_another_branch_and_viewer(self):
        session = self.session()
        record = self.study(self.member_a2, 3.0)
        Session = self.env['party.study.session'].sudo(self.secretary)
        Record = self.env['party.study.record'].sudo(self.secretary)
        self.assertEqual(Session.search([]), session)
        self.assertFalse(Record.search([('id', '=', record.id)]))
        with self.assertRefused(AccessError):
            record.sudo(self.secretary).write({'hours': 5.0})
        with self.assertRefused(AccessError):
            record.sudo(self.secretary).read(['hours'])
        # no participant out of scope, no session for another branch
        with self.assertRefused(AccessError):
            self.session(user=self.secretary, members=self.member_a2)
        with self.assertRefused(AccessError):
            self.session(user=self.secretary, org=self.branch_a2,
                         members=self.member_a1)
        with self.assertRefused(AccessError):
            self.study(self.member_b1, 2.0, user=self.secretary)
        # viewers read, never write
        viewer_session = session.sudo(self.viewer)
        self.assertTrue(viewer_session.name)
        with self.assertRefused(AccessError):
            viewer_session.write({'hours': 3.0})
        with self.assertRefused(AccessError):
            self.study(self.member_a1, 2.0, user=self.viewer)
        with self.assertRefused(AccessError):
            session.line_ids.sudo(self.viewer).unlink()
        self.assertEqual(session.line_ids.hours, 4.0)
