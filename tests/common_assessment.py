"""A small standard of its own and two metrics whose values the tests set,
over the tree of tests/common.py. Nothing relies on seeded data.

Standard (100 points, weights 40/60)::

    S1 (60): L1 levels 30 (Full 30 / Partial 20 / None 0), F1 free 20,
             M1 metric 10 (ratio: >= 0.5 -> 5, >= 1.0 -> 10),
             D1 deduction (count metric, 5 each, at most 10)
    S2 (40): L2 levels 40 (Full 40 / Partial 25 / None 0),
             V1 veto (manual), B1 bonus 5 (village branches only)
    stars: 5 >= 90, 4 >= 80, 3 >= 70, 2 >= 60, 1 below
    grades: advanced >= 90, good >= 75, average >= 60, backward below
    cap: a veto -> at most two stars
"""
from unittest import mock

from .common import PartyCase

# The metric values the fake metrics return: {(code, org id): value}.
VALUES = {}


def _fake_metric(code):
    def compute(self, org_ids, date_from, date_to, meeting_type):
        # one query, as a real metric runs a fixed number of them
        self.env.cr.execute(
            "SELECT id FROM party_organization WHERE id IN %s",
            [tuple(org_ids)])
        return {org_id: (VALUES.get((code, org_id), 0.0),
                         '%s' % VALUES.get((code, org_id), 0.0))
                for (org_id,) in self.env.cr.fetchall()}
    return compute


class AssessmentCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(AssessmentCase, cls).setUpClass()
        Metric = cls.env['party.assessment.metric']
        cls._patches = [
            mock.patch.object(type(Metric), '_metric_%s' % code,
                              create=True, new=_fake_metric(code))
            for code in ('test_ratio', 'test_count')]
        for patch in cls._patches:
            patch.start()
        cls.metric_ratio = Metric.create({
            'code': 'test_ratio', 'name': 'Test Ratio',
            'value_type': 'ratio'})
        cls.metric_count = Metric.create({
            'code': 'test_count', 'name': 'Test Count',
            'value_type': 'count'})
        cls.standard = cls.make_standard()
        cls.company.write({
            'party_assessment_flag_backward': True,
            'party_assessment_flag_lowest': False,
            'party_assessment_lowest_count': 1,
            'party_assessment_reminder_days': 7})

    @classmethod
    def tearDownClass(cls):
        for patch in cls._patches:
            patch.stop()
        VALUES.clear()
        super(AssessmentCase, cls).tearDownClass()

    def setUp(self):
        super(AssessmentCase, self).setUp()
        VALUES.clear()

    @classmethod
    def category(cls, category_type, code):
        Category = cls.env['party.organization.category']
        found = Category.search([('category_type', '=', category_type),
                                 ('code', '=', code)], limit=1)
        return found or Category.create({
            'name': code, 'code': code, 'category_type': category_type})

    @classmethod
    def make_standard(cls, name='Test Standard'):
        # the parts together, checked once at the end, as the data files
        # and the standard's own form save them
        env = cls.env(context=dict(cls.env.context, install_mode_data=True))
        Dimension = env['party.standard.dimension']
        dims = [Dimension.search([('code', '=', code)], limit=1)
                or Dimension.create({'name': code, 'code': code,
                                     'sequence': seq})
                for seq, code in enumerate(('T-D1', 'T-D2'))]
        standard = env['party.standard'].create({
            'name': name, 'version': '2024', 'company_id': False,
            'total_points': 100, 'self_weight': 40, 'review_weight': 60})
        Section = env['party.standard.section']
        s1 = Section.create({'standard_id': standard.id,
                             'dimension_id': dims[0].id, 'sequence': 1,
                             'max_points': 60})
        s2 = Section.create({'standard_id': standard.id,
                             'dimension_id': dims[1].id, 'sequence': 2,
                             'max_points': 40})
        Criterion = env['party.standard.criterion']

        def criterion(section, code, scoring, max_points, seq, **vals):
            return Criterion.create(dict(
                standard_id=standard.id, section_id=section.id, code=code,
                name='Requirement %s' % code, scoring=scoring,
                max_points=max_points, sequence=seq, **vals))

        def levels(*pairs):
            return [(0, 0, {'name': name, 'points': points, 'sequence': i})
                    for i, (name, points) in enumerate(pairs)]

        cls.c_l1 = criterion(s1, 'L1', 'levels', 30, 1, level_ids=levels(
            ('Full', 30), ('Partial', 20), ('None', 0)))
        cls.c_f1 = criterion(s1, 'F1', 'free', 20, 2)
        cls.c_m1 = criterion(
            s1, 'M1', 'metric', 10, 3, metric_id=cls.metric_ratio.id,
            mapping='threshold', threshold_ids=[
                (0, 0, {'min_value': 0.5, 'points': 5}),
                (0, 0, {'min_value': 1.0, 'points': 10})])
        cls.c_d1 = criterion(
            s1, 'D1', 'deduction', 0, 4, metric_id=cls.metric_count.id,
            deduction_points=5, floor=10)
        cls.c_l2 = criterion(s2, 'L2', 'levels', 40, 1, level_ids=levels(
            ('Full', 40), ('Partial', 25), ('None', 0)))
        cls.c_v1 = criterion(s2, 'V1', 'veto', 0, 2)
        cls.c_b1 = criterion(
            s2, 'B1', 'bonus', 5, 3, sector_category_ids=[
                (6, 0, cls.category('sector', 'village').ids)])
        Band = env['party.standard.band']
        cls.stars = {}
        for stars, low, high in ((5, 90, 100), (4, 80, 90), (3, 70, 80),
                                 (2, 60, 70), (1, 0, 60)):
            cls.stars[stars] = Band.create({
                'standard_id': standard.id, 'scale': 'star',
                'name': '%d stars' % stars, 'code': 'S%d' % stars,
                'stars': stars, 'min_score': low, 'max_score': high})
        cls.grades = {}
        for code, low, high in (('advanced', 90, 100), ('good', 75, 90),
                                ('average', 60, 75), ('backward', 0, 60)):
            cls.grades[code] = Band.create({
                'standard_id': standard.id, 'scale': 'grade', 'name': code,
                'code': code, 'min_score': low, 'max_score': high})
        env['party.standard.cap'].create({
            'standard_id': standard.id, 'condition': 'veto',
            'star_band_id': cls.stars[2].id})
        if hasattr(standard, '_check_consistency'):
            standard._check_consistency()
        return standard.with_env(cls.env)

    # -- helpers -------------------------------------------------------------

    def make_campaign(self, user=None, org=None, **vals):
        Campaign = self.as_user(user or self.officer,
                                'party.assessment.campaign')
        return Campaign.create(dict({
            'name': 'Campaign 2024', 'year': 2024,
            'standard_id': self.standard.id,
            'organization_id': (org or self.city_a).id,
            'date_from': '2024-01-01', 'date_to': '2024-12-31',
            'self_deadline': '2024-12-10', 'review_deadline': '2024-12-20',
        }, **vals))

    def generate(self, user=None, org=None, **vals):
        campaign = self.make_campaign(user, org, **vals)
        campaign.action_generate()
        return campaign

    def assessment_of(self, campaign, org, user=None):
        assessment = self.env['party.assessment'].search([
            ('campaign_id', '=', campaign.id),
            ('organization_id', '=', org.id)])
        if user:
            return assessment.sudo(user.id)
        return assessment

    def line(self, assessment, criterion):
        return assessment.line_ids.filtered(
            lambda l: l.criterion_id == criterion)

    def self_assess(self, assessment, user=None, **points):
        """points: {'L1': level name or points, ...} written as the
        branch's secretary."""
        user = user or self.secretary
        for code, value in points.items():
            line = self.line(assessment, getattr(self, 'c_' + code.lower()))
            line = line.sudo(user.id)
            if isinstance(value, str):
                level = line.criterion_id.level_ids.filtered(
                    lambda l: l.name == value)
                line.write({'self_level_id': level.id})
            else:
                line.write({'self_points': value})

    def review(self, assessment, user=None, **points):
        user = user or self.officer
        for code, value in points.items():
            line = self.line(assessment, getattr(self, 'c_' + code.lower()))
            line = line.sudo(user.id)
            if isinstance(value, str):
                level = line.criterion_id.level_ids.filtered(
                    lambda l: l.name == value)
                line.write({'review_level_id': level.id})
            else:
                line.write({'review_points': value})
