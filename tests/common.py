"""Shared fixtures: a small organization tree and one user per role.

Tree (all in one company)::

    root (committee)
    ├── city_a (committee)            <- officer's and viewer's scope
    │   ├── branch_a1 (branch)        <- secretary's scope
    │   │   └── group_a1 (party group)
    │   └── branch_a2 (branch)        sibling of the secretary's branch
    └── city_b (committee)
        └── branch_b1 (branch)

Tests never rely on demo data and run as these ordinary users.
"""
import contextlib

from odoo.tests.common import SavepointCase

NO_TRACKING = {'tracking_disable': True, 'mail_create_nolog': True,
               'mail_notrack': True}


class PartyCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(PartyCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **NO_TRACKING))
        cls.company = cls.env.ref('base.main_company')
        Org = cls.env['party.organization']
        cls.root = Org.create({'name': 'Root Committee', 'kind': 'committee',
                               'code': 'T-ROOT'})
        cls.city_a = cls.make_org('City A Committee', 'committee', cls.root)
        cls.city_b = cls.make_org('City B Committee', 'committee', cls.root)
        cls.branch_a1 = cls.make_org('Branch A1', 'branch', cls.city_a)
        cls.branch_a2 = cls.make_org('Branch A2', 'branch', cls.city_a)
        cls.branch_b1 = cls.make_org('Branch B1', 'branch', cls.city_b)
        cls.group_a1 = cls.make_org('Group A1', 'group', cls.branch_a1)

        cls.member_a1 = cls.make_member('Member A1', cls.branch_a1)
        cls.member_g1 = cls.make_member('Member G1', cls.group_a1)
        cls.member_a2 = cls.make_member('Member A2', cls.branch_a2)
        cls.member_b1 = cls.make_member('Member B1', cls.branch_b1)

        cls.viewer = cls.make_user('viewer', 'group_viewer', cls.city_a)
        cls.secretary = cls.make_user('secretary', 'group_secretary',
                                      cls.branch_a1)
        cls.officer = cls.make_user('officer', 'group_officer', cls.city_a)
        cls.manager = cls.make_user('manager', 'group_manager')
        cls.nobody = cls.make_user('nobody', 'group_officer')

    @classmethod
    def make_org(cls, name, kind, parent, **vals):
        return cls.env['party.organization'].create(dict(
            name=name, kind=kind, parent_id=parent.id, **vals))

    @classmethod
    def make_member(cls, name, org, **vals):
        return cls.env['party.member'].create(dict(
            name=name, organization_id=org.id, **vals))

    @classmethod
    def make_user(cls, login, group, *orgs):
        return cls.env['res.users'].create({
            'name': 'Test %s' % login,
            'login': 'test_%s' % login,
            # Odoo's chatter needs an author address for tracked changes
            'email': 'test_%s@example.com' % login,
            'password': 'test_%s' % login,
            'groups_id': [(6, 0, [cls.env.ref('base.group_user').id,
                                  cls.env.ref('party_building.%s' % group).id])],
            'party_organization_ids': [(6, 0, [o.id for o in orgs])],
        })

    def as_user(self, user, model):
        return self.env[model].sudo(user.id)

    @contextlib.contextmanager
    def assertRefused(self, exception, regex=None, msg=None):
        """The block must raise `exception` (matching `regex`) and change
        nothing: it runs in a savepoint, as a request runs in a transaction,
        and the cache is reset so that later reads see the database."""
        if regex:
            check = self.assertRaisesRegex(exception, regex, msg=msg)
        else:
            check = self.assertRaises(exception, msg=msg)
        with check:
            with self.env.cr.savepoint():
                yield
        self.env.clear()

    @contextlib.contextmanager
    def count_queries(self):
        """Counts the SQL queries run inside the block: `with ... as n:`
        then n[0] after the block."""
        counter = [0]
        start = self.env.cr.sql_log_count
        yield counter
        counter[0] = self.env.cr.sql_log_count - start
