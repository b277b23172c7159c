"""Funding without waste: the four warnings, kept on the venue and listed
for officers; spending after closure refused; the venue metrics of the
assessment."""
from odoo.exceptions import ValidationError

from .common_venue import VenueCase


class TestVenueFunding(VenueCase):

    def warnings(self, venue):
        venue.invalidate_cache()
        return {name for name in ('warning_over_budget', 'warning_borrowed',
                                  'warning_duplicate', 'warning_area')
                if venue[name]}

    def listed(self, field):
        return self.env['party.venue'].sudo(self.officer).search(
            [(field, '=', True)])

    def test_no_warning(self):
        self.room.write({'budget': 1000.0, 'area': 40.0})
        self.env['party.venue.spending'].create({
            'venue_id': self.room.id, 'name': 'Chairs', 'amount': 1000.0,
            'date': '2024-01-10'})
        self.assertEqual(self.warnings(self.room), set())
        self.assertFalse(self.room.has_warning)
        self.assertFalse(self.listed('has_warning'))

    def test_over_budget(self):
        self.room.budget = 1000.0
        self.env['party.venue.spending'].sudo(self.secretary).create({
            'venue_id': self.room.id, 'name': 'Screen', 'amount': 1200.0,
            'date': '2024-01-10'})
        self.assertEqual(self.room.spent, 1200.0)
        self.assertEqual(self.warnings(self.room), {'warning_over_budget'})
        self.assertIn('exceeds the budget', self.room.warning_text)
        self.assertEqual(self.listed('warning_over_budget'), self.room)
        self.assertEqual(self.listed('has_warning'), self.room)

    def test_borrowed(self):
        self.env['party.venue.funding'].sudo(self.secretary).create({
            'venue_id': self.room.id, 'name': 'Bank loan', 'amount': 500.0,
            'borrowed': True})
        self.assertEqual(self.warnings(self.room), {'warning_borrowed'})
        self.assertEqual(self.listed('warning_borrowed'), self.room)
        self.assertEqual(
            self.env['party.venue'].sudo(self.officer).search(
                [('has_warning', '=', False)]), self.centre)

    def test_duplicate_building(self):
        # a second service centre planned for a branch the city's serves
        planned = self.make_venue('New Centre', self.branch_a2,
                                  kind=self.kind_centre, state='planned')
        self.assertEqual(self.warnings(planned), {'warning_duplicate'})
        # another kind is no duplicate; nor once the first is closed
        other = self.make_venue('Outdoor', self.branch_a2,
                                kind=self.kind_outdoor, state='planned')
        self.assertEqual(self.warnings(other), set())
        self.assertEqual(self.listed('warning_duplicate'), planned)
        self.centre.action_close()
        self.assertEqual(self.warnings(planned), set())

    def test_area_above_norm(self):
        # branch A1 and its group: 2 members; the first norm: 60 m²
        self.room.area = 60.0
        self.assertEqual(self.warnings(self.room), set())
        self.room.area = 61.0
        self.assertEqual(self.warnings(self.room), {'warning_area'})
        # a larger organization is allowed more
        for i in range(48):
            self.make_member('Extra %d' % i, self.branch_a1)
        self.assertEqual(self.warnings(self.room), {'warning_area'})
        # 51 members: up to 100 m²
        self.make_member('Extra 48', self.branch_a1)
        self.assertEqual(self.warnings(self.room), set())
        # beyond the last norm, the last applies
        self.room.area = 201.0
        self.assertEqual(self.warnings(self.room), {'warning_area'})
        self.assertEqual(self.listed('warning_area'), self.room)

    def test_spending_after_closure_refused(self):
        self.room.closed_date = '2024-06-30'
        self.room.action_close()
        self.assertEqual(self.room.closed_date, '2024-06-30')
        Spending = self.env['party.venue.spending'].sudo(self.secretary)
        Spending.create({'venue_id': self.room.id, 'name': 'Last bill',
                         'amount': 10.0, 'date': '2024-06-30'})
        with self.assertRefused(ValidationError, 'closed on 2024-06-30'):
            Spending.create({'venue_id': self.room.id, 'name': 'Late',
                             'amount': 10.0, 'date': '2024-07-01'})
        self.assertEqual(len(self.room.spending_ids), 1)


class TestVenueMetrics(VenueCase):

    def compute(self, code, orgs, date_from='2024-03-01',
                date_to='2024-03-31'):
        metric = self.env.ref('party_building.metric_' + code)
        return metric._compute_values(orgs.ids, date_from, date_to)

    def test_venue_in_use_and_equipment(self):
        orgs = self.city_a | self.branch_a1 | self.branch_a2 | self.city_b
        values = self.compute('venue_in_use', orgs)
        self.assertEqual({k: v[0] for k, v in values.items()}, {
            self.city_a.id: 1.0, self.branch_a1.id: 1.0,
            self.branch_a2.id: 1.0, self.city_b.id: 0.0})
        self.assertEqual(values[self.branch_a1.id][1], '2')
        self.equip(self.room, 'flag')
        self.equip(self.centre, 'flag', 'oath_wall')
        values = self.compute('venue_equipment', orgs)
        self.assertAlmostEqual(values[self.branch_a1.id][0], 2 / 7.0)
        self.assertAlmostEqual(values[self.branch_a2.id][0], 2 / 7.0)
        self.assertEqual(values[self.city_b.id][0], 0.0)

    def test_utilization(self):
        # 40 hours a week: 31 days of March open 40 * 31 / 7 hours
        self.env['party.venue.booking'].create({
            'name': 'Study', 'venue_id': self.room.id,
            'organization_id': self.branch_a1.id,
            'start': '2024-03-05 01:00:00', 'stop': '2024-03-05 11:00:00'})
        values = self.compute('venue_utilization', self.branch_a1)
        room_open = 40 * 31 / 7.0
        # the room and the centre (no booking) serve branch A1
        self.assertAlmostEqual(values[self.branch_a1.id][0],
                               10.0 / (2 * room_open))
        self.assertEqual(values[self.branch_a1.id][1], '10.0')
        # the monthly view says the same of the room
        row = self.env['party.venue.utilization'].sudo(self.secretary)\
            .search([('venue_id', '=', self.room.id),
                     ('month', '=', '2024-03-01')])
        self.assertEqual(row.hours_booked, 10.0)
        self.assertAlmostEqual(row.utilization, 1000.0 / room_open)
        # compared by area: the room's is the city above its branch
        self.assertEqual((row.area_id, self.room.area_id),
                         (self.city_a, self.city_a))
        by_area = self.env['party.venue.utilization'].sudo(
            self.secretary).read_group(
                [('month', '=', '2024-03-01')], ['area_id', 'hours_booked'],
                ['area_id'])
        self.assertEqual(
            {g['area_id'][0]: g['hours_booked'] for g in by_area},
            {self.city_a.id: 10.0})

    def test_funding_warnings(self):
        self.env['party.venue.funding'].create({
            'venue_id': self.centre.id, 'name': 'Loan', 'amount': 1.0,
            'borrowed': True})
        values = self.compute('venue_funding_warnings',
                              self.branch_a1 | self.city_b)
        self.assertEqual(values[self.branch_a1.id][0], 1.0)
        self.assertEqual(values[self.city_b.id][0], 0.0)
