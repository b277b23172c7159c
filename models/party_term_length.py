# -*- coding: utf-8 -*-
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_organization import KINDS, SECTORS


class PartyTermLength(models.Model):
    """How long a term lasts, by organization kind and sector. The most
    specific row wins: kind and sector, then kind, then sector, then the
    default row with neither."""
    _name = 'party.term.length'
    _description = 'Term Length'
    _order = 'kind, sector'

    kind = fields.Selection(KINDS, help="Empty: any kind.")
    sector = fields.Selection(SECTORS, help="Empty: any sector.")
    years = fields.Integer(required=True, default=3)
    company_id = fields.Many2one(
        'res.company', required=True,
        default=lambda self: self.env.user.company_id)

    _sql_constraints = [
        ('kind_sector_uniq', 'unique (company_id, kind, sector)',
         'There is already a term length for this kind and sector.'),
    ]

    @api.constrains('years')
    def _check_years(self):
        if any(not 1 <= row.years <= 10 for row in self):
            raise ValidationError(_(
                "A term lasts between 1 and 10 years."))

    @api.model
    def years_for(self, organization):
        """Term length in years for this organization (3 if unconfigured)."""
        rows = self.sudo().search([
            ('company_id', '=', organization.company_id.id),
            ('kind', 'in', [organization.kind, False]),
            ('sector', 'in', [organization.sector, False]),
        ])
        if not rows:
            return 3
        best = max(rows, key=lambda r: (bool(r.kind), bool(r.sector)))
        return best.years
