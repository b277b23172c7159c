import collections

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import scoring
from .party_guard import is_trusted, trusted
from .party_standard_part import batch, in_batch

# A locked standard may still be archived, and followed.
FREE_WHEN_LOCKED = ('active',)
MAIL_PREFIXES = ('message_', 'activity_')


class PartyStandard(models.Model):
    """A quality standard (质量标准), versioned: the sections (one per
    dimension, with its share of the total), the criteria, the rating bands
    and the caps. A version used by a confirmed campaign is locked: a new
    version is a copy."""
    _name = 'party.standard'
    _description = 'Quality Standard'
    _inherit = ['mail.thread']
    _order = 'version desc, name, id'

    name = fields.Char(required=True, translate=True,
                       track_visibility='onchange')
    version = fields.Char(required=True, track_visibility='onchange',
                          help="E.g. the year it was issued: 2019.")
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, ondelete='restrict',
        default=lambda self: self.env.user.company_id,
        help="Empty: a standard of every company.")
    active = fields.Boolean(default=True, track_visibility='onchange')
    note = fields.Text(translate=True)
    total_points = fields.Float(
        string='Total Points', required=True, default=100.0,
        track_visibility='onchange')
    self_weight = fields.Float(
        string='Self-assessment Weight (%)', required=True, default=40.0,
        track_visibility='onchange')
    review_weight = fields.Float(
        string='Review Weight (%)', required=True, default=60.0,
        track_visibility='onchange',
        help="The final score is the self-assessment score and the "
             "superior's review score weighted by these percentages, which "
             "add up to 100.")
    section_ids = fields.One2many(
        'party.standard.section', 'standard_id', string='Sections')
    criterion_ids = fields.One2many(
        'party.standard.criterion', 'standard_id', string='Criteria')
    band_ids = fields.One2many(
        'party.standard.band', 'standard_id', string='Rating Bands')
    cap_ids = fields.One2many(
        'party.standard.cap', 'standard_id', string='Caps')
    locked = fields.Boolean(
        readonly=True, copy=False, track_visibility='onchange',
        help="Used by a confirmed campaign: the standard can no longer "
             "change. Copy it to a new version instead.")

    # -- checks --------------------------------------------------------------

    def _check_unlocked(self):
        locked = self.filtered('locked')
        if locked:
            raise UserError(_(
                "The standard %(name)s %(version)s is used by a confirmed "
                "campaign and can no longer change: copy it to a new "
                "version instead.") % {'name': locked[0].name,
                                       'version': locked[0].version})

    def _check_consistency(self):
        """Everything that must add up, once the standard and its parts
        are saved together."""
        for standard in self:
            standard._check_points_add_up()
            for criterion in standard.criterion_ids:
                criterion._check_definition()
            standard._check_bands()
            for cap in standard.cap_ids:
                cap._check_definition()

    def _check_points_add_up(self):
        self._score_check(scoring.check_weights, self.self_weight,
                          self.review_weight)
        if self.total_points <= 0:
            raise ValidationError(_(
                "The total points of a standard must be above 0."))
        sections = self.section_ids
        if any(s.max_points <= 0 for s in sections):
            raise ValidationError(_(
                "The maximum points of every section must be above 0."))
        section_sum = sum(sections.mapped('max_points'))
        if not same(section_sum, self.total_points):
            raise ValidationError(_(
                "The maximum points of the sections add up to %(sum)s, not "
                "to the total points of the standard (%(total)s): correct "
                "the sections or the total.") % {
                    'sum': fmt(section_sum), 'total': fmt(self.total_points)})
        stray = self.criterion_ids.filtered(
            lambda c: c.section_id.standard_id != self)
        if stray:
            raise ValidationError(_(
                "The criterion %(criterion)s belongs to a section of another "
                "standard.") % {'criterion': stray[0].display_name})
        for section in sections:
            regular = section.criterion_ids.filtered(
                lambda c: c.scoring in scoring.REGULAR)
            criteria_sum = sum(regular.mapped('max_points'))
            if not same(criteria_sum, section.max_points):
                raise ValidationError(_(
                    "The maximum points of the criteria of %(section)s add "
                    "up to %(sum)s, not to the section's %(max)s (deductions, "
                    "bonus and veto items do not count): correct the "
                    "criteria or the section.") % {
                        'section': section.dimension_id.name,
                        'sum': fmt(criteria_sum),
                        'max': fmt(section.max_points)})

    def _check_bands(self):
        scales = dict(self.band_ids._fields['scale']._description_selection(
            self.env))
        for scale, label in scales.items():
            bands = self.band_ids.filtered(lambda b: b.scale == scale)
            codes = bands.mapped('code')
            if len(set(codes)) < len(codes):
                raise ValidationError(_(
                    "Two bands of the scale %(scale)s have the same code.")
                    % {'scale': label})
            try:
                scoring.check_bands(self._scoring_bands(scale),
                                    self.total_points)
            except scoring.ScoreError as error:
                names = {b.code: b.name for b in bands}
                error.params.update(
                    scale=label, total=self.total_points,
                    band=names.get(error.params.get('band'), ''),
                    other=names.get(error.params.get('other'), ''))
                raise ValidationError(self._score_message(error))

    def _score_check(self, check, *args):
        try:
            return check(*args)
        except scoring.ScoreError as error:
            raise ValidationError(self._score_message(error))

    @api.model
    def _score_message(self, error):
        """The translated message of a scoring.ScoreError."""
        messages = {
            'not_a_number': _("%(key)s: enter a number."),
            'unknown_scoring': _("%(key)s: unknown way of scoring."),
            'max_points_not_positive': _(
                "%(key)s: the maximum points must be above 0."),
            'level_out_of_range': _(
                "%(key)s: the points of a level must be between 0 and the "
                "maximum points (%(max_points)s)."),
            'thresholds_missing': _(
                "%(key)s: enter the thresholds that turn the metric's value "
                "into points."),
            'threshold_out_of_range': _(
                "%(key)s: the points of a threshold must be between 0 and "
                "the maximum points (%(max_points)s)."),
            'target_not_positive': _(
                "%(key)s: the target value must be above 0."),
            'unknown_mapping': _(
                "%(key)s: choose how the metric's value becomes points."),
            'deduction_not_positive': _(
                "%(key)s: the points deducted per occurrence must be above "
                "0."),
            'floor_not_positive': _(
                "%(key)s: enter the most the item may deduct in total (above "
                "0)."),
            'negative_count': _(
                "%(key)s: the number of occurrences cannot be negative."),
            'not_automatic': _(
                "%(key)s is scored by hand, not from a metric."),
            'unknown_level': _("%(key)s: choose one of its levels."),
            'points_out_of_range': _(
                "%(key)s: enter points between 0 and %(max_points)s."),
            'deduction_positive': _(
                "%(key)s: a deduction is entered as a negative number (or "
                "0)."),
            'deduction_beyond_floor': _(
                "%(key)s: the item deducts at most %(floor)s points."),
            'bonus_negative': _(
                "%(key)s: a bonus cannot be negative."),
            'bonus_beyond_cap': _(
                "%(key)s: the bonus is at most %(cap)s points."),
            'veto_not_flag': _(
                "%(key)s: a veto item is triggered (1) or not (0)."),
            'weight_negative': _(
                "The weights of the self-assessment and of the review cannot "
                "be negative."),
            'weights_not_100': _(
                "The weights of the self-assessment and of the review add up "
                "to %(total)s%%, not to 100%%."),
            'score_negative': _("A score cannot be negative."),
            'band_empty': _(
                "%(scale)s: the band %(band)s must end above its start."),
            'band_not_from_zero': _(
                "%(scale)s: the lowest band, %(band)s, must start at 0."),
            'band_not_to_total': _(
                "%(scale)s: the highest band, %(band)s, must end at the total "
                "points (%(total)s)."),
            'band_overlap': _(
                "%(scale)s: the bands %(band)s and %(other)s overlap."),
            'band_gap': _(
                "%(scale)s: there is a gap between the bands %(band)s and "
                "%(other)s."),
            'no_bands': _("The standard has no rating bands."),
            'score_below_bands': _(
                "The score %(score)s is below every rating band."),
            'unknown_band': _("Unknown rating band %(band)s."),
        }
        params = collections.defaultdict(str, {
            name: fmt(value) if isinstance(value, float) else value
            for name, value in error.params.items()})
        message = messages.get(error.code)
        if message is None:
            return _("Invalid score (%(code)s).") % {'code': error.code}
        return message % params

    # -- CRUD ----------------------------------------------------------------

    @api.model
    def create(self, vals):
        standard = super(PartyStandard, batch(self)).create(vals)
        if not in_batch(self.env):
            standard._check_consistency()
        return standard.with_env(self.env)

    @api.multi
    def write(self, vals):
        content = [name for name in vals if name not in FREE_WHEN_LOCKED
                   and not name.startswith(MAIL_PREFIXES)]
        if content and not is_trusted(self.env):
            self._check_unlocked()
        result = super(PartyStandard, batch(self)).write(vals)
        if content and not in_batch(self.env):
            self._check_consistency()
        return result

    @api.multi
    def unlink(self):
        self._check_unlocked()
        return super(PartyStandard, self).unlink()

    @api.multi
    def copy(self, default=None):
        """A copy with all its parts, unlocked."""
        self.ensure_one()
        default = dict(default or {})
        default.setdefault('version', _("%(version)s (copy)") % {
            'version': self.version})
        new = super(PartyStandard, batch(self)).copy(default)
        batch(self)._copy_parts(new)
        if not in_batch(self.env):
            new._check_consistency()
        return new.with_env(self.env)

    def _copy_parts(self, new):
        sections = {}
        for section in self.section_ids:
            sections[section] = section.copy({'standard_id': new.id})
        for criterion in self.criterion_ids:
            criterion.copy({'standard_id': new.id,
                            'section_id': sections[criterion.section_id].id})
        bands = {}
        for band in self.band_ids:
            bands[band] = band.copy({'standard_id': new.id})
        for cap in self.cap_ids:
            cap.copy({
                'standard_id': new.id,
                'star_band_id': bands.get(cap.star_band_id, cap.star_band_id).id,
                'grade_band_id': bands.get(
                    cap.grade_band_id, cap.grade_band_id).id,
            })

    # -- actions -------------------------------------------------------------

    @api.multi
    def action_copy_version(self):
        """Copy the standard with all its parts to a new version, and open
        it."""
        self.ensure_one()
        new = self.copy()
        return {
            'type': 'ir.actions.act_window',
            'name': new.display_name,
            'res_model': self._name,
            'res_id': new.id,
            'view_mode': 'form',
            'target': 'current',
        }

    # -- business methods ----------------------------------------------------

    def _lock(self):
        """The standard is used by a confirmed campaign: it no longer
        changes (the campaigns call this)."""
        trusted(self).write({'locked': True})
        return True

    def _criteria_for(self, kind, sector):
        """The criteria that apply to organizations of this kind and
        sector."""
        self.ensure_one()
        return self.criterion_ids.filtered(
            lambda c: c._applies_to_values(kind, sector))

    def _scoring_bands(self, scale):
        """The bands of `scale` as scoring.Band tuples (code, min, max)."""
        return [scoring.Band(b.code, b.min_score, b.max_score)
                for b in self.band_ids if b.scale == scale]

    def _band(self, scale, code):
        return self.band_ids.filtered(
            lambda b: b.scale == scale and b.code == code)[:1]

    def _rate(self, score, vetoed=False, metric_values=None):
        """(star band, grade band) of a final `score`, after the caps that
        apply: any veto triggered (`vetoed`), metric values below their
        threshold (`metric_values`: {metric id: value}; a metric without a
        value does not trigger its cap). Empty records for a scale without
        bands."""
        self.ensure_one()
        caps = self.cap_ids.filtered(
            lambda c: c._triggered(vetoed, metric_values or {}))
        result = []
        for scale, field in (('star', 'star_band_id'),
                             ('grade', 'grade_band_id')):
            bands = self._scoring_bands(scale)
            if not bands:
                result.append(self.env['party.standard.band'])
                continue
            code = self._score_check(scoring.band_for, score, bands)
            code = self._score_check(scoring.apply_caps, code, bands, [
                cap[field].code for cap in caps if cap[field]])
            result.append(self._band(scale, code))
        return tuple(result)


def same(a, b):
    """Two point figures are equal (to the cent)."""
    return abs(a - b) < scoring.EPSILON


def fmt(value):
    """A figure as people write it: 20, 7.5, 0.25."""
    return ('%.2f' % value).rstrip('0').rstrip('.')
