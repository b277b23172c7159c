from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyVenueAreaNorm(models.Model):
    """How large a venue may be for the organizations it serves: up to
    `max_members` members, at most `max_area` m². Beyond the last row, the
    last row applies."""
    _name = 'party.venue.area.norm'
    _description = 'Venue Area Norm'
    _order = 'company_id, max_members, id'

    company_id = fields.Many2one(
        'res.company', string='Company', required=True, index=True,
        ondelete='cascade', default=lambda self: self.env.user.company_id)
    max_members = fields.Integer(string='Up to Members', required=True)
    max_area = fields.Float(string='Largest Area (m²)', required=True)

    _sql_constraints = [
        ('max_members_positive', 'CHECK (max_members > 0)',
         'The number of members of an area norm must be at least 1.'),
        ('max_area_positive', 'CHECK (max_area > 0)',
         'The area of an area norm must be positive.'),
        ('company_members_uniq', 'unique(company_id, max_members)',
         'There is already an area norm for this number of members.'),
    ]

    @api.model
    def create(self, vals):
        self._check_values(vals)
        return super(PartyVenueAreaNorm, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_values(vals)
        return super(PartyVenueAreaNorm, self).write(vals)

    @api.model
    def _check_values(self, vals):
        if ('max_members' in vals and (vals['max_members'] or 0) < 1) or (
                'max_area' in vals and (vals['max_area'] or 0) <= 0):
            raise ValidationError(_(
                "An area norm needs at least 1 member and a positive "
                "area."))
