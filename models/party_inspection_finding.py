"""A shortfall found on an inspection (查改短板): its rectification task
on the branch's responsibility list, with an owner and a deadline, and the
re-check that closes it."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_guard import is_trusted, trusted
from .party_task_list import OPEN_STATES

# What the finding passes on to its task while it is open.
TASK_FIELDS = {'name': 'name', 'owner_id': 'owner_id',
               'deadline': 'deadline', 'description': 'description'}


class PartyInspectionFinding(models.Model):
    _name = 'party.inspection.finding'
    _description = 'Inspection Finding'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'state_sequence, deadline, id desc'

    inspection_id = fields.Many2one(
        'party.inspection', string='On-site Inspection', required=True,
        index=True, ondelete='restrict', party_create_only=True)
    plan_id = fields.Many2one(related='inspection_id.plan_id', store=True,
                              readonly=True, string='Inspection Plan')
    # set from the inspection when the finding is created
    organization_id = fields.Many2one(string='Branch', required=False,
                                      party_create_only=True)
    item_id = fields.Many2one(
        'party.inspection.item', string='Checked Item', ondelete='set null',
        domain="[('inspection_id', '=', inspection_id)]")
    name = fields.Char(string='Shortfall', required=True,
                       track_visibility='onchange')
    description = fields.Text(track_visibility='onchange')
    owner_id = fields.Many2one(
        'res.users', string='Rectification Owner', required=True,
        track_visibility='onchange',
        help="Who rectifies the shortfall: the owner of the task on the "
             "branch's task list.")
    deadline = fields.Date(required=True, track_visibility='onchange')
    task_id = fields.Many2one('party.task', string='Rectification Task',
                              readonly=True, ondelete='restrict')
    task_state = fields.Selection(related='task_id.state', readonly=True,
                                  string='Task Status')
    state = fields.Selection([
        ('open', 'Not Closed'),
        ('closed', 'Closed after Re-check'),
    ], required=True, default='open', readonly=True,
        track_visibility='onchange')
    state_sequence = fields.Integer(compute='_compute_state_sequence',
                                    store=True)
    recheck_date = fields.Date(string='Re-check Date',
                               track_visibility='onchange')
    recheck_note = fields.Text(string='Re-check',
                               track_visibility='onchange',
                               help="What the re-check found.")
    closed_by_id = fields.Many2one('res.users', string='Closed By',
                                   readonly=True)
    closed_date = fields.Date(string='Cleared Date', readonly=True)

    @api.depends('state')
    def _compute_state_sequence(self):
        for finding in self:
            finding.state_sequence = 0 if finding.state == 'open' else 1

    @api.constrains('owner_id', 'organization_id')
    def _check_owner(self):
        Inspection = self.env['party.inspection']
        for finding in self:
            org = finding.sudo().organization_id
            if not Inspection._in_scope_of(finding.sudo().owner_id, org):
                raise ValidationError(_(
                    "%(user)s cannot own the rectification of %(organization)s:"
                    " the branch is outside their scope.") % {
                        'user': finding.sudo().owner_id.name,
                        'organization': org.name})

    @api.constrains('recheck_date', 'inspection_id')
    def _check_recheck_date(self):
        for finding in self:
            visit = finding.inspection_id.visit_date \
                or finding.inspection_id.planned_date
            if finding.recheck_date and visit \
                    and finding.recheck_date < visit:
                raise ValidationError(_(
                    "The re-check of %(finding)s comes after the visit.")
                    % {'finding': finding.name})

    @api.model
    def create(self, vals):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers record inspection findings."))
        inspection = self.env['party.inspection'].browse(
            vals.get('inspection_id'))
        # the branch is the inspection's: read through the user's rules
        inspection.check_access_rule('write')
        vals = dict(vals, organization_id=inspection.organization_id.id)
        finding = super(PartyInspectionFinding, self).create(vals)
        finding._create_task()
        return finding

    def _create_task(self):
        task = trusted(self.env['party.task']).create({
            'name': self.name, 'organization_id': self.organization_id.id,
            'owner_id': self.owner_id.id, 'deadline': self.deadline,
            'description': self.description or False,
            'source': 'inspection', 'inspection_finding_id': self.id,
            'year': fields.Date.from_string(self.deadline).year})
        trusted(self).write({'task_id': task.id})

    @api.multi
    def write(self, vals):
        closed = self.filtered(lambda f: f.state == 'closed')
        if closed and set(vals) - {'message_follower_ids',
                                   'activity_ids'} \
                and not is_trusted(self.env):
            raise UserError(_(
                "The finding %(finding)s is closed after its re-check and no "
                "longer changes.") % {'finding': closed[0].name})
        result = super(PartyInspectionFinding, self).write(vals)
        task_vals = {TASK_FIELDS[name]: vals[name] for name in TASK_FIELDS
                     if name in vals}
        tasks = self.mapped('task_id')
        if task_vals and tasks:
            trusted(tasks).write(task_vals)
        return result

    @api.multi
    def unlink(self):
        if self:
            raise UserError(_(
                "Inspection findings are kept as the branch's history and "
                "cannot be deleted."))
        return super(PartyInspectionFinding, self).unlink()

    @api.multi
    def action_close(self):
        """Close after the re-check (复查): its date and what it found, and
        the rectification task done."""
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only an officer closes a finding, after re-checking it."))
        for finding in self:
            if finding.state != 'open':
                raise UserError(_("The finding %(finding)s is already "
                                  "closed.") % {'finding': finding.name})
            if not finding.recheck_date or not (
                    finding.recheck_note or '').strip():
                raise UserError(_(
                    "Re-check %(finding)s before closing it: enter the date "
                    "of the re-check and what it found.")
                    % {'finding': finding.name})
            if finding.task_id.state in OPEN_STATES:
                raise UserError(_(
                    "The rectification task of %(finding)s is still open: "
                    "it must be done before the re-check closes the "
                    "finding.") % {'finding': finding.name})
        trusted(self).write({
            'state': 'closed', 'closed_by_id': self.env.uid,
            'closed_date': fields.Date.context_today(self)})
        return True

    @api.multi
    def action_view_task(self):
        self.ensure_one()
        action = self.env.ref('party_building.party_task_action').read()[0]
        action['res_id'] = self.task_id.id
        action['views'] = [(False, 'form')]
        action['view_mode'] = 'form'
        return action


class PartyTask(models.Model):
    _inherit = 'party.task'

    inspection_finding_id = fields.Many2one(
        'party.inspection.finding', string='Inspection Finding', index=True,
        readonly=True, ondelete='restrict')

    @api.multi
    def write(self, vals):
        # what the inspector set is changed on the finding, not the task
        kept = set(TASK_FIELDS.values()) | {'organization_id', 'active'}
        if not is_trusted(self.env) and set(vals) & kept:
            from_finding = self.filtered('inspection_finding_id')
            if from_finding:
                raise UserError(_(
                    "The title, owner and deadline of %(task)s come from its "
                    "inspection finding: the inspector changes them there.")
                    % {'task': from_finding[0].name})
        return super(PartyTask, self).write(vals)


class PartyOrganization(models.Model):
    _inherit = 'party.organization'

    inspection_finding_ids = fields.One2many(
        'party.inspection.finding', 'organization_id',
        string='Open Inspection Findings', domain=[('state', '=', 'open')])
    inspection_finding_count = fields.Integer(
        compute='_compute_inspection_finding_count',
        string='Open Findings')

    def _compute_inspection_finding_count(self):
        groups = self.env['party.inspection.finding'].read_group(
            [('organization_id', 'in', self.ids), ('state', '=', 'open')],
            ['organization_id'], ['organization_id'])
        counts = {g['organization_id'][0]: g['organization_id_count']
                  for g in groups}
        for org in self:
            org.inspection_finding_count = counts.get(org.id, 0)

    @api.multi
    def action_view_inspection_findings(self):
        self.ensure_one()
        action = self.env.ref(
            'party_building.party_inspection_finding_action').read()[0]
        action['domain'] = [('organization_id', '=', self.id)]
        action['context'] = {'search_default_open': 1}
        return action
