from odoo import fields, models


class PartyStandardSection(models.Model):
    """A dimension in a standard and its share of the standard's total."""
    _name = 'party.standard.section'
    _description = 'Standard Section'
    _order = 'sequence, id'

    standard_id = fields.Many2one(
        'party.standard', string='Standard', required=True, index=True,
        ondelete='cascade')
    dimension_id = fields.Many2one(
        'party.standard.dimension', string='Dimension', required=True,
        ondelete='restrict')
    sequence = fields.Integer(default=10)
    max_points = fields.Float(string='Maximum Points', required=True)
    criterion_ids = fields.One2many(
        'party.standard.criterion', 'section_id', string='Criteria')
