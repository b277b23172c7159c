"""The settings of the refined management and service work (issue 15):
yearly study hours required of members and of leaders, and the lowest
satisfaction rate before the weak and lax review."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = 'res.company'

    party_study_hours_member = fields.Float(
        string='Yearly Study Hours of Members', default=32.0,
        help="Class hours of study and training each member needs in a "
             "year.")
    party_study_hours_leader = fields.Float(
        string='Yearly Study Hours of Secretaries and Committee Members',
        default=56.0,
        help="Class hours a branch secretary or committee member needs in a "
             "year (those holding a committee post in the year).")
    party_satisfaction_min_rate = fields.Float(
        string='Lowest Satisfaction Rate (%)', default=60.0,
        help="An organization rated below this by the people it serves is "
             "flagged for the weak and lax review, if switched on.")
    party_flag_satisfaction = fields.Boolean(
        string='Flag Low Mass Satisfaction as Weak and Lax', default=True)

    @api.constrains('party_study_hours_member', 'party_study_hours_leader',
                    'party_satisfaction_min_rate')
    def _check_party_service_numbers(self):
        for company in self:
            if not (0 <= company.party_study_hours_member <= 1000
                    and 0 <= company.party_study_hours_leader <= 1000):
                raise ValidationError(_(
                    "Yearly study hours must be between 0 and 1000."))
            if not 0 <= company.party_satisfaction_min_rate <= 100:
                raise ValidationError(_(
                    "A satisfaction rate is between 0 and 100 %."))
