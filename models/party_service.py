"""Service by members (志愿服务、为民服务) and service projects run by an
organization (项目化服务). Totals per member and per organization and year:
party_service_totals."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_guard import trusted
from .party_study import check_hours_and_dates, default_organization

SERVICE_KINDS = [
    ('volunteer', 'Volunteer Service'),
    ('people', 'Service to the People'),
    ('post', 'Service at a Post'),
    ('other', 'Other Service'),
]


class PartyServiceProject(models.Model):
    """A service project: its goal, period, the members involved, who
    benefits and what came of it."""
    _name = 'party.service.project'
    _description = 'Service Project'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'date_start desc, id desc'

    organization_id = fields.Many2one(
        default=lambda self: default_organization(self))
    name = fields.Char(required=True, track_visibility='onchange')
    goal = fields.Text(required=True)
    date_start = fields.Date(string='Project Start', required=True,
                             default=fields.Date.context_today,
                             track_visibility='onchange')
    date_end = fields.Date(string='Project End', track_visibility='onchange')
    member_ids = fields.Many2many(
        'party.member', 'party_service_project_member_rel', 'project_id',
        'member_id', string='Members Involved')
    beneficiaries = fields.Text(
        help="Who the project serves: residents, households, groups.")
    beneficiary_count = fields.Integer(string='People Served')
    state = fields.Selection([
        ('planned', 'Planned'),
        ('running', 'Under Way'),
        ('done', 'Completed'),
        ('cancelled', 'Cancelled'),
    ], required=True, default='planned', readonly=True, index=True,
        track_visibility='onchange')
    outcome = fields.Text()
    service_ids = fields.One2many('party.service.record', 'project_id',
                                  string='Service Records')
    service_hours = fields.Float(compute='_compute_service_hours',
                                 string='Service Hours')

    @api.depends('service_ids.hours')
    def _compute_service_hours(self):
        for project in self:
            project.service_hours = sum(project.service_ids.mapped('hours'))

    @api.constrains('date_start', 'date_end', 'beneficiary_count')
    def _check_project(self):
        for project in self:
            if project.date_end and project.date_end < project.date_start:
                raise ValidationError(_(
                    "%(record)s: the end date is before the start date.")
                    % {'record': project.name})
            if project.beneficiary_count < 0:
                raise ValidationError(_(
                    "%(record)s: the number of people served cannot be "
                    "negative.") % {'record': project.name})

    @api.multi
    def action_start(self):
        if self.filtered(lambda p: p.state != 'planned'):
            raise UserError(_("Only a planned project can start."))
        trusted(self).write({'state': 'running'})
        return True

    @api.multi
    def action_done(self):
        for project in self:
            if project.state != 'running':
                raise UserError(_("Only a project under way can be "
                                  "completed."))
            if not project.outcome:
                raise UserError(_(
                    "Write the outcome of %(project)s before completing it.")
                    % {'project': project.name})
        trusted(self).write({'state': 'done'})
        return True

    @api.multi
    def action_cancel(self):
        if self.filtered(lambda p: p.state == 'done'):
            raise UserError(_("A completed project cannot be cancelled."))
        trusted(self).write({'state': 'cancelled'})
        return True


class PartyServiceRecord(models.Model):
    """Service a member did: its kind, date, hours and the people served.
    It belongs to the member's organization."""
    _name = 'party.service.record'
    _description = 'Service Record'
    _inherit = ['party.scoped.mixin']
    _order = 'date desc, id desc'

    member_id = fields.Many2one('party.member', string='Member',
                                required=True, index=True,
                                ondelete='restrict', auto_join=True)
    organization_id = fields.Many2one(
        help="The member's organization when the service was recorded.")
    kind = fields.Selection(SERVICE_KINDS, string='Type of Service',
                            required=True, default='volunteer')
    name = fields.Char(string='Service Done', required=True)
    date = fields.Date(required=True, default=fields.Date.context_today,
                       index=True)
    hours = fields.Float(string='Service Hours', required=True, default=1.0)
    people_served = fields.Integer(string='People Served')
    description = fields.Text()
    attachment_ids = fields.Many2many(
        'ir.attachment', 'party_service_record_attachment_rel', 'record_id',
        'attachment_id', string='Photos')
    project_id = fields.Many2one('party.service.project', string='Project',
                                 ondelete='restrict', index=True)
    post_id = fields.Many2one('party.post', string='Member Post',
                              ondelete='restrict', index=True)

    @api.constrains('date', 'hours', 'people_served')
    def _check_service(self):
        for record in self:
            check_hours_and_dates(record, record.hours, record.date, False,
                                  record.member_id.name)
            if record.people_served < 0:
                raise ValidationError(_(
                    "%(record)s: the number of people served cannot be "
                    "negative.") % {'record': record.member_id.name})

    @api.onchange('member_id')
    def _onchange_member_organization(self):
        # shown on the form before it is saved; create and write set it
        if self.member_id:
            self.organization_id = self.member_id.organization_id

    @api.model
    def create(self, vals):
        if vals.get('member_id'):
            vals = dict(vals, organization_id=self.env['party.member'].browse(
                vals['member_id']).organization_id.id)
        return super(PartyServiceRecord, self).create(vals)

    @api.multi
    def write(self, vals):
        if vals.get('member_id'):
            vals = dict(vals, organization_id=self.env['party.member'].browse(
                vals['member_id']).organization_id.id)
        return super(PartyServiceRecord, self).write(vals)
