"""The access matrix: every role x model x operation, in and out of scope."""
from odoo.exceptions import AccessError, UserError

from .common import PartyCase

ALLOWED, DENIED = True, False


class TestAccessMatrix(PartyCase):

    def check(self, allowed, operation, msg):
        """Run operation(); it must succeed if allowed, else raise
        AccessError."""
        if allowed:
            operation()
        else:
            with self.assertRefused(AccessError, msg=msg):
                operation()

    def visible(self, user, model):
        return self.as_user(user, model).search([])

    # -- read ---------------------------------------------------------------

    def test_read_scope(self):
        all_orgs = (self.root | self.city_a | self.city_b | self.branch_a1
                    | self.branch_a2 | self.branch_b1 | self.group_a1)
        all_members = (self.member_a1 | self.member_g1 | self.member_a2
                       | self.member_b1)
        city_a_tree = (self.city_a | self.branch_a1 | self.branch_a2
                       | self.group_a1)
        expected = {
            self.viewer: (city_a_tree,
                          self.member_a1 | self.member_g1 | self.member_a2),
            self.secretary: (self.branch_a1 | self.group_a1,
                             self.member_a1 | self.member_g1),
            self.officer: (city_a_tree,
                           self.member_a1 | self.member_g1 | self.member_a2),
            self.nobody: (self.env['party.organization'],
                          self.env['party.member']),
        }
        for user, (orgs, members) in expected.items():
            self.assertEqual(set(self.visible(user, 'party.organization').ids),
                             set(orgs.ids), user.login)
            self.assertEqual(set(self.visible(user, 'party.member').ids),
                             set(members.ids), user.login)
        # managers see the whole company (at least everything made here)
        self.assertLessEqual(set(all_orgs.ids), set(
            self.visible(self.manager, 'party.organization').ids))
        self.assertLessEqual(set(all_members.ids), set(
            self.visible(self.manager, 'party.member').ids))

    def test_read_outside_scope_refused(self):
        for user in (self.viewer, self.secretary, self.officer):
            self.check(DENIED, lambda: self.as_user(
                user, 'party.member').browse(self.member_b1.id).read(['name']),
                user.login)
            self.check(DENIED, lambda: self.as_user(
                user, 'party.organization').browse(self.branch_b1.id).read(
                    ['name']), user.login)
        # siblings: the secretary of A1 cannot read branch A2
        self.check(DENIED, lambda: self.as_user(
            self.secretary, 'party.member').browse(self.member_a2.id).read(
                ['name']), 'sibling member')
        self.check(DENIED, lambda: self.as_user(
            self.nobody, 'party.organization').browse(self.root.id).read(
                ['name']), 'no scope')

    # -- create / write / unlink --------------------------------------------

    def test_write_matrix(self):
        cases = [
            # user, record, allowed
            (self.viewer, self.member_a1, DENIED),
            (self.secretary, self.member_a1, ALLOWED),
            (self.secretary, self.member_g1, ALLOWED),
            (self.secretary, self.member_a2, DENIED),  # sibling
            (self.officer, self.member_a2, ALLOWED),
            (self.officer, self.member_b1, DENIED),
            (self.manager, self.member_b1, ALLOWED),
            (self.nobody, self.member_a1, DENIED),
            (self.viewer, self.branch_a1, DENIED),
            (self.secretary, self.branch_a1, ALLOWED),
            (self.secretary, self.branch_a2, DENIED),
            (self.secretary, self.city_a, DENIED),  # above the scope
            (self.officer, self.branch_a2, ALLOWED),
            (self.officer, self.branch_b1, DENIED),
            (self.manager, self.branch_b1, ALLOWED),
            (self.nobody, self.branch_a1, DENIED),
        ]
        for user, record, allowed in cases:
            self.check(allowed, lambda: record.sudo(user).write(
                {'name': record.name + '.'}),
                '%s %s' % (user.login, record.name))

    def test_create_matrix(self):
        cases = [
            (self.viewer, self.branch_a1, DENIED),
            (self.secretary, self.branch_a1, ALLOWED),
            (self.secretary, self.branch_a2, DENIED),
            (self.officer, self.branch_a2, ALLOWED),
            (self.officer, self.branch_b1, DENIED),
            (self.manager, self.branch_b1, ALLOWED),
            (self.nobody, self.branch_a1, DENIED),
        ]
        for user, org, allowed in cases:
            msg = '%s in %s' % (user.login, org.name)
            self.check(allowed, lambda: self.as_user(
                user, 'party.member').create(
                    {'name': 'New', 'organization_id': org.id}), msg)
            self.check(allowed, lambda: self.as_user(
                user, 'party.organization').create(
                    {'name': 'New Group', 'kind': 'group',
                     'parent_id': org.id}), msg)
        # nobody but a manager creates outside every scope (top level)
        for user, allowed in [(self.secretary, DENIED), (self.officer, DENIED),
                              (self.manager, ALLOWED)]:
            self.check(allowed, lambda: self.as_user(
                user, 'party.organization').create(
                    {'name': 'Top', 'kind': 'committee'}), user.login)

    def test_unlink_matrix(self):
        cases = [
            (self.viewer, self.branch_a1, DENIED),
            (self.secretary, self.branch_a1, DENIED),  # archives instead
            (self.officer, self.branch_a2, ALLOWED),
            (self.officer, self.branch_b1, DENIED),
            (self.manager, self.branch_b1, ALLOWED),
        ]
        for user, org, allowed in cases:
            member = self.make_member('Doomed', org)
            group = self.make_org('Doomed Group', 'group', org)
            msg = '%s in %s' % (user.login, org.name)
            self.check(allowed, lambda: member.sudo(user).unlink(), msg)
            self.check(allowed, lambda: group.sudo(user).unlink(), msg)
            self.assertEqual(bool(member.exists()), not allowed, msg)

    def test_moves_stay_in_scope(self):
        # a member moves only through a transfer of membership
        # (tests/test_transfer.py), even within the user's scope
        for user, org in ((self.secretary, self.branch_b1),
                          (self.officer, self.branch_a2),
                          (self.manager, self.branch_b1)):
            with self.assertRefused(UserError, 'transfer of membership'):
                self.member_a1.sudo(user).write({'organization_id': org.id})
            self.assertEqual(self.member_a1.organization_id, self.branch_a1)
        # a secretary cannot move a group out of their scope
        self.check(DENIED, lambda: self.group_a1.sudo(self.secretary).write(
            {'parent_id': self.branch_a2.id}), 'group move')

    def test_scope_follows_user_changes(self):
        Member = self.env['party.member']
        self.assertFalse(Member.sudo(self.nobody).search([]))
        self.nobody.party_organization_ids = self.city_b
        self.assertEqual(Member.sudo(self.nobody).search([]), self.member_b1)
        # and organizations moved into the scope
        self.branch_a2.parent_id = self.city_b
        self.assertEqual(Member.sudo(self.nobody).search([]),
                         self.member_a2 | self.member_b1)

    def test_multi_company(self):
        other = self.env['res.company'].create({'name': 'Other Party Co'})
        foreign = self.env['party.organization'].create({
            'name': 'Foreign Committee', 'kind': 'committee',
            'company_id': other.id})
        foreign_branch = self.make_org('Foreign Branch', 'branch', foreign,
                                       company_id=other.id)
        foreign_member = self.make_member('Foreign Member', foreign_branch)
        self.assertEqual(foreign_member.company_id, other)
        Org = self.env['party.organization'].sudo(self.manager)
        self.assertNotIn(foreign, Org.search([]))
        self.assertNotIn(foreign_member,
                         self.env['party.member'].sudo(self.manager).search([]))
        # even a scope root in another company grants nothing there
        self.officer.party_organization_ids |= foreign
        self.assertNotIn(foreign_branch,
                         self.env['party.organization'].sudo(
                             self.officer).search([]))

    # -- sensitive fields -----------------------------------------------------

    def test_id_number_only_for_officers(self):
        self.member_a1.sudo(self.officer).id_number = '11010519491231002X'
        for user in (self.viewer, self.secretary):
            Member = self.as_user(user, 'party.member')
            self.assertNotIn('id_number', Member.fields_get())
            self.check(DENIED, lambda: Member.browse(
                self.member_a1.id).read(['id_number']), user.login)
            self.check(DENIED, lambda: Member.search(
                [('id_number', '=', '11010519491231002X')]), user.login)
        for user in (self.officer, self.manager):
            self.assertEqual(self.member_a1.sudo(user).id_number,
                             '11010519491231002X')

    def test_employee_member_link_hidden_without_party_role(self):
        hr_user = self.env['res.users'].create({
            'name': 'HR Clerk', 'login': 'test_hr_clerk',
            'groups_id': [(6, 0, [self.env.ref('hr.group_hr_user').id])]})
        Employee = self.env['hr.employee'].sudo(hr_user)
        self.assertNotIn('party_member_id', Employee.fields_get())
        self.assertIn('party_member_id',
                      self.env['hr.employee'].sudo(self.viewer).fields_get())

    # -- configuration --------------------------------------------------------

    def test_configuration_for_managers(self):
        for model, vals in [
                ('party.term.length', {'kind': 'group', 'years': 2}),
                ('party.position.role', {'name': 'Liaison'}),
                ('party.meeting.type', {'name': 'Study Session'})]:
            for user in (self.viewer, self.secretary, self.officer):
                Model = self.as_user(user, model)
                self.assertTrue(Model.search([], limit=1), model)  # seeded
                with self.assertRefused(AccessError, msg=model):
                    Model.create(vals)
            self.assertTrue(self.as_user(self.manager, model).create(vals))


class TestArchiveButtons(PartyCase):
    """The Archive button of members and organizations shows for
    secretaries up; called over RPC by a viewer, the model refuses it."""

    def test_viewer_cannot_archive(self):
        empty = self.make_org('Empty Branch', 'branch', self.city_a)
        for record in (self.member_a1, empty):
            with self.assertRefused(AccessError, msg=record._name):
                record.sudo(self.viewer).toggle_active()
            self.assertTrue(record.active)

    def test_secretary_archives_in_scope_only(self):
        member = self.make_member('Archived Member', self.branch_a1)
        member.sudo(self.secretary).toggle_active()
        self.assertFalse(member.active)
        with self.assertRefused(AccessError):
            self.member_b1.sudo(self.secretary).toggle_active()
        self.assertTrue(self.member_b1.active)
