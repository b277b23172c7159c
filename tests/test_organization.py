from unittest import mock

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import PartyCase


class TestOrganizationTree(PartyCase):

    def paths(self):
        self.env['party.organization'].invalidate_cache(['path'])
        orgs = self.env['party.organization'].with_context(
            active_test=False).search([])
        return {org.id: org.path for org in orgs}

    def test_paths_follow_the_tree(self):
        self.assertEqual(self.root.path, '%d/' % self.root.id)
        self.assertEqual(self.group_a1.path, '%d/%d/%d/%d/' % (
            self.root.id, self.city_a.id, self.branch_a1.id,
            self.group_a1.id))

    def test_cycle_refused(self):
        with self.assertRefused(ValidationError):
            self.root.write({'parent_id': self.city_a.id})
        with self.assertRefused(ValidationError):
            self.city_a.write({'parent_id': self.city_a.id})
        self.assertFalse(self.root.parent_id)

    def test_nesting_rules(self):
        # a party group only under a branch
        with self.assertRefused(ValidationError, 'cannot be placed'):
            self.make_org('Loose Group', 'group', self.city_a)
        with self.assertRefused(ValidationError, 'must belong'):
            self.env['party.organization'].create(
                {'name': 'Orphan Group', 'kind': 'group'})
        # a branch under a committee or a general branch, not a branch
        with self.assertRefused(ValidationError, 'cannot be placed'):
            self.make_org('Nested Branch', 'branch', self.branch_a1)
        general = self.make_org('General', 'general_branch', self.city_a)
        self.assertTrue(self.make_org('Under General', 'branch', general))
        # a committee never under a branch
        with self.assertRefused(ValidationError, 'cannot be placed'):
            self.make_org('Wrong Committee', 'committee', self.branch_a2)
        # changing a kind must keep its children valid
        with self.assertRefused(ValidationError, 'cannot be placed'):
            self.branch_a1.kind = 'committee'

    def test_move_rewrites_only_the_subtree(self):
        before = self.paths()
        self.branch_a1.parent_id = self.city_b
        after = self.paths()
        moved = {self.branch_a1.id, self.group_a1.id}
        for org_id, path in before.items():
            if org_id not in moved:
                self.assertEqual(after[org_id], path)
        prefix = '%d/%d/%d/' % (self.root.id, self.city_b.id,
                                self.branch_a1.id)
        self.assertEqual(after[self.branch_a1.id], prefix)
        self.assertEqual(after[self.group_a1.id],
                         prefix + '%d/' % self.group_a1.id)
        # subtree searches follow the move
        Org = self.env['party.organization']
        self.assertEqual(
            Org.search([('path', '=like', self.city_b.path + '%')]),
            self.city_b | self.branch_b1 | self.branch_a1 | self.group_a1)

    def test_move_to_top_level(self):
        self.city_a.parent_id = False
        self.assertEqual(self.city_a.path, '%d/' % self.city_a.id)
        self.branch_a1.invalidate_cache(['path'])
        self.assertEqual(self.group_a1.path, '%d/%d/%d/' % (
            self.city_a.id, self.branch_a1.id, self.group_a1.id))

    def test_code_unique_per_company(self):
        other = self.env['res.company'].create({'name': 'Other Company'})
        self.env['party.organization'].create({
            'name': 'Elsewhere', 'kind': 'committee', 'code': 'T-ROOT',
            'company_id': other.id})
        with mute_logger('odoo.sql_db'), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env['party.organization'].create({
                    'name': 'Duplicate', 'kind': 'committee',
                    'code': 'T-ROOT'})

    def test_parent_in_same_company(self):
        other = self.env['res.company'].create({'name': 'Other Company'})
        with self.assertRefused(ValidationError, 'same company'):
            self.make_org('Foreign', 'branch', self.city_a,
                          company_id=other.id)

    def test_unlink_refused_with_members_or_children(self):
        with self.assertRefused(UserError, 'cannot be deleted'):
            self.branch_a2.unlink()  # has a member
        with self.assertRefused(UserError, 'cannot be deleted'):
            self.city_b.unlink()  # has a child
        # an archived member still blocks deletion: nothing is lost
        self.member_a2.active = False
        with self.assertRefused(UserError, 'cannot be deleted'):
            self.branch_a2.unlink()
        empty = self.make_org('Empty', 'branch', self.city_b)
        empty.unlink()
        self.assertFalse(empty.exists())

    def test_archive_refused_with_active_members_or_children(self):
        with self.assertRefused(UserError, 'archive or move'):
            self.branch_a2.active = False
        self.member_a2.active = False
        self.branch_a2.active = False
        self.assertFalse(self.branch_a2.active)

    def test_counts(self):
        self.make_member('Full One', self.branch_a1, status='full',
                         join_date='2015-01-01', full_date='2016-01-01')
        self.assertEqual(self.branch_a1.full_member_count, 1)
        # branch counts include its party groups
        self.assertEqual(self.branch_a1.probationary_member_count, 2)
        self.assertEqual(self.city_a.member_count, 4)
        self.assertEqual(self.root.member_count, 5)
        self.assertEqual(self.city_a.child_count, 2)
        self.assertEqual(self.group_a1.child_count, 0)

    def test_counts_cost_fixed_queries(self):
        def queries_for(records):
            records.invalidate_cache()
            with self.count_queries() as n:
                records.mapped('member_count')
                records.mapped('child_count')
            return n[0]
        few = self.root | self.city_a
        many = few | self.city_b | self.branch_a1 | self.branch_a2 \
            | self.branch_b1 | self.group_a1
        queries_for(few)  # warm the caches of access rights and metadata
        self.assertEqual(queries_for(few), queries_for(many))

    def test_view_actions(self):
        action = self.city_a.action_view_members()
        members = self.env['party.member'].search(action['domain'])
        self.assertEqual(members,
                         self.member_a1 | self.member_g1 | self.member_a2)
        action = self.city_a.action_view_children()
        self.assertEqual(
            self.env['party.organization'].search(action['domain']),
            self.branch_a1 | self.branch_a2)


