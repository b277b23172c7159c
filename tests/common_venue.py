"""Venues on the shared tree (see common.py): the city A committee's
service centre serves city A (and so every branch below it); branch A1 has
its own activity room."""
from .common import PartyCase

ITEMS = ('flag', 'oath_wall', 'member_board', 'rules_wall',
         'reading_corner', 'projector', 'sign_in')


class VenueCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(VenueCase, cls).setUpClass()
        cls.kind_room = cls.env.ref('party_building.venue_kind_activity_room')
        cls.kind_centre = cls.env.ref(
            'party_building.venue_kind_service_centre')
        cls.kind_outdoor = cls.env.ref('party_building.venue_kind_outdoor')
        cls.items = {name: cls.env.ref('party_building.venue_item_' + name)
                     for name in ITEMS}
        cls.centre = cls.make_venue('City A Service Centre', cls.city_a,
                                    kind=cls.kind_centre)
        cls.room = cls.make_venue('Branch A1 Room', cls.branch_a1)

    @classmethod
    def make_venue(cls, name, org, kind=None, state='in_use', **vals):
        venue = cls.env['party.venue'].create(dict(
            name=name, organization_id=org.id,
            kind_id=(kind or cls.kind_room).id, weekly_open_hours=40,
            **vals))
        if state == 'in_use':
            venue.action_in_use()
        elif state == 'construction':
            venue.action_construction()
        return venue

    @classmethod
    def equip(cls, venue, *names, **kwargs):
        for name in names:
            cls.env['party.venue.equipment'].create(dict(
                venue_id=venue.id, item_id=cls.items[name].id, **kwargs))

    def book(self, venue, start, stop, org=None, user=None, name='Study'):
        Booking = self.env['party.venue.booking']
        if user:
            Booking = Booking.sudo(user.id)
        return Booking.create({
            'name': name, 'venue_id': venue.id,
            'organization_id': (org or venue.organization_id).id,
            'start': start, 'stop': stop})
