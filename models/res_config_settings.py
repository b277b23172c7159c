from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    party_term_extension_months = fields.Integer(
        related='company_id.party_term_extension_months')
    party_term_warning_days = fields.Integer(
        related='company_id.party_term_warning_days')
    party_secretary_vacancy_months = fields.Integer(
        related='company_id.party_secretary_vacancy_months')
    party_reminder_interval_days = fields.Integer(
        related='company_id.party_reminder_interval_days')
    party_branch_min_full_members = fields.Integer(
        related='company_id.party_branch_min_full_members')
    party_committee_min_full_members = fields.Integer(
        related='company_id.party_committee_min_full_members')
    party_committee_min_size = fields.Integer(
        related='company_id.party_committee_min_size')
    party_committee_max_size = fields.Integer(
        related='company_id.party_committee_max_size')
    party_general_branch_members = fields.Integer(
        related='company_id.party_general_branch_members')
    party_committee_members = fields.Integer(
        related='company_id.party_committee_members')
    party_meeting_reminder_days = fields.Integer(
        related='company_id.party_meeting_reminder_days')
    party_flag_secretary_vacant = fields.Boolean(
        related='company_id.party_flag_secretary_vacant')
    party_flag_term_overdue = fields.Boolean(
        related='company_id.party_flag_term_overdue')
