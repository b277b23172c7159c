"""Numbers of transfers of membership: configuration per company."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = 'res.company'

    party_transfer_reminder_days = fields.Integer(
        string='Transfer Waiting Limit (days)', default=30,
        help="A transfer of membership pending this many days reminds the "
             "receiving side and counts as waiting too long.")
    party_transfer_letter_months = fields.Integer(
        string='Introduction Letter Validity (months)', default=3,
        help="By default an introduction letter is valid this many months "
             "from its date.")

    @api.constrains('party_transfer_reminder_days',
                    'party_transfer_letter_months')
    def _check_party_transfer_numbers(self):
        for company in self:
            if company.party_transfer_reminder_days < 1 \
                    or company.party_transfer_letter_months < 1:
                raise ValidationError(_(
                    "The transfer waiting limit and the letter's validity "
                    "must be at least 1."))
