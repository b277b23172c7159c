"""A criterion of a branch's assessment: the metric and its automatic
points, the branch's self-assessment, the superior's review, the
evidence. Who may write what, and when, is checked here on every write,
whatever the client sends."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from . import scoring
from .party_assessment import STATES
from .party_guard import is_trusted, trusted

SELF_FIELDS = ('self_level_id', 'self_points', 'self_comment',
               'attachment_ids')
REVIEW_FIELDS = ('review_level_id', 'review_points', 'review_comment')


class PartyAssessmentLine(models.Model):
    _name = 'party.assessment.line'
    _description = 'Assessment Criterion'
    _order = 'assessment_id, sequence, id'
    _rec_name = 'criterion_id'

    # its index is the unique constraint's (assessment_id, criterion_id)
    assessment_id = fields.Many2one(
        'party.assessment', string='Assessment', required=True,
        ondelete='cascade', readonly=True, auto_join=True)
    state = fields.Selection(STATES, related='assessment_id.state',
                             store=True, readonly=True)
    criterion_id = fields.Many2one(
        'party.standard.criterion', string='Criterion', required=True,
        index=True, ondelete='restrict', readonly=True)
    # not stored: every stored link is a foreign key that PostgreSQL checks
    # on each of the hundred thousands of lines a campaign inserts
    section_id = fields.Many2one(related='criterion_id.section_id',
                                 readonly=True)
    dimension_id = fields.Many2one(related='criterion_id.dimension_id',
                                   readonly=True)
    sequence = fields.Integer(readonly=True)
    code = fields.Char(related='criterion_id.code', readonly=True)
    name = fields.Char(related='criterion_id.name', string='Requirement',
                       readonly=True)
    evidence = fields.Text(related='criterion_id.evidence', readonly=True,
                           string='Evidence to Check')
    scoring = fields.Selection(related='criterion_id.scoring',
                               readonly=True)
    automatic = fields.Boolean(
        compute='_compute_automatic',
        help="Scored from a metric the system computes.")
    max_points = fields.Float(string='Maximum', readonly=True,
                              digits=(16, 2))
    metric_value = fields.Float(readonly=True, digits=(16, 4))
    metric_note = fields.Char(readonly=True)
    auto_points = fields.Float(string='Automatic Points', readonly=True,
                               digits=(16, 2))
    self_level_id = fields.Many2one(
        'party.standard.criterion.level', string='Self-assessed Level',
        ondelete='restrict',
        domain="[('criterion_id', '=', criterion_id)]")
    self_points = fields.Float(string='Self-assessment', digits=(16, 2))
    self_comment = fields.Text(string='Self-assessment Comment')
    review_level_id = fields.Many2one(
        'party.standard.criterion.level', string='Reviewed Level',
        ondelete='restrict',
        domain="[('criterion_id', '=', criterion_id)]")
    review_points = fields.Float(string='Superior Review', digits=(16, 2))
    review_comment = fields.Text(string='Review Comment')
    review_set = fields.Boolean(
        readonly=True, help="The reviewer changed this line: it no longer "
                            "follows the self-assessment or the metric.")
    final_points = fields.Float(string='Final', readonly=True,
                                digits=(16, 2))
    # not related fields: Odoo computes those as superuser
    can_self_assess = fields.Boolean(compute='_compute_can')
    can_review = fields.Boolean(compute='_compute_can')
    attachment_ids = fields.Many2many(
        'ir.attachment', 'party_assessment_line_ir_attachment_rel',
        'line_id', 'attachment_id', string='Evidence',
        help="Minutes, sign-in sheets, photos...")

    _sql_constraints = [
        ('assessment_criterion_uniq', 'unique (assessment_id, criterion_id)',
         'A criterion appears once in an assessment.'),
    ]

    @api.depends('criterion_id.scoring', 'criterion_id.metric_id')
    def _compute_automatic(self):
        for line in self:
            line.automatic = line._is_automatic(line.sudo().criterion_id)

    def _compute_can(self):
        user = self.env.user
        for line in self:
            assessment = line.assessment_id
            line.can_self_assess = assessment._is_self_assessor(user)
            line.can_review = assessment._is_reviewer(user)

    @api.model
    def _is_automatic(self, criterion):
        return bool(criterion.metric_id) \
            and criterion.scoring in scoring.AUTOMATIC

    # -- CRUD ----------------------------------------------------------------

    @api.model
    def create(self, vals):
        if not is_trusted(self.env):
            raise UserError(_(
                "The criteria of an assessment come from its standard: "
                "they cannot be added."))
        return super(PartyAssessmentLine, self).create(vals)

    @api.multi
    def unlink(self):
        if self and not is_trusted(self.env):
            raise UserError(_(
                "The criteria of an assessment come from its standard: "
                "they cannot be removed."))
        return super(PartyAssessmentLine, self).unlink()

    @api.multi
    def copy(self, default=None):
        if not is_trusted(self.env):
            raise UserError(_(
                "The criteria of an assessment come from its standard: "
                "they cannot be added."))
        return super(PartyAssessmentLine, self).copy(default)

    @api.multi
    def write(self, vals):
        if is_trusted(self.env) or self.env.uid == SUPERUSER_ID or not self:
            return super(PartyAssessmentLine, self).write(vals)
        sides = [side for side, names
                 in (('self', SELF_FIELDS), ('review', REVIEW_FIELDS))
                 if set(names) & set(vals)]
        if not sides:
            # readonly fields: the guard refuses them
            return super(PartyAssessmentLine, self).write(vals)
        self.check_access_rights('write')
        self.check_access_rule('write')
        assessments = self.mapped('assessment_id')
        for side in sides:
            assessments._check_role(side)
            assessments._check_campaign_open()
            if side == 'self':
                assessments._check_state(('draft',), _(
                    "The self-assessment of %(organization)s is submitted: "
                    "it can no longer change."))
            else:
                assessments._check_state(('submitted',), _(
                    "The review of %(organization)s is open only while the "
                    "assessment is submitted."))
        if 'attachment_ids' in vals:
            self._check_attachments(vals['attachment_ids'])
        for line in self:
            values = line._checked_values(vals)
            super(PartyAssessmentLine, line).write(values)
            if 'review' in sides and set(vals) & {'review_level_id',
                                                  'review_points'}:
                trusted(line).write({'review_set': True})
        assessments._recompute_scores()
        return True

    def _checked_values(self, vals):
        """The values of `vals` for this line, with the points a level
        gives, checked against the criterion; refused when they do not
        fit."""
        self.ensure_one()
        values = dict(vals)
        criterion = self.sudo().criterion_id
        spec = self._criterion_tuple(criterion)
        for side in ('self', 'review'):
            level_name, points_name = side + '_level_id', side + '_points'
            if level_name not in values and points_name not in values:
                continue
            if self._is_automatic(criterion) and side == 'self':
                raise UserError(_(
                    "%(criterion)s is scored automatically from the "
                    "metric.") % {'criterion': self._criterion_label()})
            if criterion.scoring == 'levels':
                level = self.env['party.standard.criterion.level'].browse(
                    values.get(level_name, self[level_name].id))
                if points_name in values and level_name not in values:
                    raise UserError(_(
                        "%(criterion)s is scored by levels: choose a "
                        "level.") % {'criterion': self._criterion_label()})
                if level and level.sudo().criterion_id != criterion:
                    raise ValidationError(_(
                        "%(criterion)s: choose one of the criterion's "
                        "levels.") % {'criterion': self._criterion_label()})
                values[points_name] = level.sudo().points if level else 0.0
            elif level_name in values and values[level_name]:
                raise ValidationError(_(
                    "%(criterion)s is not scored by levels: enter points.")
                    % {'criterion': self._criterion_label()})
            points = values.get(points_name, self[points_name])
            values[points_name] = self._scoring_call(
                criterion, scoring.check_points, spec, points)
        return values

    def _check_attachments(self, commands):
        """Evidence is uploaded on the line itself: an attachment of
        another record may not be linked here (it would be shown to
        whoever reads the line)."""
        ids = set()
        for command in commands or ():
            if isinstance(command, (list, tuple)):
                if command[0] == 4:
                    ids.add(command[1])
                elif command[0] == 6:
                    ids.update(command[2] or ())
                elif command[0] == 0:
                    raise AccessError(_(
                        "Upload evidence as a file of the criterion."))
        if not ids:
            return
        attachments = self.env['ir.attachment'].sudo().browse(list(ids))
        for attachment in attachments:
            if attachment.res_model != self._name \
                    or attachment.res_id not in [0] + self.ids \
                    or attachment.res_id == 0 \
                    and attachment.create_uid != self.env.user:
                raise AccessError(_(
                    "Only files uploaded to this criterion can be its "
                    "evidence."))
        if len(self) == 1:
            # uploaded before the line was known: now it is the line's,
            # and follows its scope
            attachments.filtered(lambda a: a.res_id == 0).write(
                {'res_id': self.id})

    def _criterion_label(self):
        criterion = self.sudo().criterion_id
        return ' '.join(part for part in (criterion.code, criterion.name)
                        if part)

    # -- the review and the checks before a step -----------------------------

    def _check_complete(self, side):
        """Every line scored by levels has its level on `side`."""
        field = side + '_level_id'
        for line in self:
            if line.sudo().criterion_id.scoring == 'levels' \
                    and not line[field]:
                raise UserError(_(
                    "%(organization)s: choose the level of %(criterion)s.")
                    % {'organization': line.assessment_id.organization_id
                       .name, 'criterion': line._criterion_label()})

    def _prefill_review(self):
        """The review starts from the self-assessment: the reviewer changes
        what differs. Lines the reviewer already changed stay."""
        if not self:
            return
        self.env.cr.execute("""
            UPDATE party_assessment_line
               SET review_level_id = self_level_id,
                   review_points = self_points
             WHERE id IN %s AND NOT review_set
        """, [tuple(self.ids)])
        self.invalidate_cache(['review_level_id', 'review_points'])

    # -- set-based writes (generation, metrics, scores) ----------------------

    @api.model
    def _insert_generated(self, assessments, criteria, measured):
        """Insert the lines of new assessments in one statement:
        `assessments` [(assessment id, group)], `criteria` [(group,
        criterion id)]: each assessment gets the criteria of its group, with
        their points, section and order as they are in the (locked)
        standard; `measured` [(assessment id, criterion id, metric value,
        note, points)] of the automatic ones, whose self-assessment and
        review are their points."""
        if not assessments or not criteria:
            return
        columns = [list(column) for column in zip(*measured)] \
            or [[], [], [], [], []]
        self.env.cr.execute("""
            INSERT INTO party_assessment_line
                   (assessment_id, criterion_id,
                    sequence, max_points, state, metric_value, metric_note,
                    auto_points, self_points, review_points, final_points,
                    review_set, create_uid, write_uid, create_date,
                    write_date)
            SELECT a.id, c.id,
                   COALESCE(s.sequence, 0) * 10000 + COALESCE(c.sequence, 0),
                   COALESCE(c.max_points, 0), 'draft',
                   COALESCE(m.value, 0), m.note, COALESCE(m.points, 0),
                   COALESCE(m.points, 0), COALESCE(m.points, 0), 0, false,
                   %(uid)s, %(uid)s, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM unnest(%(assessments)s::integer[], %(groups)s::integer[])
                   AS a(id, grp)
              JOIN unnest(%(criteria_groups)s::integer[],
                          %(criteria)s::integer[]) AS g(grp, criterion_id)
                ON g.grp = a.grp
              JOIN party_standard_criterion c ON c.id = g.criterion_id
              JOIN party_standard_section s ON s.id = c.section_id
         LEFT JOIN unnest(%(m_assessments)s::integer[],
                          %(m_criteria)s::integer[], %(m_values)s::float[],
                          %(m_notes)s::varchar[], %(m_points)s::float[])
                   AS m(assessment_id, criterion_id, value, note, points)
                ON m.assessment_id = a.id AND m.criterion_id = c.id
        """, {'uid': self.env.uid,
              'assessments': [row[0] for row in assessments],
              'groups': [row[1] for row in assessments],
              'criteria_groups': [row[0] for row in criteria],
              'criteria': [row[1] for row in criteria],
              'm_assessments': columns[0], 'm_criteria': columns[1],
              'm_values': columns[2], 'm_notes': columns[3],
              'm_points': columns[4]})

    @api.model
    def _write_metrics(self, updates):
        """updates: (line id, metric value, note, automatic points). The
        self-assessment of an automatic line is its points; the review too,
        unless the reviewer changed it. Returns the ids of the assessments
        whose lines changed."""
        if not updates:
            return set()
        columns = [list(column) for column in zip(*updates)]
        self.env.cr.execute("""
            UPDATE party_assessment_line l
               SET metric_value = v.value, metric_note = v.note,
                   auto_points = v.points, self_points = v.points,
                   review_points = CASE WHEN l.review_set
                                        THEN l.review_points
                                        ELSE v.points END
              FROM unnest(%s::integer[], %s::float[], %s::varchar[],
                          %s::float[]) AS v(id, value, note, points)
             WHERE l.id = v.id
               -- what a refresh finds unchanged is not rewritten
               AND (l.metric_value, l.metric_note, l.auto_points,
                    l.self_points)
                   IS DISTINCT FROM (v.value, v.note, v.points, v.points)
         RETURNING l.assessment_id
        """, columns)
        changed = {row[0] for row in self.env.cr.fetchall()}
        self.invalidate_cache(['metric_value', 'metric_note', 'auto_points',
                               'self_points', 'review_points'])
        return changed

    @api.model
    def _write_final_points(self, updates, unreviewed):
        """updates: (line id, final points) of reviewed assessments; the
        lines of the `unreviewed` assessment ids have none."""
        cr = self.env.cr
        if updates:
            columns = [list(column) for column in zip(*updates)]
            cr.execute("""
                UPDATE party_assessment_line l SET final_points = v.points
                  FROM unnest(%s::integer[], %s::float[]) AS v(id, points)
                 WHERE l.id = v.id
                   AND l.final_points IS DISTINCT FROM v.points
            """, columns)
        if unreviewed:
            cr.execute("""
                UPDATE party_assessment_line SET final_points = 0
                 WHERE assessment_id = ANY(%s) AND final_points != 0
            """, [unreviewed])
        self.invalidate_cache(['final_points'])

    # -- scoring -------------------------------------------------------------

    @api.model
    def _criterion_tuple(self, criterion):
        """The criterion as models/scoring.py takes it."""
        return criterion._scoring_criterion()

    @api.model
    def _weighted(self, self_points, review_points, self_weight,
                  review_weight):
        """A line's final points: its two scores weighted as the totals
        are (deductions stay negative)."""
        return scoring.round2((self_points * self_weight
                               + review_points * review_weight) / 100.0)

    @api.model
    def _scoring_call(self, criterion, function, *args):
        """function(*args) of models/scoring.py, its errors as translated
        messages."""
        try:
            return function(*args)
        except scoring.ScoreError as error:
            raise ValidationError(self._score_message(criterion, error))

    @api.model
    def _score_message(self, criterion, error):
        """The standard's translated message, naming the criterion."""
        if criterion:
            error.params['key'] = ' '.join(
                part for part in (criterion.code, criterion.name) if part)
        return self.env['party.standard']._score_message(error)
