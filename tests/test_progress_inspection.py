"""A progress report's inspection figures: the inspections of the
committee's subtree visited in the period and their findings still open at
its end, read as the filing officer."""
from .test_inspection import InspectionCase


class TestProgressInspectionFigures(InspectionCase):

    def report(self, day, org=None):
        return self.as_user(self.officer, 'party.progress.report').create({
            'organization_id': (org or self.city_a).id,
            'period_kind': 'quarter', 'date': day})

    def test_inspections_and_open_findings(self):
        inspection = self.new_inspection()
        self.visit(inspection)   # visited 2024-05-08
        finding = self.new_finding(inspection)
        self.new_inspection(org=self.branch_a2)   # planned, not visited
        q2 = self.report('2024-05-15')
        self.assertEqual((q2.inspection_count, q2.finding_open_count), (1, 1))
        q3 = self.report('2024-08-15')
        self.assertEqual(q3.inspection_count, 0)
        # another committee's subtree has neither
        other = self.as_user(self.manager, 'party.progress.report').create({
            'organization_id': self.city_b.id, 'period_kind': 'quarter',
            'date': '2024-05-15'})
        self.assertEqual((other.inspection_count, other.finding_open_count),
                         (0, 0))
        self.assertEqual(finding.state, 'open')
