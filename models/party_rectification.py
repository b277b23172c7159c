from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .party_guard import trusted

TRIGGERS = [
    ('manual', 'Flagged by an Officer'),
    ('secretary_vacant', 'Secretary Post Vacant Too Long'),
    ('term_overdue', 'Term Overdue'),
]


class PartyRectification(models.Model):
    """The rectification of a weak and lax organization (软弱涣散整顿): why
    it was flagged, the plan of tasks, and the officer's review that clears
    it. Kept as history once cleared."""
    _name = 'party.rectification'
    _description = 'Weak and Lax Rectification'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'state_sequence, flag_date desc, id desc'

    name = fields.Char(compute='_compute_name', store=True)
    trigger = fields.Selection(TRIGGERS, required=True, default='manual',
                               readonly=True)
    reason = fields.Text(required=True, track_visibility='onchange')
    flag_date = fields.Date(required=True, default=fields.Date.context_today,
                            readonly=True)
    state = fields.Selection([
        ('flagged', 'Flagged'),
        ('rectifying', 'Rectifying'),
        ('cleared', 'Cleared'),
    ], required=True, default='flagged', readonly=True,
        track_visibility='onchange')
    state_sequence = fields.Integer(compute='_compute_state_sequence',
                                    store=True)
    task_ids = fields.One2many('party.task', 'rectification_id',
                               string='Rectification Plan')
    task_count = fields.Integer(compute='_compute_task_count')
    review_note = fields.Text(string='Review', track_visibility='onchange')
    cleared_by_id = fields.Many2one('res.users', string='Cleared By',
                                    readonly=True)
    cleared_date = fields.Date(readonly=True)

    @api.depends('organization_id.name', 'flag_date')
    def _compute_name(self):
        for case in self:
            case.name = '%s %s' % (case.organization_id.name or '',
                                   case.flag_date or '')

    @api.depends('state')
    def _compute_state_sequence(self):
        order = {'flagged': 0, 'rectifying': 1, 'cleared': 2}
        for case in self:
            case.state_sequence = order[case.state]

    def _compute_task_count(self):
        groups = self.env['party.task'].read_group(
            [('rectification_id', 'in', self.ids)], ['rectification_id'],
            ['rectification_id'])
        counts = {g['rectification_id'][0]: g['rectification_id_count']
                  for g in groups}
        for case in self:
            case.task_count = counts.get(case.id, 0)

    @api.model
    def create(self, vals):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only officers flag organizations as weak and lax."))
        return super(PartyRectification, self).create(vals)

    @api.multi
    def unlink(self):
        if self:
            raise UserError(_(
                "Rectifications are kept as the organization's history and "
                "cannot be deleted."))
        return super(PartyRectification, self).unlink()

    # -- flagging in bulk (the daily setup review, closed campaigns) -------

    @api.model
    def _open_organization_ids(self, org_ids):
        """The organizations of `org_ids` that have a rectification open."""
        self.env.cr.execute(
            "SELECT DISTINCT organization_id FROM party_rectification "
            "WHERE organization_id IN %s AND state != 'cleared'",
            [tuple(org_ids) or (0,)])
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _flag_in_bulk(self, rows, today):
        """Open a rectification per row (organization id, company id,
        trigger, reason, name) in one statement, without creation noise in
        the chatter, and mark the organizations weak and lax. Stores what
        create would: state flagged, its sequence 0, flagged on `today`."""
        if not rows:
            return 0
        columns = [list(column) for column in zip(*rows)]
        self.env.cr.execute("""
            INSERT INTO party_rectification
                   (organization_id, company_id, trigger, reason, name,
                    flag_date, state, state_sequence, create_uid, write_uid,
                    create_date, write_date)
            SELECT v.*, %s, 'flagged', 0, %s, %s, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM unnest(%s::integer[], %s::integer[], %s::varchar[],
                          %s::text[], %s::varchar[]) AS v
        """, [today, self.env.uid, self.env.uid] + columns)
        self.env.cr.execute("UPDATE party_organization SET weak_lax = true "
                            "WHERE id = ANY(%s)", [columns[0]])
        self.env['party.organization'].invalidate_cache(
            ['weak_lax', 'rectification_ids'], columns[0])
        return len(rows)

    @api.multi
    def action_start(self):
        for case in self:
            if not case.task_ids:
                raise UserError(_(
                    "Add the tasks of the rectification plan for %s before "
                    "starting it.") % case.organization_id.name)
        trusted(self).write({'state': 'rectifying'})
        return True

    @api.multi
    def action_clear(self):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only an officer can clear a weak and lax organization after "
                "review."))
        for case in self:
            if not case.review_note:
                raise UserError(_(
                    "Write the review of %s before clearing it.")
                    % case.organization_id.name)
            if case.task_ids.filtered(
                    lambda t: t.state not in ('done', 'cancelled')):
                raise UserError(_(
                    "Tasks of the rectification plan of %s are still open.")
                    % case.organization_id.name)
        trusted(self).write({
            'state': 'cleared', 'cleared_by_id': self.env.uid,
            'cleared_date': fields.Date.context_today(self)})
        return True

    @api.multi
    def action_view_tasks(self):
        self.ensure_one()
        action = self.env.ref('party_building.party_task_action').read()[0]
        action['domain'] = [('rectification_id', '=', self.id)]
        action['context'] = {
            'default_rectification_id': self.id,
            'default_organization_id': self.organization_id.id,
            'default_source': 'rectification'}
        return action
