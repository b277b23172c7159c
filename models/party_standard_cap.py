from odoo import fields, models

CONDITIONS = [
    ('veto', 'A Veto Item Is Triggered'),
    ('metric_below', 'A Metric Is Below a Threshold'),
]


class PartyStandardCap(models.Model):
    """A condition that caps the rating whatever the score (e.g. a veto
    item: at most two stars)."""
    _name = 'party.standard.cap'
    _description = 'Rating Cap'
    _order = 'standard_id, sequence, id'

    standard_id = fields.Many2one(
        'party.standard', string='Standard', required=True, index=True,
        ondelete='cascade')
    sequence = fields.Integer(default=10)
    condition = fields.Selection(CONDITIONS, required=True, default='veto')
    metric_id = fields.Many2one(
        'party.assessment.metric', string='Metric', ondelete='restrict')
    threshold = fields.Float()
    star_band_id = fields.Many2one(
        'party.standard.band', string='At Most (Stars)', ondelete='cascade',
        domain="[('standard_id', '=', standard_id), ('scale', '=', 'star')]")
    grade_band_id = fields.Many2one(
        'party.standard.band', string='At Most (Grade)', ondelete='cascade',
        domain="[('standard_id', '=', standard_id), ('scale', '=', 'grade')]")
