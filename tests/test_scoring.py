"""The scoring arithmetic on its own: plain values, no database."""
import unittest

from ..models.scoring import (
    Criterion, ScoreError, apply_caps, auto_points, band_for, check_bands,
    check_criterion, check_points, check_weights, combine, level_points,
    round2, total, vetoed)

LEVELS = Criterion('levels', 'levels', 10, levels={
    'met': 10, 'mostly': 6, 'not_met': 0})
FREE = Criterion('free', 'free', 5)
STEPS = Criterion('steps', 'metric', 8, thresholds=[
    (0.5, 4), (0.8, 6), (1.0, 8)])
SHARE = Criterion('share', 'metric', 6, target_value=0.9,
                  mapping='proportional')
LATE = Criterion('late', 'deduction', deduction_points=5, floor=10)
BONUS = Criterion('bonus', 'bonus', 3)
VETO = Criterion('veto', 'veto')

STARS = [('1', 0, 60), ('2', 60, 70), ('3', 70, 80), ('4', 80, 90),
         ('5', 90, 100)]
GRADES = [('backward', 0, 60), ('average', 60, 75), ('good', 75, 90),
          ('advanced', 90, 100)]


class TestScoring(unittest.TestCase):

    def assertScoreError(self, code, call, *args):
        with self.assertRaises(ScoreError) as caught:
            call(*args)
        self.assertEqual(caught.exception.code, code)
        return caught.exception

    # -- automatic points ------------------------------------------------------

    def test_thresholds_highest_reached(self):
        self.assertEqual(auto_points(STEPS, 0.49), 0)
        self.assertEqual(auto_points(STEPS, 0.5), 4)
        self.assertEqual(auto_points(STEPS, 0.79), 4)
        self.assertEqual(auto_points(STEPS, 0.8), 6)
        self.assertEqual(auto_points(STEPS, 1), 8)
        self.assertEqual(auto_points(STEPS, 3), 8)
        # the step with the highest value reached counts, in any order
        unsorted = STEPS._replace(thresholds=[(1.0, 8), (0.5, 4), (0.8, 6)])
        self.assertEqual(auto_points(unsorted, 0.85), 6)

    def test_proportional(self):
        self.assertEqual(auto_points(SHARE, 0.9), 6)
        self.assertEqual(auto_points(SHARE, 1.0), 6)
        self.assertEqual(auto_points(SHARE, 0.45), 3)
        self.assertEqual(auto_points(SHARE, 0.3), 2)
        self.assertEqual(auto_points(SHARE, 0.1), 0.67)
        self.assertEqual(auto_points(SHARE, 0), 0)
        self.assertEqual(auto_points(SHARE, -1), 0)

    def test_deduction_per_occurrence_down_to_floor(self):
        self.assertEqual(auto_points(LATE, 0), 0)
        self.assertEqual(auto_points(LATE, 1), -5)
        self.assertEqual(auto_points(LATE, 2), -10)
        self.assertEqual(auto_points(LATE, 7), -10)
        self.assertScoreError('negative_count', auto_points, LATE, -1)

    def test_veto_from_metric(self):
        self.assertEqual(auto_points(VETO, 0), 0)
        self.assertEqual(auto_points(VETO, 1), 1)
        self.assertEqual(auto_points(VETO, 0.01), 1)

    def test_manual_criteria_have_no_automatic_points(self):
        self.assertScoreError('not_automatic', auto_points, LEVELS, 1)
        self.assertScoreError('not_automatic', auto_points, BONUS, 1)

    def test_levels(self):
        self.assertEqual(level_points(LEVELS, 'mostly'), 6)
        self.assertScoreError('unknown_level', level_points, LEVELS, 'x')

    # -- manual points ---------------------------------------------------------

    def test_regular_points_within_max(self):
        self.assertEqual(check_points(LEVELS, 10), 10)
        self.assertEqual(check_points(FREE, 0), 0)
        self.assertEqual(check_points(FREE, 2.5), 2.5)
        error = self.assertScoreError('points_out_of_range', check_points,
                                      FREE, 5.01)
        self.assertEqual(error.params['max_points'], 5)
        self.assertScoreError('points_out_of_range', check_points, FREE, -1)
        self.assertScoreError('points_out_of_range', check_points, STEPS, 9)

    def test_deduction_floor(self):
        self.assertEqual(check_points(LATE, -10), -10)
        self.assertEqual(check_points(LATE, 0), 0)
        self.assertScoreError('deduction_beyond_floor', check_points, LATE,
                              -10.5)
        self.assertScoreError('deduction_positive', check_points, LATE, 5)

    def test_bonus_cap(self):
        self.assertEqual(check_points(BONUS, 3), 3)
        error = self.assertScoreError('bonus_beyond_cap', check_points,
                                      BONUS, 3.5)
        self.assertEqual(error.params['cap'], 3)
        self.assertScoreError('bonus_negative', check_points, BONUS, -1)

    def test_veto_is_a_flag(self):
        self.assertEqual(check_points(VETO, 1), 1)
        self.assertScoreError('veto_not_flag', check_points, VETO, 5)

    def test_bad_input(self):
        for value in (None, 'ten', float('nan'), float('inf'), True, [1]):
            self.assertScoreError('not_a_number', check_points, FREE, value)
            self.assertScoreError('not_a_number', auto_points, STEPS, value)
        self.assertScoreError('unknown_scoring', check_points,
                              FREE._replace(scoring='other'), 1)
        self.assertScoreError('not_a_number', combine, None, 80)
        self.assertScoreError('not_a_number', band_for, 'x', STARS)

    def test_criterion_checks(self):
        self.assertEqual(check_criterion(LEVELS), LEVELS)
        self.assertScoreError('max_points_not_positive', check_criterion,
                              FREE._replace(max_points=0))
        self.assertScoreError('level_out_of_range', check_criterion,
                              LEVELS._replace(levels={'a': 11}))
        self.assertScoreError('level_out_of_range', check_criterion,
                              LEVELS._replace(levels={'a': -1}))
        self.assertScoreError('thresholds_missing', check_criterion,
                              STEPS._replace(thresholds=[],
                                             mapping='threshold'))
        self.assertScoreError('threshold_out_of_range', check_criterion,
                              STEPS._replace(thresholds=[(1, 9)]))
        self.assertScoreError('target_not_positive', check_criterion,
                              SHARE._replace(target_value=0))
        self.assertScoreError('deduction_not_positive', check_criterion,
                              LATE._replace(deduction_points=0))
        self.assertScoreError('floor_not_positive', check_criterion,
                              LATE._replace(floor=0))

    # -- totals ----------------------------------------------------------------

    def test_total_adds_bonus_and_deductions(self):
        lines = [(LEVELS, 6), (FREE, 4.5), (STEPS, 8), (BONUS, 3),
                 (LATE, -5), (VETO, 1)]
        self.assertEqual(total(lines), 16.5)
        self.assertEqual(total([]), 0)

    def test_total_floored_at_zero(self):
        self.assertEqual(total([(FREE, 2), (LATE, -10)]), 0)

    def test_total_at_most_maxima_plus_bonus_caps(self):
        full = [(LEVELS, 10), (FREE, 5), (STEPS, 8), (BONUS, 3)]
        self.assertEqual(total(full), 26)
        self.assertEqual(total(full, cap=23), 23)
        # a line over its maximum or cap is refused, not clipped
        self.assertScoreError('bonus_beyond_cap', total, full + [(BONUS, 4)])
        self.assertScoreError('points_out_of_range', total, [(FREE, 6)])

    def test_total_rounded(self):
        thirds = Criterion('t', 'free', 1)
        self.assertEqual(total([(thirds, 1 / 3)] * 3), 1.0)
        self.assertEqual(total([(thirds, 0.333)] * 3), 1.0)
        self.assertEqual(total([(thirds, 0.1)] * 3), 0.3)

    def test_vetoed(self):
        self.assertFalse(vetoed([(FREE, 5), (VETO, 0)]))
        self.assertTrue(vetoed([(FREE, 5), (VETO, 0), (VETO, 1)]))
        self.assertFalse(vetoed([]))

    # -- combination -----------------------------------------------------------

    def test_combine_40_60(self):
        self.assertEqual(combine(80, 90, 40, 60), 86)
        self.assertEqual(combine(100, 50), 70)
        self.assertEqual(combine(90, 89.99), 89.99)   # 89.994
        self.assertEqual(combine(100, 83.34), 90.0)   # 90.004
        self.assertEqual(combine(89.99, 90), 90.0)    # 89.996
        self.assertEqual(combine(85, 85, 0, 100), 85)
        self.assertEqual(combine(0, 0), 0)

    def test_rounding_half_up(self):
        self.assertEqual(round2(89.995), 90.0)
        self.assertEqual(round2(2.675), 2.68)
        self.assertEqual(round2(0.125), 0.13)
        self.assertEqual(combine(89.9875, 90), 90.0)  # 89.995

    def test_weights(self):
        check_weights(40, 60)
        check_weights(0, 100)
        error = self.assertScoreError('weights_not_100', check_weights,
                                      40, 50)
        self.assertEqual(error.params['total'], 90)
        self.assertScoreError('weight_negative', check_weights, -10, 110)
        self.assertScoreError('weights_not_100', combine, 80, 80, 50, 60)
        self.assertScoreError('score_negative', combine, -1, 80)

    # -- bands and caps --------------------------------------------------------

    def test_bands_at_the_edges(self):
        for score, star, grade in [
                (0, '1', 'backward'), (59.99, '1', 'backward'),
                (60, '2', 'average'), (74.99, '3', 'average'),
                (75, '3', 'good'), (89.99, '4', 'good'),
                (90, '5', 'advanced'), (100, '5', 'advanced'),
                (103, '5', 'advanced')]:
            self.assertEqual(band_for(score, STARS), star, score)
            self.assertEqual(band_for(score, GRADES), grade, score)
        # the score is rounded first, as the final score is
        self.assertEqual(band_for(89.995, STARS), '5')
        self.assertEqual(band_for(89.994, STARS), '4')
        # any order
        self.assertEqual(band_for(65, list(reversed(STARS))), '2')
        self.assertScoreError('score_below_bands', band_for, -1, STARS)
        self.assertScoreError('no_bands', band_for, 50, [])

    def test_check_bands(self):
        check_bands(STARS, 100)
        check_bands(GRADES, 100)
        check_bands([], 100)
        self.assertScoreError('band_overlap', check_bands,
                              [('a', 0, 61), ('b', 60, 100)], 100)
        self.assertScoreError('band_gap', check_bands,
                              [('a', 0, 59), ('b', 60, 100)], 100)
        self.assertScoreError('band_not_from_zero', check_bands,
                              [('a', 10, 60), ('b', 60, 100)], 100)
        self.assertScoreError('band_not_to_total', check_bands,
                              [('a', 0, 60), ('b', 60, 90)], 100)
        self.assertScoreError('band_empty', check_bands,
                              [('a', 0, 60), ('b', 60, 60),
                               ('c', 60, 100)], 100)

    def test_caps(self):
        self.assertEqual(apply_caps('5', STARS, ['2']), '2')
        self.assertEqual(apply_caps('1', STARS, ['2']), '1')
        self.assertEqual(apply_caps('4', STARS, ['3', '2']), '2')
        self.assertEqual(apply_caps('4', STARS, [None]), '4')
        self.assertEqual(apply_caps('4', STARS, []), '4')
        self.assertScoreError('unknown_band', apply_caps, '4', STARS, ['9'])
        self.assertScoreError('unknown_band', apply_caps, '9', STARS, [])

    def test_veto_caps_a_high_score(self):
        """A branch with full marks and a veto item ends at two stars."""
        lines = [(LEVELS, 10), (FREE, 5), (VETO, 1)]
        score = combine(90, 95)
        band = band_for(score, STARS)
        self.assertEqual(band, '5')
        caps = ['2'] if vetoed(lines) else []
        self.assertEqual(apply_caps(band, STARS, caps), '2')
