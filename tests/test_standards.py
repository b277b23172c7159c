"""Quality standards: what must add up, the lock, copying to a new version,
who may change them, and which criteria score which organizations."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyCase


class StandardCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(StandardCase, cls).setUpClass()
        Dimension = cls.env['party.standard.dimension']
        cls.dim_a = Dimension.create({'name': 'Dimension A', 'code': 't_a'})
        cls.dim_b = Dimension.create({'name': 'Dimension B', 'code': 't_b'})
        Category = cls.env['party.organization.category']
        cls.cat_branch = Category.search([('category_type', '=', 'kind'),
                                          ('code', '=', 'branch')])
        cls.cat_village = Category.search([('category_type', '=', 'sector'),
                                           ('code', '=', 'village')])
        cls.metric = cls.env['party.assessment.metric'].create({
            'code': 'test_satisfaction', 'name': 'Test Satisfaction',
            'value_type': 'ratio'})

    def standard_vals(self, **vals):
        """A consistent standard of 100 points: two sections of 60 and 40,
        a criterion by levels, free points, a deduction, a bonus, a veto
        and a village-only criterion; stars and grades."""
        levels = [(0, 0, {'name': 'Met', 'points': 30, 'sequence': 1}),
                  (0, 0, {'name': 'Partly', 'points': 15, 'sequence': 2}),
                  (0, 0, {'name': 'Not met', 'points': 0, 'sequence': 3})]
        stars = [('1', 0, 60, 1), ('2', 60, 70, 2), ('3', 70, 80, 3),
                 ('4', 80, 90, 4), ('5', 90, 100, 5)]
        grades = [('backward', 0, 60), ('average', 60, 75), ('good', 75, 90),
                  ('advanced', 90, 100)]
        result = {
            'name': 'Test Standard', 'version': 'T1', 'company_id': False,
            'section_ids': [
                (0, 0, {'dimension_id': self.dim_a.id, 'max_points': 60,
                        'sequence': 1, 'criterion_ids': [
                            (0, 0, {'code': 'A1', 'name': 'Committee',
                                    'scoring': 'levels', 'max_points': 30,
                                    'level_ids': levels}),
                            (0, 0, {'code': 'A2', 'name': 'Records',
                                    'scoring': 'free', 'max_points': 20}),
                            (0, 0, {'code': 'A3', 'name': 'Village duty',
                                    'scoring': 'free', 'max_points': 10,
                                    'kind_category_ids': [
                                        (6, 0, self.cat_branch.ids)],
                                    'sector_category_ids': [
                                        (6, 0, self.cat_village.ids)]}),
                            (0, 0, {'code': 'A4', 'name': 'Late election',
                                    'scoring': 'deduction',
                                    'deduction_points': 5, 'floor': 10}),
                        ]}),
                (0, 0, {'dimension_id': self.dim_b.id, 'max_points': 40,
                        'sequence': 2, 'criterion_ids': [
                            (0, 0, {'code': 'B1', 'name': 'Venue',
                                    'scoring': 'free', 'max_points': 40}),
                            (0, 0, {'code': 'B2', 'name': 'Innovation',
                                    'scoring': 'bonus', 'max_points': 5}),
                            (0, 0, {'code': 'B3', 'name': 'Serious breach',
                                    'scoring': 'veto'}),
                        ]}),
            ],
            'band_ids': [(0, 0, {'scale': 'star', 'code': code,
                                 'name': '%s stars' % code, 'stars': n,
                                 'min_score': low, 'max_score': high})
                         for code, low, high, n in stars]
            + [(0, 0, {'scale': 'grade', 'code': code, 'name': code,
                       'min_score': low, 'max_score': high})
               for code, low, high in grades],
        }
        result.update(vals)
        return result

    def make_standard(self, **vals):
        return self.as_user(self.manager, 'party.standard').create(
            self.standard_vals(**vals))

    def criterion(self, standard, code):
        return standard.criterion_ids.filtered(lambda c: c.code == code)

    def band(self, standard, scale, code):
        return standard.band_ids.filtered(
            lambda b: b.scale == scale and b.code == code)


class TestStandardChecks(StandardCase):

    def test_consistent_standard(self):
        standard = self.make_standard()
        self.assertEqual(len(standard.section_ids), 2)
        self.assertEqual(len(standard.criterion_ids), 7)
        # created inside its section, a criterion takes its standard
        self.assertEqual(standard.section_ids.mapped('criterion_ids'),
                         standard.criterion_ids)
        self.assertEqual(self.criterion(standard, 'B1').dimension_id,
                         self.dim_b)
        self.assertEqual(standard.section_ids[0].criteria_points, 60)
        self.assertEqual(standard.self_weight, 40)
        self.assertEqual(standard.review_weight, 60)
        self.assertFalse(standard.locked)

    def test_sections_add_up_to_total(self):
        with self.assertRefused(ValidationError, 'add up to 100, not to the '
                                'total points of the standard \\(90\\)'):
            self.make_standard(total_points=90)
        standard = self.make_standard()
        with self.assertRefused(ValidationError, 'add up to 100'):
            standard.write({'total_points': 120})
        self.assertEqual(standard.total_points, 100)
        with self.assertRefused(ValidationError, 'sections add up to 0'):
            self.as_user(self.manager, 'party.standard').create(
                {'name': 'Empty', 'version': '1'})

    def test_criteria_add_up_to_their_section(self):
        standard = self.make_standard()
        section_a = standard.section_ids[0]
        free = self.criterion(standard, 'A2')
        with self.assertRefused(ValidationError,
                                'criteria of Dimension A add up to 65'):
            free.write({'max_points': 25})
        with self.assertRefused(ValidationError, 'add up to 40'):
            free.unlink()
        with self.assertRefused(ValidationError, 'add up to 70'):
            self.as_user(self.manager, 'party.standard.criterion').create({
                'section_id': section_a.id, 'name': 'One more',
                'scoring': 'free', 'max_points': 10})
        # deductions, bonuses and vetoes do not count
        self.as_user(self.manager, 'party.standard.criterion').create({
            'section_id': section_a.id, 'name': 'Extra bonus',
            'scoring': 'bonus', 'max_points': 3})
        # changed together in the standard, they add up again
        standard.write({'section_ids': [(1, section_a.id, {
            'max_points': 65, 'criterion_ids': [
                (1, free.id, {'max_points': 25})]})],
            'total_points': 105,
            'band_ids': [(1, self.band(standard, 'star', '5').id,
                          {'max_score': 105}),
                         (1, self.band(standard, 'grade', 'advanced').id,
                          {'max_score': 105})]})
        self.assertEqual(free.max_points, 25)
        self.assertEqual(section_a.criteria_points, 65)

    def test_one_section_per_dimension(self):
        standard = self.make_standard()
        with self.assertRefused(Exception):
            standard.write({'section_ids': [
                (0, 0, {'dimension_id': self.dim_a.id, 'max_points': 1})]})

    def test_weights_add_up_to_100(self):
        standard = self.make_standard()
        with self.assertRefused(ValidationError, 'add up to 90%, not to 100%'):
            standard.write({'review_weight': 50})
        with self.assertRefused(ValidationError, 'cannot be negative'):
            standard.write({'self_weight': -10, 'review_weight': 110})
        standard.write({'self_weight': 30, 'review_weight': 70})
        self.assertEqual(standard.review_weight, 70)

    def test_bands_without_overlap_or_gap(self):
        standard = self.make_standard()
        two = self.band(standard, 'star', '2')
        with self.assertRefused(ValidationError,
                                'Star Rating: the bands 2 stars and 3 '
                                'stars overlap'):
            two.write({'max_score': 71})
        with self.assertRefused(ValidationError, 'gap between the bands '
                                '2 stars and 3 stars'):
            two.write({'max_score': 69})
        with self.assertRefused(ValidationError, 'must end at the total'):
            self.band(standard, 'grade', 'advanced').write(
                {'max_score': 99})
        with self.assertRefused(ValidationError, 'must start at 0'):
            self.band(standard, 'star', '1').unlink()
        with self.assertRefused(ValidationError, 'same code'):
            self.band(standard, 'grade', 'good').write({'code': 'average'})
        # both ends move together
        standard.write({'band_ids': [
            (1, two.id, {'max_score': 72}),
            (1, self.band(standard, 'star', '3').id, {'min_score': 72})]})
        self.assertEqual(two.max_score, 72)

    def test_levels_within_max(self):
        standard = self.make_standard()
        level = self.criterion(standard, 'A1').level_ids[0]
        with self.assertRefused(ValidationError, 'A1 Committee: the points '
                                'of a level must be between 0 and the '
                                'maximum points \\(30\\)'):
            level.write({'points': 31})
        with self.assertRefused(ValidationError, 'between 0'):
            level.write({'points': -1})
        with self.assertRefused(ValidationError, 'enter the levels'):
            self.criterion(standard, 'A1').level_ids.unlink()
        level.write({'points': 28})

    def test_deduction_bonus_metric_definitions(self):
        standard = self.make_standard()
        deduction = self.criterion(standard, 'A4')
        with self.assertRefused(ValidationError, 'most the item may deduct'):
            deduction.write({'floor': 0})
        with self.assertRefused(ValidationError, 'per occurrence must be'):
            deduction.write({'deduction_points': -5})
        with self.assertRefused(ValidationError, 'maximum points must be'):
            self.criterion(standard, 'B2').write({'max_points': 0})
        free = self.criterion(standard, 'A2')
        with self.assertRefused(ValidationError, 'choose the metric'):
            free.write({'scoring': 'metric', 'mapping': 'proportional',
                        'target_value': 1})
        with self.assertRefused(ValidationError, 'enter the thresholds'):
            free.write({'scoring': 'metric', 'metric_id': self.metric.id,
                        'mapping': 'threshold'})
        with self.assertRefused(ValidationError, 'points of a threshold'):
            free.write({'scoring': 'metric', 'metric_id': self.metric.id,
                        'threshold_ids': [(0, 0, {'min_value': 0.5,
                                                  'points': 21})]})
        free.write({'scoring': 'metric', 'metric_id': self.metric.id,
                    'threshold_ids': [(0, 0, {'min_value': 0.5,
                                              'points': 10}),
                                      (0, 0, {'min_value': 0.9,
                                              'points': 20})]})
        self.assertEqual(free._auto_points(0.95), 20)
        self.assertEqual(free._auto_points(0.6), 10)
        self.assertEqual(free._auto_points(0.1), 0)
        free.write({'mapping': 'proportional', 'target_value': 0.8})
        self.assertEqual(free._auto_points(0.4), 10)

    def test_points_checked_with_messages(self):
        standard = self.make_standard()
        self.assertEqual(self.criterion(standard, 'A2')._check_points(20), 20)
        with self.assertRaisesRegex(ValidationError, 'A2 Records: enter '
                                    'points between 0 and 20'):
            self.criterion(standard, 'A2')._check_points(20.5)
        with self.assertRaisesRegex(ValidationError, 'A4 Late election: '
                                    'the item deducts at most 10 points'):
            self.criterion(standard, 'A4')._check_points(-15)
        with self.assertRaisesRegex(ValidationError, 'the bonus is at most '
                                    '5 points'):
            self.criterion(standard, 'B2')._check_points(6)
        with self.assertRaisesRegex(ValidationError, 'enter a number'):
            self.criterion(standard, 'B1')._check_points('ten')
        self.assertEqual(self.criterion(standard, 'A4')._auto_points(3), -10)
        self.assertEqual(self.criterion(standard, 'B3')._auto_points(2), 1)

    def test_caps(self):
        standard = self.make_standard()
        with self.assertRefused(ValidationError, 'highest star band'):
            standard.write({'cap_ids': [(0, 0, {'condition': 'veto'})]})
        with self.assertRefused(ValidationError, 'right scale'):
            standard.write({'cap_ids': [(0, 0, {
                'condition': 'veto',
                'star_band_id': self.band(standard, 'grade', 'good').id})]})
        with self.assertRefused(ValidationError, 'needs the metric'):
            standard.write({'cap_ids': [(0, 0, {
                'condition': 'metric_below', 'threshold': 0.6,
                'star_band_id': self.band(standard, 'star', '2').id})]})
        standard.write({'cap_ids': [
            (0, 0, {'condition': 'veto',
                    'star_band_id': self.band(standard, 'star', '2').id}),
            (0, 0, {'condition': 'metric_below', 'metric_id': self.metric.id,
                    'threshold': 0.6,
                    'star_band_id': self.band(standard, 'star', '3').id,
                    'grade_band_id': self.band(standard, 'grade',
                                               'average').id})]})
        star, grade = standard._rate(95)
        self.assertEqual((star.code, grade.code), ('5', 'advanced'))
        star, grade = standard._rate(95, vetoed=True)
        self.assertEqual((star.code, grade.code), ('2', 'advanced'))
        star, grade = standard._rate(95, metric_values={self.metric.id: 0.5})
        self.assertEqual((star.code, grade.code), ('3', 'average'))
        star, grade = standard._rate(95, metric_values={self.metric.id: 0.6})
        self.assertEqual(star.code, '5')
        star, grade = standard._rate(65, True, {self.metric.id: 0.1})
        self.assertEqual((star.code, grade.code), ('2', 'average'))
        self.assertEqual(standard._rate(89.99)[0].code, '4')
        self.assertEqual(standard._rate(90)[0].code, '5')
        self.assertEqual(standard._rate(59.99)[1].code, 'backward')
        self.assertEqual(standard._rate(60)[1].code, 'average')
        # a band a cap names cannot vanish silently
        with self.assertRefused(ValidationError):
            self.band(standard, 'star', '2').unlink()


class TestStandardVersions(StandardCase):

    def test_copy_version(self):
        standard = self.make_standard()
        standard.write({'cap_ids': [(0, 0, {
            'condition': 'veto',
            'star_band_id': self.band(standard, 'star', '2').id})]})
        standard._lock()
        action = standard.action_copy_version()
        new = self.env['party.standard'].browse(action['res_id'])
        self.assertEqual(action['res_model'], 'party.standard')
        self.assertEqual(new.version, 'T1 (copy)')
        self.assertFalse(new.locked)
        self.assertEqual(len(new.section_ids), 2)
        self.assertEqual(len(new.criterion_ids), 7)
        self.assertEqual(len(new.band_ids), 9)
        self.assertFalse(new.section_ids & standard.section_ids)
        self.assertEqual(new.criterion_ids.mapped('section_id'),
                         new.section_ids)
        self.assertEqual(len(self.criterion(new, 'A1').level_ids), 3)
        self.assertEqual(self.criterion(new, 'A3').sector_category_ids,
                         self.cat_village)
        self.assertEqual(new.cap_ids.star_band_id,
                         self.band(new, 'star', '2'))
        # the original is untouched
        self.assertEqual(len(standard.criterion_ids), 7)
        self.assertEqual(standard.cap_ids.star_band_id,
                         self.band(standard, 'star', '2'))
        # the copy changes freely
        self.criterion(new, 'B2').write({'max_points': 8})

    def test_lock(self):
        standard = self.make_standard()
        criterion = self.criterion(standard, 'A1')
        standard._lock()
        self.assertTrue(standard.locked)
        refusals = {
            'write': lambda: standard.write({'name': 'Changed'}),
            'total': lambda: standard.write({'section_ids': [
                (1, standard.section_ids[0].id, {'max_points': 50})]}),
            'section': lambda: standard.section_ids[0].write(
                {'sequence': 5}),
            'criterion': lambda: criterion.write({'name': 'Changed'}),
            'new criterion': lambda: self.as_user(
                self.manager, 'party.standard.criterion').create({
                    'section_id': standard.section_ids[0].id,
                    'name': 'Bonus', 'scoring': 'bonus', 'max_points': 1}),
            'level': lambda: criterion.level_ids[0].write({'name': 'X'}),
            'level unlink': lambda: criterion.level_ids[2].unlink(),
            'band': lambda: standard.band_ids[0].write({'name': 'X'}),
            'standard unlink': lambda: standard.unlink(),
        }
        for name, call in refusals.items():
            with self.assertRefused(UserError, 'can no longer change',
                                    msg=name):
                call()
        # a client cannot unlock it, nor lock one itself
        with self.assertRefused((AccessError, UserError)):
            standard.write({'locked': False})
        other = self.make_standard(version='T2')
        with self.assertRefused(AccessError, 'cannot be set directly'):
            other.write({'locked': True})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.make_standard(version='T3', locked=True)
        # archiving and following remain possible
        standard.write({'active': False})
        self.assertFalse(standard.active)
        standard.message_subscribe(partner_ids=self.viewer.partner_id.ids)
        self.assertTrue(standard.locked)
        self.assertEqual(standard.name, 'Test Standard')

    def test_parts_stay_in_their_standard(self):
        standard = self.make_standard()
        other = self.make_standard(version='T2')
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.criterion(standard, 'A2').write(
                {'standard_id': other.id})
        with self.assertRefused(ValidationError, 'section of another'):
            self.criterion(standard, 'A2').write(
                {'section_id': other.section_ids[0].id})


class TestStandardAccess(StandardCase):

    def test_roles_read_only_managers_write(self):
        standard = self.make_standard()
        for user in (self.viewer, self.secretary, self.officer):
            as_user = standard.sudo(user)
            self.assertEqual(as_user.name, 'Test Standard')
            self.assertEqual(len(as_user.criterion_ids), 7)
            self.assertTrue(as_user.criterion_ids.mapped('level_ids.name'))
            self.assertTrue(as_user.band_ids.mapped('name'))
            for name, call in {
                    'write': lambda: as_user.write({'name': 'X'}),
                    'create': lambda: self.as_user(
                        user, 'party.standard').create(self.standard_vals()),
                    'criterion': lambda: as_user.criterion_ids[0].write(
                        {'name': 'X'}),
                    'level': lambda: as_user.criterion_ids.mapped(
                        'level_ids')[0].write({'points': 1}),
                    'band': lambda: as_user.band_ids[0].unlink(),
                    'dimension': lambda: self.dim_a.sudo(user).write(
                        {'name': 'X'}),
                    'category': lambda: self.cat_branch.sudo(user).write(
                        {'name': 'X'}),
                    'copy': lambda: as_user.action_copy_version(),
                    'unlink': lambda: as_user.unlink()}.items():
                with self.assertRefused(AccessError,
                                        msg='%s %s' % (user.login, name)):
                    call()
        nobody_group = self.env['res.users'].create({
            'name': 'No Role', 'login': 'test_std_no_role',
            'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        with self.assertRefused(AccessError):
            standard.sudo(nobody_group).read(['name'])
        self.dim_a.sudo(self.manager).write({'name': 'Dimension A2'})

    def test_company(self):
        other_company = self.env['res.company'].create({'name': 'Other Co'})
        shared = self.make_standard()
        own = self.env['party.standard'].create(
            self.standard_vals(version='B', company_id=other_company.id))
        Standard = self.as_user(self.manager, 'party.standard')
        found = Standard.search([('name', '=', 'Test Standard')])
        self.assertIn(shared, found)
        self.assertNotIn(own, found)
        Criterion = self.as_user(self.manager, 'party.standard.criterion')
        self.assertFalse(Criterion.search(
            [('standard_id', '=', own.id)]))
        self.assertFalse(self.as_user(
            self.viewer, 'party.standard.band').search(
                [('standard_id', '=', own.id)]))
        self.assertEqual(len(self.as_user(
            self.viewer, 'party.standard.criterion').search(
                [('standard_id', '=', shared.id)])), 7)
        # a new standard belongs to the user's company by default
        vals = self.standard_vals(version='C')
        del vals['company_id']
        mine = Standard.create(vals)
        self.assertEqual(mine.company_id, self.company)


class TestAppliesTo(StandardCase):

    def test_criteria_by_kind_and_sector(self):
        standard = self.make_standard()
        codes = lambda criteria: sorted(criteria.mapped('code'))  # noqa
        everywhere = ['A1', 'A2', 'A4', 'B1', 'B2', 'B3']
        self.assertEqual(codes(standard._criteria_for('branch', 'village')),
                         sorted(everywhere + ['A3']))
        self.assertEqual(codes(standard._criteria_for(
            'branch', 'enterprise')), everywhere)
        self.assertEqual(codes(standard._criteria_for(
            'general_branch', 'village')), everywhere)
        village = self.criterion(standard, 'A3')
        self.assertFalse(village._applies_to(self.branch_a1))
        self.branch_a1.sector = 'village'
        self.assertTrue(village._applies_to(self.branch_a1))
        self.assertTrue(self.criterion(standard, 'A1')._applies_to(
            self.city_a))
        self.assertFalse(village._applies_to(self.city_a))


class TestSeed(StandardCase):

    def test_categories_match_the_selections(self):
        Category = self.env['party.organization.category']
        Org = self.env['party.organization']
        for field in ('kind', 'sector'):
            codes = [key for key, _label in Org._fields[field].selection]
            self.assertEqual(sorted(Category.search(
                [('category_type', '=', field)]).mapped('code')),
                sorted(codes))

    def test_seeded_standard(self):
        standard = self.env.ref('party_building.standard_2019')
        standard._check_consistency()
        self.assertEqual(standard.version, '2019')
        self.assertFalse(standard.company_id)
        self.assertEqual(standard.section_ids.mapped('max_points'),
                         [20.0] * 5)
        self.assertEqual(
            sorted(standard.section_ids.mapped('dimension_id.code')),
            ['life', 'rules', 'service', 'setup', 'venue'])
        self.assertEqual((standard.self_weight, standard.review_weight),
                         (40, 60))
        scorings = set(standard.criterion_ids.mapped('scoring'))
        self.assertTrue({'levels', 'deduction', 'bonus', 'veto'} <= scorings)
        star, grade = standard._rate(95, vetoed=True)
        self.assertEqual((star.stars, grade.code), (2, 'advanced'))
        self.assertEqual(standard._rate(89.99)[0].stars, 4)
        self.assertEqual(standard._rate(74.99)[1].code, 'average')
        self.assertEqual(standard._rate(59.99)[1].code, 'backward')
        # readable by every role
        self.assertEqual(standard.sudo(self.secretary).name, standard.name)
