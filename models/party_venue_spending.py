from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_venue import check_non_negative


class PartyVenueSpending(models.Model):
    """Money spent on a venue: building, equipment, upkeep."""
    _name = 'party.venue.spending'
    _description = 'Venue Spending'
    _order = 'venue_id, date, id'

    venue_id = fields.Many2one('party.venue', string='Venue', required=True,
                               ondelete='cascade', index=True, auto_join=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    name = fields.Char(string='Purpose', required=True)
    currency_id = fields.Many2one(related='venue_id.currency_id',
                                  readonly=True)
    amount = fields.Monetary(required=True)

    _sql_constraints = [
        ('amount_non_negative', 'CHECK (amount >= 0)',
         'The amount spent cannot be negative.'),
    ]

    @api.constrains('date', 'venue_id')
    def _check_not_closed(self):
        for line in self.sudo():
            closed = line.venue_id.closed_date
            if line.venue_id.state == 'closed' and closed \
                    and line.date > closed:
                raise ValidationError(_(
                    "%(venue)s closed on %(closed)s: no spending can be "
                    "recorded after that day.") % {
                        'venue': line.venue_id.name, 'closed': closed})

    @api.model
    def create(self, vals):
        check_non_negative(self, vals, ('amount',))
        return super(PartyVenueSpending, self).create(vals)

    @api.multi
    def write(self, vals):
        check_non_negative(self, vals, ('amount',))
        return super(PartyVenueSpending, self).write(vals)
