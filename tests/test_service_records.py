"""Service records and projects (issue 15): totals per member and per
organization and year, the project's steps, bad input and scope."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_service import ServiceCase


class TestService(ServiceCase):

    def test_totals_per_member_and_organization(self):
        self.service(self.member_a1, 3.0, user=self.secretary)
        self.service(self.member_a1, 2.0, date='2025-12-31',
                     user=self.secretary)
        self.service(self.member_a1, 5.0, date='2026-01-01')
        self.service(self.member_g1, 4.0, user=self.secretary)
        self.service(self.member_a2, 1.5)
        self.service(self.member_b1, 7.0)
        self.study(self.member_g1, 20.0, date='2025-02-01',
                   date_end='2025-02-02')
        self.study(self.member_g1, 12.0, date='2025-09-01')
        # member: study, required, service hours, services
        self.assertEqual(self.totals(self.member_a1), (0.0, 32.0, 5.0, 2))
        self.assertEqual(self.totals(self.member_a1, 2026)[2:], (5.0, 1))
        self.assertEqual(self.totals(self.member_g1), (32.0, 32.0, 4.0, 1))
        Totals = self.env['party.service.totals']
        orgs = self.city_a | self.branch_a1 | self.group_a1 | self.city_b \
            | self.root
        totals = Totals._organization_totals(orgs.ids, '2025-01-01',
                                             '2025-12-31')
        # members, met, study hours, service hours, services (subtrees)
        self.assertEqual(totals[self.branch_a1.id], (2, 1, 32.0, 9.0, 3))
        self.assertEqual(totals[self.group_a1.id], (1, 1, 32.0, 4.0, 1))
        self.assertEqual(totals[self.city_a.id], (3, 1, 32.0, 10.5, 4))
        self.assertEqual(totals[self.city_b.id], (1, 0, 0.0, 7.0, 1))
        self.assertEqual(totals[self.root.id], (4, 1, 32.0, 17.5, 5))
        # the metrics read the same
        Metric = self.env['party.assessment.metric']
        met = Metric._metric_study_hours_met(
            orgs.ids, '2025-01-01', '2025-12-31', None)
        self.assertEqual(met[self.branch_a1.id], (0.5, '1/2'))
        per_member = Metric._metric_service_hours_per_member(
            orgs.ids, '2025-01-01', '2025-12-31', None)
        self.assertEqual(per_member[self.city_a.id], (3.5, '10.5'))

    def test_bad_service_refused(self):
        Record = self.env['party.service.record'].sudo(self.secretary)
        for hours, date, vals, regex in [
                (-1.0, '2025-05-04', {}, 'more than 0'),
                (24.5, '2025-05-04', {}, '24 a day'),
                (2.0, '2099-05-04', {}, 'in the future'),
                (2.0, '2025-05-04', {'people_served': -3}, 'negative')]:
            with self.assertRefused(ValidationError, regex):
                self.service(self.member_a1, hours, date=date,
                             user=self.secretary, **vals)
        self.assertFalse(Record.search([]))

    def test_project_steps(self):
        Project = self.env['party.service.project'].sudo(self.secretary)
        project = Project.create({
            'name': 'Caring for elders living alone',
            'organization_id': self.branch_a1.id,
            'goal': 'A weekly visit to each elder living alone',
            'date_start': '2025-03-01', 'beneficiaries': '12 elders',
            'beneficiary_count': 12,
            'member_ids': [(6, 0, (self.member_a1 | self.member_g1).ids)]})
        self.service(self.member_a1, 2.0, user=self.secretary,
                     project_id=project.id)
        self.assertEqual(project.service_hours, 2.0)
        with self.assertRefused(AccessError):
            project.write({'state': 'done'})
        with self.assertRefused(UserError, 'under way'):
            project.action_done()
        project.action_start()
        with self.assertRefused(UserError, 'outcome'):
            project.action_done()
        project.write({'outcome': 'Every elder visited weekly'})
        project.action_done()
        self.assertEqual(project.state, 'done')
        with self.assertRefused(UserError, 'completed'):
            project.action_cancel()
        with self.assertRefused(ValidationError, 'end date is before'):
            project.write({'date_end': '2025-01-01'})
        with self.assertRefused(ValidationError, 'negative'):
            project.write({'beneficiary_count': -1})

    def test_scope(self):
        other = self.service(self.member_a2, 2.0)
        project = self.env['party.service.project'].create({
            'name': 'Other branch', 'organization_id': self.branch_a2.id,
            'goal': 'x', 'date_start': '2025-01-01'})
        Record = self.env['party.service.record'].sudo(self.secretary)
        Project = self.env['party.service.project'].sudo(self.secretary)
        self.assertFalse(Record.search([]))
        self.assertFalse(Project.search([]))
        with self.assertRefused(AccessError):
            other.sudo(self.secretary).write({'hours': 3.0})
        with self.assertRefused(AccessError):
            project.sudo(self.secretary).action_start()
        with self.assertRefused(AccessError):
            self.service(self.member_a2, 1.0, user=self.secretary)
        with self.assertRefused(AccessError):
            Project.create({'name': 'x', 'organization_id': self.branch_a2.id,
                            'goal': 'x', 'date_start': '2025-01-01'})
        # nor a project of the other branch on one's own record
        with self.assertRefused(AccessError):
            self.service(self.member_a1, 1.0, user=self.secretary,
                         project_id=project.id)
        # the officer of the city reads both; viewers never write
        self.assertEqual(
            self.env['party.service.record'].sudo(self.officer).search([]),
            other)
        with self.assertRefused(AccessError):
            other.sudo(self.viewer).write({'hours': 3.0})
        with self.assertRefused(AccessError):
            project.sudo(self.viewer).write({'outcome': 'x'})
        with self.assertRefused(AccessError):
            self.service(self.member_a1, 1.0, user=self.viewer)
        self.assertEqual(other.hours, 2.0)

    def test_viewer_cannot_run_a_project(self):
        """The state buttons are the secretary's: a viewer who reads the
        project calls them over RPC in vain."""
        project = self.env['party.service.project'].sudo(
            self.secretary).create({
                'name': 'Reading corner', 'organization_id': self.branch_a1.id,
                'goal': 'A corner for children', 'date_start': '2025-03-01'})
        seen = project.sudo(self.viewer)
        self.assertEqual(seen.state, 'planned')
        for action in ('action_start', 'action_cancel'):
            with self.assertRefused(AccessError):
                getattr(seen, action)()
        project.action_start()
        project.write({'outcome': 'Open every Saturday'})
        with self.assertRefused(AccessError):
            seen.action_done()
        self.assertEqual(project.state, 'running')
