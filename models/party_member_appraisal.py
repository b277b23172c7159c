from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RATINGS = [
    ('excellent', 'Excellent'),
    ('qualified', 'Qualified'),
    ('basic', 'Basically Qualified'),
    ('unqualified', 'Unqualified'),
]


class PartyMemberAppraisal(models.Model):
    """Democratic appraisal of a member (民主评议党员) for a year."""
    _name = 'party.member.appraisal'
    _description = 'Democratic Appraisal of Members'
    _order = 'year desc, organization_id, member_id'

    year = fields.Integer(
        required=True, index=True,
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    organization_id = fields.Many2one(
        'party.organization', string='Branch', required=True, index=True,
        ondelete='restrict', auto_join=True,
        domain=[('kind', '=', 'branch')])
    company_id = fields.Many2one(
        'res.company', related='organization_id.company_id', store=True,
        readonly=True)
    member_id = fields.Many2one('party.member', string='Member',
                                required=True, index=True,
                                ondelete='restrict')
    rating = fields.Selection(RATINGS, required=True)
    meeting_id = fields.Many2one(
        'party.meeting', string='Meeting', ondelete='set null',
        help="The meeting that carried out the appraisal.")
    note = fields.Char()

    _sql_constraints = [
        ('member_year_uniq', 'unique (member_id, year)',
         'This member has already been appraised for that year.'),
    ]

    @api.constrains('year')
    def _check_year(self):
        if any(not 1949 <= a.year <= 2100 for a in self):
            raise ValidationError(_("Enter the appraisal year, e.g. 2024."))

    @api.constrains('member_id', 'organization_id')
    def _check_member(self):
        for appraisal in self.sudo():
            member = appraisal.member_id
            if member.status != 'full' \
                    or member.branch_id != appraisal.organization_id:
                raise ValidationError(_(
                    "%s is not a full member of %s: only its full members "
                    "are appraised there.") % (
                        member.name, appraisal.organization_id.name))
