from odoo import api, fields, models


class PartyTask(models.Model):
    """A task of an organization: a step of a rectification plan, or an
    item of a responsibility list."""
    _name = 'party.task'
    _description = 'Party Task'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'state_sequence, deadline, id'

    name = fields.Char(string='Title', required=True,
                       track_visibility='onchange')
    owner_id = fields.Many2one(
        'res.users', string='Owner', track_visibility='onchange',
        default=lambda self: self.env.user)
    deadline = fields.Date(track_visibility='onchange')
    state = fields.Selection([
        ('todo', 'To Do'),
        ('doing', 'In Progress'),
        ('done', 'Done'),
        ('cancelled', 'Cancelled'),
    ], required=True, default='todo', track_visibility='onchange')
    state_sequence = fields.Integer(compute='_compute_state_sequence',
                                    store=True)
    source = fields.Selection([
        ('responsibility', 'Task List'),
        ('rectification', 'Rectification'),
        ('inspection', 'Inspection'),
        ('plan', 'Implementation Plan'),
        ('other', 'Other'),
    ], required=True, default='other')
    rectification_id = fields.Many2one(
        'party.rectification', string='Rectification', index=True,
        ondelete='restrict')
    description = fields.Text()
    active = fields.Boolean(default=True)

    # open tasks first, the one in progress on top
    @api.depends('state')
    def _compute_state_sequence(self):
        order = {'doing': 0, 'todo': 1, 'done': 2, 'cancelled': 3}
        for task in self:
            task.state_sequence = order[task.state]
