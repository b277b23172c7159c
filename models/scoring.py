"""The scoring arithmetic of the quality standards, as plain Python over
values: no Odoo import, so that it is tested on its own and carries to a
newer Odoo unchanged. The Odoo layer turns a :class:`ScoreError`'s code
into a translated message.

Points are signed: a deduction line holds a negative number (−5 for one
occurrence of a 5-point deduction), never below ``−floor``. A veto line
holds 1 when the veto is triggered, 0 otherwise, and counts for nothing in
the total. Every result is rounded to 2 decimals, half up, on the decimal
values (89.995 → 90.0, not 89.99 as binary floats would give).
"""
import math
from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal

REGULAR = ('levels', 'free', 'metric')
SCORINGS = REGULAR + ('deduction', 'bonus', 'veto')
AUTOMATIC = ('metric', 'deduction', 'veto')
# Two scores closer than this are equal (the scores have 2 decimals).
EPSILON = 0.005

Criterion = namedtuple('Criterion', [
    'key', 'scoring', 'max_points', 'levels', 'thresholds', 'target_value',
    'deduction_points', 'floor', 'mapping'])
# levels: {level_key: points}; thresholds: [(min_value, points)];
# mapping: 'threshold' or 'proportional' (None: thresholds if any).
Criterion.__new__.__defaults__ = (0.0, None, (), 0.0, 0.0, 0.0, None)

# A rating band: scores from `min_score` (included) below `max_score`.
Band = namedtuple('Band', ['code', 'min_score', 'max_score'])


class ScoreError(ValueError):
    """Bad input, named by a stable `code` and its parameters."""

    def __init__(self, code, **params):
        super(ScoreError, self).__init__(code, params)
        self.code = code
        self.params = params


def round2(value):
    """`value` rounded to 2 decimals, half up, as a float."""
    return float(Decimal(repr(float(value))).quantize(
        Decimal('0.01'), rounding=ROUND_HALF_UP))


