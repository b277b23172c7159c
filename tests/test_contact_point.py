"""Leaders' contact points (领导办点示范): a point of each required kind per
committee leader, the completeness check, bad input and every role in and
out of scope."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyCase


class TestContactPoint(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestContactPoint, cls).setUpClass()
        secretary = cls.env.ref('party_building.position_role_secretary')
        deputy = cls.env.ref('party_building.position_role_deputy')
        term = cls.env['party.term'].create({
            'organization_id': cls.city_a.id, 'start_date': '2024-01-01',
            'position_ids': [
                (0, 0, {'role_id': secretary.id,
                        'member_id': cls.member_a1.id}),
                (0, 0, {'role_id': deputy.id,
                        'member_id': cls.member_a2.id})]})
        term.action_start()

    def point(self, user=None, **vals):
        return self.as_user(user or self.officer,
                            'party.contact.point').create(dict(dict(
                                committee_id=self.city_a.id,
                                leader_id=self.member_a1.id, kind='own',
                                organization_id=self.branch_a1.id,
                                year=2026), **vals))

    def lacking(self, user=None, **vals):
        check = self.as_user(user or self.officer,
                             'party.contact.point.check').create(
                                 dict(dict(year=2026), **vals))
        check.action_check()
        return {(line.committee_id.name, line.leader_id.name): line.missing
                for line in check.line_ids}

    def test_completeness(self):
        self.assertEqual(self.lacking(), {
            ('City A Committee', 'Member A1'): 'Own Affiliated Branch',
            ('City A Committee', 'Member A2'): 'Own Affiliated Branch'})
        self.point()
        self.point(leader_id=self.member_a2.id,
                   organization_id=self.branch_a2.id)
        self.assertEqual(self.lacking(), {})
        # a weak and lax branch below: each leader takes one
        self.env['party.rectification'].create({
            'organization_id': self.branch_a2.id, 'reason': 'x'})
        self.assertEqual(set(self.lacking().values()),
                         {'Weak and Lax Branch'})
        self.point(kind='weak_lax', organization_id=self.branch_a2.id)
        self.assertEqual(list(self.lacking()), [('City A Committee',
                                                 'Member A2')])
        # a poor village below
        self.branch_a1.write({'sector': 'village', 'poor_village': True})
        self.assertEqual(self.lacking()[('City A Committee', 'Member A1')],
                         'Poor Village Branch')
        point = self.point(kind='poor_village')
        self.assertNotIn(('City A Committee', 'Member A1'), self.lacking())
        # another year starts empty
        self.assertEqual(len(self.lacking(year=2027)), 2)
        # the province sees the committee without leaders recorded too
        root_officer = self.make_user('root_officer', 'group_officer',
                                      self.root)
        lacking = self.lacking(user=root_officer)
        self.assertEqual(lacking[('City B Committee', False)],
                         'Own Affiliated Branch')
        self.assertIn(('Root Committee', False), lacking)
        # visits
        Visit = self.as_user(self.officer, 'party.contact.visit')
        Visit.create({'point_id': point.id, 'date': '2026-03-02',
                      'work_done': 'Taught a party lecture'})
        self.assertEqual(point.visit_count, 1)
        with self.assertRefused(UserError, 'kept'):
            point.unlink()

    def test_bad_input(self):
        with self.assertRefused(ValidationError, 'poor village'):
            self.point(kind='poor_village')
        with self.assertRefused(ValidationError, 'below the leader'):
            self.point(organization_id=self.city_a.id)
        with self.assertRefused(ValidationError, 'choose a committee'):
            self.point(committee_id=self.branch_a1.id)
        with self.assertRefused(ValidationError, 'registered below'):
            self.as_user(self.manager, 'party.contact.point').create({
                'committee_id': self.city_a.id, 'kind': 'own',
                'leader_id': self.member_b1.id, 'year': 2026,
                'organization_id': self.branch_a1.id})
        point = self.point()
        with self.assertRefused(ValidationError, 'what was done'):
            self.as_user(self.officer, 'party.contact.visit').create({
                'point_id': point.id, 'work_done': '  '})
        self.assertFalse(point.visit_ids)

    def test_roles_in_and_out_of_scope(self):
        point = self.point()
        for user in (self.viewer, self.secretary):
            with self.assertRefused(AccessError):
                self.point(user=user, kind='weak_lax')
            with self.assertRefused(AccessError):
                self.as_user(user, 'party.contact.visit').create({
                    'point_id': point.id, 'work_done': 'x'})
            with self.assertRefused(AccessError):
                self.as_user(user, 'party.contact.point').browse(
                    point.id).write({'goal': 'x'})
        self.assertEqual(self.as_user(self.viewer, 'party.contact.point')
                         .search([]), point)
        # out of scope
        with self.assertRefused(AccessError):
            self.point(committee_id=self.city_b.id,
                       organization_id=self.branch_b1.id,
                       leader_id=self.member_b1.id)
        self.assertFalse(self.as_user(self.nobody, 'party.contact.point')
                         .search([]))
        self.assertEqual(self.lacking(user=self.nobody), {})
        with self.assertRefused(AccessError):
            self.as_user(self.officer, 'party.contact.point.check').create(
                {'organization_id': self.root.id, 'year': 2026})
        # the city's officer sees only the city's committee
        self.assertEqual({c for c, _l in self.lacking()},
                         {'City A Committee'})
