"""The assessment of one branch in a campaign: the branch assesses itself
(自评), an officer of a superior organization reviews (上级评定), and the
confirmed score and rating are the record. The arithmetic is
models/scoring.py; this model holds the workflow, the roles and the
set-based reads and writes around it."""
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from . import scoring
from .mail_activity import format_day
from .party_guard import is_trusted, trusted
from .party_organization import KINDS, SECTORS

STATES = [
    ('draft', 'Self-assessment'),
    ('submitted', 'Submitted'),
    ('reviewed', 'Reviewed'),
    ('confirmed', 'Confirmed'),
]
# Assessments looked at in one batch of the reminder job.
REMIND_BATCH = 2000
# Assessments scored together: bounded memory for the lines of a province.
SCORE_BATCH = 2000
TRENDS = [
    ('new', 'First Rating'),
    ('up', 'Up'),
    ('same', 'Unchanged'),
    ('down', 'Down'),
]


class PartyAssessment(models.Model):
    """One branch's assessment in a campaign."""
    _name = 'party.assessment'
    _description = 'Branch Assessment'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'year desc, campaign_id desc, rank, id'

    name = fields.Char(readonly=True)
    campaign_id = fields.Many2one(
        'party.assessment.campaign', string='Campaign', required=True,
        index=True, ondelete='restrict', readonly=True)
    organization_id = fields.Many2one(readonly=True)
    standard_id = fields.Many2one(
        'party.standard', string='Standard', readonly=True, index=True,
        help="The campaign's standard.")
    year = fields.Integer(readonly=True, index=True)
    # as they were when the campaign was generated: the results are
    # grouped by them
    kind = fields.Selection(KINDS, readonly=True)
    sector = fields.Selection(SECTORS, readonly=True)
    area_id = fields.Many2one(
        'party.organization', string='Area', readonly=True, index=True,
        help="The organization at the campaign's area level above this "
             "one (or itself): ranked by area within it.")
    state = fields.Selection(
        STATES, required=True, default='draft', readonly=True, index=True,
        track_visibility='onchange')
    line_ids = fields.One2many(
        'party.assessment.line', 'assessment_id', string='Criteria')
    self_total = fields.Float(string='Self-assessment Score', readonly=True,
                              digits=(16, 2))
    review_total = fields.Float(string='Review Score', readonly=True,
                                digits=(16, 2))
    final_score = fields.Float(string='Final Score', readonly=True,
                               digits=(16, 2), group_operator='avg',
                               track_visibility='onchange')
    star_band_id = fields.Many2one(
        'party.standard.band', string='Star Rating', readonly=True,
        ondelete='restrict', track_visibility='onchange')
    grade_band_id = fields.Many2one(
        'party.standard.band', string='Grade', readonly=True,
        ondelete='restrict', track_visibility='onchange')
    stars = fields.Integer(readonly=True, group_operator='avg')
    vetoed = fields.Boolean(readonly=True,
                            help="A veto item is triggered.")
    capped = fields.Boolean(
        readonly=True, help="A cap lowered the rating the score gave.")
    metric_cap_ids = fields.Many2many(
        'party.standard.cap', 'party_assessment_metric_cap_rel',
        'assessment_id', 'cap_id', string='Metric Caps Triggered',
        readonly=True)
    rank = fields.Integer(readonly=True, group_operator='min',
                          help="Among the confirmed assessments of the "
                               "campaign; ties share a rank.")
    rank_sector = fields.Integer(string='Rank in Sector', readonly=True,
                                 group_operator='min')
    rank_area = fields.Integer(string='Rank in Area', readonly=True,
                               group_operator='min')
    ranked_count = fields.Integer(string='Ranked Among', readonly=True,
                                  group_operator='max')
    previous_score = fields.Float(
        string='Previous Final Score', readonly=True, digits=(16, 2),
        help="The final score of the branch's previous confirmed "
             "assessment.")
    trend = fields.Selection(TRENDS, readonly=True)
    submitted_by_id = fields.Many2one('res.users', string='Submitted By',
                                      readonly=True)
    submitted_on = fields.Datetime(readonly=True)
    reviewer_id = fields.Many2one('res.users', string='Reviewer',
                                  readonly=True)
    reviewed_on = fields.Datetime(readonly=True)
    confirmed_by_id = fields.Many2one('res.users', string='Confirmed By',
                                      readonly=True)
    confirmed_on = fields.Datetime(readonly=True)
    return_reason = fields.Text(string='Returned Because', readonly=True)
    reopen_reason = fields.Text(string='Reopened Because', readonly=True)
    self_reminded_on = fields.Date(readonly=True)
    review_reminded_on = fields.Date(readonly=True)
    self_deadline = fields.Date(related='campaign_id.self_deadline',
                                readonly=True)
    review_deadline = fields.Date(related='campaign_id.review_deadline',
                                  readonly=True)
    can_self_assess = fields.Boolean(compute='_compute_can')
    can_review = fields.Boolean(compute='_compute_can')

    _sql_constraints = [
        ('campaign_organization_uniq', 'unique (campaign_id, organization_id)',
         'An organization is assessed once per campaign.'),
    ]

    def _compute_can(self):
        user = self.env.user
        for assessment in self:
            assessment.can_self_assess = assessment._is_self_assessor(user)
            assessment.can_review = assessment._is_reviewer(user)

    # -- roles ---------------------------------------------------------------

    def _is_reviewer(self, user):
        """An officer of a superior organization: the branch lies strictly
        below one of the officer's organizations (managers: anywhere in
        their company), and the officer is not responsible for the branch
        itself -- nobody reviews their own branch's self-assessment."""
        self.ensure_one()
        if not user.has_group('party_building.group_officer'):
            return False
        org = self.sudo().organization_id
        roots = user.sudo().party_organization_ids
        if org in roots:
            return False
        if user.has_group('party_building.group_manager'):
            return org.company_id in user.sudo().company_ids
        return any(org.path.startswith(root.path) for root in roots)

    def _is_self_assessor(self, user):
        """Someone of the branch: a secretary (or an officer responsible
        for the branch itself) whose scope holds the branch, and who does
        not review it."""
        self.ensure_one()
        if not user.has_group('party_building.group_secretary') \
                or self._is_reviewer(user):
            return False
        org = self.sudo().organization_id
        return any(org.path.startswith(root.path)
                   for root in user.sudo().party_organization_ids)

    def _check_role(self, role):
        """Refuse unless the current user holds `role` ('self' or
        'review') for each assessment and may write it."""
        user = self.env.user
        self.check_access_rule('write')
        for assessment in self:
            if role == 'self' and not assessment._is_self_assessor(user):
                raise AccessError(_(
                    "Only the branch's own secretary assesses the branch "
                    "and submits its self-assessment."))
            if role == 'review' and not assessment._is_reviewer(user):
                raise AccessError(_(
                    "Only an officer of a superior organization reviews a "
                    "branch's assessment, never their own branch's."))

    def _check_state(self, states, message):
        for assessment in self:
            if assessment.state not in states:
                raise UserError(message % {
                    'organization': assessment.organization_id.name})

    def _check_campaign_open(self):
        for assessment in self:
            if assessment.campaign_id.state != 'open':
                raise UserError(_(
                    "The campaign of this assessment is closed: a manager "
                    "reopens it first."))

    # -- CRUD ----------------------------------------------------------------

    @api.model
    def create(self, vals):
        if not is_trusted(self.env):
            raise UserError(_(
                "Assessments are generated by their campaign."))
        return super(PartyAssessment, self).create(vals)

    @api.multi
    def unlink(self):
        if self:
            raise UserError(_(
                "Assessments are the record of their campaign and cannot be "
                "deleted."))
        return super(PartyAssessment, self).unlink()

    @api.multi
    def write(self, vals):
        # the lines check who writes them (party.assessment.line.write):
        # here only that no line is added or removed by a client
        if 'line_ids' in vals and not is_trusted(self.env):
            for command in vals['line_ids'] or ():
                if not isinstance(command, (list, tuple)) \
                        or command[0] not in (1, 4):
                    raise AccessError(_(
                        "The criteria of an assessment come from its "
                        "standard: they cannot be added or removed."))
        return super(PartyAssessment, self).write(vals)

    @api.multi
    def copy(self, default=None):
        if not is_trusted(self.env):
            raise UserError(_(
                "Assessments are generated by their campaign."))
        return super(PartyAssessment, self).copy(default)

    # -- workflow ------------------------------------------------------------

    @api.multi
    def action_submit(self):
        self._check_role('self')
        self._check_campaign_open()
        self._check_state(('draft',), _(
            "The self-assessment of %(organization)s was already "
            "submitted."))
        self.mapped('line_ids')._check_complete('self')
        self.mapped('line_ids')._prefill_review()
        trusted(self).write({
            'state': 'submitted', 'submitted_by_id': self.env.uid,
            'submitted_on': fields.Datetime.now(), 'return_reason': False})
        self._recompute_scores()
        self._post_to('reviewers', _("Submitted for review."))
        return True

    @api.multi
    def action_review(self):
        self._check_role('review')
        self._check_campaign_open()
        self._check_state(('submitted',), _(
            "Only a submitted assessment can be reviewed "
            "(%(organization)s)."))
        self.mapped('line_ids')._check_complete('review')
        trusted(self).write({
            'state': 'reviewed', 'reviewer_id': self.env.uid,
            'reviewed_on': fields.Datetime.now()})
        self._recompute_scores()
        return True

    @api.multi
    def action_revise(self):
        """Back from reviewed to submitted, to change the review."""
        self._check_role('review')
        self._check_campaign_open()
        self._check_state(('reviewed',), _(
            "Only a reviewed assessment can be revised (%(organization)s)."))
        trusted(self).write({'state': 'submitted'})
        self._recompute_scores()
        return True

    @api.multi
    def action_return(self, reason=None):
        """The reviewer sends the self-assessment back to the branch."""
        self._check_role('review')
        self._check_campaign_open()
        self._check_state(('submitted', 'reviewed'), _(
            "Only a submitted assessment can be returned to the branch "
            "(%(organization)s)."))
        reason = self._check_reason(reason)
        trusted(self).write({'state': 'draft', 'return_reason': reason})
        self._recompute_scores()
        self._post_to('branch', _("Returned to the branch: %(reason)s")
                      % {'reason': reason})
        return True

    @api.multi
    def action_confirm(self):
        self._check_role('review')
        self._check_campaign_open()
        self._check_state(('reviewed',), _(
            "Only a reviewed assessment can be confirmed "
            "(%(organization)s)."))
        trusted(self).write({
            'state': 'confirmed', 'confirmed_by_id': self.env.uid,
            'confirmed_on': fields.Datetime.now()})
        self._recompute_scores()
        self._set_trend()
        self.mapped('campaign_id')._rank()
        return True

    @api.multi
    def action_reopen(self, reason=None):
        """A manager reopens a confirmed assessment for a new review."""
        if not self.env.user.has_group('party_building.group_manager'):
            raise AccessError(_(
                "Only party-building managers may reopen a confirmed "
                "assessment."))
        self.check_access_rule('write')
        self._check_state(('confirmed',), _(
            "Only a confirmed assessment can be reopened "
            "(%(organization)s)."))
        self._check_campaign_open()
        reason = self._check_reason(reason)
        trusted(self).write({
            'state': 'submitted', 'reopen_reason': reason,
            'confirmed_by_id': False, 'confirmed_on': False,
            'trend': False, 'previous_score': 0.0})
        self._recompute_scores()
        self._post_to('branch', _("Reopened: %(reason)s")
                      % {'reason': reason})
        self.mapped('campaign_id')._rank()
        return True

    def _post_to(self, audience, body):
        """Post `body` on each assessment and notify the people it concerns:
        the branch's secretaries (`audience` 'branch') or the officers who
        review it ('reviewers'). They are told of their own assessments
        only, without following every assessment a campaign generates. A
        fixed number of queries to find them, then one post each."""
        orgs = self.mapped('organization_id').sudo()
        if audience == 'branch':
            users = self._branch_users(orgs.ids)
        else:
            above = orgs.mapped(lambda org: org.parent_id or org)
            officers = above._responsible_officers()
            users = {org.id: officers[(org.parent_id or org).id].ids
                     for org in orgs}
        partners = {user.id: user.partner_id.id for user in self.env[
            'res.users'].sudo().browse({uid for ids in users.values()
                                        for uid in ids})}
        for assessment in self:
            assessment.message_post(
                body=body, subtype='mail.mt_comment',
                partner_ids=[partners[uid] for uid in users.get(
                    assessment.organization_id.id, [])])

    @api.multi
    def action_return_wizard(self):
        return self._reason_wizard('return')

    @api.multi
    def action_reopen_wizard(self):
        return self._reason_wizard('reopen')

    def _reason_wizard(self, action):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Return to the Branch') if action == 'return'
            else _('Reopen the Assessment'),
            'res_model': 'party.assessment.reason',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_assessment_id': self.id,
                        'default_action': action},
        }

    @api.multi
    def action_refresh_metrics(self):
        self._check_role('review')
        self._check_campaign_open()
        self._check_state(('draft', 'submitted'), _(
            "The metrics of %(organization)s are fixed once it is "
            "reviewed."))
        self._fill_metrics()
        return True

    @api.model
    def _check_reason(self, reason):
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(_("Give the reason."))
        return reason.strip()

    # -- generation (called by the campaign) ---------------------------------

    @api.model
    def _area_of(self, path, root_depth, depth):
        """The id of the ancestor `depth` levels below the scope root (at
        `root_depth`) on `path`, or the organization itself when it lies
        higher."""
        ids = [int(i) for i in path.strip('/').split('/')]
        return ids[min(root_depth - 1 + depth, len(ids) - 1)]

    @api.model
    def _insert_generated(self, campaign, rows):
        """Insert the assessments of `campaign`, rows (organization id,
        company id, sector, kind, area id, self-assessment total), in one
        statement; returns [(assessment id, organization id)]."""
        columns = [list(column) for column in zip(*rows)]
        self.env.cr.execute("""
            INSERT INTO party_assessment
                   (campaign_id, standard_id, year, organization_id,
                    company_id, sector, kind, area_id, name, state,
                    self_total, review_total, final_score, stars, vetoed,
                    capped, create_uid, write_uid, create_date, write_date)
            SELECT %(campaign)s, %(standard)s, %(year)s, v.org_id,
                   v.company_id, v.sector, v.kind, v.area_id,
                   org.name || ' ' || %(year)s, 'draft', v.self_total, 0,
                   0, 0, false, false, %(uid)s, %(uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%(orgs)s::integer[], %(companies)s::integer[],
                          %(sectors)s::varchar[], %(kinds)s::varchar[],
                          %(areas)s::integer[], %(totals)s::float[])
                   AS v(org_id, company_id, sector, kind, area_id,
                        self_total)
              JOIN party_organization org ON org.id = v.org_id
         RETURNING id, organization_id
        """, {'campaign': campaign.id, 'standard': campaign.standard_id.id,
              'year': campaign.year, 'uid': self.env.uid,
              'orgs': columns[0], 'companies': columns[1],
              'sectors': columns[2], 'kinds': columns[3],
              'areas': columns[4], 'totals': columns[5]})
        return self.env.cr.fetchall()

    # -- metrics -------------------------------------------------------------

    def _fill_metrics(self):
        """Compute the automatic lines and the metric caps of these
        assessments: each metric once per (metric, meeting type) for all
        their organizations, whatever their number. Read and written in
        SQL: a province's campaign has hundreds of thousands of lines."""
        if not self:
            return
        cr = self.env.cr
        cr.execute("""SELECT id, campaign_id, organization_id
                        FROM party_assessment WHERE id IN %s""",
                   [tuple(self.ids)])
        by_campaign = defaultdict(list)
        for assessment_id, campaign_id, org_id in cr.fetchall():
            by_campaign[campaign_id].append((assessment_id, org_id))
        # from the few automatic criteria to their lines (index), the
        # assessments given as a (hashed) array
        cr.execute("""
            SELECT a.campaign_id, l.id, a.organization_id, l.criterion_id
              FROM party_standard_criterion c
              JOIN party_assessment_line l ON l.criterion_id = c.id
              JOIN party_assessment a ON a.id = l.assessment_id
             WHERE c.metric_id IS NOT NULL AND c.scoring IN %s
               AND l.assessment_id = ANY(%s)
        """, [scoring.AUTOMATIC, self.ids])
        lines_by_campaign = defaultdict(list)
        for row in cr.fetchall():
            lines_by_campaign[row[0]].append(row[1:])
        updates = []
        for campaign in self.env['party.assessment.campaign'].sudo().browse(
                list(by_campaign)):
            lines = lines_by_campaign.get(campaign.id, [])
            measured = self._metric_points(campaign, [
                (org_id, criterion_id)
                for _line_id, org_id, criterion_id in lines])
            updates.extend(
                (line_id,) + measured[org_id, criterion_id]
                for line_id, org_id, criterion_id in lines)
            self._fill_metric_caps(campaign, by_campaign[campaign.id])
        changed = self.env['party.assessment.line']._write_metrics(updates)
        self.browse(sorted(changed))._recompute_scores()

    @api.model
    def _metric_points(self, campaign, pairs):
        """{(organization id, criterion id): (value, note, points)} of the
        automatic criteria in `pairs` [(organization id, criterion id)]
        over the campaign's period: every metric and meeting type they ask
        for at once (meetings_held: one computation for all its types)."""
        if not pairs:
            return {}
        Line = self.env['party.assessment.line']
        criteria = {}
        for criterion in self.env['party.standard.criterion'].sudo().browse(
                list({criterion_id for _o, criterion_id in pairs})):
            criteria[criterion.id] = (
                criterion,
                (criterion.metric_id, criterion.metric_meeting_type_id),
                (criterion.metric_id.id,
                 criterion.metric_meeting_type_id.id or False),
                Line._criterion_tuple(criterion))
        values = self.env['party.assessment.metric']._compute_batch(
            list({key for _c, key, _k, _s in criteria.values()}),
            sorted({org_id for org_id, _c in pairs}),
            campaign.date_from, campaign.date_to)
        points_of, result = {}, {}
        for org_id, criterion_id in pairs:
            criterion, _key, key_ids, spec = criteria[criterion_id]
            value, note = values[key_ids][org_id]
            if (criterion_id, value) not in points_of:
                points_of[criterion_id, value] = Line._scoring_call(
                    criterion, scoring.auto_points, spec, value)
            result[org_id, criterion_id] = (
                value, note or '', points_of[criterion_id, value])
        return result

    @api.model
    def _fill_metric_caps(self, campaign, assessments):
        """The caps of the standard on a metric below a threshold, as the
        metric stands for these assessments, [(id, organization id)]."""
        caps = campaign.standard_id.cap_ids.filtered(
            lambda c: c.condition == 'metric_below' and c.metric_id)
        cr = self.env.cr
        cr.execute("DELETE FROM party_assessment_metric_cap_rel "
                   "WHERE assessment_id IN %s",
                   [tuple(a for a, _o in assessments)])
        if not caps:
            return
        by_org = {org_id: assessment_id
                  for assessment_id, org_id in assessments}
        pairs = []
        for cap in caps:
            values = cap.metric_id._compute_values(
                list(by_org), campaign.date_from, campaign.date_to)
            pairs.extend((by_org[org_id], cap.id)
                         for org_id, (value, _note) in values.items()
                         if value < cap.threshold)
        if pairs:
            columns = [list(column) for column in zip(*pairs)]
            cr.execute("""
                INSERT INTO party_assessment_metric_cap_rel
                       (assessment_id, cap_id)
                SELECT * FROM unnest(%s::integer[], %s::integer[])
            """, columns)
        self.invalidate_cache(['metric_cap_ids'])

    # -- scores --------------------------------------------------------------

    def _recompute_scores(self):
        """Totals, final score and rating of these assessments from their
        lines, in a fixed number of statements per SCORE_BATCH assessments.
        Before the review, the final score and rating stay empty."""
        ids = self.ids
        for start in range(0, len(ids), SCORE_BATCH):
            self.browse(ids[start:start + SCORE_BATCH])._recompute_batch()
        self.invalidate_cache([
            'self_total', 'review_total', 'final_score', 'star_band_id',
            'grade_band_id', 'stars', 'vetoed', 'capped'])

    def _recompute_batch(self):
        if not self:
            return
        cr = self.env.cr
        cr.execute("""
            SELECT l.id, l.assessment_id, l.criterion_id, l.self_points,
                   l.review_points
              FROM party_assessment_line l
             WHERE l.assessment_id IN %s
        """, [tuple(self.ids)])
        rows = cr.fetchall()
        Criterion = self.env['party.standard.criterion'].sudo()
        criteria = Criterion.browse({row[2] for row in rows})
        Line = self.env['party.assessment.line']
        tuples = {c.id: Line._criterion_tuple(c) for c in criteria}
        by_assessment = defaultdict(list)
        for line_id, assessment_id, criterion_id, self_points, review in rows:
            by_assessment[assessment_id].append(
                (line_id, tuples[criterion_id], self_points or 0.0,
                 review or 0.0))
        cr.execute("SELECT id, standard_id, state FROM party_assessment "
                   "WHERE id IN %s", [tuple(self.ids)])
        heads = cr.fetchall()
        standards = self.env['party.standard'].sudo().browse(
            list({row[1] for row in heads}))
        line_updates, updates, unreviewed = [], [], []
        for assessment_id, standard_id, state in heads:
            standard = standards.browse(standard_id)
            weights = (standard.self_weight, standard.review_weight)
            lines = by_assessment.get(assessment_id, [])
            reviewed = state in ('reviewed', 'confirmed')
            self_lines = [(c, s) for _i, c, s, _r in lines]
            review_lines = [(c, r) for _i, c, _s, r in lines]
            self_total = Line._scoring_call(None, scoring.total, self_lines)
            review_total = Line._scoring_call(
                None, scoring.total, review_lines) \
                if state != 'draft' else 0.0
            if reviewed:
                line_updates.extend(
                    (line_id, Line._weighted(self_points, review_points,
                                             *weights)
                     if criterion.scoring != 'veto' else 0.0)
                    for line_id, criterion, self_points, review_points
                    in lines)
            else:
                unreviewed.append(assessment_id)
            values = {'self_total': self_total, 'review_total': review_total,
                      'final_score': 0.0, 'star': None, 'grade': None,
                      'stars': 0, 'vetoed': False, 'capped': False}
            if reviewed:
                values.update(self.browse(assessment_id).sudo()._rating(
                    self_total, review_total, review_lines))
            updates.append((
                assessment_id, values['self_total'], values['review_total'],
                values['final_score'], values['star'], values['grade'],
                values['stars'], values['vetoed'], values['capped']))
        Line._write_final_points(line_updates, unreviewed)
        columns = [list(column) for column in zip(*updates)]
        cr.execute("""
            UPDATE party_assessment a
               SET self_total = v.self_total, review_total = v.review_total,
                   final_score = v.final_score, star_band_id = v.star,
                   grade_band_id = v.grade, stars = v.stars,
                   vetoed = v.vetoed, capped = v.capped
              FROM unnest(%s::integer[], %s::float[], %s::float[],
                          %s::float[], %s::integer[], %s::integer[],
                          %s::integer[], %s::boolean[], %s::boolean[])
                AS v(id, self_total, review_total, final_score, star, grade,
                     stars, vetoed, capped)
             WHERE a.id = v.id
               AND (a.self_total, a.review_total, a.final_score,
                    a.star_band_id, a.grade_band_id, a.stars, a.vetoed,
                    a.capped)
                   IS DISTINCT FROM
                   (v.self_total, v.review_total, v.final_score, v.star,
                    v.grade, v.stars, v.vetoed, v.capped)
        """, columns)

    def _rating(self, self_total, review_total, review_lines):
        """{final_score, star, grade, stars, vetoed, capped} of this
        assessment (sudo) from its totals and its review lines."""
        self.ensure_one()
        Line = self.env['party.assessment.line']
        standard = self.standard_id
        final = Line._scoring_call(
            None, scoring.combine, self_total, review_total,
            standard.self_weight, standard.review_weight)
        vetoed = Line._scoring_call(None, scoring.vetoed, review_lines)
        caps = self.metric_cap_ids
        if vetoed:
            caps |= standard.cap_ids.filtered(lambda c: c.condition == 'veto')
        result = {'final_score': final, 'vetoed': vetoed, 'capped': False,
                  'star': None, 'grade': None, 'stars': 0}
        for scale, key, cap_field in (('star', 'star', 'star_band_id'),
                                      ('grade', 'grade', 'grade_band_id')):
            bands = standard.band_ids.filtered(lambda b: b.scale == scale)
            if not bands:
                continue
            table = [(b.id, b.min_score, b.max_score) for b in bands]
            band = Line._scoring_call(None, scoring.band_for, final, table)
            capped = Line._scoring_call(
                None, scoring.apply_caps, band, table,
                [cap[cap_field].id or None for cap in caps])
            result[key] = capped
            result['capped'] = result['capped'] or capped != band
            if scale == 'star':
                result['stars'] = bands.browse(capped).stars
        return result

    def _set_trend(self):
        """The previous confirmed assessment of each branch (an earlier
        year, any campaign) and the movement of the final score since."""
        self.env.cr.execute("""
            SELECT a.id, prev.final_score
              FROM party_assessment a
              LEFT JOIN LATERAL (
                   SELECT p.final_score FROM party_assessment p
                    WHERE p.organization_id = a.organization_id
                      AND p.state = 'confirmed' AND p.year < a.year
                 ORDER BY p.year DESC, p.confirmed_on DESC LIMIT 1) prev
                ON true
             WHERE a.id IN %s
        """, [tuple(self.ids)])
        previous = dict(self.env.cr.fetchall())
        for assessment in self:
            before = previous.get(assessment.id)
            if before is None:
                values = {'trend': 'new', 'previous_score': 0.0}
            else:
                difference = assessment.final_score - before
                values = {'previous_score': before, 'trend': 'same'
                          if abs(difference) < scoring.EPSILON
                          else 'up' if difference > 0 else 'down'}
            trusted(assessment).write(values)

    # -- results -------------------------------------------------------------

    @api.model
    def _rank_campaign(self, campaign_id, area_level):
        """Rank the confirmed assessments of a campaign overall, by sector
        and by area (the ancestor at `area_level` on the path, counted from
        the top), ties sharing a rank; the others have none. Two
        statements."""
        cr = self.env.cr
        cr.execute("""
            UPDATE party_assessment a
               SET area_id = COALESCE(
                       (string_to_array(rtrim(org.path, '/'), '/'))
                           [%s]::integer, org.id)
              FROM party_organization org
             WHERE a.campaign_id = %s AND org.id = a.organization_id
               AND a.area_id IS DISTINCT FROM COALESCE(
                       (string_to_array(rtrim(org.path, '/'), '/'))
                           [%s]::integer, org.id)
        """, [area_level, campaign_id, area_level])
        cr.execute("""
            UPDATE party_assessment a
               SET rank = r.rank, rank_sector = r.rank_sector,
                   rank_area = r.rank_area, ranked_count = r.total
              FROM (SELECT id,
                           CASE WHEN state = 'confirmed' THEN
                               rank() OVER (PARTITION BY state = 'confirmed'
                                            ORDER BY final_score DESC) END
                               AS rank,
                           CASE WHEN state = 'confirmed' THEN
                               rank() OVER (PARTITION BY state = 'confirmed',
                                                         sector
                                            ORDER BY final_score DESC) END
                               AS rank_sector,
                           CASE WHEN state = 'confirmed' THEN
                               rank() OVER (PARTITION BY state = 'confirmed',
                                                         area_id
                                            ORDER BY final_score DESC) END
                               AS rank_area,
                           CASE WHEN state = 'confirmed' THEN
                               count(*) OVER (PARTITION BY
                                              state = 'confirmed') END
                               AS total
                      FROM party_assessment
                     WHERE campaign_id = %s) r
             WHERE a.id = r.id
               AND (a.rank, a.rank_sector, a.rank_area, a.ranked_count)
                   IS DISTINCT FROM
                   (r.rank, r.rank_sector, r.rank_area, r.total)
        """, [campaign_id])
        self.invalidate_cache(['rank', 'rank_sector', 'rank_area',
                               'ranked_count', 'area_id'])

    @api.model
    def _lowest_ranked(self, campaign_id, count):
        """The confirmed assessments among the `count` lowest of the
        campaign (ties at the limit included)."""
        self.env.cr.execute("""
            SELECT id FROM (
                   SELECT id, rank() OVER (ORDER BY final_score) AS low
                     FROM party_assessment
                    WHERE campaign_id = %s AND state = 'confirmed') r
             WHERE low <= %s
        """, [campaign_id, count])
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _in_lowest_band(self, campaign_id):
        """The confirmed assessments rated in the lowest band of either
        scale (后进, 一星 in the seeded standard)."""
        self.env.cr.execute("""
            SELECT a.id
              FROM party_assessment a
             WHERE a.campaign_id = %s AND a.state = 'confirmed'
               AND EXISTS (
                   SELECT 1 FROM party_standard_band b
                    WHERE b.id IN (a.star_band_id, a.grade_band_id)
                      AND b.min_score <= (
                          SELECT min(o.min_score) FROM party_standard_band o
                           WHERE o.standard_id = b.standard_id
                             AND o.scale = b.scale))
        """, [campaign_id])
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _weak_lax_assessment_reason(self, trigger):
        """Why the campaign flagged this branch, in this environment's
        language."""
        values = {'campaign': self.campaign_id.name,
                  'rank': self.rank, 'count': self.ranked_count,
                  'score': '%.2f' % self.final_score,
                  'band': ' / '.join(
                      band.name for band in (self.star_band_id
                                             | self.grade_band_id))}
        if trigger == 'assessment_lowest':
            return _("Ranked %(rank)d of %(count)d in the campaign "
                     "%(campaign)s (final score %(score)s).") % values
        return _("Rated %(band)s in the campaign %(campaign)s (final score "
                 "%(score)s).") % values

    # -- reminders -----------------------------------------------------------

    @api.model
    def _party_reminder_summary(self, kind, assessment_id, deadline):
        """A reminder's text in this environment's language."""
        values = {'organization': self.browse(assessment_id).sudo()
                  .organization_id.name,
                  'date': format_day(self.env, deadline)}
        if kind == 'self':
            return _("%(organization)s: submit the self-assessment by "
                     "%(date)s") % values
        return _("%(organization)s: review the assessment by %(date)s") \
            % values

    @api.model
    def _party_digest_summary(self, count, deadline):
        return _("%(count)d assessments are due, the first by %(date)s") % {
            'count': count, 'date': format_day(self.env, deadline)}

    @api.model
    def _cron_remind(self, today=None, commit=False):
        """Daily: remind the branches of self-assessments still to submit,
        and the reviewers of submitted assessments, once each in the
        company's number of days before the campaign's deadline, in their
        language (a digest for whoever has many). In batches (party.job:
        with `commit`, as the cron calls it, each batch is committed).
        `today` (a date) for tests."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        return self.env['party.job']._run('assessment_reminders', [
            ('self', lambda job, pos: self._remind_step(job, pos, 'self')),
            ('review', lambda job, pos: self._remind_step(
                job, pos, 'review')),
        ], today, commit)

    def _remind_step(self, job, position, kind):
        """Queue the reminders of the next assessments due: the branch's
        secretaries for a self-assessment, the officers above it for a
        review. A fixed number of queries per batch."""
        state, deadline, stamp = {
            'self': ('draft', 'self_deadline', 'self_reminded_on'),
            'review': ('submitted', 'review_deadline', 'review_reminded_on'),
        }[kind]
        cr = self.env.cr
        # column names from the mapping above, values as parameters
        query = """
            SELECT a.id, a.organization_id, org.parent_id, c.{deadline}
              FROM party_assessment a
              JOIN party_assessment_campaign c ON c.id = a.campaign_id
              JOIN res_company co ON co.id = a.company_id
              JOIN party_organization org ON org.id = a.organization_id
             WHERE a.id > %s AND c.state = 'open' AND a.state = %s
               AND c.{deadline} >= %s
               AND c.{deadline} - co.party_assessment_reminder_days <= %s
               AND (a.{stamp} IS NULL OR a.{stamp} <
                    c.{deadline} - co.party_assessment_reminder_days)
          ORDER BY a.id LIMIT %s
        """.format(deadline=deadline, stamp=stamp)
        cr.execute(query,  # pylint: disable=sql-injection
                   [position, state, job.day, job.day, REMIND_BATCH])
        rows = cr.fetchall()
        if not rows:
            return None
        Org = self.env['party.organization'].sudo()
        Users = self.env['res.users'].sudo()
        if kind == 'self':
            users = self._branch_users([row[1] for row in rows])
            missing = [row for row in rows if row[1] not in users]
        else:
            users, missing = {}, rows
        officers = Org.browse(list({row[2] or row[1] for row in missing}))\
            ._responsible_officers() if missing else {}
        reminders = []
        for assessment_id, org_id, parent_id, day in rows:
            people = Users.browse(users[org_id]) if org_id in users \
                else officers[parent_id or org_id]
            reminders.append((
                self.browse(assessment_id),
                'party.assessment,%d:%s:%s' % (assessment_id, kind, day),
                people, day, (kind, assessment_id, day), stamp))
        self.env['mail.activity']._party_remind(
            self.env.ref(
                'party_building.mail_activity_type_assessment_reminder'),
            reminders, self.sudo(), job=job)
        return rows[-1][0], len(rows)

    @api.model
    def _branch_users(self, org_ids):
        """{organization id: [user ids]}: the active users with a party
        role of at least secretary who are responsible for the organization
        itself -- those who submit its self-assessment. One query."""
        self.env.cr.execute("""
            SELECT rel.organization_id, array_agg(DISTINCT rel.user_id)
              FROM party_organization_res_users_rel rel
              JOIN res_groups_users_rel gu
                ON gu.uid = rel.user_id AND gu.gid = %s
              JOIN res_users u ON u.id = rel.user_id AND u.active
             WHERE rel.organization_id IN %s
          GROUP BY rel.organization_id
        """, [self.env.ref('party_building.group_secretary').id,
              tuple(org_ids)])
        return dict(self.env.cr.fetchall())
