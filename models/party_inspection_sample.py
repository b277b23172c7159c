"""Sampling by proportion (按比例抽样检查): an officer draws branches of a
scope, stratified by area and sector if asked, with a recorded seed. Each
draw is kept with its population, parameters and seed so that anyone may
reproduce it; a redraw needs a reason and keeps the earlier draw. The
sample then becomes an inspection plan."""
import json

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from . import party_inspection_draw_rules as rules
from .party_assessment_campaign import ASSESSED_KINDS
from .party_guard import trusted
from .party_organization import SECTORS

# What a draw depends on besides the population and the seed.
PARAMETERS = ('mode', 'proportion', 'count', 'stratify_area', 'area_depth',
              'stratify_sector', 'exclude_months', 'reference_date')


class PartyInspectionSample(models.Model):
    _name = 'party.inspection.sample'
    _description = 'Inspection Sample'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'year desc, id desc'

    name = fields.Char(required=True, track_visibility='onchange')
    year = fields.Integer(
        required=True, track_visibility='onchange',
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    organization_id = fields.Many2one(
        string='Scope',
        help="Branches and general branches of this organization and of "
             "every organization below it may be drawn.")
    mode = fields.Selection([
        ('proportion', 'A Proportion'),
        ('count', 'A Number of Branches'),
    ], string='Sample Size', required=True, default='proportion',
        track_visibility='onchange')
    proportion = fields.Float(string='Proportion (%)', default=5.0,
                              track_visibility='onchange')
    count = fields.Integer(string='Number of Branches',
                           track_visibility='onchange')
    stratify_area = fields.Boolean(
        string='Stratify by Area', track_visibility='onchange',
        help="Draw from each area of the tree apart: the organizations "
             "this many levels below the scope, each with everything below "
             "it.")
    area_depth = fields.Integer(string='Area Level', default=1,
                                track_visibility='onchange')
    stratify_sector = fields.Boolean(string='Stratify by Sector',
                                     track_visibility='onchange')
    exclude_months = fields.Integer(
        string='Skip Branches Inspected in the Last (Months)',
        track_visibility='onchange',
        help="0: every branch may be drawn, however recently visited.")
    reference_date = fields.Date(
        string='Reference Date', required=True,
        default=fields.Date.context_today, track_visibility='onchange',
        help="The months without inspection are counted back from this "
             "day.")
    inspector_ids = fields.Many2many(
        'res.users', 'party_inspection_sample_inspector_rel', 'sample_id',
        'user_id', string='Inspectors',
        help="The inspectors of the plan made from the sample.")
    state = fields.Selection([
        ('draft', 'Draft'),
        ('drawn', 'Sample Drawn'),
        ('planned', 'Plan Made'),
    ], required=True, default='draft', readonly=True,
        track_visibility='onchange')
    draw_id = fields.Many2one('party.inspection.sample.draw',
                              string='Current Draw', readonly=True)
    draw_ids = fields.One2many('party.inspection.sample.draw', 'sample_id',
                               string='Draws')
    line_ids = fields.One2many(related='draw_id.line_ids',
                               string='Drawn Branches', readonly=True)
    seed = fields.Char(related='draw_id.seed', readonly=True)
    eligible_count = fields.Integer(related='draw_id.eligible_count',
                                    readonly=True)
    drawn_count = fields.Integer(related='draw_id.drawn_count',
                                 readonly=True)
    redraw_reason = fields.Text(
        string='Reason for a Redraw',
        help="A redraw is recorded with its reason; the earlier draw is "
             "kept.")
    plan_id = fields.Many2one('party.inspection.plan',
                              string='Inspection Plan', readonly=True)

    @api.constrains('mode', 'proportion', 'count', 'area_depth',
                    'exclude_months', 'year')
    def _check_parameters(self):
        for sample in self:
            if sample.mode == 'proportion' \
                    and not 0 < sample.proportion <= 100:
                raise ValidationError(self._size_error('proportion', 0))
            if sample.mode == 'count' and sample.count < 1:
                raise ValidationError(_(
                    "Enter the number of branches to draw: at least 1."))
            if sample.area_depth < 1 or sample.exclude_months < 0:
                raise ValidationError(_(
                    "The area level is at least 1 and the months without "
                    "inspection cannot be negative."))
            if not 2000 <= sample.year <= 2100:
                raise ValidationError(_(
                    "Choose a year between 2000 and 2100."))

    @api.multi
    def write(self, vals):
        if set(vals) & (set(PARAMETERS) | {'organization_id'}) \
                and self.filtered(lambda s: s.state == 'planned'):
            raise UserError(_(
                "The sample has become an inspection plan: it no longer "
                "changes."))
        return super(PartyInspectionSample, self).write(vals)

    @api.multi
    def unlink(self):
        if self.filtered('draw_ids'):
            raise UserError(_(
                "A sample that was drawn is kept for the audit and cannot be "
                "deleted."))
        return super(PartyInspectionSample, self).unlink()

    # -- drawing -------------------------------------------------------------

    def _check_officer(self):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers draw inspection samples."))
        self.check_access_rule('write')

    @api.multi
    def action_draw(self):
        """The first draw."""
        self._check_officer()
        for sample in self:
            if sample.state != 'draft':
                raise UserError(_(
                    "%(sample)s is drawn already: a redraw needs a reason.")
                    % {'sample': sample.name})
            sample._draw(rules.new_seed())
        return True

    @api.multi
    def action_redraw(self):
        """Draw again, for the reason given; the earlier draw is kept."""
        self._check_officer()
        for sample in self:
            if sample.state != 'drawn':
                raise UserError(_(
                    "Only a drawn sample that has not become a plan can be "
                    "drawn again."))
            if not (sample.redraw_reason or '').strip():
                raise UserError(_(
                    "Give the reason for drawing %(sample)s again: the "
                    "redraw is recorded with it.") % {'sample': sample.name})
            sample._draw(rules.new_seed(), sample.redraw_reason.strip())
        return True

    def _parameters(self):
        return {name: self[name] for name in PARAMETERS}

    def _draw(self, seed, reason=False):
        """Draw with `seed` and record the draw: a fixed number of queries
        whatever the number of branches."""
        self.ensure_one()
        parameters = self._parameters()
        population = self._population(parameters)
        strata = {}
        for org_id, area_id, sector in population:
            strata.setdefault(self._stratum_key(parameters, area_id, sector),
                              []).append(org_id)
        total = len(population)
        if not total:
            raise UserError(_(
                "No branch of %(scope)s can be drawn: there is none, or all "
                "were inspected recently.")
                % {'scope': self.organization_id.name})
        try:
            drawn = rules.draw(strata, parameters['mode'],
                               parameters['proportion'],
                               parameters['count'], seed)
        except ValueError as error:
            raise UserError(self._size_error(str(error), total))
        Draw = trusted(self.env['party.inspection.sample.draw'])
        number = len(self.draw_ids) + 1
        draw = Draw.create({
            'sample_id': self.id, 'number': number, 'seed': seed,
            'reason': reason, 'parameters': json.dumps(
                parameters, sort_keys=True),
            'population': json.dumps(
                [[list(key), sorted(ids)] for key, ids
                 in sorted(strata.items())]),
            'eligible_count': total,
            'drawn_count': sum(len(ids) for ids in drawn.values()),
            'strata': self._strata_summary(strata, drawn)})
        self._insert_lines(draw, drawn)
        trusted(self).write({'draw_id': draw.id, 'state': 'drawn',
                             'redraw_reason': False})
        body = _("Draw %(number)d: %(drawn)d of %(eligible)d branches with "
                 "seed %(seed)s.") % {'number': number, 'eligible': total,
                                      'drawn': draw.drawn_count, 'seed': seed}
        if reason:
            body += ' ' + _("Reason: %(reason)s") % {'reason': reason}
        self.message_post(body=body)
        return draw

    def _size_error(self, which, total):
        if which == 'proportion':
            return _("The proportion of a sample is a percentage greater "
                     "than 0 and at most 100.")
        return _("The sample cannot hold %(count)d branches: %(eligible)d "
                 "can be drawn. Enter a number from 1 to %(eligible)d.") % {
                     'count': self.count, 'eligible': total}

    @staticmethod
    def _stratum_key(parameters, area_id, sector):
        return (area_id if parameters['stratify_area'] else 0,
                sector if parameters['stratify_sector'] else '')

    def _population(self, parameters):
        """[(id, area id, sector)] of the branches that may be drawn, in
        one query: active branches and general branches of the scope, less
        those visited within the months to skip."""
        scope = self.sudo().organization_id
        depth = len(scope.path.strip('/').split('/'))
        area_level = depth + max(parameters['area_depth'] or 1, 1)
        months = parameters['exclude_months'] or 0
        if months < 0:
            raise UserError(_(
                "The months without inspection cannot be negative."))
        day = fields.Date.from_string(parameters['reference_date'])
        since = day - relativedelta(months=months)
        self.env.cr.execute("""
            SELECT o.id,
                   COALESCE(NULLIF(split_part(o.path, '/', %s), ''),
                            o.id::text)::integer,
                   o.sector
              FROM party_organization o
             WHERE o.path::text ~>=~ %s AND o.path::text ~<~ %s
               AND o.active AND o.kind IN %s AND o.company_id = %s
               AND (%s = 0 OR NOT EXISTS (
                    SELECT 1 FROM party_inspection i
                     WHERE i.organization_id = o.id AND i.state = 'done'
                       AND i.visit_date > %s AND i.visit_date <= %s))
          ORDER BY o.id
        """, [area_level, scope.path, scope.path + '~', ASSESSED_KINDS,
              scope.company_id.id, months, since, day])
        return self.env.cr.fetchall()

    def _strata_summary(self, strata, drawn):
        """One line per stratum: its name, drawn / eligible."""
        area_ids = sorted({key[0] for key in strata if key[0]})
        names = {row['id']: row['name'] for row in self.env[
            'party.organization'].sudo().browse(area_ids).read(['name'])}
        sectors = dict(self.env['party.organization']._fields[
            'sector']._description_selection(self.env))
        lines = []
        for key in sorted(strata):
            label = ' / '.join(part for part in (
                names.get(key[0], ''), sectors.get(key[1], '')) if part) \
                or _("All branches")
            lines.append('%s: %d / %d' % (label, len(drawn[key]),
                                          len(strata[key])))
        return '\n'.join(lines)

    def _insert_lines(self, draw, drawn):
        rows = [(org_id, key[0] or None, key[1] or None)
                for key, ids in drawn.items() for org_id in ids]
        if not rows:
            return
        columns = [list(column) for column in zip(*rows)]
        self.env.cr.execute("""
            INSERT INTO party_inspection_sample_line
                   (draw_id, organization_id, area_id, sector, company_id,
                    create_uid, write_uid, create_date, write_date)
            SELECT %s, v.*, %s, %s, %s, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM unnest(%s::integer[], %s::integer[], %s::varchar[]) AS v
        """, [draw.id, self.sudo().company_id.id, self.env.uid,
              self.env.uid] + columns)
        draw.invalidate_cache(['line_ids'], draw.ids)

    # -- the plan ------------------------------------------------------------

    @api.multi
    def action_make_plan(self):
        """An inspection plan of the scope's committee with an inspection
        of each drawn branch."""
        self._check_officer()
        self.ensure_one()
        if self.state != 'drawn':
            raise UserError(_("Draw the sample before making its plan."))
        # the officer who draws inspects, unless inspectors are named
        inspectors = self.inspector_ids or self.env.user
        Plan = self.env['party.inspection.plan']
        plan = Plan.create({
            'name': self.name, 'year': self.year,
            'organization_id': self.organization_id.id,
            'inspector_ids': [(6, 0, inspectors.ids)],
            'note': self.draw_id.strata})
        trusted(plan).write({'sample_id': self.id})
        self.env['party.inspection']._create_in_bulk(
            plan, self.line_ids.mapped('organization_id').ids, inspectors)
        trusted(self).write({'plan_id': plan.id, 'state': 'planned'})
        return self.action_view_plan()

    @api.multi
    def action_view_plan(self):
        self.ensure_one()
        action = self.env.ref(
            'party_building.party_inspection_plan_action').read()[0]
        action['res_id'] = self.plan_id.id
        action['views'] = [(False, 'form')]
        action['view_mode'] = 'form'
        return action


class PartyInspectionSampleDraw(models.Model):
    """A draw of a sample, as it was made: the parameters, the seed, the
    eligible branches by stratum and the branches drawn. Written by the
    sample only; anyone who can read it can reproduce it."""
    _name = 'party.inspection.sample.draw'
    _description = 'Sample Draw'
    _order = 'sample_id, number desc'
    _rec_name = 'number'

    sample_id = fields.Many2one('party.inspection.sample', string='Sample',
                                required=True, index=True, readonly=True,
                                ondelete='cascade', auto_join=True)
    number = fields.Integer(readonly=True)
    seed = fields.Char(readonly=True)
    reason = fields.Text(string='Reason for the Redraw', readonly=True)
    parameters = fields.Text(readonly=True)
    population = fields.Text(string='Eligible Branches by Stratum',
                             readonly=True)
    eligible_count = fields.Integer(string='Eligible', readonly=True)
    drawn_count = fields.Integer(string='Drawn', readonly=True)
    strata = fields.Text(string='Strata (drawn / eligible)', readonly=True)
    line_ids = fields.One2many('party.inspection.sample.line', 'draw_id',
                               string='Drawn Branches', readonly=True)
    company_id = fields.Many2one(related='sample_id.company_id', store=True,
                                 readonly=True)

    @api.multi
    def action_verify(self):
        """Draw again from the recorded population, parameters and seed,
        and say whether the same branches come out."""
        for draw in self:
            if draw.reproduce() != sorted(draw.line_ids.mapped(
                    'organization_id').ids):
                raise UserError(_(
                    "Draw %(number)d of %(sample)s does not reproduce: its "
                    "recorded branches differ from what its seed draws.") % {
                        'number': draw.number, 'sample': draw.sample_id.name})
            draw.sample_id.message_post(body=_(
                "Draw %(number)d verified: its seed draws the same "
                "branches.") % {'number': draw.number})
        return True

    @api.multi
    def reproduce(self):
        """The ids drawn again from what this draw recorded."""
        self.ensure_one()
        parameters = json.loads(self.parameters)
        strata = {tuple(key): ids
                  for key, ids in json.loads(self.population)}
        drawn = rules.draw(strata, parameters['mode'],
                           parameters['proportion'], parameters['count'],
                           self.seed)
        return sorted(i for ids in drawn.values() for i in ids)


class PartyInspectionSampleLine(models.Model):
    _name = 'party.inspection.sample.line'
    _description = 'Drawn Branch'
    _order = 'draw_id, area_id, sector, organization_id'

    draw_id = fields.Many2one('party.inspection.sample.draw', string='Draw',
                              required=True, index=True, readonly=True,
                              ondelete='cascade')
    organization_id = fields.Many2one(
        'party.organization', string='Branch', required=True, readonly=True,
        ondelete='restrict', auto_join=True)
    area_id = fields.Many2one('party.organization', string='Area',
                              readonly=True, ondelete='restrict')
    sector = fields.Selection(SECTORS, readonly=True)
    company_id = fields.Many2one('res.company', readonly=True)
