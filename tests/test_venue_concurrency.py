"""Two users booking one venue for overlapping times at once, in two real
transactions (see concurrency.py): the exclusion constraint lets one
succeed; the other is refused with the name of the booking it collides
with, which its own transaction could not see."""
# they commit on purpose: the other transaction must see the data
# pylint: disable=invalid-commit
import logging
import threading

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError

from .concurrency import CONTEXT, ConcurrencyCase

TAG = 'Concurrency venue '


class TestVenueConcurrency(ConcurrencyCase):

    def setUp(self):
        super(TestVenueConcurrency, self).setUp()
        self.addCleanup(self.remove_data)
        Org = self.env['party.organization']
        root = Org.create({'name': TAG + 'root', 'kind': 'committee'})
        self.branch = Org.create({'name': TAG + 'branch', 'kind': 'branch',
                                  'parent_id': root.id})
        self.venue = self.env['party.venue'].create({
            'name': TAG + 'room', 'organization_id': self.branch.id,
            'kind_id': self.env.ref(
                'party_building.venue_kind_activity_room').id})
        self.venue.action_in_use()
        self.cr.commit()
        self.start_waiting()

    def remove_data(self):
        # a failed test may leave our transaction open: it would block this
        self.cr.rollback()
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM party_venue_booking WHERE name LIKE %s",
                       [TAG + '%'])
            cr.execute("DELETE FROM party_venue WHERE name LIKE %s",
                       [TAG + '%'])
            cr.execute("DELETE FROM party_organization WHERE name LIKE %s "
                       "AND parent_id IS NOT NULL", [TAG + '%'])
            cr.execute("DELETE FROM party_organization WHERE name LIKE %s",
                       [TAG + '%'])

    def vals(self, name, start, stop):
        return {'name': TAG + name, 'venue_id': self.venue.id,
                'organization_id': self.branch.id,
                'start': start, 'stop': stop}

    def bookings(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT name FROM party_venue_booking "
                       "WHERE venue_id = %s ORDER BY id", [self.venue.id])
            return [row[0] for row in cr.fetchall()]

    def test_same_slot_at_once(self):
        # both transactions have read the (empty) calendar
        other_cr, other_env = self.other_cursor()
        other_env['party.venue.booking'].search([])
        self.env['party.venue.booking'].create(self.vals(
            'first', '2024-03-01 01:00:00', '2024-03-01 03:00:00'))
        self.start_waiting()
        result = {}

        def second():
            with api.Environment.manage():
                env = api.Environment(other_cr, SUPERUSER_ID, CONTEXT)
                try:
                    env['party.venue.booking'].create(self.vals(
                        'second', '2024-03-01 02:00:00',
                        '2024-03-01 04:00:00'))
                except ValidationError as error:
                    result['error'] = error.name
                except Exception as error:  # reported to the test
                    result['other'] = repr(error)
        thread = threading.Thread(target=second)
        with self.assertLogs('odoo.sql_db', logging.ERROR):
            thread.start()
            self.wait_until_blocked()
            self.cr.commit()
            thread.join(60)
        self.assertFalse(thread.is_alive())
        other_cr.rollback()
        self.assertIn('already booked', result.get('error', ''), result)
        self.assertIn(TAG + 'first', result['error'])
        self.assertEqual(self.bookings(), [TAG + 'first'])

    def test_back_to_back_at_once(self):
        other_cr, other_env = self.other_cursor()
        self.env['party.venue.booking'].create(self.vals(
            'first', '2024-03-01 01:00:00', '2024-03-01 03:00:00'))
        other_env['party.venue.booking'].create(self.vals(
            'second', '2024-03-01 03:00:00', '2024-03-01 04:00:00'))
        other_cr.commit()
        self.cr.commit()
        self.assertEqual(self.bookings(), [TAG + 'first', TAG + 'second'])
