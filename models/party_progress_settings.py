from odoo import fields, models

from .party_progress_report import REPORT_PERIODS


class ResCompany(models.Model):
    _inherit = 'res.company'

    party_progress_period = fields.Selection(
        REPORT_PERIODS, string='Progress Reports', default='quarter',
        required=True,
        help="How often city and sector committees report their progress "
             "upward.")
