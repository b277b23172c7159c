"""Ways around the scope and the sensitive fields that Odoo 11 leaves open
by default, each closed."""
from odoo.exceptions import AccessError, ValidationError

from .common import PartyCase

ID = '11010519491231002X'


class TestLoopholes(PartyCase):

    def test_path_cannot_be_written(self):
        before = self.branch_a1.path
        self.branch_a1.sudo(self.secretary).write({'path': '1/'})
        self.branch_a1.invalidate_cache()
        self.assertEqual(self.branch_a1.path, before)
        # even in raw SQL the database keeps the path to the parent
        self.env.cr.execute("UPDATE party_organization SET path = '1/' "
                            "WHERE id = %s", [self.branch_a1.id])
        self.branch_a1.invalidate_cache()
        self.assertEqual(self.branch_a1.path, before)
        self.assertEqual(
            self.env['party.member'].sudo(self.secretary).search([]),
            self.member_a1 | self.member_g1)

    def test_scope_roots_stay_put(self):
        for parent in (False, self.city_b.id):
            with self.assertRefused(AccessError, 'your scope', msg=parent):
                self.branch_a1.sudo(self.secretary).write(
                    {'parent_id': parent})
        # an officer moves within the subtree, not out of it
        self.branch_a2.sudo(self.officer).parent_id = self.city_a
        with self.assertRefused(AccessError, 'your scope'):
            self.branch_a2.sudo(self.officer).parent_id = self.city_b
        self.branch_a2.sudo(self.manager).parent_id = self.city_b
        self.assertEqual(self.branch_a2.parent_id, self.city_b)

    def test_id_number_unusable_below_officer(self):
        self.member_a1.sudo(self.officer).id_number = ID
        for user in (self.viewer, self.secretary):
            Member = self.as_user(user, 'party.member')
            uses = [
                lambda: Member.read_group([], ['id_number'], ['id_number']),
                lambda: Member.read_group(
                    [('id_number', '=like', '110%')], ['status'], ['status']),
                lambda: Member.search([], order='id_number'),
                lambda: Member.browse(self.member_a1.id).export_data(
                    ['name', 'id_number']),
                lambda: Member.create({'name': 'Probe', 'id_number': ID,
                                       'organization_id': self.branch_a1.id}),
            ]
            for use in uses:
                # a viewer may not create at all; Odoo's ACL says so first
                with self.assertRefused(AccessError, 'ID Number|create'):
                    use()
        # ordinary searches and groupings still work
        self.assertTrue(self.as_user(self.viewer, 'party.member').search(
            [(1, '=', 1)]))
        self.assertTrue(self.as_user(self.viewer, 'party.member').read_group(
            [], ['status'], ['status']))

    def test_id_number_not_in_chatter(self):
        self.member_a1.sudo(self.officer).with_context(
            tracking_disable=False, mail_notrack=False).id_number = ID
        tracked = self.member_a1.message_ids.mapped(
            'tracking_value_ids.field')
        self.assertNotIn('id_number', tracked)

    def test_tracked_change_by_secretary(self):
        member = self.member_a1.sudo(self.secretary).with_context(
            tracking_disable=False, mail_notrack=False)
        member.name = 'Member A1 Renamed'
        self.assertIn('name', self.member_a1.message_ids.mapped(
            'tracking_value_ids.field'))

    def test_derived_fields_follow_the_organization(self):
        other = self.env['res.company'].create({'name': 'Elsewhere'})
        for vals in ({'company_id': other.id},
                     {'branch_id': self.branch_a1.id}):
            with self.assertRefused(AccessError, 'cannot be set directly'):
                self.member_a1.sudo(self.secretary).write(vals)
        self.assertEqual(self.member_a1.company_id, self.company)
        self.assertEqual(self.member_a1.branch_id, self.branch_a1)

    def test_kind_change_keeps_members_in_branches(self):
        with self.assertRefused(ValidationError, 'has members'):
            self.branch_a2.kind = 'committee'

    def test_scope_changes_from_the_organization(self):
        Member = self.env['party.member'].sudo(self.nobody)
        self.assertFalse(Member.search([]))
        self.branch_b1.sudo(self.manager).responsible_user_ids = self.nobody
        self.assertEqual(Member.search([]), self.member_b1)
        self.branch_b1.sudo(self.manager).responsible_user_ids = False
        self.assertFalse(Member.search([]))

    def test_responsible_users_for_managers_only(self):
        with self.assertRefused(AccessError):
            self.branch_a1.sudo(self.secretary).write(
                {'responsible_user_ids': [(4, self.nobody.id)]})

    def test_employee_membership_not_searchable(self):
        employee = self.env['hr.employee'].create({'name': 'Member Emp'})
        outside = self.env['hr.employee'].create({'name': 'Outside Emp'})
        self.member_a1.employee_id = employee
        self.member_b1.employee_id = outside
        plain = self.env['res.users'].create({
            'name': 'Plain', 'login': 'test_plain',
            'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        with self.assertRefused(AccessError, 'party membership'):
            self.env['hr.employee'].sudo(plain).search(
                [('party_member_ids', '!=', False)])
        found = self.env['hr.employee'].sudo(self.viewer).search(
            [('party_member_ids', '!=', False)])
        self.assertIn(employee, found)
        self.assertNotIn(outside, found)
