"""Venues: the equipment standard and completeness, gaps per venue and per
area, the organizations without a venue in use, bad input; the scope-wide
reads in a fixed number of queries."""
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common_venue import ITEMS, VenueCase


class TestVenue(VenueCase):

    def test_standard_seeded(self):
        self.assertEqual(
            set(self.kind_room.requirement_ids.mapped('item_id.id')),
            {item.id for item in self.items.values()})
        self.assertEqual(len(self.kind_outdoor.requirement_ids), 2)
        online = self.env.ref('party_building.venue_kind_online')
        self.assertTrue(online.is_online)
        self.assertFalse(online.requirement_ids)

    def test_completeness_per_kind(self):
        self.assertEqual(self.room.completeness, 0.0)
        self.equip(self.room, 'flag', 'oath_wall')
        self.assertAlmostEqual(self.room.completeness, 200.0 / 7)
        # the same two items complete an outdoor site
        site = self.make_venue('Red Trail', self.branch_a1,
                               kind=self.kind_outdoor)
        self.equip(site, 'flag', 'oath_wall')
        self.assertEqual(site.completeness, 100.0)
        # items out of use do not count; a kind without a standard is full
        self.equip(self.room, *ITEMS[2:], condition='broken')
        self.assertAlmostEqual(self.room.completeness, 200.0 / 7)
        self.room.equipment_ids.write({'condition': 'repair'})
        self.assertEqual(self.room.completeness, 100.0)

    def test_standard_change_recomputes(self):
        self.equip(self.room, *ITEMS)
        self.assertEqual(self.room.completeness, 100.0)
        self.env['party.venue.requirement'].search([
            ('kind_id', '=', self.kind_room.id),
            ('item_id', '=', self.items['flag'].id)]).quantity = 2
        self.assertAlmostEqual(self.room.completeness, 700.0 / 8)

    def test_gaps_per_venue_and_area(self):
        self.equip(self.room, *ITEMS[:5])
        self.equip(self.centre, *ITEMS)
        Venue = self.env['party.venue'].sudo(self.officer)
        venues = Venue.search([])
        gaps = Venue._equipment_gaps(venues)
        self.assertEqual(
            sorted((v, i, missing) for v, i, __, __, missing in gaps),
            sorted([(self.room.id, self.items['projector'].id, 1),
                    (self.room.id, self.items['sign_in'].id, 1)]))
        areas = self.env['party.organization'].sudo(self.officer).browse(
            [self.city_a.id, self.branch_a1.id, self.branch_a2.id])
        by_area = Venue._equipment_gaps_by_area(areas, venues)
        expected = {self.items['projector'].id: 1,
                    self.items['sign_in'].id: 1}
        self.assertEqual(by_area[self.city_a.id], expected)
        self.assertEqual(by_area[self.branch_a1.id], expected)
        self.assertNotIn(self.branch_a2.id, by_area)
        # the same through the gap view, as the officer
        Gap = self.env['party.venue.gap'].sudo(self.officer)
        self.assertEqual(sum(Gap.search([]).mapped('missing')), 2)

    def test_without_venue_in_use(self):
        Org = self.env['party.organization'].sudo(self.officer)
        # the centre serves city A and everything below it
        self.assertFalse(Org.search([('has_venue_in_use', '=', False)]))
        self.centre.action_close()
        self.assertEqual(Org.search([('has_venue_in_use', '=', False)]),
                         self.city_a | self.branch_a2)
        self.assertEqual(Org.search([('has_venue_in_use', '=', True)]),
                         self.branch_a1 | self.group_a1)
        self.assertFalse(self.city_a.has_venue_in_use)
        self.assertTrue(self.group_a1.has_venue_in_use)
        # the organization shows its venues
        self.assertEqual(self.branch_a1.venue_ids, self.room)
        self.assertEqual(self.city_a.venue_count, 1)

    def test_scope_reads_in_fixed_queries(self):
        counts = []
        for size in (3, 30):
            venues = self.env['party.venue']
            for i in range(size):
                venue = self.make_venue('Room %d-%d' % (size, i),
                                        self.branch_a2)
                self.equip(venue, 'flag')
                venues |= venue
            Venue = self.env['party.venue'].sudo(self.officer)
            Org = self.env['party.organization'].sudo(self.officer)

            def read_scope():
                found = Venue.search([('id', 'in', venues.ids)])
                found.read(['completeness', 'has_warning', 'name'])
                Org.search([('has_venue_in_use', '=', False)])
                return Venue._equipment_gaps(found)
            read_scope()  # caches of rules and fields warmed up
            self.env.clear()
            with self.count_queries() as n:
                gaps = read_scope()
            self.assertEqual(len(gaps), size * 6)
            counts.append(n[0])
            venues.action_close()
        self.assertEqual(counts[0], counts[1], counts)

    def test_negative_values_refused(self):
        Venue = self.env['party.venue'].sudo(self.secretary)
        for field in ('area', 'capacity', 'budget', 'weekly_open_hours'):
            with self.assertRefused(ValidationError, 'cannot be negative'):
                Venue.create({'name': 'Bad', 'kind_id': self.kind_room.id,
                              'organization_id': self.branch_a1.id,
                              field: -1})
            with self.assertRefused(ValidationError, 'cannot be negative'):
                self.room.sudo(self.secretary).write({field: -5})
        Line = self.env['party.venue.equipment'].sudo(self.secretary)
        with self.assertRefused(ValidationError, 'cannot be negative'):
            Line.create({'venue_id': self.room.id,
                         'item_id': self.items['flag'].id, 'quantity': -1})
        for model in ('party.venue.funding', 'party.venue.spending'):
            with self.assertRefused(ValidationError, 'cannot be negative'):
                self.env[model].sudo(self.secretary).create({
                    'venue_id': self.room.id, 'name': 'x', 'amount': -1.0})
        self.assertFalse(self.room.equipment_ids)
        self.assertFalse(self.room.area)

    def test_database_checks(self):
        for column in ('area', 'capacity', 'budget'):
            with self.assertRaises(IntegrityError), \
                    mute_logger('odoo.sql_db'), self.cr.savepoint():
                query = "UPDATE party_venue SET %s = -1 WHERE id = %%s" \
                    % column
                self.cr.execute(query, [self.room.id])  # pylint: disable=sql-injection

    def test_other_company_refused(self):
        other = self.env['res.company'].create({'name': 'Other Co'})
        foreign = self.env['party.organization'].create({
            'name': 'Foreign', 'kind': 'committee', 'code': 'T-FOREIGN',
            'company_id': other.id})
        with self.assertRefused(ValidationError, 'own company'):
            self.room.write({'organization_ids': [(4, foreign.id)]})

    def test_manager_always_served(self):
        self.assertEqual(self.room.organization_ids, self.branch_a1)
        self.room.write({'organization_ids': [(6, 0, [self.branch_a2.id])]})
        self.assertEqual(self.room.organization_ids,
                         self.branch_a1 | self.branch_a2)

    def test_organization_venues_not_writable(self):
        with self.assertRefused(AccessError):
            self.branch_a1.sudo(self.secretary).write(
                {'venue_ids': [(5, 0, 0)]})


class TestVenueRules(VenueCase):
    """A venue's management rules come from the rules registry (issue 12):
    the secretary links her branch's rule in force to her room and reads it
    there."""

    def test_secretary_links_a_rule(self):
        rule = self.env['party.rule'].create({
            'name': 'Activity room rules',
            'category_id': self.env.ref(
                'party_building.rule_category_operations').id,
            'organization_id': self.branch_a1.id,
            'body': '<p>Open to members on weekdays.</p>',
            'effective_date': '2024-01-01'})
        rule.action_put_in_force()
        room = self.room.sudo(self.secretary.id)
        room.write({'rule_ids': [(6, 0, rule.ids)]})
        room.invalidate_cache()
        self.assertEqual(room.rule_ids.mapped('name'), ['Activity room rules'])
        # a viewer of the city reads the link, does not change it
        with self.assertRefused(AccessError):
            self.room.sudo(self.viewer.id).write({'rule_ids': [(5, 0, 0)]})