class TestOrganizationMoves(PartyCase):
    """Moves that the path trigger must handle or refuse cleanly."""

    def assertPathsFollowParents(self):
        self.env.cr.execute("""
            SELECT org.id FROM party_organization org
         LEFT JOIN party_organization parent ON parent.id = org.parent_id
             WHERE org.path IS DISTINCT FROM
                   COALESCE(parent.path, '') || org.id || '/'""")
        self.assertEqual(self.env.cr.fetchall(), [])

    def test_move_with_a_descendant_in_one_write(self):
        # in both orders: which row PostgreSQL updates first must not matter
        for orgs in (self.city_a | self.branch_a1,
                     self.branch_a1 | self.city_a):
            with self.env.cr.savepoint():
                orgs.write({'parent_id': self.city_b.id})
                self.assertPathsFollowParents()
                self.assertEqual(self.branch_a1.path, '%d/%d/%d/' % (
                    self.root.id, self.city_b.id, self.branch_a1.id))
                self.assertEqual(self.branch_a2.path, '%d/%d/%d/%d/' % (
                    self.root.id, self.city_b.id, self.city_a.id,
                    self.branch_a2.id))
                self.assertTrue(self.group_a1.path.startswith(
                    self.branch_a1.path))
            self.env.clear()

    def test_database_refuses_a_cycle(self):
        # a move past the ORM's check: the trigger refuses it, and the ORM
        # turns its error into the usual message
        with mute_logger('odoo.sql_db'), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE party_organization SET parent_id = %s "
                    "WHERE id = %s", [self.group_a1.id, self.city_a.id])
        Org = type(self.env['party.organization'])
        with mock.patch.object(Org, '_check_move', lambda self, p: None), \
                mute_logger('odoo.sql_db'), \
                self.assertRefused(ValidationError, 'under itself'):
            self.city_a.write({'parent_id': self.branch_a1.id})
        self.assertPathsFollowParents()

    def refusal(self, exception, call):
        """The message of the `exception` that call() must raise."""
        with self.assertRaises(exception) as ctx:
            with self.env.cr.savepoint():
                call()
        self.env.clear()
        return ctx.exception.name

    def test_messages_do_not_name_organizations_out_of_scope(self):
        Org = self.as_user(self.officer, 'party.organization')
        # a parent id outside the scope, tried on create: the link itself
        # is refused (party_guard), before any constraint could name it
        message = self.refusal(AccessError, lambda: Org.create({
            'name': 'Probe', 'kind': 'branch',
            'parent_id': self.branch_b1.id}))
        self.assertIn('access to', message)
        self.assertNotIn('Branch B1', message)
        # inside the scope it is named
        message = self.refusal(ValidationError, lambda: Org.create({
            'name': 'Probe', 'kind': 'branch',
            'parent_id': self.branch_a2.id}))
        self.assertIn('Branch A2', message)
        # the officer's scope root sits under the out-of-scope root
        message = self.refusal(ValidationError, lambda: Org.browse(
            self.city_a.id).write({'kind': 'group'}))
        self.assertIn('cannot be placed', message)
        self.assertNotIn('Root Committee', message)
        # archive, delete and move checks refuse foreign records first
        foreign = Org.browse(self.branch_b1.id)
        for attempt in (lambda: foreign.write({'active': False}),
                        lambda: foreign.unlink(),
                        lambda: foreign.write({'parent_id': self.city_a.id})):
            self.assertNotIn('Branch B1', self.refusal(AccessError, attempt))
