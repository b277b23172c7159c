from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.res_users import PARTY_ROLE_SELECTION


class PartyUserRole(models.TransientModel):
    """A party-building manager gives a user a party role and a scope.

    Managers have no right to write users (that is Odoo's Administration):
    this wizard checks that the caller is a party manager and the user one
    they may manage, then writes, as superuser, the party groups and the
    organizations and nothing else."""
    _name = 'party.user.role'
    _description = 'Party Role and Scope of a User'

    user_id = fields.Many2one(
        'res.users', string='User', required=True, ondelete='cascade',
        domain=[('party_manageable', '=', True)])
    role = fields.Selection(
        PARTY_ROLE_SELECTION, string='Party Role',
        help="Leave empty to take the user's party role away.")
    organization_ids = fields.Many2many(
        'party.organization', string='Party Organizations',
        help="The organizations this user is responsible for: the user's "
             "party-building scope is these and everything below them.")

    @api.model
    def default_get(self, fields_list):
        res = super(PartyUserRole, self).default_get(fields_list)
        if self.env.context.get('active_model') == 'res.users' \
                and self.env.context.get('active_id'):
            user = self.env['res.users'].browse(
                self.env.context['active_id']).exists()
            if user:
                res['user_id'] = user.id
                res['role'] = user.party_role
                res['organization_ids'] = [
                    (6, 0, user.party_organization_ids.ids)]
        return res

    @api.onchange('user_id')
    def _onchange_user_id(self):
        if self.user_id:
            self.role = self.user_id.party_role
            self.organization_ids = self.user_id.party_organization_ids

    @api.multi
    def action_apply(self):
        self.ensure_one()
        self.user_id._party_check_manageable()
        company = self.env.user.company_id
        if self.organization_ids.filtered(
                lambda o: o.company_id and o.company_id != company):
            raise UserError(_(
                "Choose organizations of your own company."))
        if self.role in ('viewer', 'secretary', 'officer') \
                and not self.organization_ids:
            raise UserError(_(
                "Choose the organizations this user is responsible for: "
                "without any, the user sees nothing."))
        self.user_id._party_set_role(self.role, self.organization_ids)
        return {'type': 'ir.actions.act_window_close'}
