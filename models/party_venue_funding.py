from odoo import api, fields, models

from .party_venue import check_non_negative


class PartyVenueFunding(models.Model):
    """Where a venue's money comes from (资金保障); borrowed money is
    flagged: venues are not built on debt."""
    _name = 'party.venue.funding'
    _description = 'Venue Funding Source'
    _order = 'venue_id, id'

    venue_id = fields.Many2one('party.venue', string='Venue', required=True,
                               ondelete='cascade', index=True, auto_join=True)
    name = fields.Char(string='Source', required=True,
                       help="Party dues kept back, the unit's budget, "
                            "a grant...")
    currency_id = fields.Many2one(related='venue_id.currency_id',
                                  readonly=True)
    amount = fields.Monetary(required=True)
    borrowed = fields.Boolean(
        string='Borrowed',
        help="A loan or any debt: raises a funding warning on the venue.")

    _sql_constraints = [
        ('amount_non_negative', 'CHECK (amount >= 0)',
         'The amount of a funding source cannot be negative.'),
    ]

    @api.model
    def create(self, vals):
        check_non_negative(self, vals, ('amount',))
        return super(PartyVenueFunding, self).create(vals)

    @api.multi
    def write(self, vals):
        check_non_negative(self, vals, ('amount',))
        return super(PartyVenueFunding, self).write(vals)
