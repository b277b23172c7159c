from odoo import fields, models

from ..models.party_progress_report import REPORT_PERIODS


class PartyConfigSettings(models.TransientModel):
    """The progress-report setting (res.company field of the same name)."""
    _inherit = 'party.config.settings'

    party_progress_period = fields.Selection(
        REPORT_PERIODS, string='Progress Reports', required=True)
