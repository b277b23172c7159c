from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_position_role import company_applies

PERIODS = [
    ('month', 'Monthly'),
    ('quarter', 'Quarterly'),
    ('half_year', 'Half-yearly'),
    ('year', 'Yearly'),
]
# months per period
PERIOD_MONTHS = {'month': 1, 'quarter': 3, 'half_year': 6, 'year': 12}


class PartyMeetingType(models.Model):
    """A kind of organizational life (三会一课 and the others) and the rule
    for holding it: configuration, seeded with the usual rules (shared by
    all companies); a company may add its own."""
    _name = 'party.meeting.type'
    _description = 'Meeting Type'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    period = fields.Selection(PERIODS, required=True, default='month')
    min_count = fields.Integer(
        string='Minimum per Period', required=True, default=1)
    expected = fields.Selection([
        ('all_members', 'All Members'),
        ('committee', 'The Committee'),
        ('group_members', "The Party Group's Members"),
    ], string='Expected Attendees', required=True, default='all_members')
    quorum = fields.Selection([
        ('none', 'None'),
        ('committee_half', 'At Least Half of the Committee'),
        ('members_majority', 'More than Half of the Full Members'),
    ], required=True, default='none',
        help="Full members have voting rights; probationary members do "
             "not.")
    per_member = fields.Boolean(
        string='Once per Member',
        help="Required once per member and period (heart-to-heart talks), "
             "recorded as talks rather than meetings.")
    apply_committee = fields.Boolean(string='Party Committees')
    apply_general_branch = fields.Boolean(string='General Branches')
    apply_branch = fields.Boolean(string='Party Branches', default=True)
    apply_group = fields.Boolean(string='Party Groups')
    note = fields.Text()
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, ondelete='restrict',
        default=lambda self: self.env.user.company_id,
        help="Empty: a meeting type of every company.")

    @api.constrains('min_count')
    def _check_min_count(self):
        if any(t.min_count < 0 for t in self):
            raise ValidationError(_("The minimum per period cannot be "
                                    "negative."))

    def applies_to(self, organization):
        """Organizations of this kind hold meetings of this type, if the
        type is shared or their company's."""
        return bool(self['apply_%s' % organization.kind]) and company_applies(
            self.sudo().company_id, organization.sudo().company_id)


def period_bounds(period, day):
    """First and last day of the period of kind `period` containing `day`
    (a date)."""
    months = PERIOD_MONTHS[period]
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return start, start + relativedelta(months=months, days=-1)
