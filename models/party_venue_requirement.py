from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyVenueRequirement(models.Model):
    """One line of a kind's equipment standard: the item and how many."""
    _name = 'party.venue.requirement'
    _description = 'Equipment Standard Line'
    _order = 'kind_id, sequence, id'

    kind_id = fields.Many2one('party.venue.kind', string='Venue Kind',
                              required=True, ondelete='cascade', index=True)
    item_id = fields.Many2one('party.venue.equipment.item', string='Item',
                              required=True, ondelete='restrict')
    sequence = fields.Integer(related='item_id.sequence', store=True,
                              readonly=True)
    quantity = fields.Integer(string='Required Quantity', required=True,
                              default=1)

    _sql_constraints = [
        ('kind_item_uniq', 'unique(kind_id, item_id)',
         'This item is already in the standard of this kind of venue.'),
        ('quantity_positive', 'CHECK (quantity > 0)',
         'The required quantity must be at least 1.'),
    ]

    @api.model
    def create(self, vals):
        self._check_quantity(vals)
        return super(PartyVenueRequirement, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_quantity(vals)
        return super(PartyVenueRequirement, self).write(vals)

    @api.model
    def _check_quantity(self, vals):
        # before the database's check, which would answer in English
        if 'quantity' in vals and (vals['quantity'] or 0) < 1:
            raise ValidationError(_(
                "The required quantity of an item must be at least 1."))
