"""Yearly hours and service totals of an organization's subtree: one
grouped statement whatever the number of members (issue 15)."""
from .common_service import ServiceCase


class TestServicePerformance(ServiceCase):

    def populate(self, org, count):
        Member = self.env['party.member']
        for i in range(count):
            member = Member.create({'name': '%s %d' % (org.name, i),
                                    'organization_id': org.id})
            self.study(member, 8.0 + i % 30, date='2025-03-01',
                       date_end='2025-03-02')
            self.service(member, 2.0)

    def test_query_count_independent_of_members(self):
        small = self.make_org('Small Branch', 'branch', self.city_a)
        large = self.make_org('Large Branch', 'branch', self.city_a)
        self.populate(small, 10)
        self.populate(large, 100)
        Totals = self.env['party.service.totals']
        counts = []
        for org in (small, large):
            self.env['party.member'].invalidate_cache()
            with self.count_queries() as n:
                totals = Totals._organization_totals(
                    org.ids, '2025-01-01', '2025-12-31')
            counts.append(n[0])
            self.assertEqual(totals[org.id][3], 2.0 * totals[org.id][0])
        self.assertEqual(counts[0], counts[1])
        # the organizations' paths, then the grouped statement
        self.assertEqual(counts[0], 2)
        self.assertEqual(Totals._organization_totals(
            large.ids, '2025-01-01', '2025-12-31')[large.id][:2], (100, 18))
        # the organizations' figures on screen, as the officer
        orgs = (small | large).sudo(self.officer)
        # warm the caches of the rules and the fields
        self.branch_a2.sudo(self.officer).read(['study_met_share'])
        counts = []
        for org in orgs:
            org.invalidate_cache()
            with self.count_queries() as n:
                org.read(['study_met_share', 'service_hours_total',
                          'satisfaction_rate'])
            counts.append(n[0])
        self.assertEqual(counts[0], counts[1])
        # the members' list below the hours
        Member = self.env['party.member'].sudo(self.officer)
        Member.search([('organization_id', '=', self.branch_a2.id)]).read(
            ['study_hours_year'])
        counts = []
        for org in (small, large):
            self.env['party.member'].invalidate_cache()
            with self.count_queries() as n:
                members = Member.search([('organization_id', '=', org.id)])
                members.read(['study_hours_year', 'study_required_year',
                              'service_hours_year'])
            counts.append(n[0])
        self.assertEqual(counts[0], counts[1])
