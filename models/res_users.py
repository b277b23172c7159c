from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

# The party roles, lowest first; each group implies the one before it, so a
# user's role is the highest of these groups they have.
PARTY_ROLES = [
    ('viewer', 'party_building.group_viewer'),
    ('secretary', 'party_building.group_secretary'),
    ('officer', 'party_building.group_officer'),
    ('manager', 'party_building.group_manager'),
]
PARTY_ROLE_SELECTION = [
    ('viewer', 'Viewer'),
    ('secretary', 'Secretary'),
    ('officer', 'Officer'),
    ('manager', 'Manager'),
]


class ResUsers(models.Model):
    _inherit = 'res.users'

    # web_responsive's preference in the user's Preferences, in words this
    # addon translates (web_responsive ships no Chinese)
    party_chatter_position = fields.Selection(
        [('normal', 'Below the Form'), ('sided', 'Beside the Form')],
        string='Discussion Position',
        compute='_compute_party_chatter_position',
        inverse='_inverse_party_chatter_position')

    @api.depends('chatter_position')
    def _compute_party_chatter_position(self):
        for user in self:
            user.party_chatter_position = user.chatter_position

    def _inverse_party_chatter_position(self):
        for user in self:
            user.chatter_position = user.party_chatter_position

    def __init__(self, pool, cr):
        # users set their own preference, as web_responsive's field
        super(ResUsers, self).__init__(pool, cr)
        for name in ('SELF_WRITEABLE_FIELDS', 'SELF_READABLE_FIELDS'):
            setattr(type(self), name, list(getattr(self, name)) + [
                'party_chatter_position'])
    party_organization_ids = fields.Many2many(
        'party.organization', 'party_organization_res_users_rel',
        'user_id', 'organization_id', string='Party Organizations',
        help="The organizations this user is responsible for: the user's "
             "party-building scope is these and everything below them.")
    # Not stored: a stored copy of the groups would go stale when groups
    # change from the group's side (res.groups.users, implied groups).
    party_role = fields.Selection(
        PARTY_ROLE_SELECTION, string='Party Role',
        compute='_compute_party_role', search='_search_party_role')
    party_scope_note = fields.Char(
        string='Scope', compute='_compute_party_role',
        help="Managers work on their whole company, whatever organizations "
             "are set.")
    party_manageable = fields.Boolean(
        string='Managed in Party Building',
        compute='_compute_party_manageable',
        search='_search_party_manageable',
        help="A party-building manager may give this user a party role and "
             "a scope.")
    party_responsible_for_id = fields.Many2one(
        'party.organization', string='Responsible for',
        compute='_compute_party_responsible_for_id',
        search='_search_party_responsible_for_id',
        help="Search: the users whose scope covers this organization, and "
             "the managers of its company.")

    @api.depends('groups_id')
    def _compute_party_role(self):
        groups = [(role, self.env.ref(xmlid)) for role, xmlid in PARTY_ROLES]
        for user in self:
            user_groups = user.sudo().groups_id
            user.party_role = next((role for role, group in reversed(groups)
                                    if group in user_groups), False)
            user.party_scope_note = _("Whole company") \
                if user.party_role == 'manager' else False

    def _search_party_role(self, operator, value):
        if operator not in ('=', '!=') or (
                value and value not in dict(PARTY_ROLES)):
            raise UserError(_("Unsupported search on the party role."))
        if not value:
            # no role at all: not even a viewer
            domain = [('groups_id', 'not in',
                       self.env.ref(PARTY_ROLES[0][1]).ids)]
        else:
            roles = [role for role, __ in PARTY_ROLES]
            domain = [('groups_id', 'in',
                       self.env.ref(dict(PARTY_ROLES)[value]).ids)]
            above = roles.index(value) + 1
            if above < len(roles):
                domain.append(('groups_id', 'not in', self.env.ref(
                    dict(PARTY_ROLES)[roles[above]]).ids))
        if operator == '!=':
            domain = ['!'] + expression.normalize_domain(domain)
        # Odoo inserts a search method's leaves as they are: no implicit AND
        return expression.normalize_domain(domain)

    def _compute_party_manageable(self):
        manageable = self.search(self._party_manageable_domain()
                                 + [('id', 'in', self.ids)])
        for user in self:
            user.party_manageable = user in manageable

    def _search_party_manageable(self, operator, value):
        positive = (operator == '=') == bool(value)
        domain = expression.normalize_domain(self._party_manageable_domain())
        return domain if positive else ['!'] + domain

    def _compute_party_responsible_for_id(self):
        for user in self:
            user.party_responsible_for_id = False

    def _search_party_responsible_for_id(self, operator, value):
        Organization = self.env['party.organization']
        if operator in ('=', 'in') and value:
            organizations = Organization.browse(value).exists()
        elif operator in ('ilike', '=ilike', 'like') \
                and isinstance(value, str):
            organizations = Organization.search([('name', operator, value)])
        else:
            raise UserError(_("Unsupported search on the responsibility."))
        if not organizations:
            return [('id', '=', 0)]
        # the organizations and their ancestors: the ids in their paths
        ancestors = {int(i) for path in organizations.mapped('path')
                     for i in path.split('/') if i}
        manager = self.env.ref('party_building.group_manager')
        domain = ['|', ('party_organization_ids', 'in', list(ancestors)),
                  ('groups_id', 'in', manager.ids)]
        companies = organizations.mapped('company_id')
        if companies:
            domain = [('company_ids', 'in', companies.ids)] + domain
        return expression.normalize_domain(domain)

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        if 'party_organization_ids' in vals:
            # the record rules of these users depend on their organizations
            self.env['ir.rule'].clear_caches()
        return res

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

    def _party_scope_ancestor_ids(self):
        """Ids of the organizations above this user's scope roots (the
        roots excluded): a campaign over one of them covers the user's
        organizations, so the user reads it. A handful of ids per root,
        from the paths."""
        ids = {int(i) for path in self.party_organization_ids.mapped('path')
               for i in path.strip('/').split('/')[:-1]}
        return sorted(ids) or [0]

    # -- administration by party-building managers ---------------------------

    @api.multi
    def action_party_role(self):
        """Open the wizard that changes the user's party role and scope."""
        self.ensure_one()
        self._party_check_manageable()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Party Role and Scope'),
            'res_model': 'party.user.role',
            'view_mode': 'form',
            'target': 'new',
            'context': {'active_model': 'res.users', 'active_id': self.id},
        }

    @api.model
    def _party_manageable_domain(self):
        """The users whose party role and scope the current user's company's
        party managers may set: internal users of that company only, and
        never the superuser nor Odoo's administrators, whose rights are
        Odoo's business, not the party office's."""
        company = self.env.user.company_id
        others = self.env['res.company'].sudo().search(
            [('id', '!=', company.id)])
        admins = self.env.ref('base.group_erp_manager') \
            | self.env.ref('base.group_system')
        domain = [('id', '!=', SUPERUSER_ID), ('share', '=', False),
                  ('company_id', '=', company.id),
                  ('groups_id', 'not in', admins.ids)]
        if others:
            # a user of several companies would take the role elsewhere too
            domain.append(('company_ids', 'not in', others.ids))
        return domain

    @api.model
    def _party_check_manager(self):
        """Refuse unless the current user is a party-building manager."""
        if not self.env.user.has_group('party_building.group_manager'):
            raise AccessError(_(
                "Only party-building managers may manage users' party roles "
                "and scopes."))

    @api.multi
    def _party_check_manageable(self):
        """Refuse unless the current user is a party-building manager and
        may manage every user of `self`."""
        self._party_check_manager()
        allowed = self.sudo().with_context(active_test=False).search(
            self._party_manageable_domain() + [('id', 'in', self.ids)])
        if allowed != self:
            raise AccessError(_(
                "Party-building managers may manage only the internal users "
                "of their own company who are not Odoo administrators."))

    @api.multi
    def _party_set_role(self, role, organizations):
        """Give `self` exactly the party role `role` (or none if False) and
        the scope `organizations`; the rest of their rights is untouched.
        Callers check the rights first (:meth:`_party_check_manageable`)."""
        if role and role not in dict(PARTY_ROLES):
            raise AccessError(_("Unknown party role."))
        commands = [(3, self.env.ref(xmlid).id) for __, xmlid in PARTY_ROLES]
        if role:
            commands.append((4, self.env.ref(dict(PARTY_ROLES)[role]).id))
        # a context of its own: nothing the caller sends reaches this write
        self.sudo().with_context({}).write({
            'groups_id': commands,
            'party_organization_ids': [(6, 0, organizations.ids)],
        })
        return True
