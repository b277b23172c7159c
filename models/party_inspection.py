"""An on-site inspection of a branch (现场督导检查): the visit, what was
checked against the standard in force, and the findings that become the
branch's rectification tasks (查改短板)."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_assessment_campaign import ASSESSED_KINDS
from .party_guard import trusted


class PartyInspection(models.Model):
    _name = 'party.inspection'
    _description = 'On-site Inspection'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'state_sequence, planned_date, id desc'

    name = fields.Char(compute='_compute_name', store=True)
    plan_id = fields.Many2one(
        'party.inspection.plan', string='Inspection Plan', index=True,
        ondelete='restrict', track_visibility='onchange')
    organization_id = fields.Many2one(string='Branch')
    planned_date = fields.Date(string='Planned Date',
                               track_visibility='onchange')
    visit_date = fields.Date(string='Visit Date', track_visibility='onchange')
    inspector_ids = fields.Many2many(
        'res.users', 'party_inspection_inspector_rel', 'inspection_id',
        'user_id', string='Inspectors')
    standard_id = fields.Many2one(
        'party.standard', string='Standard', ondelete='restrict',
        help="The standard whose criteria are checked: by default the "
             "standard of the year's assessment campaign, else the newest "
             "standard in force.")
    state = fields.Selection([
        ('planned', 'To Visit'),
        ('done', 'Visited'),
    ], required=True, default='planned', readonly=True,
        track_visibility='onchange')
    state_sequence = fields.Integer(compute='_compute_state_sequence',
                                    store=True)
    item_ids = fields.One2many('party.inspection.item', 'inspection_id',
                               string='Checked Items')
    finding_ids = fields.One2many('party.inspection.finding',
                                  'inspection_id', string='Findings')
    open_finding_count = fields.Integer(compute='_compute_finding_counts',
                                        string='Open Findings')
    summary = fields.Text(track_visibility='onchange')
    assessment_id = fields.Many2one(
        'party.assessment', compute='_compute_assessment',
        string='Assessment of the Year',
        help="The branch's assessment in the campaign of the visit's year, "
             "if the user may read it.")
    can_fill_review = fields.Boolean(compute='_compute_assessment')

    @api.depends('organization_id.name', 'planned_date', 'visit_date')
    def _compute_name(self):
        for inspection in self:
            inspection.name = ('%s %s' % (
                inspection.organization_id.name or '',
                inspection.visit_date or inspection.planned_date or '')
            ).strip()

    @api.depends('state')
    def _compute_state_sequence(self):
        for inspection in self:
            inspection.state_sequence = 0 if inspection.state == 'planned' \
                else 1

    def _compute_finding_counts(self):
        groups = self.env['party.inspection.finding'].read_group(
            [('inspection_id', 'in', self.ids), ('state', '=', 'open')],
            ['inspection_id'], ['inspection_id'])
        counts = {g['inspection_id'][0]: g['inspection_id_count']
                  for g in groups}
        for inspection in self:
            inspection.open_finding_count = counts.get(inspection.id, 0)

    def _compute_assessment(self):
        user = self.env.user
        for inspection in self:
            assessment = inspection._assessment()
            inspection.assessment_id = assessment
            inspection.can_fill_review = bool(
                assessment and inspection.state == 'done'
                and assessment.state == 'submitted'
                and assessment._is_reviewer(user))

    def _assessment(self):
        """The branch's assessment in a campaign of the year of the visit
        (else of the planned date), searched as the user: their record
        rules decide whether they see it."""
        self.ensure_one()
        day = self.visit_date or self.planned_date
        if not day or not self.organization_id:
            return self.env['party.assessment']
        return self.env['party.assessment'].search([
            ('organization_id', '=', self.organization_id.id),
            ('campaign_id.year', '=', fields.Date.from_string(day).year),
        ], order='id desc', limit=1)

    @api.constrains('organization_id', 'plan_id', 'inspector_ids')
    def _check_scope(self):
        for inspection in self:
            org = inspection.sudo().organization_id
            if org.kind not in ASSESSED_KINDS:
                raise ValidationError(_(
                    "%(organization)s is not a branch: inspections visit "
                    "branches and general branches.")
                    % {'organization': org.name})
            plan = inspection.sudo().plan_id
            if plan and not org.path.startswith(plan.organization_id.path):
                raise ValidationError(_(
                    "%(organization)s is not under %(committee)s, the "
                    "committee of the inspection plan.") % {
                        'organization': org.name,
                        'committee': plan.organization_id.name})
            for user in inspection.sudo().inspector_ids:
                if not self._in_scope_of(user, org):
                    raise ValidationError(_(
                        "%(user)s cannot inspect %(organization)s: the "
                        "branch is outside the inspector's scope.") % {
                            'user': user.name, 'organization': org.name})

    @api.model
    def _in_scope_of(self, user, org):
        """Whether `user` may work on `org` (their record rules)."""
        return bool(org.sudo(user.id).search_count([('id', '=', org.id)]))

    @api.model
    def create(self, vals):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers record inspections."))
        inspection = super(PartyInspection, self).create(vals)
        if not inspection.standard_id:
            standard = inspection._standard_in_force()
            if standard:
                trusted(inspection).write({'standard_id': standard.id})
        return inspection

    @api.multi
    def write(self, vals):
        done = self.filtered(lambda i: i.state == 'done')
        if done and set(vals) & {'organization_id', 'plan_id',
                                 'standard_id', 'visit_date'}:
            raise UserError(_(
                "The visit to %(organization)s is recorded: its branch, plan, "
                "standard and date no longer change.")
                % {'organization': done[0].organization_id.name})
        return super(PartyInspection, self).write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda i: i.state == 'done' or i.finding_ids):
            raise UserError(_(
                "A recorded inspection is kept as the branch's history and "
                "cannot be deleted."))
        return super(PartyInspection, self).unlink()

    def _standard_in_force(self):
        """The standard of the year's assessment campaign whose scope holds
        the branch, else the newest active standard of its company."""
        self.ensure_one()
        day = self.visit_date or self.planned_date \
            or fields.Date.context_today(self)
        return self._standard_for(self.sudo().organization_id,
                                  fields.Date.from_string(day).year)

    @api.model
    def _standard_for(self, org, year):
        org = org.sudo()
        campaigns = self.env['party.assessment.campaign'].sudo().search(
            [('year', '=', year), ('company_id', '=', org.company_id.id)],
            order='id desc')
        for campaign in campaigns:
            if org.path.startswith(campaign.organization_id.path):
                return campaign.standard_id
        return self.env['party.standard'].sudo().search(
            ['|', ('company_id', '=', False),
             ('company_id', '=', org.company_id.id)],
            order='version desc, id desc', limit=1)

    @api.model
    def _create_in_bulk(self, plan, org_ids, inspectors):
        """The inspections of `plan`, one per organization of `org_ids`
        (drawn by the code, in the plan's committee), for `inspectors`, in
        a fixed number of queries: a plan of a thousand branches is one
        request. Checks what create would: an officer, every inspector's
        scope."""
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers record inspections."))
        Org = self.env['party.organization']
        for user in inspectors:
            if Org.sudo(user.id).with_context(active_test=False).search_count(
                    [('id', 'in', org_ids)]) != len(org_ids):
                raise ValidationError(_(
                    "%(user)s cannot inspect every branch of the sample: "
                    "some are outside the inspector's scope.")
                    % {'user': user.name})
        standard = self._standard_for(plan.organization_id, plan.year)
        cr = self.env.cr
        cr.execute("""
            INSERT INTO party_inspection
                   (name, plan_id, organization_id, company_id, standard_id,
                    state, state_sequence, create_uid, write_uid,
                    create_date, write_date)
            SELECT o.name, %s, o.id, o.company_id, %s, 'planned', 0, %s, %s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM party_organization o
             WHERE o.id = ANY(%s)
               AND o.path::text ~>=~ %s AND o.path::text ~<~ %s
          ORDER BY o.path
         RETURNING id
        """, [plan.id, standard.id or None, self.env.uid, self.env.uid,
              list(org_ids), plan.sudo().organization_id.path,
              plan.sudo().organization_id.path + '~'])
        ids = [row[0] for row in cr.fetchall()]
        if inspectors and ids:
            cr.execute("""
                INSERT INTO party_inspection_inspector_rel
                       (inspection_id, user_id)
                SELECT i, u FROM unnest(%s::integer[]) AS i,
                                 unnest(%s::integer[]) AS u
            """, [ids, inspectors.ids])
        plan.invalidate_cache(['inspection_ids'], plan.ids)
        return self.browse(ids)

    @api.multi
    def action_load_checklist(self):
        """The criteria of the standard that apply to the branch, each to
        be marked met, partly met or not met."""
        Item = trusted(self.env['party.inspection.item'])
        for inspection in self:
            if inspection.state != 'planned':
                raise UserError(_(
                    "The visit to %(organization)s is recorded: its checklist "
                    "no longer changes.")
                    % {'organization': inspection.organization_id.name})
            standard = inspection.standard_id.sudo()
            if not standard:
                raise UserError(_(
                    "Choose the standard of the inspection of "
                    "%(organization)s first.")
                    % {'organization': inspection.organization_id.name})
            known = inspection.item_ids.mapped('criterion_id')
            org = inspection.sudo().organization_id
            for criterion in standard.criterion_ids:
                if criterion in known or not criterion._applies_to(org):
                    continue
                Item.create({
                    'inspection_id': inspection.id,
                    'criterion_id': criterion.id,
                    # the assessment's order: by section, then criterion
                    'sequence': criterion.section_id.sequence * 10000
                    + criterion.sequence,
                    'name': criterion.with_context(
                        lang=self.env.lang).name})
        return True

    @api.multi
    def action_mark_all_met(self):
        """Mark the items without a result as met: the inspector then
        changes those that fall short."""
        items = self.mapped('item_ids').filtered(lambda i: not i.result)
        items.write({'result': 'met'})
        return True

    @api.multi
    def action_done(self):
        """Record the visit: its date and a result for every item."""
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers record inspections."))
        for inspection in self:
            name = inspection.organization_id.name
            if inspection.state != 'planned':
                raise UserError(_(
                    "The visit to %(organization)s is already recorded.")
                    % {'organization': name})
            if not inspection.visit_date:
                raise UserError(_(
                    "Enter the date of the visit to %(organization)s.")
                    % {'organization': name})
            if not inspection.inspector_ids:
                raise UserError(_(
                    "Name the inspectors who visited %(organization)s.")
                    % {'organization': name})
            if not inspection.item_ids:
                raise UserError(_(
                    "Load the checklist of %(organization)s and mark what "
                    "was checked.") % {'organization': name})
            if inspection.item_ids.filtered(lambda i: not i.result):
                raise UserError(_(
                    "Mark every checked item of %(organization)s as met, "
                    "partly met or not met.") % {'organization': name})
        trusted(self).write({'state': 'done'})
        return True

    @api.multi
    def action_fill_review(self):
        """The reviewer's scores of the branch's assessment from what was
        seen on the visit: each manual criterion checked gets the points
        its result gives, and the item's note as the review comment.
        Written as the user, so the assessment's own rules decide: only a
        reviewer of the branch, only while the assessment is submitted and
        its campaign open. The reviewer then adjusts what they judge
        otherwise on the assessment."""
        self.ensure_one()
        name = self.organization_id.name
        if self.state != 'done':
            raise UserError(_(
                "Record the visit to %(organization)s before filling the "
                "review from it.") % {'organization': name})
        assessment = self._assessment()
        if not assessment:
            raise UserError(_(
                "%(organization)s has no assessment of the visit's year that "
                "you may see: there is no review to fill.")
                % {'organization': name})
        assessment._check_role('review')
        assessment._check_campaign_open()
        assessment._check_state(('submitted',), _(
            "The review of %(organization)s is open only while the "
            "assessment is submitted."))
        lines = {line.criterion_id.id: line for line in assessment.line_ids}
        filled = 0
        for item in self.item_ids:
            line = lines.get(item.criterion_id.id)
            values = line and item._review_values(line)
            if values:
                line.write(values)
                filled += 1
        if not filled:
            raise UserError(_(
                "No checked item of the visit to %(organization)s matches a "
                "criterion scored by hand in its assessment.")
                % {'organization': name})
        body = _("Review filled from the on-site inspection of %(date)s by "
                 "%(user)s: %(count)s criteria.") % {
                     'date': self.visit_date, 'user': self.env.user.name,
                     'count': filled}
        assessment.message_post(body=body, subtype='mail.mt_note')
        self.message_post(body=body, subtype='mail.mt_note')
        return {
            'type': 'ir.actions.act_window', 'res_model': 'party.assessment',
            'res_id': assessment.id, 'view_mode': 'form',
            'views': [(False, 'form')], 'target': 'current'}

    @api.multi
    def action_view_findings(self):
        self.ensure_one()
        action = self.env.ref(
            'party_building.party_inspection_finding_action').read()[0]
        action['domain'] = [('inspection_id', '=', self.id)]
        action['context'] = {'default_inspection_id': self.id}
        return action
