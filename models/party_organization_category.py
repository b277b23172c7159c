from odoo import fields, models

CATEGORY_TYPES = [
    ('kind', 'Organization Kind'),
    ('sector', 'Sector'),
]


class PartyOrganizationCategory(models.Model):
    """A kind or a sector of organization, as a record, so that a
    criterion can name the categories it applies to (分类指导). The code is
    the value of the organization's `kind` or `sector` field."""
    _name = 'party.organization.category'
    _description = 'Organization Category'
    _order = 'category_type, sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    category_type = fields.Selection(
        CATEGORY_TYPES, string='Category Type', required=True, default='sector')
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_uniq', 'unique (category_type, code)',
         'There is already a category with this type and code.'),
    ]
