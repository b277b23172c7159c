"""Moves and creates on the organization tree in two real transactions
(see concurrency.py).

Tree, committed in setUp::

    top
    ├── a ── a2 ── a3
    └── b ── b2
"""
# they commit on purpose: the other transaction must see the data
# pylint: disable=invalid-commit
import logging

import psycopg2

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .concurrency import ConcurrencyCase

TAG = 'Concurrency test '
SERIALIZATION_FAILURE = '40001'
CYCLE = 'cannot be placed under itself'


class TestTreeConcurrency(ConcurrencyCase):

    def setUp(self):
        super(TestTreeConcurrency, self).setUp()
        self.addCleanup(self.remove_tree)
        self.top = self.make('top', None)
        self.a = self.make('a', self.top)
        self.a2 = self.make('a2', self.a)
        self.a3 = self.make('a3', self.a2)
        self.b = self.make('b', self.top)
        self.b2 = self.make('b2', self.b)
        self.cr.commit()
        self.start_waiting()

    def make(self, name, parent, env=None):
        return (env or self.env)['party.organization'].create({
            'name': TAG + name, 'kind': 'committee',
            'parent_id': parent and parent.id})

    def remove_tree(self):
        # one statement, so that even a broken tree (a cycle) goes; the
        # context above keeps mail from adding followers or messages
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM party_organization WHERE name LIKE %s",
                       [TAG + '%'])

    def assertTreeConsistent(self):
        """Every path is its parent's path plus its id: no stale path, and
        no cycle (a path would have to contain itself)."""
        with self.registry.cursor() as cr:
            cr.execute("""
                SELECT org.id, org.path, parent.path
                  FROM party_organization org
             LEFT JOIN party_organization parent ON parent.id = org.parent_id
                 WHERE org.path IS DISTINCT FROM
                       COALESCE(parent.path, '') || org.id || '/'""")
            self.assertEqual(cr.fetchall(), [])

    def path(self, org_id):
        with self.registry.cursor() as cr:
            cr.execute("SELECT path FROM party_organization WHERE id = %s",
                       [org_id])
            return cr.fetchone()[0]

    def path_of(self, *orgs):
        return ''.join('%d/' % org.id for org in orgs)

    # -- a move and a create under the moved subtree ---------------------

    def test_create_waiting_for_a_move(self):
        self.a.write({'parent_id': self.b.id})
        with self.assertLogs('odoo.service.model', logging.INFO) as logs:
            thread, result = self.rpc_in_thread('party.organization', 'create', {
                'name': TAG + 'new', 'kind': 'committee',
                'parent_id': self.a3.id})
            self.finish(thread, logs)
        self.assertNotIn('error', result)
        self.assertTreeConsistent()
        self.assertEqual(self.path(result['value']), self.path_of(
            self.top, self.b, self.a, self.a2, self.a3) + '%d/' % result[
                'value'])

    def test_move_waiting_for_a_create(self):
        new = self.make('new', self.a3)
        with self.assertLogs('odoo.service.model', logging.INFO) as logs:
            thread, result = self.rpc_in_thread(
                'party.organization', 'write', [self.a.id], {'parent_id': self.b.id})
            self.finish(thread, logs)
        self.assertNotIn('error', result)
        self.assertTreeConsistent()
        self.assertEqual(self.path(new.id), self.path_of(
            self.top, self.b, self.a, self.a2, self.a3, new))

    def test_move_with_a_snapshot_older_than_a_create(self):
        """No waiting at all: the create commits between the mover's first
        read and its move, so the move's snapshot cannot see the new
        organization. It must fail rather than leave it behind."""
        cr2, env2 = self.other_cursor()
        env2['party.organization'].browse(self.a.id).name  # the snapshot
        new = self.make('new', self.a3)
        self.cr.commit()
        with mute_logger('odoo.sql_db'), self.assertRaises(
                psycopg2.OperationalError) as failure:
            env2['party.organization'].browse(self.a.id).write(
                {'parent_id': self.b.id})
        self.assertEqual(failure.exception.pgcode, SERIALIZATION_FAILURE)
        cr2.rollback()
        env2.clear()
        # the retry sees the new organization
        env2['party.organization'].browse(self.a.id).write(
            {'parent_id': self.b.id})
        cr2.commit()
        self.assertTreeConsistent()
        self.assertEqual(self.path(new.id), self.path_of(
            self.top, self.b, self.a, self.a2, self.a3, new))

    def test_create_with_a_snapshot_older_than_a_move(self):
        cr2, env2 = self.other_cursor()
        env2['party.organization'].browse(self.a3.id).name  # the snapshot
        self.a.write({'parent_id': self.b.id})
        self.cr.commit()
        with mute_logger('odoo.sql_db'), self.assertRaises(
                psycopg2.OperationalError) as failure:
            self.make('new', self.a3, env2)
        self.assertEqual(failure.exception.pgcode, SERIALIZATION_FAILURE)
        cr2.rollback()
        env2.clear()
        new = self.make('new', self.a3, env2)
        cr2.commit()
        self.assertTreeConsistent()
        self.assertEqual(self.path(new.id), self.path_of(
            self.top, self.b, self.a, self.a2, self.a3, new))

    def test_plain_sql_move_with_an_older_snapshot(self):
        """The guarantee is the trigger's, not the ORM's: a bulk move in
        SQL fails the same way."""
        cr2, env2 = self.other_cursor()
        cr2.execute("SELECT 1 FROM party_organization LIMIT 1")
        new = self.make('new', self.a3)
        self.cr.commit()
        with mute_logger('odoo.sql_db'), self.assertRaises(
                psycopg2.OperationalError) as failure:
            cr2.execute("UPDATE party_organization SET parent_id = %s "
                        "WHERE id = %s", [self.b.id, self.a.id])
        self.assertEqual(failure.exception.pgcode, SERIALIZATION_FAILURE)
        cr2.rollback()
        cr2.execute("UPDATE party_organization SET parent_id = %s "
                    "WHERE id = %s", [self.b.id, self.a.id])
        cr2.commit()
        self.assertTreeConsistent()
        self.assertEqual(self.path(new.id), self.path_of(
            self.top, self.b, self.a, self.a2, self.a3, new))

    # -- two moves that together would form a cycle ------------------------

    def test_moves_forming_a_cycle(self):
        self.a.write({'parent_id': self.b.id})
        with self.assertLogs('odoo.service.model', logging.INFO) as logs:
            thread, result = self.rpc_in_thread(
                'party.organization', 'write', [self.b.id], {'parent_id': self.a.id})
            self.finish(thread, logs)
        # retried, it sees a under b and refuses with the usual message
        self.assertIsInstance(result.get('error'), ValidationError)
        self.assertIn(CYCLE, result['error'].name)
        self.assertTreeConsistent()
        self.assertEqual(self.path(self.b.id), self.path_of(self.top, self.b))
        self.assertEqual(self.path(self.a.id),
                         self.path_of(self.top, self.b, self.a))

    def test_moves_forming_a_cycle_deeper(self):
        """a under b2 and b under a2: neither move touches the other's
        organization, only rows of the other's subtree."""
        self.a.write({'parent_id': self.b2.id})
        with self.assertLogs('odoo.service.model', logging.INFO) as logs:
            thread, result = self.rpc_in_thread(
                'party.organization', 'write', [self.b.id], {'parent_id': self.a2.id})
            self.finish(thread, logs)
        self.assertIsInstance(result.get('error'), ValidationError)
        self.assertTreeConsistent()
        self.assertEqual(self.path(self.a2.id), self.path_of(
            self.top, self.b, self.b2, self.a, self.a2))

    def test_plain_sql_moves_forming_a_cycle(self):
        """Without the ORM's check: the trigger's touch of the new parent
        fails on the concurrent move, and on retry its own cycle check,
        made on the newest paths, refuses."""
        cr2, env2 = self.other_cursor()
        cr2.execute("SELECT 1 FROM party_organization LIMIT 1")
        self.a.write({'parent_id': self.b2.id})
        self.cr.commit()
        move_b = ("UPDATE party_organization SET parent_id = %s "
                  "WHERE id = %s", [self.a2.id, self.b.id])
        with mute_logger('odoo.sql_db'), self.assertRaises(
                psycopg2.OperationalError) as failure:
            cr2.execute(*move_b)
        self.assertEqual(failure.exception.pgcode, SERIALIZATION_FAILURE)
        cr2.rollback()
        with mute_logger('odoo.sql_db'), self.assertRaises(
                psycopg2.IntegrityError) as failure:
            cr2.execute(*move_b)
        self.assertEqual(failure.exception.diag.constraint_name,
                         'party_organization_no_cycle')
        cr2.rollback()
        self.assertTreeConsistent()
