from odoo import api, fields, models, _
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Party-building rules that differ between places: every number of the
    setup standard is configuration (../shared/DOMAIN.md)."""
    _inherit = 'res.company'

    party_term_extension_months = fields.Integer(
        string='Term Extension Limit (months)', default=12,
        help="Longest approved extension of a term.")
    party_term_warning_days = fields.Integer(
        string='Term Expiry Warning (days)', default=90,
        help="A term is expiring this many days before its end.")
    party_secretary_vacancy_months = fields.Integer(
        string='Secretary Vacancy Limit (months)', default=3,
        help="A secretary post vacant longer than this is flagged.")
    party_reminder_interval_days = fields.Integer(
        string='Reminder Interval (days)', default=30,
        help="While a shortfall lasts, officers are reminded again after "
             "this many days.")
    party_branch_min_full_members = fields.Integer(
        string='Full Members to Form a Branch', default=3,
        help="With fewer full members a unit should join a joint branch.")
    party_committee_min_full_members = fields.Integer(
        string='Full Members for a Branch Committee', default=7,
        help="From this many full members a branch elects a committee; "
             "below it, a secretary (and a deputy if needed).")
    party_committee_min_size = fields.Integer(
        string='Smallest Committee', default=3)
    party_committee_max_size = fields.Integer(
        string='Largest Committee', default=7)
    party_general_branch_members = fields.Integer(
        string='Members to Consider a General Branch', default=50,
        help="A branch with more members than this may become a general "
             "branch.")
    party_committee_members = fields.Integer(
        string='Members to Consider a Party Committee', default=100,
        help="An organization with more members than this may become a "
             "party committee.")
    party_reminder_digest_after = fields.Integer(
        string='Reminders Before a Digest', default=10,
        help="A person with more reminders due from one daily job gets one "
             "activity that lists them instead of one each.")
    party_meeting_reminder_days = fields.Integer(
        string='Meeting Reminder (days before period end)', default=10,
        help="Remind secretaries of required meetings still missing this "
             "many days before the period ends.")
    party_probation_months = fields.Integer(
        string='Probation (months)', default=12,
        help="A probationary member can be converted to a full member this "
             "many months after joining at the earliest.")
    party_flag_secretary_vacant = fields.Boolean(
        string='Flag Long Secretary Vacancies as Weak and Lax', default=True)
    party_flag_term_overdue = fields.Boolean(
        string='Flag Overdue Terms as Weak and Lax', default=True)
    # assessment (issue 10): reminders before the campaign deadlines, and
    # which results feed the weak and lax review
    party_assessment_reminder_days = fields.Integer(
        string='Assessment Reminder (days before the deadline)', default=7,
        help="Remind secretaries and reviewers this many days before the "
             "self-assessment and review deadlines of a campaign.")
    party_assessment_flag_lowest = fields.Boolean(
        string='Flag the Lowest Ranked as Weak and Lax', default=False,
        help="When a campaign is closed, the lowest ranked branches are "
             "flagged for the weak and lax review.")
    party_assessment_lowest_count = fields.Integer(
        string='Lowest Ranked Flagged', default=1,
        help="How many of the lowest ranked branches of a campaign are "
             "flagged (ties included).")
    party_assessment_flag_backward = fields.Boolean(
        string='Flag the Lowest Rating as Weak and Lax', default=True,
        help="When a campaign is closed, branches rated in the lowest band "
             "(backward, one star) are flagged for the weak and lax "
             "review.")

    @api.constrains('party_term_extension_months', 'party_term_warning_days',
                    'party_secretary_vacancy_months',
                    'party_reminder_interval_days',
                    'party_reminder_digest_after',
                    'party_meeting_reminder_days',
                    'party_branch_min_full_members',
                    'party_committee_min_full_members',
                    'party_committee_min_size', 'party_committee_max_size',
                    'party_general_branch_members', 'party_committee_members',
                    'party_probation_months')
    def _check_party_numbers(self):
        for company in self:
            if company.party_committee_min_size > \
                    company.party_committee_max_size:
                raise ValidationError(_(
                    "The smallest committee cannot be larger than the "
                    "largest committee."))
            numbers = [company[name] for name in (
                'party_term_extension_months', 'party_term_warning_days',
                'party_secretary_vacancy_months',
                'party_reminder_interval_days', 'party_reminder_digest_after',
                'party_meeting_reminder_days',
                'party_branch_min_full_members',
                'party_committee_min_full_members',
                'party_committee_min_size', 'party_committee_max_size',
                'party_general_branch_members', 'party_committee_members',
                'party_probation_months')]
            if any(n < 0 for n in numbers):
                raise ValidationError(_(
                    "Party-building limits cannot be negative."))

    @api.constrains('party_assessment_reminder_days',
                    'party_assessment_lowest_count')
    def _check_party_assessment_numbers(self):
        for company in self:
            if company.party_assessment_reminder_days < 0 \
                    or company.party_assessment_lowest_count < 0:
                raise ValidationError(_(
                    "Party-building limits cannot be negative."))
