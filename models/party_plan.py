"""Implementation plans (实施方案): each committee drafts a plan per
category of branch (村、街道社区、机关、企业、学校、科研院所、社会组织 -- the
sectors of the organizations) and files it with its superior (备案), whose
officer files it or returns it with comments."""
import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_guard import MODULE, is_trusted, trusted

FILED_INDEX = 'party_plan_filed_once'
# What the committee submitted: it stays as submitted while the superior
# reviews it and once it is filed.
LOCKED_STATES = ('submitted', 'filed')


class PartyPlan(models.Model):
    _name = 'party.plan'
    _description = 'Implementation Plan'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'organization_id, branch_category_id, id desc'

    name = fields.Char(string='Title', required=True,
                       track_visibility='onchange')
    branch_category_id = fields.Many2one(
        'party.organization.category', string='Branch Category',
        required=True, ondelete='restrict', index=True,
        domain=[('category_type', '=', 'sector')],
        track_visibility='onchange',
        help="The category of branches the plan is for (分类制定实施方案).")
    superior_id = fields.Many2one(
        'party.organization', string='Filed With',
        related='organization_id.parent_id', store=True, readonly=True,
        index=True)
    scope = fields.Text(string='Plan Scope',
                        help="Which branches the plan covers.")
    measures = fields.Html()
    standard_id = fields.Many2one(
        'party.standard', string='Standard Adopted', ondelete='restrict',
        help="The quality standard the plan applies.")
    milestone_ids = fields.One2many('party.plan.milestone', 'plan_id',
                                    string='Milestones', copy=True)
    document = fields.Binary(attachment=True)
    document_name = fields.Char(string='Document Name')
    state = fields.Selection([
        ('draft', 'Draft'),
        ('submitted', 'Submitted'),
        ('returned', 'Returned'),
        ('filed', 'Filed'),
    ], string='Status', required=True, default='draft', readonly=True,
        copy=False, index=True, track_visibility='onchange')
    submitted_date = fields.Date(readonly=True, copy=False)
    submitted_by_id = fields.Many2one('res.users', string='Submitted By',
                                      readonly=True, copy=False)
    review_comment = fields.Text(
        string='Review Comments', copy=False, track_visibility='onchange',
        help="Written by an officer of the superior organization; required "
             "to return the plan.")
    reviewed_date = fields.Date(string='Date Reviewed', readonly=True,
                                copy=False)
    reviewed_by_id = fields.Many2one('res.users', string='Reviewed By',
                                     readonly=True, copy=False)

    @api.model_cr
    def init(self):
        # a committee files one plan per category of branch
        query = """
            CREATE UNIQUE INDEX IF NOT EXISTS %s
                ON party_plan (organization_id, branch_category_id)
             WHERE state = 'filed'
        """ % FILED_INDEX
        # a constant name
        self.env.cr.execute(query)  # pylint: disable=sql-injection

    @api.constrains('organization_id', 'branch_category_id')
    def _check_committee(self):
        for plan in self:
            org = plan.sudo().organization_id
            if org.kind != 'committee' or not org.parent_id:
                raise ValidationError(_(
                    "Implementation plans are drafted by committees that "
                    "report to a superior organization: %(name)s is not "
                    "one.") % {'name': plan.organization_id.name})
            if plan.branch_category_id.category_type != 'sector':
                raise ValidationError(_(
                    "The branch category of a plan is a sector (village, "
                    "community, agency...)."))

    # -- CRUD -----------------------------------------------------------------

    @api.multi
    def write(self, vals):
        if not is_trusted(self.env):
            if 'review_comment' in vals:
                self._check_reviewer()
            # (workflow fields are the guard's: party_guard refuses them)
            content = {name for name in vals
                       if name in self._fields
                       and self._fields[name]._module == MODULE
                       and not self._fields[name].readonly} \
                - {'review_comment'}
            for plan in self:
                if content and plan.state in LOCKED_STATES:
                    raise UserError(_(
                        "%(name)s has been submitted to the superior "
                        "organization: it can no longer be changed.")
                        % {'name': plan.name})
        return super(PartyPlan, self).write(vals)

    @api.model
    def create(self, vals):
        if vals.get('review_comment') and not is_trusted(self.env):
            raise AccessError(_(
                "Only an officer of the superior organization writes the "
                "review comments of a plan."))
        return super(PartyPlan, self).create(vals)

    @api.multi
    def unlink(self):
        for plan in self:
            if plan.state != 'draft':
                raise UserError(_(
                    "%(name)s has been submitted: it is kept as the history "
                    "of the plans.") % {'name': plan.name})
        return super(PartyPlan, self).unlink()

    # -- workflow -------------------------------------------------------------

    @api.multi
    def action_submit(self):
        """The committee submits its plan to its superior for filing."""
        for plan in self:
            if plan.state not in ('draft', 'returned'):
                raise UserError(_(
                    "%(name)s has already been submitted.")
                    % {'name': plan.name})
            if not plan.measures and not plan.document:
                raise UserError(_(
                    "Write the measures of %(name)s or attach the plan "
                    "before submitting it.") % {'name': plan.name})
            plan._check_not_filed()
            trusted(plan).write({
                'state': 'submitted',
                'submitted_date': fields.Date.context_today(self),
                'submitted_by_id': self.env.uid})
            plan._ask_review()
        return True

    def _ask_review(self):
        """A to-do for the officers responsible for the superior
        organization (else the company's managers): file or return the
        plan."""
        superior = self.sudo().superior_id
        officers = superior._responsible_officers()[superior.id]
        activity_type = self.env.ref('mail.mail_activity_data_todo')
        model_id = self.env['ir.model']._get_id(self._name)
        Activity = self.env['mail.activity'].sudo()
        for officer in officers:
            Activity.with_context(lang=officer.lang or 'en_US').create({
                'res_model_id': model_id, 'res_id': self.id,
                'activity_type_id': activity_type.id, 'user_id': officer.id,
                'date_deadline': fields.Date.context_today(self),
                'summary': _("File or return the implementation plan "
                             "%(name)s of %(organization)s") % {
                                 'name': self.name,
                                 'organization': self.sudo()
                                 .organization_id.name},
            })

    def _close_review(self):
        """The to-dos of the review are done once the plan is filed or
        returned (the state change is in the chatter)."""
        activity_type = self.env.ref('mail.mail_activity_data_todo')
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type).unlink()

    @api.multi
    def action_file(self):
        """An officer of the superior organization files the plan (备案)."""
        self._check_reviewer()
        for plan in self:
            if plan.state == 'filed':
                raise UserError(_("%(name)s is already filed.")
                                % {'name': plan.name})
            if plan.state != 'submitted':
                raise UserError(_(
                    "%(name)s has not been submitted for filing.")
                    % {'name': plan.name})
            plan._check_not_filed()
            try:
                with self.env.cr.savepoint():
                    trusted(plan).write(plan._review_values('filed'))
                    plan._close_review()
            except psycopg2.IntegrityError as error:
                if error.diag.constraint_name != FILED_INDEX:
                    raise
                raise UserError(plan._filed_message())
        return True

    @api.multi
    def action_return(self):
        """An officer of the superior organization returns the plan with
        comments."""
        self._check_reviewer()
        for plan in self:
            if plan.state != 'submitted':
                raise UserError(_(
                    "%(name)s has not been submitted for filing.")
                    % {'name': plan.name})
            if not (plan.review_comment or '').strip():
                raise UserError(_(
                    "Write the review comments of %(name)s before returning "
                    "it.") % {'name': plan.name})
            trusted(plan).write(plan._review_values('returned'))
            plan._close_review()
        return True

    def _review_values(self, state):
        return {'state': state,
                'reviewed_date': fields.Date.context_today(self),
                'reviewed_by_id': self.env.uid}

    def _check_reviewer(self):
        """Plans are filed and returned by the officers of the superior
        organization (or managers), never by the committee itself."""
        user = self.env.user
        if not user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only an officer of the superior organization files or "
                "returns an implementation plan."))
        if user.has_group('party_building.group_manager'):
            return
        superiors = self.sudo().mapped('superior_id')
        Org = self.env['party.organization'].with_context(active_test=False)
        if Org.search_count([('id', 'in', superiors.ids)]) < len(superiors):
            raise AccessError(_(
                "You can file or return only the plans filed with an "
                "organization in your scope."))

    def _check_not_filed(self):
        if self.search_count([
                ('organization_id', '=', self.organization_id.id),
                ('branch_category_id', '=', self.branch_category_id.id),
                ('state', '=', 'filed'), ('id', '!=', self.id)]):
            raise UserError(self._filed_message())

    def _filed_message(self):
        return _("%(organization)s has already filed its plan for "
                 "%(category)s branches.") % {
                     'organization': self.organization_id.name,
                     'category': self.branch_category_id.name}
