from odoo import fields, models


class PartyJob(models.Model):
    _inherit = 'party.job'

    code = fields.Selection(selection_add=[
        ('assessment_reminders', 'Assessment Deadline Reminders'),
    ])
