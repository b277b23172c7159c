"""Sampling by proportion (抽样检查): reproducible with the recorded seed,
the strata's proportions, the exclusion of recently inspected branches,
fairness over many draws, no silent redraw, the sample's plan, bad sizes,
roles, and a bounded number of queries whatever the number of
branches."""
import collections
import json
import random

from odoo.exceptions import AccessError, UserError, ValidationError

from ..models import party_inspection_draw_rules as rules
from .common import PartyCase


class TestDrawRules(PartyCase):
    """The draw itself, without the database."""

    def test_same_seed_same_draw(self):
        strata = {(1, 'village'): list(range(1, 41)),
                  (2, 'village'): list(range(41, 61))}
        first = rules.draw(strata, 'proportion', 25, 0, '12345')
        self.assertEqual(first, rules.draw(strata, 'proportion', 25, 0,
                                           '12345'))
        self.assertNotEqual(first, rules.draw(strata, 'proportion', 25, 0,
                                              '12346'))
        self.assertEqual([len(first[k]) for k in sorted(first)], [10, 5])

    def test_sizes(self):
        sizes = {'a': 20, 'b': 3, 'c': 1}
        # at least the share of each stratum, never an empty one skipped
        self.assertEqual(rules.stratum_sizes(sizes, 'proportion', 5),
                         {'a': 1, 'b': 1, 'c': 1})
        self.assertEqual(rules.stratum_sizes(sizes, 'proportion', 100),
                         sizes)
        # a count shared by the largest remainder: 24 -> 10 of 20/3/1
        self.assertEqual(rules.stratum_sizes(sizes, 'count', count=10),
                         {'a': 8, 'b': 1, 'c': 1})
        self.assertEqual(sum(rules.stratum_sizes(
            sizes, 'count', count=24).values()), 24)
        for bad in (0, -5, 100.5):
            with self.assertRaises(ValueError):
                rules.stratum_sizes(sizes, 'proportion', bad)
        for bad in (0, 25):
            with self.assertRaises(ValueError):
                rules.stratum_sizes(sizes, 'count', count=bad)

    def test_fair_over_many_draws(self):
        """Every branch of a stratum is drawn about as often as the others:
        over 4,000 draws with seeds from a fixed generator, each of 20
        branches drawn 2 at a time is chosen 400 times expected; a
        chi-square over the 20 counts stays under the 0.1 % critical value
        for 19 degrees of freedom (43.8), and the other stratum alike."""
        strata = {(1, ''): list(range(100, 120)), (2, ''): list(range(7))}
        seeds = random.Random(20240501)
        counts = collections.Counter()
        runs = 4000
        for _run in range(runs):
            drawn = rules.draw(strata, 'proportion', 10, 0,
                               str(seeds.randrange(1, rules.SEED_MAX)))
            self.assertEqual([len(drawn[(1, '')]), len(drawn[(2, '')])],
                             [2, 1])
            counts.update(drawn[(1, '')] + drawn[(2, '')])
        for ids, per_draw, critical in ((strata[(1, '')], 2, 43.8),
                                        (strata[(2, '')], 1, 22.5)):
            expected = runs * per_draw / float(len(ids))
            chi2 = sum((counts[i] - expected) ** 2 / expected for i in ids)
            self.assertLess(chi2, critical, (chi2, counts))


class SampleCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(SampleCase, cls).setUpClass()
        # city A: 2 villages and 2 enterprises more; city B: 3 villages
        for number in range(2):
            cls.make_org('A village %d' % number, 'branch', cls.city_a,
                         sector='village')
            cls.make_org('B village %d' % number, 'branch', cls.city_b,
                         sector='village')
        cls.make_org('B village 2', 'branch', cls.city_b, sector='village')
        cls.make_org('A enterprise', 'branch', cls.city_a)
        cls.province = cls.make_user('province', 'group_officer', cls.root)

    def new_sample(self, user=None, **vals):
        return self.as_user(user or self.province,
                            'party.inspection.sample').create(dict({
                                'name': 'Sample', 'year': 2024,
                                'organization_id': self.root.id,
                                'reference_date': '2024-06-01'}, **vals))

    def drawn_ids(self, sample):
        return sorted(sample.line_ids.mapped('organization_id').ids)

    def eligible(self, scope):
        return self.env['party.organization'].search([
            ('path', '=like', scope.path + '%'),
            ('kind', 'in', ('branch', 'general_branch'))])


