from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import single_email_re

from ..models.res_users import PARTY_ROLES, PARTY_ROLE_SELECTION


class PartyUserCreate(models.TransientModel):
    """A party-building manager creates a login for a member.

    The user gets exactly Odoo's internal-user group and the chosen party
    role: not the groups of Odoo's default user template (base.default_user,
    which Odoo copies into every user created without explicit groups and
    which often carries HR or technical rights)."""
    _name = 'party.user.create'
    _description = 'Login for a Party Member'

    member_id = fields.Many2one(
        'party.member', string='Member', required=True, ondelete='cascade')
    login = fields.Char(required=True)
    email = fields.Char(required=True)
    # cleared once the user exists, as Odoo's own password wizard does; so
    # required in the view only
    password = fields.Char(string='Initial Password')
    role = fields.Selection(PARTY_ROLE_SELECTION, string='Party Role',
                            required=True, default='viewer')
    organization_ids = fields.Many2many(
        'party.organization', string='Party Organizations',
        help="The organizations this user is responsible for: the user's "
             "party-building scope is these and everything below them.")

    @api.model
    def default_get(self, fields_list):
        res = super(PartyUserCreate, self).default_get(fields_list)
        if self.env.context.get('active_model') == 'party.member' \
                and self.env.context.get('active_id'):
            member = self.env['party.member'].browse(
                self.env.context['active_id']).exists()
            if member:
                res.update(self._values_from_member(member))
        return res

    @api.onchange('member_id')
    def _onchange_member_id(self):
        for field, value in self._values_from_member(self.member_id).items():
            self[field] = value

    @api.model
    def _values_from_member(self, member):
        if not member:
            return {}
        email = member.email or member.partner_id.email \
            or member.employee_id.work_email or False
        return {'member_id': member.id, 'email': email, 'login': email,
                'organization_ids': [(6, 0, member.organization_id.ids)]}

    @api.multi
    def action_create(self):
        self.ensure_one()
        Users = self.env['res.users']
        Users._party_check_manager()
        member = self.member_id
        company = self.env.user.company_id
        self._check_member(member, company)
        self._check_input()
        if self.organization_ids.filtered(
                lambda o: o.company_id and o.company_id != company):
            raise UserError(_("Choose organizations of your own company."))
        groups = self.env.ref('base.group_user') \
            | self.env.ref(dict(PARTY_ROLES)[self.role])
        values = {
            'name': member.name,
            'login': self.login.strip(),
            'email': self.email.strip(),
            'password': self.password,
            'company_id': company.id,
            'company_ids': [(6, 0, company.ids)],
            # explicit groups: Odoo then skips the default user template
            'groups_id': [(6, 0, groups.ids)],
            'party_organization_ids': [(6, 0, self.organization_ids.ids)],
            'lang': self.env.user.lang,
            'tz': self.env.user.tz,
        }
        if self._may_reuse_partner(member.partner_id):
            values['partner_id'] = member.partner_id.id
        # a context of its own: the caller's `default_*` keys (reified group
        # fields such as default_in_group_<id>) would add groups
        user = Users.sudo().with_context(
            {'lang': self.env.user.lang, 'no_reset_password': True}).create(
                values)
        self.write({'password': False})
        if member.partner_id != user.partner_id:
            member.partner_id = user.partner_id
        employee = member.employee_id.sudo()
        if employee and not employee.user_id:
            employee.user_id = user
        action = self.env.ref(
            'party_building.res_users_action_party_scope').read()[0]
        action.update(res_id=user.id, view_mode='form', views=[(
            self.env.ref('party_building.res_users_view_form_party_scope').id,
            'form')])
        return action

    @api.model
    def _may_reuse_partner(self, partner):
        """The member's contact becomes the user's if it is a person's own
        contact: the user's name and email are written to it, which must
        never rename a company or another user's contact."""
        partner = partner.sudo()
        return bool(partner) and not partner.is_company \
            and not partner.with_context(active_test=False).user_ids \
            and not self.env['res.company'].sudo().search_count(
                [('partner_id', '=', partner.id)])

    @api.model
    def _check_member(self, member, company):
        if member.company_id and member.company_id != company:
            raise UserError(_(
                "Member %(member)s belongs to another company.")
                % {'member': member.name})
        partner = member.partner_id.sudo()
        employee = member.employee_id.sudo()
        if partner.with_context(active_test=False).user_ids \
                or employee.user_id:
            raise UserError(_(
                "Member %(member)s already has a login.")
                % {'member': member.name})

    def _check_input(self):
        if not self.login.strip():
            raise UserError(_("Enter a login."))
        if not self.password:
            raise UserError(_("Enter an initial password."))
        if not single_email_re.match(self.email.strip()):
            raise UserError(_(
                "%(email)s is not a valid email address.")
                % {'email': self.email})
        taken = self.env['res.users'].sudo().with_context(
            active_test=False).search_count(
                [('login', '=', self.login.strip())])
        if taken:
            raise UserError(_(
                "The login %(login)s is already used: choose another one.")
                % {'login': self.login})
