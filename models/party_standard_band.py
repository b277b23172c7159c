from odoo import fields, models

SCALES = [
    ('star', 'Star Rating'),
    ('grade', 'Graded Classification'),
]


class PartyStandardBand(models.Model):
    """A rating band of a standard's scale: final scores from `min_score`
    (included) up to `max_score` (excluded; the top band includes the
    total)."""
    _name = 'party.standard.band'
    _description = 'Rating Band'
    _inherit = ['party.standard.part']
    _order = 'standard_id, scale, min_score desc, id'

    standard_id = fields.Many2one(
        'party.standard', string='Standard', required=True, index=True,
        ondelete='cascade', party_create_only=True)
    scale = fields.Selection(SCALES, required=True, default='star')
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    min_score = fields.Float(string='From Score', required=True)
    max_score = fields.Float(string='Below Score', required=True)
    stars = fields.Integer()