class TestSample(SampleCase):

    def test_reproducible_with_the_seed(self):
        sample = self.new_sample(proportion=50, stratify_area=True,
                                 stratify_sector=True)
        first = sample._draw('987654321')
        again = self.new_sample(proportion=50, stratify_area=True,
                                stratify_sector=True)._draw('987654321')
        self.assertEqual(sorted(first.line_ids.mapped('organization_id').ids),
                         sorted(again.line_ids.mapped('organization_id').ids))
        # and from what the draw recorded, whatever the tree became
        self.make_org('A village late', 'branch', self.city_a,
                      sector='village')
        self.assertEqual(first.reproduce(), sorted(
            first.line_ids.mapped('organization_id').ids))
        first.sudo(self.province).action_verify()
        self.assertIn('verified', sample.message_ids[0].body)

    def test_strata_proportions(self):
        sample = self.new_sample(proportion=50, stratify_area=True,
                                 stratify_sector=True)
        sample.action_draw()
        self.assertTrue(sample.seed.isdigit())
        self.assertEqual(sample.state, 'drawn')
        by_stratum = collections.Counter(
            (line.area_id, line.sector) for line in sample.line_ids)
        # city A: branch a1, a2, enterprise (3 enterprises -> 2), 2 villages
        # -> 1; city B: b1 (enterprise, 1 -> 1), 3 villages -> 2
        self.assertEqual(by_stratum, {
            (self.city_a, 'enterprise'): 2, (self.city_a, 'village'): 1,
            (self.city_b, 'enterprise'): 1, (self.city_b, 'village'): 2})
        self.assertEqual((sample.eligible_count, sample.drawn_count), (9, 6))
        self.assertIn('City A Committee', sample.draw_id.strata)
        # a count shared among the strata
        count = self.new_sample(mode='count', count=3,
                                stratify_area=True)
        count.action_draw()
        self.assertEqual(collections.Counter(
            [line.area_id.name for line in count.line_ids]),
            {'City A Committee': 2, 'City B Committee': 1})

    def test_exclude_recently_inspected(self):
        plan = self.env['party.inspection.plan'].create({
            'name': 'p', 'year': 2024, 'organization_id': self.root.id})
        Inspection = self.as_user(self.province, 'party.inspection')
        visited = Inspection.create({
            'plan_id': plan.id, 'organization_id': self.branch_a1.id,
            'visit_date': '2024-03-01', 'inspector_ids': [
                (6, 0, self.province.ids)]})
        visited.action_load_checklist()
        visited.item_ids.write({'result': 'met'})
        visited.action_done()
        old = Inspection.create({
            'plan_id': plan.id, 'organization_id': self.branch_a2.id,
            'visit_date': '2023-01-10', 'inspector_ids': [
                (6, 0, self.province.ids)]})
        old.action_load_checklist()
        old.item_ids.write({'result': 'met'})
        old.action_done()
        sample = self.new_sample(proportion=100, exclude_months=12)
        sample.action_draw()
        drawn = self.drawn_ids(sample)
        self.assertNotIn(self.branch_a1.id, drawn)
        self.assertIn(self.branch_a2.id, drawn)
        self.assertEqual(len(drawn), len(self.eligible(self.root)) - 1)
        # a count above what remains is refused, nothing recorded
        over = self.new_sample(mode='count', count=9, exclude_months=12)
        with self.assertRefused(UserError, 'can be drawn'):
            over.action_draw()
        self.assertFalse(over.draw_ids)
        self.assertEqual(over.state, 'draft')

    def test_bad_sizes(self):
        for bad in (0, -1, 150):
            with self.assertRefused(ValidationError, 'greater than 0'):
                self.new_sample(proportion=bad)
        with self.assertRefused(ValidationError, 'at least 1'):
            self.new_sample(mode='count', count=0)
        sample = self.new_sample(mode='count', count=10)
        with self.assertRefused(UserError, 'from 1 to 9'):
            sample.action_draw()
        self.assertEqual((sample.state, len(sample.draw_ids)), ('draft', 0))
        self.assertFalse(self.env['party.inspection.sample.line'].search([]))

    def test_no_silent_redraw(self):
        sample = self.new_sample(proportion=30)
        sample.action_draw()
        first = sample.draw_id
        with self.assertRefused(UserError, 'reason'):
            sample.action_draw()
        with self.assertRefused(UserError, 'reason'):
            sample.action_redraw()
        self.assertEqual(sample.draw_ids, first)
        sample.write({'redraw_reason': 'The scope was wrong'})
        sample.action_redraw()
        self.assertEqual(len(sample.draw_ids), 2)
        self.assertEqual(sample.draw_id.reason, 'The scope was wrong')
        self.assertEqual(sample.draw_id.number, 2)
        # the first is kept with its branches
        self.assertTrue(first.line_ids)
        # nobody rewrites a draw or its lines
        for vals in ({'seed': '1'}, {'reason': 'x'}):
            with self.assertRefused(AccessError):
                first.sudo(self.province).write(vals)
        with self.assertRefused(AccessError):
            self.as_user(self.province, 'party.inspection.sample.line')\
                .create({'draw_id': first.id,
                         'organization_id': self.branch_a1.id})
        with self.assertRefused(AccessError):
            sample.write({'state': 'draft'})
        with self.assertRefused(UserError):
            sample.unlink()

    def test_sample_becomes_plan(self):
        sample = self.new_sample(proportion=50, inspector_ids=[
            (6, 0, self.province.ids)])
        sample.action_draw()
        sample.action_make_plan()
        plan = sample.plan_id
        self.assertEqual(sample.state, 'planned')
        self.assertEqual((plan.organization_id, plan.year, plan.sample_id),
                         (self.root, 2024, sample))
        self.assertEqual(sorted(plan.inspection_ids.mapped(
            'organization_id').ids), self.drawn_ids(sample))
        self.assertEqual(plan.inspection_ids.mapped('inspector_ids'),
                         self.province)
        sample.write({'redraw_reason': 'again'})
        with self.assertRefused(UserError, 'not become a plan'):
            sample.action_redraw()
        with self.assertRefused(UserError, 'no longer changes'):
            sample.write({'proportion': 80})

    def test_roles(self):
        # an officer of city A cannot sample the province, nor draw its
        # sample; a secretary or viewer draws nothing
        with self.assertRefused(AccessError):
            self.new_sample(user=self.officer)
        sample = self.new_sample()
        for user in (self.officer, self.secretary, self.viewer,
                     self.nobody):
            with self.assertRefused(AccessError):
                sample.sudo(user).action_draw()
        self.assertEqual(sample.state, 'draft')
        for user in (self.secretary, self.viewer):
            with self.assertRefused(AccessError):
                self.new_sample(user=user, organization_id=self.city_a.id)
        # city A's officer samples city A only
        own = self.new_sample(user=self.officer, proportion=100,
                              organization_id=self.city_a.id)
        own.action_draw()
        self.assertEqual(self.drawn_ids(own),
                         sorted(self.eligible(self.city_a).ids))
        self.assertFalse(self.as_user(self.officer, 'party.inspection.sample')
                         .search([('id', '=', sample.id)]))
        lines = self.as_user(self.officer, 'party.inspection.sample.line')\
            .search([])
        self.assertEqual(lines.mapped('draw_id.sample_id'), own)


