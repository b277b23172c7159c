from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    party_organization_ids = fields.Many2many(
        'party.organization', 'party_organization_res_users_rel',
        'user_id', 'organization_id', string='Party Organizations',
        help="The organizations this user is responsible for: the user's "
             "party-building scope is these and everything below them.")

    def _party_scope_domain(self, field='path'):
        """Domain on `field` (a path) matching this user's scope: one prefix
        condition per scope root, or nothing at all for an empty scope.

        Used by the record rules; `user` there is the sudo'ed current user.
        """
        paths = self.party_organization_ids.mapped('path')
        if not paths:
            # Not Odoo's FALSE_LEAF (0, '=', 1): ir.rule combines group rules
            # with expression.OR, which drops that leaf as its unit and so
            # would turn an empty scope into no restriction at all.
            return [('id', '=', 0)]
        return ['|'] * (len(paths) - 1) + [
            (field, '=like', path + '%') for path in paths]

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        if 'party_organization_ids' in vals:
            # the record rules of these users depend on their organizations
            self.env['ir.rule'].clear_caches()
        return res
