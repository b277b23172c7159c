from odoo import fields, models


class PartyStandardCriterionThreshold(models.Model):
    """A step of an automatic criterion: a metric value of at least
    `min_value` earns `points` (the highest step reached counts)."""
    _name = 'party.standard.criterion.threshold'
    _description = 'Criterion Threshold'
    _inherit = ['party.standard.part']
    _order = 'criterion_id, min_value, id'

    criterion_id = fields.Many2one(
        'party.standard.criterion', string='Criterion', required=True,
        index=True, ondelete='cascade', party_create_only=True)
    min_value = fields.Float(string='From Value', required=True)
    points = fields.Float(required=True)

    def _party_standards(self):
        return self.mapped('criterion_id.standard_id')
