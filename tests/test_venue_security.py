"""Venues in each role's scope, tried as the lower roles over the model
calls: reading, changing, booking, the lines, the views of gaps and
utilization."""
from odoo.exceptions import AccessError

from .common_venue import VenueCase


class TestVenueSecurity(VenueCase):

    @classmethod
    def setUpClass(cls):
        super(TestVenueSecurity, cls).setUpClass()
        cls.room_a2 = cls.make_venue('Branch A2 Room', cls.branch_a2)
        cls.room_b1 = cls.make_venue('Branch B1 Room', cls.branch_b1)
        for venue in (cls.room, cls.room_a2, cls.room_b1):
            cls.equip(venue, 'flag')
            cls.env['party.venue.funding'].create({
                'venue_id': venue.id, 'name': 'Dues', 'amount': 10.0})
            cls.env['party.venue.booking'].create({
                'name': 'Study', 'venue_id': venue.id,
                'organization_id': venue.organization_id.id,
                'start': '2024-03-01 01:00:00',
                'stop': '2024-03-01 02:00:00'})

    def visible(self, user, model='party.venue'):
        return self.env[model].sudo(user.id).search([])

    def test_reading_scope(self):
        # the secretary reads her room and the centre above that serves her
        self.assertEqual(self.visible(self.secretary),
                         self.room | self.centre)
        self.assertEqual(self.visible(self.viewer),
                         self.room | self.room_a2 | self.centre)
        self.assertEqual(self.visible(self.officer),
                         self.room | self.room_a2 | self.centre)
        self.assertFalse(self.visible(self.nobody))
        self.assertEqual(len(self.visible(self.manager)), 4)
        for model in ('party.venue.equipment', 'party.venue.funding',
                      'party.venue.booking', 'party.venue.gap',
                      'party.venue.utilization'):
            self.assertEqual(
                self.visible(self.secretary, model).mapped('venue_id')
                - self.centre, self.room, model)
            self.assertFalse(self.visible(self.nobody, model), model)
            self.assertNotIn(self.room_b1, self.visible(
                self.officer, model).mapped('venue_id'), model)
        with self.assertRefused(AccessError):
            self.room_b1.sudo(self.officer).read(['name'])

    def test_secretary_changes_own_venues_only(self):
        self.room.sudo(self.secretary).write({'capacity': 30})
        # the centre serves her, but city A manages it
        for venue in (self.centre, self.room_a2):
            with self.assertRefused(AccessError):
                venue.sudo(self.secretary).write({'capacity': 30})
            with self.assertRefused(AccessError):
                self.env['party.venue.equipment'].sudo(
                    self.secretary).create({
                        'venue_id': venue.id,
                        'item_id': self.items['oath_wall'].id})
            with self.assertRefused(AccessError):
                venue.sudo(self.secretary).action_close()
        with self.assertRefused(AccessError):
            self.env['party.venue'].sudo(self.secretary).create({
                'name': 'Not mine', 'kind_id': self.kind_room.id,
                'organization_id': self.branch_a2.id})
        # no deleting below officers: venues are archived
        with self.assertRefused(AccessError):
            self.room.sudo(self.secretary).unlink()
        self.assertEqual(self.room.capacity, 30)

    def test_officer_changes_scope(self):
        for venue in (self.room, self.room_a2, self.centre):
            venue.sudo(self.officer).write({'capacity': 12})
        with self.assertRefused(AccessError):
            self.room_b1.sudo(self.officer).write({'capacity': 12})
        # serving an organization outside the scope is refused
        with self.assertRefused(AccessError):
            self.room.sudo(self.officer).write(
                {'organization_ids': [(4, self.branch_b1.id)]})

    def test_viewer_reads_only(self):
        with self.assertRefused(AccessError):
            self.room.sudo(self.viewer).write({'capacity': 1})
        with self.assertRefused(AccessError):
            self.book(self.room, '2024-04-01 01:00:00',
                      '2024-04-01 02:00:00', user=self.viewer)
        # nor moves a venue through its steps, whatever the view shows
        planned = self.make_venue('Planned Room', self.branch_a1,
                                  state='planned')
        for step in ('action_construction', 'action_in_use', 'action_close'):
            with self.assertRefused(AccessError, msg=step):
                getattr(planned.sudo(self.viewer), step)()
        self.assertEqual(planned.state, 'planned')

    def test_workflow_and_links_guarded(self):
        venue = self.room.sudo(self.secretary)
        for vals in ({'state': 'in_use'}, {'completeness': 100.0},
                     {'spent': 0.0}):
            with self.assertRefused(AccessError, 'cannot be set directly'):
                venue.write(vals)
        with self.assertRefused(AccessError):
            self.env['party.venue'].sudo(self.secretary).with_context(
                default_state='in_use').create({
                    'name': 'Sneaky', 'kind_id': self.kind_room.id,
                    'organization_id': self.branch_a1.id})
        # a manager from another branch cannot be named
        with self.assertRefused(AccessError):
            venue.write({'manager_id': self.member_b1.id})

    def test_bookings_of_others(self):
        """Bookings are changed by the organization booked for."""
        booking = self.room_a2.booking_ids.sudo(self.secretary)
        self.assertFalse(booking.search([('id', '=', booking.id)]))
        centre_booking = self.env['party.venue.booking'].create({
            'name': 'City study', 'venue_id': self.centre.id,
            'organization_id': self.city_a.id,
            'start': '2024-03-02 01:00:00', 'stop': '2024-03-02 02:00:00'})
        # she sees when the centre is taken, and cannot change it
        self.assertTrue(centre_booking.sudo(self.secretary).read(['name']))
        with self.assertRefused(AccessError):
            centre_booking.sudo(self.secretary).write(
                {'start': '2024-03-02 00:00:00'})
        with self.assertRefused(AccessError):
            centre_booking.sudo(self.secretary).action_cancel()

    def test_scope_rules_listed(self):
        """Every venue model has its scope, manager and company rules (the
        walk over all models is in test_guard)."""
        Rule = self.env['ir.rule']
        for model in ('party.venue', 'party.venue.booking',
                      'party.online.position', 'party.venue.gap',
                      'party.venue.utilization'):
            self.assertGreaterEqual(Rule.search_count(
                [('model_id.model', '=', model)]), 3, model)
