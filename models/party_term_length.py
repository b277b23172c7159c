from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_organization import KINDS, SECTORS


class PartyTermLength(models.Model):
    """How long a term lasts, by organization kind and sector. Rows without
    a company are shared by all companies (the seeded rules); a company may
    add its own. The most specific row wins: kind and sector, then kind,
    then sector, then the default row with neither; between rows as
    specific, the company's own wins over the shared one."""
    _name = 'party.term.length'
    _description = 'Term Length'
    _order = 'kind, sector, company_id'

    kind = fields.Selection(KINDS, help="Empty: any kind.")
    sector = fields.Selection(SECTORS, help="Empty: any sector.")
    years = fields.Integer(required=True, default=3)
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, ondelete='cascade',
        default=lambda self: self.env.user.company_id,
        help="Empty: shared by all companies; a company's own row takes "
             "precedence.")

    # PostgreSQL's unique constraint lets NULLs repeat (two default rows of
    # one company, or two shared rows for a kind): compare them as values.
    _sql_constraints = [
        ('kind_sector_uniq',
         "EXCLUDE ((COALESCE(company_id, 0)) WITH =, "
         "(COALESCE(kind, '')) WITH =, (COALESCE(sector, '')) WITH =)",
         'There is already a term length for this kind and sector.'),
    ]

    @api.constrains('years')
    def _check_years(self):
        if any(not 1 <= row.years <= 10 for row in self):
            raise ValidationError(_(
                "A term lasts between 1 and 10 years."))

    def _check_unique(self, vals):
        """Say which row is in the way before the database refuses it (the
        constraint above holds under concurrency)."""
        for row in self or [self.browse()]:
            key = {}
            for name in ('company_id', 'kind', 'sector'):
                value = vals[name] if name in vals else row[name]
                if isinstance(value, models.BaseModel):
                    value = value.id
                key[name] = value or False
            domain = [(name, '=', value) for name, value in key.items()]
            if row:
                domain.append(('id', '!=', row.id))
            if self.sudo().search_count(domain):
                raise ValidationError(_(
                    "There is already a term length for this kind and "
                    "sector: change its years instead."))

    @api.model
    def create(self, vals):
        values = dict(vals)
        if 'company_id' not in values:
            values['company_id'] = self.default_get(
                ['company_id']).get('company_id')
        self._check_unique(values)
        return super(PartyTermLength, self).create(vals)

    @api.multi
    def write(self, vals):
        if {'company_id', 'kind', 'sector'} & set(vals):
            self._check_unique(vals)
        return super(PartyTermLength, self).write(vals)

    @api.model
    def years_for(self, organization):
        """Term length in years for this organization, or 0 if neither its
        company nor the shared rows configure one."""
        rows = self.sudo().search([
            ('company_id', 'in', [organization.company_id.id, False]),
            ('kind', 'in', [organization.kind, False]),
            ('sector', 'in', [organization.sector, False]),
        ])
        if not rows:
            return 0
        best = max(rows, key=lambda r: (bool(r.kind), bool(r.sector),
                                        bool(r.company_id)))
        return best.years
