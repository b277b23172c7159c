"""Query counts must not grow with the number of records."""
from .common import NO_TRACKING, PartyCase

LIST_FIELDS = ['name', 'organization_id', 'status', 'gender', 'join_date',
               'full_date', 'mobile', 'employee_id']


class TestQueryCounts(PartyCase):

    def add_members(self, count):
        Member = self.env['party.member'].with_context(**NO_TRACKING)
        for i in range(count):
            Member.create({'name': 'Bulk %d' % i,
                           'organization_id': (self.branch_a1 if i % 2
                                               else self.group_a1).id})

    def secretary_list_queries(self):
        """Queries the members list costs the secretary: search_read of the
        list view's fields, as the web client does."""
        Member = self.env['party.member'].sudo(self.secretary)
        Member.invalidate_cache()
        with self.count_queries() as n:
            rows = Member.search_read([], LIST_FIELDS, limit=None)
        return n[0], len(rows)

    def test_member_list_80_vs_800(self):
        self.add_members(78)
        self.secretary_list_queries()  # warm the caches of rules and rights
        queries_80, rows = self.secretary_list_queries()
        self.assertEqual(rows, 80)
        self.add_members(720)
        queries_800, rows = self.secretary_list_queries()
        self.assertEqual(rows, 800)
        self.assertEqual(queries_80, queries_800)
