from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartySecretaryTraining(models.Model):
    """A course a (future) secretary attended."""
    _name = 'party.secretary.training'
    _description = 'Secretary Training'
    _order = 'date desc, id desc'

    member_id = fields.Many2one('party.member', string='Member',
                                required=True, index=True, ondelete='cascade',
                                auto_join=True)
    organization_id = fields.Many2one(
        'party.organization', auto_join=True, related='member_id.organization_id',
        store=True, readonly=True, index=True)
    company_id = fields.Many2one(
        'res.company', related='member_id.company_id', store=True,
        readonly=True)
    course = fields.Char(required=True)
    hours = fields.Float(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.constrains('hours')
    def _check_hours(self):
        # written so that NaN, which compares false, is refused too
        if any(not 0 < t.hours <= 1000 for t in self):
            raise ValidationError(_(
                "Training hours must be more than 0 and at most 1000."))


class PartySecretaryAppraisal(models.Model):
    """A secretary's yearly appraisal (述职评议考核)."""
    _name = 'party.secretary.appraisal'
    _description = 'Secretary Appraisal'
    _order = 'year desc, id desc'

    member_id = fields.Many2one('party.member', string='Member',
                                required=True, index=True, ondelete='cascade',
                                auto_join=True)
    organization_id = fields.Many2one(
        'party.organization', auto_join=True, related='member_id.organization_id',
        store=True, readonly=True, index=True)
    company_id = fields.Many2one(
        'res.company', related='member_id.company_id', store=True,
        readonly=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    result = fields.Selection([
        ('excellent', 'Excellent'),
        ('good', 'Good'),
        ('average', 'Average'),
        ('poor', 'Poor'),
    ], required=True)
    note = fields.Text()

    _sql_constraints = [
        ('member_year_uniq', 'unique (member_id, year)',
         'This member already has an appraisal for that year.'),
    ]

    @api.constrains('year')
    def _check_year(self):
        if any(not 1949 <= a.year <= 2100 for a in self):
            raise ValidationError(_("Enter the appraisal year, e.g. 2024."))