def number(value, **params):
    """`value` as a finite float, else ScoreError('not_a_number')."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value):
        raise ScoreError('not_a_number', value=value, **params)
    return float(value)


def _decimal(value):
    return Decimal(repr(float(value)))


# -- criteria ------------------------------------------------------------------

def check_criterion(criterion):
    """The criterion is well formed, else ScoreError."""
    key = criterion.key
    if criterion.scoring not in SCORINGS:
        raise ScoreError('unknown_scoring', key=key, scoring=criterion.scoring)
    max_points = number(criterion.max_points, key=key)
    if criterion.scoring in REGULAR + ('bonus',) and max_points <= 0:
        raise ScoreError('max_points_not_positive', key=key)
    if criterion.scoring in REGULAR:
        for points in dict(criterion.levels or {}).values():
            if not 0 <= number(points, key=key) <= max_points:
                raise ScoreError('level_out_of_range', key=key, points=points,
                                 max_points=max_points)
    if criterion.scoring == 'metric':
        mapping = _mapping(criterion)
        if mapping == 'threshold':
            if not criterion.thresholds:
                raise ScoreError('thresholds_missing', key=key)
            for min_value, points in criterion.thresholds:
                number(min_value, key=key)
                if not 0 <= number(points, key=key) <= max_points:
                    raise ScoreError('threshold_out_of_range', key=key,
                                     points=points, max_points=max_points)
        elif mapping == 'proportional':
            if number(criterion.target_value, key=key) <= 0:
                raise ScoreError('target_not_positive', key=key)
        else:
            raise ScoreError('unknown_mapping', key=key, mapping=mapping)
    if criterion.scoring == 'deduction':
        if number(criterion.deduction_points, key=key) <= 0:
            raise ScoreError('deduction_not_positive', key=key)
        if number(criterion.floor, key=key) <= 0:
            raise ScoreError('floor_not_positive', key=key)
    return criterion


def _mapping(criterion):
    if criterion.mapping:
        return criterion.mapping
    return 'threshold' if criterion.thresholds else 'proportional'


def auto_points(criterion, value):
    """Points of an automatic criterion for a metric `value`: a metric
    criterion by its thresholds (the highest reached) or in proportion to
    its target; a deduction per occurrence (value = the count) down to
    −floor; a veto: 1 when the value is above 0."""
    check_criterion(criterion)
    value = number(value, key=criterion.key)
    if criterion.scoring == 'metric':
        if _mapping(criterion) == 'threshold':
            reached = [(min_value, points)
                       for min_value, points in criterion.thresholds
                       if value >= min_value]
            return round2(max(reached)[1]) if reached else 0.0
        if value <= 0:
            return 0.0
        share = min(_decimal(value) / _decimal(criterion.target_value), 1)
        return round2(_decimal(criterion.max_points) * share)
    if criterion.scoring == 'deduction':
        if value < 0:
            raise ScoreError('negative_count', key=criterion.key, value=value)
        deducted = min(_decimal(value) * _decimal(criterion.deduction_points),
                       _decimal(criterion.floor))
        return -round2(deducted) if deducted else 0.0
    if criterion.scoring == 'veto':
        return 1.0 if value > 0 else 0.0
    raise ScoreError('not_automatic', key=criterion.key,
                     scoring=criterion.scoring)


def level_points(criterion, level):
    """Points of the level `level` of a criterion scored by levels."""
    levels = dict(criterion.levels or {})
    if level not in levels:
        raise ScoreError('unknown_level', key=criterion.key, level=level)
    return number(levels[level], key=criterion.key)


def check_points(criterion, points):
    """`points` fit the criterion, else ScoreError: regular points within
    0..max, a deduction between −floor and 0, a bonus within 0..cap, a
    veto 0 or 1. Returns the points as a float."""
    key = criterion.key
    points = number(points, key=key)
    scoring = criterion.scoring
    if scoring in REGULAR:
        if not -EPSILON < points < criterion.max_points + EPSILON:
            raise ScoreError('points_out_of_range', key=key, points=points,
                             max_points=criterion.max_points)
    elif scoring == 'deduction':
        if points > EPSILON:
            raise ScoreError('deduction_positive', key=key, points=points)
        if points < -criterion.floor - EPSILON:
            raise ScoreError('deduction_beyond_floor', key=key, points=points,
                             floor=criterion.floor)
    elif scoring == 'bonus':
        if points < -EPSILON:
            raise ScoreError('bonus_negative', key=key, points=points)
        if points > criterion.max_points + EPSILON:
            raise ScoreError('bonus_beyond_cap', key=key, points=points,
                             cap=criterion.max_points)
    elif scoring == 'veto':
        if points not in (0.0, 1.0):
            raise ScoreError('veto_not_flag', key=key, points=points)
    else:
        raise ScoreError('unknown_scoring', key=key, scoring=scoring)
    return points


# -- totals --------------------------------------------------------------------

def total(lines, cap=None):
    """The score of `lines`, pairs (criterion, points): regular points plus
    bonuses minus deductions, never below 0 (and never above `cap` if
    given). Each line is checked first: the bonuses stay within their caps,
    so the total stays within the regular maxima plus the bonus caps."""
    result = Decimal(0)
    for criterion, points in lines:
        points = check_points(criterion, points)
        if criterion.scoring != 'veto':
            result += _decimal(points)
    result = max(result, Decimal(0))
    if cap is not None:
        result = min(result, _decimal(number(cap)))
    return round2(result)


def vetoed(lines):
    """Whether a veto item of `lines` is triggered."""
    return any(criterion.scoring == 'veto'
               and check_points(criterion, points) == 1.0
               for criterion, points in lines)


def check_weights(self_weight, review_weight):
    """The two weights are percentages that add up to 100."""
    self_weight, review_weight = number(self_weight), number(review_weight)
    if self_weight < 0 or review_weight < 0:
        raise ScoreError('weight_negative')
    if abs(self_weight + review_weight - 100) > EPSILON:
        raise ScoreError('weights_not_100', total=self_weight + review_weight)


def combine(self_total, review_total, self_weight=40, review_weight=60):
    """The final score: the self-assessment and the review weighted by
    their percentages, rounded to 2 decimals."""
    check_weights(self_weight, review_weight)
    self_total, review_total = number(self_total), number(review_total)
    if self_total < 0 or review_total < 0:
        raise ScoreError('score_negative')
    weighted = (_decimal(self_total) * _decimal(self_weight)
                + _decimal(review_total) * _decimal(review_weight)) / 100
    return round2(weighted)


# -- bands ---------------------------------------------------------------------

def _bands(bands):
    return sorted((Band(*band) for band in bands),
                  key=lambda band: band.min_score)


def check_bands(bands, total_points):
    """The bands of one scale cover 0..total_points without overlap or
    gap, each from its minimum up to (below) its maximum."""
    bands = _bands(bands)
    if not bands:
        return
    for band in bands:
        if number(band.max_score) - number(band.min_score) < EPSILON:
            raise ScoreError('band_empty', band=band.code)
    if abs(bands[0].min_score) > EPSILON:
        raise ScoreError('band_not_from_zero', band=bands[0].code)
    if abs(bands[-1].max_score - total_points) > EPSILON:
        raise ScoreError('band_not_to_total', band=bands[-1].code,
                         total=total_points)
    for lower, upper in zip(bands, bands[1:]):
        if lower.max_score > upper.min_score + EPSILON:
            raise ScoreError('band_overlap', band=lower.code,
                             other=upper.code)
        if lower.max_score < upper.min_score - EPSILON:
            raise ScoreError('band_gap', band=lower.code, other=upper.code)


def band_for(score, bands):
    """The code of the band that holds `score` (the top band holds the
    total and anything above, which bonuses can reach)."""
    score = round2(number(score))
    bands = _bands(bands)
    if not bands:
        raise ScoreError('no_bands')
    if score < bands[0].min_score:
        raise ScoreError('score_below_bands', score=score)
    return [band for band in bands if score >= band.min_score][-1].code


def apply_caps(band_code, bands, caps_triggered):
    """`band_code`, lowered to the lowest of the bands the triggered caps
    allow at most (band codes; None: the cap leaves this scale alone)."""
    order = [band.code for band in _bands(bands)]
    if band_code not in order:
        raise ScoreError('unknown_band', band=band_code)
    result = band_code
    for cap in caps_triggered:
        if cap is None:
            continue
        if cap not in order:
            raise ScoreError('unknown_band', band=cap)
        if order.index(cap) < order.index(result):
            result = cap
    return result
