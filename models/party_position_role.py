from odoo import fields, models


def company_applies(config_company, company):
    """Configuration of `config_company` applies to `company`: shared
    configuration (no company) everywhere, a company's own in it and in the
    companies below it."""
    if not config_company:
        return True
    while company:
        if company == config_company:
            return True
        company = company.parent_id
    return False


class PartyPositionRole(models.Model):
    """A post in a committee: secretary, deputy secretary, organization
    member... Configuration, seeded with the usual posts (shared by all
    companies); a company may add its own."""
    _name = 'party.position.role'
    _description = 'Committee Post'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_secretary = fields.Boolean(
        string='Secretary Post',
        help="Holding this post makes the member the organization's "
             "secretary.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, ondelete='restrict',
        default=lambda self: self.env.user.company_id,
        help="Empty: a post of every company.")

    def applies_to_company(self, company):
        self.ensure_one()
        return company_applies(self.sudo().company_id, company.sudo())
