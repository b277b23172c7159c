"""A committee's yearly plan of on-site inspections (督导检查): the
branches to visit, the inspectors and the dates."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyInspectionPlan(models.Model):
    _name = 'party.inspection.plan'
    _description = 'Inspection Plan'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'year desc, id desc'

    name = fields.Char(required=True, track_visibility='onchange')
    year = fields.Integer(
        required=True, track_visibility='onchange',
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    organization_id = fields.Many2one(
        string='Committee',
        help="The committee whose branches are inspected.")
    inspector_ids = fields.Many2many(
        'res.users', 'party_inspection_plan_inspector_rel', 'plan_id',
        'user_id', string='Inspectors')
    date_from = fields.Date(string='From')
    date_to = fields.Date(string='To')
    note = fields.Text()
    inspection_ids = fields.One2many('party.inspection', 'plan_id',
                                     string='Inspections')
    inspection_count = fields.Integer(compute='_compute_counts',
                                      string='Branches to Visit')
    done_count = fields.Integer(compute='_compute_counts', string='Visited')
    open_finding_count = fields.Integer(compute='_compute_counts',
                                        string='Open Findings')
    sample_id = fields.Many2one('party.inspection.sample', string='Sample',
                                readonly=True, ondelete='restrict',
                                help="The sample this plan was drawn from.")

    def _compute_counts(self):
        Inspection = self.env['party.inspection']
        groups = Inspection.read_group(
            [('plan_id', 'in', self.ids)], ['plan_id', 'state'],
            ['plan_id', 'state'], lazy=False)
        total, done = {}, {}
        for group in groups:
            plan_id = group['plan_id'][0]
            total[plan_id] = total.get(plan_id, 0) + group['__count']
            if group['state'] == 'done':
                done[plan_id] = group['__count']
        findings = self.env['party.inspection.finding'].read_group(
            [('inspection_id.plan_id', 'in', self.ids),
             ('state', '=', 'open')], ['plan_id'], ['plan_id'])
        open_counts = {g['plan_id'][0]: g['plan_id_count']
                       for g in findings if g['plan_id']}
        for plan in self:
            plan.inspection_count = total.get(plan.id, 0)
            plan.done_count = done.get(plan.id, 0)
            plan.open_finding_count = open_counts.get(plan.id, 0)

    @api.constrains('year', 'date_from', 'date_to')
    def _check_dates(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(_(
                    "Choose a year between 2000 and 2100."))
            if plan.date_from and plan.date_to \
                    and plan.date_to < plan.date_from:
                raise ValidationError(_(
                    "The inspection plan %(plan)s ends before it starts.")
                    % {'plan': plan.name})

    @api.multi
    def action_view_inspections(self):
        self.ensure_one()
        action = self.env.ref(
            'party_building.party_inspection_action').read()[0]
        action['domain'] = [('plan_id', '=', self.id)]
        action['context'] = {'default_plan_id': self.id}
        return action
