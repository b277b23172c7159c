from odoo import fields, models


class PartyJob(models.Model):
    _inherit = 'party.job'

    code = fields.Selection(selection_add=[
        ('rule_reviews', 'Work Rule Review Reminders'),
    ])
