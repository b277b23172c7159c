"""Posts and responsibility areas (issue 15): holders, single-holder posts
refuse overlapping holders, configurable kinds, scope."""
from odoo.exceptions import AccessError, ValidationError

from .common_service import ServiceCase


class TestPosts(ServiceCase):

    def post(self, kind, user=None, org=None, holders=()):
        Post = self.env['party.post']
        if user:
            Post = Post.sudo(user)
        return Post.create({
            'name': 'Service window', 'kind_id': kind.id,
            'organization_id': (org or self.branch_a1).id,
            'area': 'Building 3',
            'holder_ids': [(0, 0, dict(member_id=m.id, date_from=start,
                                       date_to=end))
                           for m, start, end in holders]})

    def test_single_holder_post_refuses_overlaps(self):
        post = self.post(self.model_post, user=self.secretary, holders=[
            (self.member_a1, '2024-01-01', '2024-12-31')])
        Holder = self.env['party.post.holder'].sudo(self.secretary)
        # back to back is fine
        Holder.create({'post_id': post.id, 'member_id': self.member_g1.id,
                       'date_from': '2025-01-01'})
        for start, end in [('2024-06-01', '2024-07-01'),
                           ('2025-06-01', False),
                           ('2023-01-01', False)]:
            with self.assertRefused(ValidationError, 'one holder at a time'):
                Holder.create({'post_id': post.id,
                               'member_id': self.member_a1.id,
                               'date_from': start, 'date_to': end})
        # nor by moving a holder's dates
        first = post.holder_ids.filtered(
            lambda h: h.member_id == self.member_a1)
        with self.assertRefused(ValidationError, 'one holder at a time'):
            first.sudo(self.secretary).write({'date_to': False})
        with self.assertRefused(ValidationError, 'after it is held from'):
            first.sudo(self.secretary).write({'date_to': '2023-12-01'})
        self.assertEqual(len(post.holder_ids), 2)
        # a post created with two overlapping holders is not saved at all
        with self.assertRefused(ValidationError, 'one holder at a time'):
            self.post(self.model_post, user=self.secretary, holders=[
                (self.member_a1, '2024-01-01', False),
                (self.member_g1, '2024-03-01', False)])
        self.assertEqual(self.env['party.post'].search_count(
            [('kind_id', '=', self.model_post.id)]), 1)

    def test_areas_have_several_holders_and_show_on_member(self):
        post = self.post(self.area_kind, user=self.secretary, holders=[
            (self.member_a1, '2024-01-01', False),
            (self.member_g1, '2024-03-01', False)])
        self.assertEqual(len(post.holder_ids), 2)
        self.assertIn(post, self.branch_a1.post_ids)
        self.assertEqual(self.member_a1.post_holder_ids.post_id, post)
        self.assertIn('Member A1', post.current_holders)
        # switching the kind to single-holder is refused while they overlap
        self.area_kind.single_holder = True
        with self.assertRefused(ValidationError, 'one holder at a time'):
            post.write({'kind_id': self.model_post.id})

    def test_kinds_are_configuration(self):
        Kind = self.env['party.post.kind']
        self.assertEqual(
            Kind.search([]).mapped('single_holder').count(True), 2)
        kind = Kind.sudo(self.manager).create({'name': 'Safety Post'})
        self.assertTrue(kind)
        with self.assertRefused(AccessError):
            Kind.sudo(self.officer).create({'name': 'Other'})

    def test_scope(self):
        post = self.post(self.model_post, org=self.branch_a2, holders=[
            (self.member_a2, '2024-01-01', False)])
        Post = self.env['party.post'].sudo(self.secretary)
        Holder = self.env['party.post.holder'].sudo(self.secretary)
        self.assertFalse(Post.search([('id', '=', post.id)]))
        self.assertFalse(Holder.search([('post_id', '=', post.id)]))
        with self.assertRefused(AccessError):
            post.sudo(self.secretary).write({'area': 'x'})
        with self.assertRefused(AccessError):
            Holder.create({'post_id': post.id,
                           'member_id': self.member_a1.id,
                           'date_from': '2026-01-01'})
        with self.assertRefused(AccessError):
            self.post(self.model_post, user=self.secretary,
                      org=self.branch_a2)
        # a member out of scope cannot be made a holder
        mine = self.post(self.area_kind, user=self.secretary)
        with self.assertRefused(AccessError):
            Holder.create({'post_id': mine.id,
                           'member_id': self.member_a2.id,
                           'date_from': '2024-01-01'})
        # viewers read, never write
        self.assertEqual(post.sudo(self.viewer).area, 'Building 3')
        with self.assertRefused(AccessError):
            post.sudo(self.viewer).write({'area': 'x'})
        with self.assertRefused(AccessError):
            post.holder_ids.sudo(self.viewer).unlink()
