from odoo import fields, models


class PartyConfigSettings(models.TransientModel):
    """The task list and goal settings (res.company fields of the same
    names)."""
    _inherit = 'party.config.settings'

    party_task_reminder_days = fields.Integer(
        string='Task Reminder (days before the deadline)')
    party_goal_target_year = fields.Integer(
        string='Target Year of the Goals')
