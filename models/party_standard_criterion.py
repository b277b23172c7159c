from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import scoring

SCORINGS = [
    ('levels', 'Manual, by Levels'),
    ('free', 'Manual, Free Points'),
    ('metric', 'Automatic, from a Metric'),
    ('deduction', 'Deduction per Occurrence'),
    ('bonus', 'Bonus'),
    ('veto', 'Veto'),
]
MAPPINGS = [
    ('threshold', 'Thresholds'),
    ('proportional', 'Proportional to a Target'),
]


class PartyStandardCriterion(models.Model):
    """An item of a standard: its requirement, the evidence to check, its
    points and how it is scored."""
    _name = 'party.standard.criterion'
    _description = 'Standard Criterion'
    _inherit = ['party.standard.part']
    _order = 'standard_id, sequence, id'

    standard_id = fields.Many2one(
        'party.standard', string='Standard', required=True, index=True,
        ondelete='cascade', party_create_only=True,
        help="Taken from the section when not given.")
    section_id = fields.Many2one(
        'party.standard.section', string='Section', required=True,
        index=True, ondelete='cascade')
    dimension_id = fields.Many2one(
        'party.standard.dimension', string='Dimension',
        related='section_id.dimension_id', store=True, readonly=True)
    sequence = fields.Integer(default=10)
    code = fields.Char()
    name = fields.Char(string='Requirement', required=True, translate=True)
    evidence = fields.Text(
        string='Evidence to Check', translate=True,
        help="What the reviewer looks at: minutes, sign-in sheets, "
             "photos...")
    max_points = fields.Float(string='Maximum Points')
    scoring = fields.Selection(
        SCORINGS, required=True, default='levels')
    level_ids = fields.One2many(
        'party.standard.criterion.level', 'criterion_id', string='Levels',
        copy=True)
    metric_id = fields.Many2one(
        'party.assessment.metric', string='Metric', ondelete='restrict')
    metric_meeting_type_id = fields.Many2one(
        'party.meeting.type', string="Metric's Meeting Type",
        ondelete='restrict')
    mapping = fields.Selection(MAPPINGS, default='threshold')
    threshold_ids = fields.One2many(
        'party.standard.criterion.threshold', 'criterion_id',
        string='Thresholds', copy=True)
    target_value = fields.Float(
        string='Target Value',
        help="Full points at this value or above, proportionally fewer "
             "below.")
    deduction_points = fields.Float(
        string='Points per Occurrence',
        help="Deducted for each occurrence.")
    floor = fields.Float(
        string='Most Deducted',
        help="The item never deducts more than this in total.")
    kind_category_ids = fields.Many2many(
        'party.organization.category',
        'party_standard_criterion_kind_rel', 'criterion_id', 'category_id',
        string='Organization Kinds', domain=[('category_type', '=', 'kind')],
        help="Empty: every kind.")
    sector_category_ids = fields.Many2many(
        'party.organization.category',
        'party_standard_criterion_sector_rel', 'criterion_id',
        'category_id', string='Sectors',
        domain=[('category_type', '=', 'sector')],
        help="Empty: every sector.")

    @api.multi
    def name_get(self):
        return [(c.id, '%s %s' % (c.code, c.name) if c.code else c.name)
                for c in self]

    @api.model
    def create(self, vals):
        # created inside its section (the standard's form), it takes the
        # section's standard
        if not vals.get('standard_id') and vals.get('section_id'):
            vals = dict(vals, standard_id=self.env[
                'party.standard.section'].browse(
                    vals['section_id']).standard_id.id)
        return super(PartyStandardCriterion, self).create(vals)

    def _check_definition(self):
        """The criterion can be scored: its levels, thresholds, target,
        deduction and metric fit its way of scoring."""
        self.ensure_one()
        standard = self.env['party.standard']
        standard._score_check(self._score_error_keyed(scoring.check_criterion),
                              self._scoring_criterion())
        if self.scoring == 'levels' and not self.level_ids:
            raise ValidationError(_(
                "%(criterion)s: enter the levels a reviewer chooses from.")
                % {'criterion': self.display_name})
        if self.scoring == 'metric' and not self.metric_id:
            raise ValidationError(_(
                "%(criterion)s: choose the metric that scores it.")
                % {'criterion': self.display_name})
        if self.metric_id.needs_meeting_type \
                and self.scoring in ('metric', 'deduction', 'veto') \
                and not self.metric_meeting_type_id:
            raise ValidationError(_(
                "%(criterion)s: the metric %(metric)s needs a meeting type.")
                % {'criterion': self.display_name,
                   'metric': self.metric_id.name})

    def _score_error_keyed(self, check):
        """`check`, whose errors name this criterion."""
        def keyed(*args):
            try:
                return check(*args)
            except scoring.ScoreError as error:
                error.params['key'] = self.display_name
                raise
        return keyed

    def _scoring_criterion(self):
        """The criterion as the scoring arithmetic takes it; levels by id."""
        self.ensure_one()
        metric = self.scoring == 'metric'
        return scoring.Criterion(
            key=self.id,
            scoring=self.scoring,
            max_points=self.max_points,
            levels={level.id: level.points for level in self.level_ids}
            if self.scoring == 'levels' else {},
            thresholds=[(t.min_value, t.points) for t in self.threshold_ids]
            if metric and self.mapping == 'threshold' else [],
            target_value=self.target_value,
            deduction_points=self.deduction_points,
            floor=self.floor,
            mapping=(self.mapping or 'threshold') if metric else None,
        )

    def _check_points(self, points):
        """`points` as a float, if they fit the criterion (else a
        translated ValidationError)."""
        return self.env['party.standard']._score_check(
            self._score_error_keyed(scoring.check_points),
            self._scoring_criterion(), points)

    def _auto_points(self, value):
        """Points of an automatic criterion for a metric value."""
        return self.env['party.standard']._score_check(
            self._score_error_keyed(scoring.auto_points),
            self._scoring_criterion(), value)

    def _applies_to(self, organization):
        """Whether the criterion scores `organization` (its kind and
        sector)."""
        self.ensure_one()
        return self._applies_to_values(organization.kind, organization.sector)

    def _applies_to_values(self, kind, sector):
        kinds = self.kind_category_ids.mapped('code')
        sectors = self.sector_category_ids.mapped('code')
        return (not kinds or kind in kinds) and (
            not sectors or sector in sectors)
