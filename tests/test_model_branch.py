"""Model branches, typical experiences and site visits (示范支部, 典型经验,
现场观摩): bad input, publication to a scope, every role in and out of
scope."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyCase


class TestModelBranch(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestModelBranch, cls).setUpClass()
        cls.secretary_a2 = cls.make_user('secretary_a2', 'group_secretary',
                                         cls.branch_a2)
        cls.secretary_b = cls.make_user('secretary_b', 'group_secretary',
                                        cls.branch_b1)

    def name_model(self, user=None, **vals):
        return self.as_user(user or self.officer, 'party.model.branch')\
            .create(dict(dict(organization_id=self.branch_a1.id,
                              committee_id=self.city_a.id,
                              date_from='2026-01-01', date_to='2026-12-31',
                              reason='Meetings held and recorded'), **vals))

    def experience(self, user=None, **vals):
        return self.as_user(user or self.secretary, 'party.experience')\
            .create(dict(dict(organization_id=self.branch_a1.id,
                              title='Meetings that matter',
                              text='<p>How we did it</p>'), **vals))

    def test_naming_a_model_branch(self):
        model = self.name_model()
        self.assertEqual(self.as_user(self.viewer, 'party.model.branch')
                         .search([]), model)
        with self.assertRefused(ValidationError, 'already named'):
            self.name_model(date_from='2026-06-01', date_to='2027-05-31')
        self.name_model(date_from='2027-01-01', date_to='2027-12-31')
        with self.assertRefused(ValidationError, 'ends after'):
            self.name_model(date_from='2028-02-01', date_to='2028-01-01')
        with self.assertRefused(ValidationError, 'below it'):
            self.name_model(organization_id=self.city_a.id,
                            date_from='2029-01-01', date_to='2029-12-31')
        with self.assertRefused(ValidationError, 'committee'):
            self.name_model(committee_id=self.branch_a2.id,
                            date_from='2029-01-01', date_to='2029-12-31')
        # roles
        for user in (self.viewer, self.secretary):
            with self.assertRefused(AccessError):
                self.name_model(user=user, date_from='2030-01-01',
                                date_to='2030-12-31')
        with self.assertRefused(AccessError):
            self.name_model(organization_id=self.branch_b1.id,
                            committee_id=self.city_b.id)
        self.assertFalse(self.as_user(self.secretary_b, 'party.model.branch')
                         .search([]))

    def test_experience_published_to_a_scope(self):
        experience = self.experience()
        # a draft is the branch's own
        self.assertFalse(self.as_user(self.secretary_a2, 'party.experience')
                         .search([]))
        with self.assertRefused(AccessError, 'officers'):
            experience.action_publish()
        Officer = self.as_user(self.officer, 'party.experience')
        mine = Officer.browse(experience.id)
        with self.assertRefused(UserError, 'Published To'):
            mine.action_publish()
        with self.assertRefused(ValidationError, 'above it'):
            mine.write({'scope_id': self.branch_a2.id})
        # the secretary may not publish above the branch's reach
        with self.assertRefused(AccessError):
            experience.write({'scope_id': self.city_a.id})
        mine.write({'scope_id': self.city_a.id})
        mine.action_publish()
        self.assertEqual(experience.state, 'published')
        # the city's other branch reads it, but cannot change it
        other = self.as_user(self.secretary_a2, 'party.experience')
        self.assertEqual(other.search([]), experience)
        with self.assertRefused((AccessError, UserError)):
            other.browse(experience.id).write({'title': 'x'})
        with self.assertRefused(AccessError):
            other.browse(experience.id).action_withdraw()
        # another city does not see it
        self.assertFalse(self.as_user(self.secretary_b, 'party.experience')
                         .search([]))
        # published: kept as it was
        with self.assertRefused(UserError, 'withdraw'):
            experience.write({'title': 'Changed'})
        with self.assertRefused(UserError, 'withdraw'):
            experience.unlink()
        with self.assertRefused(UserError, 'withdraw'):
            experience.write({'state': 'draft'})
        mine.action_withdraw()
        with self.assertRefused(AccessError, 'cannot be set directly'):
            experience.write({'state': 'published'})
        self.assertFalse(other.search([]))
        experience.write({'title': 'Changed'})
        with self.assertRefused(AccessError):
            other.browse(experience.id).write({'title': 'x'})
        with self.assertRefused(AccessError):
            self.experience(user=self.secretary_b)

    def test_site_visit(self):
        Visit = self.as_user(self.officer, 'party.site.visit')
        visit = Visit.create({
            'name': 'Seeing Branch A1', 'date': '2026-05-20',
            'organization_id': self.city_a.id, 'host_id': self.branch_a1.id,
            'attendee_ids': [(6, 0, [self.branch_a2.id])]})
        self.assertEqual(visit.attendee_count, 1)
        with self.assertRefused(ValidationError, 'does not attend'):
            visit.write({'attendee_ids': [(4, self.branch_a1.id)]})
        with self.assertRefused(ValidationError, 'below the organizing'):
            visit.write({'attendee_ids': [(4, self.group_a1.id)]})
        with self.assertRefused(AccessError):
            visit.write({'attendee_ids': [(4, self.branch_b1.id)]})
        self.assertEqual(visit.attendee_ids, self.branch_a2)
        with self.assertRefused(AccessError):
            self.as_user(self.secretary, 'party.site.visit').create({
                'name': 'x', 'date': '2026-05-20',
                'organization_id': self.city_a.id,
                'host_id': self.branch_a1.id})
        self.assertFalse(self.as_user(self.nobody, 'party.site.visit')
                         .search([]))
