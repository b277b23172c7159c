"""Bookings: no overlap (the error names the other booking), back to back
allowed, the times checked, only for organizations the venue serves and
the user's scope; a meeting at a venue books it and records its use."""
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common_venue import VenueCase


class TestVenueBooking(VenueCase):

    @classmethod
    def setUpClass(cls):
        super(TestVenueBooking, cls).setUpClass()
        # the users read dates in Beijing time
        (cls.secretary | cls.officer).write({'tz': 'Asia/Shanghai'})
        cls.first = cls.env['party.venue.booking'].create({
            'name': 'Branch study', 'venue_id': cls.room.id,
            'organization_id': cls.branch_a1.id,
            'start': '2024-03-01 01:00:00', 'stop': '2024-03-01 03:00:00'})

    def test_overlap_refused_naming_the_other(self):
        for start, stop in [('2024-03-01 02:59:00', '2024-03-01 04:00:00'),
                            ('2024-03-01 00:00:00', '2024-03-01 01:01:00'),
                            ('2024-03-01 01:30:00', '2024-03-01 02:00:00'),
                            ('2024-03-01 00:00:00', '2024-03-01 05:00:00')]:
            with self.assertRefused(
                    ValidationError,
                    r'already booked from 2024-03-01 09:00 to 2024-03-01 '
                    r'11:00 for "Branch study" \(Branch A1\)'):
                self.book(self.room, start, stop, user=self.secretary)
        self.assertEqual(self.room.booking_ids, self.first)

    def test_back_to_back_allowed(self):
        before = self.book(self.room, '2024-03-01 00:00:00',
                           '2024-03-01 01:00:00', user=self.secretary)
        after = self.book(self.room, '2024-03-01 03:00:00',
                          '2024-03-01 04:00:00', user=self.secretary)
        self.assertEqual(len(self.room.booking_ids), 3)
        # moving one onto another is refused too
        with self.assertRefused(ValidationError, 'Branch study'):
            after.write({'start': '2024-03-01 02:00:00'})
        self.assertEqual(before.duration, 1.0)

    def test_other_venue_and_cancelled_free(self):
        self.book(self.centre, '2024-03-01 01:00:00', '2024-03-01 03:00:00',
                  org=self.branch_a1, user=self.secretary)
        self.first.sudo(self.secretary).action_cancel()
        again = self.book(self.room, '2024-03-01 01:00:00',
                          '2024-03-01 03:00:00', user=self.secretary)
        self.assertEqual(again.state, 'booked')
        with self.assertRefused(ValidationError, 'already booked'):
            # as the superuser (the guard keeps clients off the state)
            self.first.sudo().write({'state': 'booked'})

    def test_end_before_start_refused(self):
        for stop in ('2024-04-01 01:00:00', '2024-04-01 00:00:00'):
            with self.assertRefused(ValidationError, 'end after it starts'):
                self.book(self.room, '2024-04-01 01:00:00', stop,
                          user=self.secretary)
        with self.assertRefused(ValidationError, 'end after it starts'):
            self.first.sudo(self.secretary).write(
                {'stop': '2024-03-01 00:00:00'})

    def test_database_refuses_overlap(self):
        """The exclusion constraint holds whatever the code does."""
        with self.assertRaises(IntegrityError), \
                mute_logger('odoo.sql_db'), self.cr.savepoint():
            self.cr.execute("""
                INSERT INTO party_venue_booking
                       (name, venue_id, organization_id, start, stop, state)
                VALUES ('x', %s, %s, '2024-03-01 02:00', '2024-03-01 05:00',
                        'booked')""", [self.room.id, self.branch_a1.id])
        with self.assertRaises(IntegrityError), \
                mute_logger('odoo.sql_db'), self.cr.savepoint():
            self.cr.execute("""
                UPDATE party_venue_booking SET stop = start - interval '1h'
                 WHERE id = %s""", [self.first.id])
        # back to back, and cancelled ones, pass
        with self.cr.savepoint():
            self.cr.execute("""
                INSERT INTO party_venue_booking
                       (name, venue_id, organization_id, start, stop, state)
                VALUES ('x', %s, %s, '2024-03-01 03:00', '2024-03-01 05:00',
                        'booked'),
                       ('y', %s, %s, '2024-03-01 02:00', '2024-03-01 05:00',
                        'cancelled')""", [self.room.id, self.branch_a1.id] * 2)

    def test_outside_scope_refused(self):
        # a sibling branch is outside the secretary's scope
        with self.assertRefused(AccessError):
            self.book(self.centre, '2024-05-01 01:00:00',
                      '2024-05-01 02:00:00', org=self.branch_a2,
                      user=self.secretary)
        # the room serves branch A1 only: the officer cannot book it for A2
        with self.assertRefused(ValidationError, 'does not serve'):
            self.book(self.room, '2024-05-01 01:00:00',
                      '2024-05-01 02:00:00', org=self.branch_a2,
                      user=self.officer)
        # nor can a city B venue be booked by city A's officer
        venue_b = self.make_venue('City B Room', self.branch_b1)
        with self.assertRefused(AccessError):
            self.book(venue_b, '2024-05-01 01:00:00', '2024-05-01 02:00:00',
                      org=self.branch_a1, user=self.officer)
        # a venue not in use is not booked
        planned = self.make_venue('Planned', self.branch_a1, state='planned')
        with self.assertRefused(ValidationError, 'not in use'):
            self.book(planned, '2024-05-01 01:00:00', '2024-05-01 02:00:00',
                      user=self.secretary)
        # the service centre above serves the branch below it
        booking = self.book(self.centre, '2024-05-01 01:00:00',
                            '2024-05-01 02:00:00', org=self.branch_a1,
                            user=self.secretary)
        self.assertEqual(booking.user_id, self.secretary)

    def test_workflow_fields_not_writable(self):
        booking = self.first.sudo(self.secretary)
        for vals in ({'state': 'used'}, {'meeting_id': False},
                     {'user_id': self.officer.id}):
            with self.assertRefused(AccessError, 'cannot be set directly'):
                booking.write(vals)


