from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_plan import LOCKED_STATES


class PartyPlanMilestone(models.Model):
    _name = 'party.plan.milestone'
    _description = 'Implementation Plan Milestone'
    _order = 'plan_id, date, sequence, id'

    plan_id = fields.Many2one('party.plan', string='Plan', required=True,
                              ondelete='cascade', index=True, auto_join=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string='Milestone', required=True)
    date = fields.Date(string='Target Date')
    done = fields.Boolean()

    @api.model
    def create(self, vals):
        milestone = super(PartyPlanMilestone, self).create(vals)
        milestone._check_plan_open(vals)
        return milestone

    @api.multi
    def write(self, vals):
        self._check_plan_open(vals)
        return super(PartyPlanMilestone, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_plan_open({'plan_id': True})
        return super(PartyPlanMilestone, self).unlink()

    def _check_plan_open(self, vals):
        """A submitted plan's milestones stay as submitted; whether one is
        done is followed up all along."""
        if not set(vals) - {'done'}:
            return
        for milestone in self:
            if milestone.plan_id.state in LOCKED_STATES:
                raise UserError(_(
                    "%(name)s has been submitted to the superior "
                    "organization: its milestones can no longer be "
                    "changed.") % {'name': milestone.plan_id.name})
