from odoo import api, fields, models


class PartyRuleCategory(models.Model):
    """A category of work rules (制度), e.g. self-building or funding: the
    areas the rules of an organization must cover (工作制度体系化). Which
    categories an organization must have in force depends on its kind."""
    _name = 'party.rule.category'
    _description = 'Work Rule Category'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    required_kind_ids = fields.Many2many(
        'party.organization.category', 'party_rule_category_kind_rel',
        'rule_category_id', 'kind_category_id', string='Required For',
        domain=[('category_type', '=', 'kind')],
        help="The kinds of organization that must have a rule of this "
             "category in force (their own or one issued above them).")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_uniq', 'unique (code)',
         'There is already a rule category with this code.'),
    ]

    @api.model
    def _required_by_kind(self):
        """{organization kind code: [category ids]} of the active
        categories, in their order. One query."""
        self.env.cr.execute("""
            SELECT k.code, c.id
              FROM party_rule_category c
              JOIN party_rule_category_kind_rel rel
                ON rel.rule_category_id = c.id
              JOIN party_organization_category k
                ON k.id = rel.kind_category_id AND k.category_type = 'kind'
             WHERE c.active
          ORDER BY c.sequence, c.id
        """)
        required = {}
        for kind, category_id in self.env.cr.fetchall():
            required.setdefault(kind, []).append(category_id)
        return required
