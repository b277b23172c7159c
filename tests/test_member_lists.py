"""Member lists: roster order by default, the caller's order when given."""
from .common import PartyCase


class TestMemberListOrder(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestMemberListOrder, cls).setUpClass()
        # names that sort against the tree: by name alone, the second
        # branch's "Aaron" would come first and the group's "Zoe" last
        cls.aaron = cls.make_member('Aaron', cls.branch_a2)
        cls.zoe = cls.make_member('Zoe', cls.group_a1)
        cls.yan = cls.make_member('Yan', cls.branch_a1)
        cls.bea = cls.make_member('Bea', cls.branch_b1)

    def roster(self, members):
        """The members in roster order: organizations in tree order (their
        paths compared character by character), then names, then ids."""
        return sorted(members, key=lambda m: (m.organization_id.path, m.name,
                                              m.id))

    def all_members(self, *orgs):
        return self.env['party.member'].search(
            [('organization_id', 'child_of', [o.id for o in orgs])],
            order='id')

    def test_scoped_user_gets_roster_order(self):
        expected = self.roster(self.all_members(self.city_a))
        for user in (self.officer, self.viewer):
            members = self.as_user(user, 'party.member').search([])
            self.assertEqual(members.ids, [m.id for m in expected])
        # the subtree stays together: the branch, its group, the sibling
        self.assertEqual(
            [m.organization_id for m in expected],
            [self.branch_a1] * 2 + [self.group_a1] * 2 + [self.branch_a2] * 2)
        secretary = self.as_user(self.secretary, 'party.member').search([])
        self.assertEqual(secretary.ids,
                         [self.member_a1.id, self.yan.id, self.member_g1.id,
                          self.zoe.id])

    def test_manager_gets_roster_order(self):
        ours = self.all_members(self.root)
        members = self.as_user(self.manager, 'party.member').search([])
        # other records of the database (none without demo data) may come
        # before or after ours, but ours keep the roster order
        self.assertEqual([m.id for m in members if m in ours],
                         [m.id for m in self.roster(ours)])

    def test_list_as_the_web_client_reads_it(self):
        """search_read with no order (the client sends an empty one) and
        the first page of it."""
        expected = [m.id for m in self.roster(self.all_members(self.city_a))]
        Member = self.as_user(self.officer, 'party.member')
        for order in (None, ''):
            rows = Member.search_read([], ['name'], limit=3, order=order)
            self.assertEqual([r['id'] for r in rows], expected[:3])
        rows = Member.search_read([], ['name'], offset=3, limit=80)
        self.assertEqual([r['id'] for r in rows], expected[3:])

    def test_explicit_order_is_honoured(self):
        Member = self.as_user(self.officer, 'party.member')
        members = self.all_members(self.city_a)
        by_name = sorted(members, key=lambda m: (m.name, m.id))
        self.assertEqual(Member.search([], order='name, id').ids,
                         [m.id for m in by_name])
        self.assertEqual(Member.search([], order='name desc, id desc').ids,
                         [m.id for m in reversed(by_name)])
        self.assertEqual(Member.search([], order='id desc').ids,
                         sorted(members.ids, reverse=True))

    def test_domain_through_the_organization(self):
        """A domain through organization_id joins the same table as the
        order (one join, under the alias of the auto_join)."""
        Member = self.as_user(self.officer, 'party.member')
        members = Member.search([('organization_id.kind', '=', 'branch'),
                                 ('organization_id.name', 'ilike', 'a')])
        expected = self.roster(self.all_members(self.branch_a1,
                                                self.branch_a2).filtered(
            lambda m: m.organization_id.kind == 'branch'))
        self.assertEqual(members.ids, [m.id for m in expected])

    def test_name_search_and_superuser(self):
        Member = self.as_user(self.officer, 'party.member')
        found = [i for i, name in Member.name_search('a', limit=100)]
        self.assertEqual(found, [m.id for m in self.roster(
            self.all_members(self.city_a).filtered(
                lambda m: 'a' in m.name.lower()))])
        # without any rule the order adds the join itself
        everything = self.env['party.member'].search(
            [('id', 'in', self.all_members(self.root).ids)])
        self.assertEqual(everything.ids, [m.id for m in self.roster(
            self.all_members(self.root))])

    def test_counts(self):
        """Counts take no order, and so none of the roster order's join: a
        manager's count reads the members alone."""
        statements = []
        cr = self.env.cr
        execute = cr.execute

        def capture(query, params=None, log_exceptions=None):
            statements.append(query)
            return execute(query, params, log_exceptions)

        for user, orgs in ((self.manager, [self.root]),
                           (self.officer, [self.city_a]),
                           (self.secretary, [self.branch_a1])):
            Member = self.as_user(user, 'party.member')
            expected = len(self.all_members(*orgs))
            cr.execute = capture
            try:
                count = Member.search_count([])
            finally:
                del cr.execute
            if user == self.manager:
                self.assertGreaterEqual(count, expected)
                counts = [q for q in statements if 'count(' in q]
                self.assertTrue(counts)
                self.assertNotIn('party_organization', counts[-1])
            else:
                self.assertEqual(count, expected)
            self.assertEqual(count, len(Member.search([])))
