from odoo import fields, models


class PartyVenueKind(models.Model):
    """A kind of activity venue (members' activity room, party-and-public
    service centre...): configurable, with the equipment its standard
    requires."""
    _name = 'party.venue.kind'
    _description = 'Venue Kind'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_online = fields.Boolean(
        string='Online',
        help="Online platforms have no floor area nor equipment.")
    requirement_ids = fields.One2many(
        'party.venue.requirement', 'kind_id', string='Equipment Standard')
    active = fields.Boolean(default=True)
