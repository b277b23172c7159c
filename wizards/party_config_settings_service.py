from odoo import fields, models


class PartyConfigSettings(models.TransientModel):
    """The service settings (res.company fields of the same names)."""
    _inherit = 'party.config.settings'

    party_study_hours_member = fields.Float(
        string='Yearly Study Hours of Members')
    party_study_hours_leader = fields.Float(
        string='Yearly Study Hours of Secretaries and Committee Members')
    party_satisfaction_min_rate = fields.Float(
        string='Lowest Satisfaction Rate (%)')
    party_flag_satisfaction = fields.Boolean(
        string='Flag Low Mass Satisfaction as Weak and Lax')
