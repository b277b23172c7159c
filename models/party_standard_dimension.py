from odoo import fields, models


class PartyStandardDimension(models.Model):
    """One of the dimensions a standard scores (seeded: the five
    standardizations); configuration shared by every standard."""
    _name = 'party.standard.dimension'
    _description = 'Standard Dimension'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ('code_uniq', 'unique (code)',
         'There is already a dimension with this code.'),
    ]