class TestSampleQueries(SampleCase):
    """A stratified 5 % sample in the same number of queries for 3 and for
    30 branches."""

    def count_draw(self, scope):
        sample = self.new_sample(organization_id=scope.id, proportion=5,
                                 stratify_area=True, stratify_sector=True)
        sample.invalidate_cache()
        with self.count_queries() as queries:
            sample._draw('42')
        return queries[0], sample

    def test_bounded_queries(self):
        small_scope = self.make_org('Small', 'committee', self.root)
        big_scope = self.make_org('Big', 'committee', self.root)
        for scope, count in ((small_scope, 3), (big_scope, 30)):
            areas = [self.make_org('%s area %d' % (scope.name, n),
                                   'committee', scope) for n in range(3)]
            for number in range(count):
                self.make_org('%s %d' % (scope.name, number), 'branch',
                              areas[number % 3],
                              sector=('village', 'enterprise')[number % 2])
        # the first draw of the session fills Odoo's caches
        self.count_draw(small_scope)
        small, small_sample = self.count_draw(small_scope)
        big, big_sample = self.count_draw(big_scope)
        self.assertEqual(small_sample.eligible_count, 3)
        self.assertEqual(big_sample.eligible_count, 30)
        self.assertEqual(small, big)
        # about 330 with survey and website installed: mostly the
        # multi-company rule resolved for each search, the chatter and
        # first-call caches; constant, whatever the number of branches
        self.assertLess(big, 400)
        self.assertEqual(json.loads(big_sample.draw_id.parameters)[
            'proportion'], 5)