class TestMeetingBooking(VenueCase):

    @classmethod
    def setUpClass(cls):
        super(TestMeetingBooking, cls).setUpClass()
        cls.type_general = cls.env.ref('party_building.meeting_type_lecture')

    def plan(self, start='2024-06-03 01:00:00', end='2024-06-03 03:00:00',
             venue=None, name='Members meeting', user=None):
        Meeting = self.env['party.meeting']
        if user is not False:
            Meeting = Meeting.sudo((user or self.secretary).id)
        return Meeting.create({
            'name': name, 'organization_id': self.branch_a1.id,
            'type_id': self.type_general.id, 'start': start, 'end': end,
            'venue_id': (venue or self.room).id, 'tz': 'Asia/Shanghai'})

    def test_meeting_books_and_records_use(self):
        meeting = self.plan()
        booking = meeting.booking_id
        self.assertEqual(
            (booking.venue_id, booking.organization_id, booking.start,
             booking.stop, booking.name, booking.state, booking.meeting_id),
            (self.room, self.branch_a1, meeting.start, meeting.end,
             meeting.name, 'booked', meeting))
        # moved with the meeting
        meeting.write({'start': '2024-06-04 01:00:00',
                       'end': '2024-06-04 02:30:00'})
        self.assertEqual(booking.start, '2024-06-04 01:00:00')
        self.assertEqual(booking.duration, 1.5)
        # held: the booking is used, and shows who came
        meeting.set_attendance(self.member_a1.ids)
        meeting.sudo(self.secretary).action_held()
        self.assertEqual(booking.state, 'used')
        self.assertEqual(booking.present_count, 1)
        # the booking of a meeting is changed through the meeting only
        with self.assertRefused(UserError, 'through its meeting'):
            booking.sudo(self.secretary).action_cancel()
        with self.assertRefused(UserError, 'belongs to a meeting'):
            booking.sudo(self.officer).unlink()

    def test_second_meeting_same_slot_refused(self):
        self.plan()
        with self.assertRefused(ValidationError, 'Members meeting'):
            self.plan(start='2024-06-03 02:00:00', end='2024-06-03 04:00:00',
                      name='Committee')
        self.assertEqual(self.env['party.meeting'].search_count(
            [('name', '=', 'Committee')]), 0)
        # cancelling the first frees the slot
        first = self.env['party.meeting'].search(
            [('name', '=', 'Members meeting')])
        first.sudo(self.secretary).action_cancel()
        self.assertEqual(first.booking_id.state, 'cancelled')
        second = self.plan(start='2024-06-03 02:00:00',
                           end='2024-06-03 04:00:00', name='Committee')
        self.assertEqual(second.booking_id.state, 'booked')

    def test_meeting_without_end_or_venue(self):
        with self.assertRefused(ValidationError, 'enter its end'):
            self.plan(end=False)
        meeting = self.plan()
        booking = meeting.booking_id
        meeting.write({'venue_id': False})
        self.assertFalse(booking.exists())
        self.assertFalse(meeting.booking_id)
        meeting.write({'venue_id': self.centre.id})
        self.assertEqual(meeting.booking_id.venue_id, self.centre)

    def test_meeting_at_venue_out_of_scope(self):
        venue_b = self.make_venue('City B Room', self.branch_b1)
        with self.assertRefused(AccessError):
            self.plan(venue=venue_b)
