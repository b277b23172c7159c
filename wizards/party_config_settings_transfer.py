"""The transfers' settings (res.company fields of the same names)."""
from odoo import fields, models


class PartyConfigSettings(models.TransientModel):
    _inherit = 'party.config.settings'

    party_transfer_reminder_days = fields.Integer(
        string='Transfer Waiting Limit (days)')
    party_transfer_letter_months = fields.Integer(
        string='Introduction Letter Validity (months)')
