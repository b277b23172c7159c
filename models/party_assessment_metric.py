"""Placeholder for helper "metrics"' model (issue 10): the fields the
standards need to link to a metric. The metrics branch owns this file and
replaces it at merge."""
from odoo import fields, models


class PartyAssessmentMetric(models.Model):
    _name = 'party.assessment.metric'
    _description = 'Assessment Metric'
    _order = 'sequence, id'

    code = fields.Char(required=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    value_type = fields.Selection([
        ('boolean', 'Yes/No'),
        ('count', 'Count'),
        ('ratio', 'Ratio'),
    ], string='Value Type', required=True, readonly=True, default='count')
    needs_meeting_type = fields.Boolean(
        string='Needs a Meeting Type', readonly=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The code of a metric must be unique.'),
    ]
