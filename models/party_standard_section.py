from odoo import api, fields, models

from .scoring import REGULAR


class PartyStandardSection(models.Model):
    """A dimension in a standard and its share of the standard's total."""
    _name = 'party.standard.section'
    _description = 'Standard Section'
    _inherit = ['party.standard.part']
    _order = 'sequence, id'

    standard_id = fields.Many2one(
        'party.standard', string='Standard', required=True, index=True,
        ondelete='cascade', party_create_only=True)
    dimension_id = fields.Many2one(
        'party.standard.dimension', string='Dimension', required=True,
        ondelete='restrict')
    sequence = fields.Integer(default=10)
    max_points = fields.Float(string='Maximum Points', required=True)
    criterion_ids = fields.One2many(
        'party.standard.criterion', 'section_id', string='Criteria')
    criteria_points = fields.Float(
        string='Points of the Criteria', compute='_compute_criteria_points',
        help="The maximum points of its manual and automatic criteria, "
             "which must add up to the section's maximum.")

    _sql_constraints = [
        ('dimension_uniq', 'unique (standard_id, dimension_id)',
         'A standard has one section per dimension.'),
    ]

    @api.depends('criterion_ids.max_points', 'criterion_ids.scoring')
    def _compute_criteria_points(self):
        for section in self:
            section.criteria_points = sum(
                c.max_points for c in section.criterion_ids
                if c.scoring in REGULAR)

    @api.multi
    def name_get(self):
        return [(s.id, s.dimension_id.name or '') for s in self]
