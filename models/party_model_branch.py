"""Model branches and their experience (示范支部, 典型经验, "可看、可学、
可复制、可推广"): a committee names branches below it as models for a
period, with the reason and the assessment that supports it; experiences
are written up by the branches and published by an officer to a scope (an
organization whose whole subtree then reads them); site visits (现场观摩)
bring branches to see a model branch.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_guard import is_trusted, trusted


class PartyModelBranch(models.Model):
    _name = 'party.model.branch'
    _description = 'Model Branch'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'date_from desc, id desc'
    # the branch names the record (breadcrumbs, links)
    _rec_name = 'organization_id'

    organization_id = fields.Many2one(
        string='Branch', domain=[('kind', 'in', ['branch', 'general_branch'])])
    committee_id = fields.Many2one(
        'party.organization', string='Named By', required=True, index=True,
        ondelete='restrict', domain=[('kind', '=', 'committee')])
    date_from = fields.Date(string='From', required=True)
    date_to = fields.Date(string='To', required=True)
    reason = fields.Text(required=True)
    assessment_id = fields.Many2one(
        'party.assessment', string='Supporting Assessment',
        help="A confirmed assessment of the branch that supports the "
             "naming, if any.")
    assessment_score = fields.Float(
        related='assessment_id.final_score', readonly=True,
        string='Assessment Score')
    image = fields.Binary(string='Photo', attachment=True)
    experience_count = fields.Integer(compute='_compute_experience_count')

    def _compute_experience_count(self):
        groups = self.env['party.experience'].read_group(
            [('organization_id', 'in', self.mapped('organization_id').ids),
             ('state', '=', 'published')],
            ['organization_id'], ['organization_id'])
        counts = {g['organization_id'][0]: g['organization_id_count']
                  for g in groups}
        for model in self:
            model.experience_count = counts.get(model.organization_id.id, 0)

    @api.constrains('organization_id', 'committee_id', 'date_from',
                    'date_to', 'assessment_id')
    def _check_naming(self):
        for model in self:
            branch, committee = model.organization_id, model.committee_id
            if committee.kind != 'committee':
                raise ValidationError(_(
                    "Model branches are named by a party committee: choose "
                    "a committee."))
            if branch.kind not in ('branch', 'general_branch') \
                    or branch == committee \
                    or not (branch.path or '').startswith(committee.path):
                raise ValidationError(_(
                    "A committee names branches below it as models."))
            if model.date_to < model.date_from:
                raise ValidationError(_(
                    "The period of a model branch ends after it begins."))
            assessment = model.assessment_id.sudo()
            if assessment and (assessment.organization_id != branch
                               or assessment.state != 'confirmed'):
                raise ValidationError(_(
                    "The supporting assessment must be a confirmed "
                    "assessment of the same branch."))
            if self.sudo().search_count([
                    ('id', '!=', model.id),
                    ('organization_id', '=', branch.id),
                    ('committee_id', '=', committee.id),
                    ('date_from', '<=', model.date_to),
                    ('date_to', '>=', model.date_from)]):
                raise ValidationError(_(
                    "This committee has already named the branch a model "
                    "for part of that period."))

    @api.model
    def create(self, vals):
        self._check_officer()
        return super(PartyModelBranch, self).create(vals)

    def _check_officer(self):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers name model branches."))


class PartyExperience(models.Model):
    _name = 'party.experience'
    _description = 'Typical Experience'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'published_on desc, id desc'

    organization_id = fields.Many2one(
        string='Branch', domain=[('kind', 'in', ['branch', 'general_branch'])])
    title = fields.Char(required=True)
    name = fields.Char(related='title', readonly=True)
    text = fields.Html(string='Experience')
    image = fields.Binary(string='Photo', attachment=True)
    attachment = fields.Binary(attachment=True)
    attachment_name = fields.Char()
    scope_id = fields.Many2one(
        'party.organization', string='Published To', index=True,
        help="The organization whose whole subtree reads the experience "
             "once published: the branch itself or one above it.")
    state = fields.Selection([
        ('draft', 'Draft'),
        ('published', 'Published'),
    ], required=True, default='draft', readonly=True,
        track_visibility='onchange')
    published_on = fields.Date(readonly=True)
    model_branch = fields.Boolean(
        compute='_compute_model_branch', string='Model Branch',
        help="The branch is named a model for a period including today.")

    def _compute_model_branch(self):
        today = fields.Date.context_today(self)
        named = self.env['party.model.branch'].search([
            ('organization_id', 'in', self.mapped('organization_id').ids),
            ('date_from', '<=', today), ('date_to', '>=', today)])
        branches = set(named.mapped('organization_id').ids)
        for experience in self:
            experience.model_branch = experience.organization_id.id \
                in branches

    @api.constrains('organization_id', 'scope_id')
    def _check_scope(self):
        for experience in self:
            scope = experience.scope_id
            if scope and not (experience.organization_id.path or '') \
                    .startswith(scope.path):
                raise ValidationError(_(
                    "An experience is published to its branch or an "
                    "organization above it."))

    @api.multi
    def write(self, vals):
        if not is_trusted(self.env) \
                and any(e.state == 'published' for e in self):
            raise UserError(_(
                "A published experience is kept as it was published: "
                "withdraw it first to change it."))
        return super(PartyExperience, self).write(vals)

    @api.multi
    def unlink(self):
        if any(e.state == 'published' for e in self):
            raise UserError(_("A published experience cannot be deleted: "
                              "withdraw it first."))
        return super(PartyExperience, self).unlink()

    @api.multi
    def action_publish(self):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers publish experiences."))
        self.check_access_rule('write')
        for experience in self:
            if experience.state != 'draft':
                raise UserError(_("This experience is already published."))
            if not experience.scope_id:
                raise UserError(_(
                    "Choose where to publish the experience (Published "
                    "To)."))
            if not experience.text:
                raise UserError(_(
                    "Write the experience before publishing it."))
        trusted(self).write({'state': 'published',
                             'published_on': fields.Date.context_today(self)})
        return True

    @api.multi
    def action_withdraw(self):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers withdraw experiences."))
        self.check_access_rule('write')
        trusted(self).write({'state': 'draft', 'published_on': False})
        return True


class PartySiteVisit(models.Model):
    """A site visit (现场观摩): branches come to see a model branch."""
    _name = 'party.site.visit'
    _description = 'Site Visit'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'date desc, id desc'

    organization_id = fields.Many2one(
        string='Organized By', domain=[('kind', '=', 'committee')])
    name = fields.Char(string='Subject', required=True)
    date = fields.Date(required=True)
    host_id = fields.Many2one(
        'party.organization', string='Branch Visited', required=True,
        index=True, ondelete='restrict')
    attendee_ids = fields.Many2many(
        'party.organization', 'party_site_visit_attendee_rel', 'visit_id',
        'organization_id', string='Branches Attending')
    attendee_count = fields.Integer(compute='_compute_attendee_count',
                                    string='Branches')
    note = fields.Text(string='What Was Seen and Learned')

    @api.depends('attendee_ids')
    def _compute_attendee_count(self):
        for visit in self:
            visit.attendee_count = len(visit.attendee_ids)

    @api.constrains('organization_id', 'host_id', 'attendee_ids')
    def _check_visit(self):
        for visit in self:
            path = visit.organization_id.path or '-'
            orgs = visit.host_id | visit.attendee_ids
            if any(org.kind not in ('branch', 'general_branch')
                   or not (org.path or '').startswith(path) for org in orgs):
                raise ValidationError(_(
                    "A site visit brings branches below the organizing "
                    "committee to a branch below it."))
            if visit.host_id in visit.attendee_ids:
                raise ValidationError(_(
                    "The branch visited does not attend its own site "
                    "visit."))

    @api.model
    def create(self, vals):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers organize site visits."))
        return super(PartySiteVisit, self).create(vals)
