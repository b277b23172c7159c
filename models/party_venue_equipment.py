from odoo import api, fields, models

from .party_venue import check_non_negative


class PartyVenueEquipment(models.Model):
    """What a venue holds of an equipment item, and in what condition."""
    _name = 'party.venue.equipment'
    _description = 'Venue Equipment'
    _order = 'venue_id, item_id, id'

    venue_id = fields.Many2one('party.venue', string='Venue', required=True,
                               ondelete='cascade', index=True, auto_join=True)
    item_id = fields.Many2one('party.venue.equipment.item', string='Item',
                              required=True, ondelete='restrict')
    quantity = fields.Integer(required=True, default=1)
    condition = fields.Selection([
        ('good', 'Good'),
        ('repair', 'Needs Repair'),
        ('broken', 'Out of Use'),
    ], string='State of Repair', required=True, default='good',
        help="Items out of use do not count for the standard.")
    image = fields.Binary(string='Photo', attachment=True)
    note = fields.Char()

    _sql_constraints = [
        ('quantity_non_negative', 'CHECK (quantity >= 0)',
         'The quantity of an item cannot be negative.'),
    ]

    @api.model
    def create(self, vals):
        check_non_negative(self, vals, ('quantity',))
        return super(PartyVenueEquipment, self).create(vals)

    @api.multi
    def write(self, vals):
        check_non_negative(self, vals, ('quantity',))
        return super(PartyVenueEquipment, self).write(vals)
