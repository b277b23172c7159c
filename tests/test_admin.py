"""Administration by a party-building manager without Odoo's
Administration rights: the addon's settings, party roles and scopes,
logins for members; and every way a manager, or someone less, might
reach for more."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import PartyCase


class AdminCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(AdminCase, cls).setUpClass()
        cls.plain = cls.env['res.users'].create({
            'name': 'Plain Employee', 'login': 'test_plain',
            'email': 'plain@example.com',
            'groups_id': [(6, 0, [cls.env.ref('base.group_user').id])]})
        cls.other_company = cls.env['res.company'].create(
            {'name': 'Other Company'})
        cls.foreign = cls.env['res.users'].create({
            'name': 'Foreign Employee', 'login': 'test_foreign',
            'email': 'foreign@example.com',
            'company_id': cls.other_company.id,
            'company_ids': [(6, 0, cls.other_company.ids)],
            'groups_id': [(6, 0, [cls.env.ref('base.group_user').id])]})
        cls.odoo_admin = cls.env['res.users'].create({
            'name': 'Odoo Administrator', 'login': 'test_odoo_admin',
            'email': 'odoo_admin@example.com',
            'groups_id': [(6, 0, [cls.env.ref('base.group_system').id])]})

    def groups_of(self, *xmlids):
        """The groups and everything they imply."""
        groups = self.env['res.groups']
        for xmlid in xmlids:
            group = self.env.ref(xmlid)
            groups |= group | group.trans_implied_ids
        return groups

    def test_manager_has_no_administration_rights(self):
        for xmlid in ('base.group_erp_manager', 'base.group_system'):
            self.assertFalse(self.manager.has_group(xmlid))


class TestSettings(AdminCase):

    def settings(self, user, **values):
        Settings = self.env['party.config.settings'].sudo(user)
        defaults = Settings.default_get(list(Settings._fields))
        defaults.update(values)
        return Settings.create(defaults)

    def test_manager_opens_and_saves(self):
        self.company.party_term_warning_days = 90
        Settings = self.env['party.config.settings'].sudo(self.manager)
        self.assertEqual(Settings.default_get(
            ['party_term_warning_days'])['party_term_warning_days'], 90)
        result = self.settings(self.manager, party_term_warning_days=60,
                               party_flag_term_overdue=False,
                               party_probation_months=12).action_save()
        self.assertEqual(result.get('tag'), 'reload')
        self.assertEqual(self.company.party_term_warning_days, 60)
        self.assertFalse(self.company.party_flag_term_overdue)

    def test_company_rules_still_checked(self):
        with self.assertRefused(ValidationError):
            self.settings(self.manager, party_committee_min_size=9,
                          party_committee_max_size=5).action_save()
        with self.assertRefused(ValidationError):
            self.settings(self.manager,
                          party_term_warning_days=-1).action_save()
        self.assertEqual(self.company.party_committee_min_size, 3)

    def test_others_may_not_save(self):
        before = self.company.party_term_warning_days
        for user in (self.officer, self.secretary, self.viewer):
            with self.assertRefused(AccessError):
                self.settings(user, party_term_warning_days=1).action_save()
        self.assertEqual(self.company.party_term_warning_days, before)

    def test_settings_save_nothing_else(self):
        """Only the company's party-building numbers: Odoo's settings stay
        the administrators', and the company's other fields too."""
        self.assertFalse([name for name in self.env['party.config.settings']
                          ._party_setting_names()
                          if not name.startswith('party_')])
        with self.assertRefused(AccessError):
            self.env['res.config.settings'].sudo(self.manager).create(
                {}).execute()
        with self.assertRefused(AccessError):
            self.company.sudo(self.manager).write({'name': 'Renamed'})


class TestUsersAndScopes(AdminCase):

    def test_action_domain_evaluates(self):
        """The client evaluates the domain: no ref() in it."""
        action = self.env.ref('party_building.res_users_action_party_scope')
        domain = safe_eval(action.domain, {})
        context = safe_eval(action.context, {})
        self.assertTrue(context.get('search_default_party_roles'))
        users = self.env['res.users'].sudo(self.manager).search(
            domain + [('party_role', '!=', False)])
        self.assertLessEqual(self.officer | self.secretary | self.viewer
                             | self.manager, users)
        self.assertNotIn(self.plain, users)

    def test_roles_shown_and_searched(self):
        Users = self.env['res.users'].sudo(self.manager)
        self.assertEqual(Users.browse(self.officer.id).party_role, 'officer')
        self.assertEqual(Users.browse(self.viewer.id).party_role, 'viewer')
        self.assertFalse(Users.browse(self.plain.id).party_role)
        officers = Users.search([('party_role', '=', 'officer')])
        self.assertIn(self.officer, officers)
        self.assertIn(self.nobody, officers)
        self.assertNotIn(self.manager, officers)
        self.assertNotIn(self.secretary, officers)
        self.assertIn(self.plain, Users.search([('party_role', '=', False)]))
        self.assertNotIn(self.officer,
                         Users.search([('party_role', '!=', 'officer')]))

    def test_who_is_responsible_for_an_organization(self):
        Users = self.env['res.users'].sudo(self.manager)
        responsible = Users.search(
            [('party_responsible_for_id', '=', self.group_a1.id)])
        self.assertLessEqual(self.secretary | self.officer | self.viewer
                             | self.manager, responsible)
        self.assertNotIn(self.nobody, responsible)
        others = Users.search(
            [('party_responsible_for_id', '=', self.branch_b1.id)])
        self.assertIn(self.manager, others)
        self.assertFalse((self.secretary | self.officer | self.viewer)
                         & others)
        self.assertIn(self.officer, Users.search(
            [('party_responsible_for_id', 'ilike', 'Branch A2')]))


class TestRoleWizard(AdminCase):

    def give(self, user, target, role, *orgs):
        wizard = self.env['party.user.role'].sudo(user).create({
            'user_id': target.id, 'role': role,
            'organization_ids': [(6, 0, [o.id for o in orgs])]})
        return wizard.action_apply()

    def test_manager_gives_role_and_scope(self):
        opened = self.plain.sudo(self.manager).action_party_role()
        self.assertEqual(opened['res_model'], 'party.user.role')
        defaults = self.env['party.user.role'].sudo(self.manager).with_context(
            opened['context']).default_get(['user_id', 'role'])
        self.assertEqual(defaults['user_id'], self.plain.id)
        self.give(self.manager, self.plain, 'officer', self.city_b)
        self.env.clear()
        self.assertEqual(self.plain.party_role, 'officer')
        self.assertEqual(self.plain.party_organization_ids, self.city_b)
        self.assertTrue(self.plain.has_group('party_building.group_viewer'))
        # the new scope applies at once
        Org = self.env['party.organization'].sudo(self.plain)
        both = self.branch_b1 | self.branch_a1
        self.assertEqual(Org.search([('id', 'in', both.ids)]),
                         self.branch_b1)
        # down to a viewer: the higher groups go
        self.give(self.manager, self.plain, 'viewer', self.city_a)
        self.env.clear()
        self.assertEqual(self.plain.party_role, 'viewer')
        self.assertFalse(self.plain.has_group('party_building.group_secretary'))
        # no role at all: an ordinary employee again
        self.give(self.manager, self.plain, False)
        self.env.clear()
        self.assertFalse(self.plain.party_role)
        self.assertTrue(self.plain.has_group('base.group_user'))
        self.assertFalse(self.plain.party_organization_ids)

    def test_role_needs_a_scope(self):
        with self.assertRefused(UserError, 'responsible'):
            self.give(self.manager, self.plain, 'secretary')
        # managers work on the whole company
        self.give(self.manager, self.plain, 'manager')
        self.assertEqual(self.plain.party_role, 'manager')

    def test_only_managers(self):
        for user in (self.officer, self.secretary, self.viewer):
            with self.assertRefused(AccessError):
                self.give(user, self.plain, 'officer', self.root)
            with self.assertRefused(AccessError):
                self.plain.sudo(user).action_party_role()
        self.assertFalse(self.plain.party_role)

    def test_no_odoo_groups(self):
        """Neither through the wizard nor past it."""
        system = self.env.ref('base.group_system')
        for role in ('system', 'base.group_system', 'admin'):
            with self.assertRefused((AccessError, ValueError, UserError)):
                self.give(self.manager, self.plain, role, self.root)
        with self.assertRefused(AccessError):
            self.plain.sudo(self.manager).write(
                {'groups_id': [(4, system.id)]})
        with self.assertRefused(AccessError):
            system.sudo(self.manager).write(
                {'users': [(4, self.plain.id)]})
        with self.assertRefused(AccessError):
            self.env.ref('party_building.group_manager').sudo(
                self.manager).write({'implied_ids': [(4, system.id)]})
        # nor can a manager widen a scope by writing users
        with self.assertRefused(AccessError):
            self.secretary.sudo(self.manager).write(
                {'party_organization_ids': [(6, 0, self.root.ids)]})
        # nor a user their own scope
        with self.assertRefused(AccessError):
            self.secretary.sudo(self.secretary).write(
                {'party_organization_ids': [(6, 0, self.root.ids)]})
        # context keys do not reach the write
        contacts = self.env.ref('base.group_partner_manager')
        self.env['party.user.role'].sudo(self.manager).with_context(
            **{'default_in_group_%d' % contacts.id: True}).create({
                'user_id': self.plain.id, 'role': 'viewer',
                'organization_ids': [(6, 0, self.root.ids)]}).action_apply()
        for xmlid in ('base.group_system', 'base.group_erp_manager',
                      'base.group_partner_manager'):
            self.assertFalse(self.plain.has_group(xmlid), xmlid)

    def test_untouchable_users(self):
        """Never the superuser, an Odoo administrator or a user of another
        company."""
        admin = self.env.ref('base.user_root')
        for target in (admin, self.odoo_admin, self.foreign):
            groups = target.groups_id
            with self.assertRefused(AccessError, 'own company'):
                self.give(self.manager, target, 'viewer', self.root)
            with self.assertRefused(AccessError):
                target.sudo(self.manager).action_party_role()
            self.assertEqual(target.groups_id, groups)
        manageable = self.env['res.users'].sudo(self.manager).search(
            [('party_manageable', '=', True)])
        self.assertIn(self.plain, manageable)
        self.assertFalse((admin | self.odoo_admin | self.foreign)
                         & manageable)
        # a user of both companies would take the role there too
        self.plain.company_ids = [(4, self.other_company.id)]
        with self.assertRefused(AccessError):
            self.give(self.manager, self.plain, 'viewer', self.root)

    def test_organizations_of_another_company(self):
        foreign_org = self.env['party.organization'].create({
            'name': 'Foreign Committee', 'kind': 'committee',
            'company_id': self.other_company.id})
        with self.assertRefused((AccessError, UserError)):
            self.give(self.manager, self.plain, 'viewer', foreign_org)
        self.assertFalse(self.plain.party_organization_ids)


class TestUserCreation(AdminCase):

    def wizard(self, user, member, **values):
        Wizard = self.env['party.user.create'].sudo(user).with_context(
            active_model='party.member', active_id=member.id)
        defaults = Wizard.default_get(list(Wizard._fields))
        defaults.update(dict({'password': 'Secret-123'}, **values))
        return Wizard.create(defaults)

    def test_manager_creates_a_login(self):
        employee = self.env['hr.employee'].create(
            {'name': 'Member A1', 'work_email': 'a1@example.com'})
        self.member_a1.employee_id = employee
        # Odoo's default user template carries HR Manager and Contact
        # Creation (hr and base data): the new login must not get them
        template = self.env.ref('base.default_user')
        self.assertTrue(template.has_group('hr.group_hr_manager'))
        wizard = self.wizard(self.manager, self.member_a1, role='secretary')
        self.assertEqual(wizard.email, 'a1@example.com')
        self.assertEqual(wizard.organization_ids, self.branch_a1)
        action = wizard.action_create()
        user = self.env['res.users'].browse(action['res_id'])
        self.assertEqual(user.login, 'a1@example.com')
        self.assertEqual(user.groups_id, self.groups_of(
            'base.group_user', 'party_building.group_secretary'))
        for xmlid in ('hr.group_hr_manager', 'hr.group_hr_user',
                      'base.group_partner_manager'):
            self.assertFalse(user.has_group(xmlid), xmlid)
        self.assertEqual(user.party_organization_ids, self.branch_a1)
        self.assertEqual(user.company_ids, self.company)
        self.assertEqual(self.member_a1.partner_id, user.partner_id)
        self.assertEqual(employee.user_id, user)
        self.assertFalse(wizard.password)
        # the new user works at once, in their scope only
        Member = self.env['party.member'].sudo(user)
        self.assertEqual(Member.search([('id', 'in', (
            self.member_a1 | self.member_b1).ids)]), self.member_a1)

    def test_context_adds_no_groups(self):
        contacts = self.env.ref('base.group_partner_manager')
        Wizard = self.env['party.user.create'].sudo(self.manager).with_context(
            **{'default_in_group_%d' % contacts.id: True,
               'default_share': True})
        wizard = Wizard.create({
            'member_id': self.member_b1.id, 'email': 'b1@example.com',
            'login': 'b1@example.com', 'password': 'Secret-123',
            'role': 'viewer',
            'organization_ids': [(6, 0, self.branch_b1.ids)]})
        user = self.env['res.users'].browse(wizard.action_create()['res_id'])
        self.assertEqual(user.groups_id, self.groups_of(
            'base.group_user', 'party_building.group_viewer'))
        self.assertFalse(user.share)

    def test_only_managers(self):
        for user in (self.officer, self.secretary):
            with self.assertRefused(AccessError):
                self.wizard(user, self.member_a1, email='x@example.com',
                            login='x@example.com').action_create()
        self.assertFalse(self.env['res.users'].search(
            [('login', '=', 'x@example.com')]))

    def test_bad_input(self):
        with self.assertRefused(UserError, 'valid email'):
            self.wizard(self.manager, self.member_a1, email='not an email',
                        login='a1').action_create()
        with self.assertRefused(UserError, 'valid email'):
            self.wizard(self.manager, self.member_a1, email='  ',
                        login='a1').action_create()
        with self.assertRefused(UserError, 'already used'):
            self.wizard(self.manager, self.member_a1, email='a@example.com',
                        login=self.secretary.login).action_create()
        with self.assertRefused((AccessError, ValueError, UserError)):
            self.wizard(self.manager, self.member_a1, email='a@example.com',
                        login='a@example.com',
                        role='system').action_create()
        self.assertFalse(self.member_a1.partner_id)

    def test_one_login_per_member(self):
        self.wizard(self.manager, self.member_a2, email='a2@example.com',
                    login='a2@example.com').action_create()
        with self.assertRefused(UserError, 'already has a login'):
            self.wizard(self.manager, self.member_a2, email='a2b@example.com',
                        login='a2b@example.com').action_create()

    def test_company_contact_not_taken(self):
        """A member's contact set to the company's own partner: the login
        gets a contact of its own, the company keeps its name."""
        self.member_b1.partner_id = self.company.partner_id
        name = self.company.name
        user = self.env['res.users'].browse(self.wizard(
            self.manager, self.member_b1, email='b1@example.com',
            login='b1@example.com').action_create()['res_id'])
        self.assertNotEqual(user.partner_id, self.company.partner_id)
        self.assertEqual(self.company.name, name)
        self.assertEqual(self.member_b1.partner_id, user.partner_id)

    def test_member_of_another_company(self):
        foreign_org = self.env['party.organization'].create({
            'name': 'Foreign Branch Committee', 'kind': 'committee',
            'company_id': self.other_company.id})
        foreign_branch = self.make_org('Foreign Branch', 'branch',
                                       foreign_org,
                                       company_id=self.other_company.id)
        foreign_member = self.make_member('Foreign Member', foreign_branch)
        with self.assertRefused((AccessError, UserError)):
            self.env['party.user.create'].sudo(self.manager).create({
                'member_id': foreign_member.id, 'email': 'f@example.com',
                'login': 'f@example.com', 'password': 'Secret-123',
                'role': 'viewer'}).action_create()
