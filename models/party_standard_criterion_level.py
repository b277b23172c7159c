from odoo import fields, models


class PartyStandardCriterionLevel(models.Model):
    """A level of a manual criterion (达标 / 基本达标 / 不达标) and its
    points."""
    _name = 'party.standard.criterion.level'
    _description = 'Criterion Level'
    _inherit = ['party.standard.part']
    _order = 'criterion_id, sequence, points desc, id'

    criterion_id = fields.Many2one(
        'party.standard.criterion', string='Criterion', required=True,
        index=True, ondelete='cascade', party_create_only=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    points = fields.Float(required=True)

    def _party_standards(self):
        return self.mapped('criterion_id.standard_id')
