from odoo import fields, models

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
    _order = 'standard_id, sequence, id'

    standard_id = fields.Many2one(
        'party.standard', string='Standard', required=True, index=True,
        ondelete='cascade')
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
