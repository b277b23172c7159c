"""Goals and the wall chart (挂图作战): a committee sets a goal for its
subtree, tied to a measurable indicator the addon computes, with phases
(打好基础 → 巩固提升 → 全面达标); a snapshot per goal and day records the
actual share of branches meeting the indicator, per area of the tree,
against the target of the phase. Never hand-entered numbers."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .party_guard import trusted

INDICATORS = [
    ('setup_compliant', 'Branches without Setup Shortfalls'),
    ('committee_complete', 'Branches with a Complete Committee'),
    ('term_valid', 'Branches with a Term in Force'),
    ('not_weak_lax', 'Branches Not Weak and Lax'),
    ('rated', 'Branches Rated at Least the Stars Required'),
    ('meetings_complete', 'Branches Holding Every Required Meeting'),
]
# The condition an organization `b` meets for each indicator, on the
# figures the daily setup review and the assessments store; %(year)s and
# %(stars)s are parameters.
MET_SQL = {
    'setup_compliant': "b.setup_shortfall = false",
    'committee_complete': "b.committee_complete",
    'term_valid': "b.term_status IN ('valid', 'expiring')",
    'not_weak_lax': "NOT COALESCE(b.weak_lax, false)",
    'rated': """(SELECT a.stars >= %(stars)s FROM party_assessment a
                  WHERE a.organization_id = b.id AND a.state = 'confirmed'
                    AND a.year <= %(year)s
               ORDER BY a.year DESC, a.id DESC LIMIT 1)""",
}
# the areas of a goal: its organization (the whole subtree) and the
# committees and general branches right below it
AREAS_SQL = """
    areas AS (
        SELECT a.id, a.company_id, a.path::text AS path,
               a.id = %(org)s AS is_total
          FROM party_organization a
         WHERE a.active AND (a.id = %(org)s OR (
               a.parent_id = %(org)s
               AND a.kind IN ('committee', 'general_branch')))
    )
"""
# each branch of each area, read on the path index
BRANCHES_SQL = """
    LEFT JOIN LATERAL (
         SELECT b.* FROM party_organization b
          WHERE b.path::text ~>=~ areas.path
            AND b.path::text ~<~ (areas.path || '~')
            AND b.active AND b.kind IN %(kinds)s
         OFFSET 0) b ON true
"""
PHASES = [
    ('foundation', 'Lay the Foundation'),
    ('consolidation', 'Consolidate and Improve'),
    ('full', 'Fully Up to Standard'),
]
# the organizations whose share a goal measures
BRANCH_KINDS = ('branch', 'general_branch')
# Goals snapshotted in one batch of the daily job.
SNAPSHOT_BATCH = 50


class PartyGoal(models.Model):
    """A goal of a committee for the branches of its subtree."""
    _name = 'party.goal'
    _description = 'Goal'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'target_date, id'

    name = fields.Char(required=True, track_visibility='onchange')
    indicator = fields.Selection(
        INDICATORS, required=True, default='setup_compliant',
        track_visibility='onchange',
        help="What the share counts: computed from the daily setup review "
             "and the confirmed assessments, never entered by hand.")
    min_stars = fields.Integer(
        string='Stars Required', default=3, track_visibility='onchange',
        help="Rated branches: the stars of the latest confirmed "
             "assessment.")
    start_date = fields.Date(
        string='Start', required=True, track_visibility='onchange',
        default=fields.Date.context_today)
    foundation_date = fields.Date(
        string='Foundation Phase Until', track_visibility='onchange')
    foundation_share = fields.Float(
        string='Foundation Target (%)', track_visibility='onchange')
    consolidation_date = fields.Date(
        string='Consolidation Phase Until', track_visibility='onchange')
    consolidation_share = fields.Float(
        string='Consolidation Target (%)', track_visibility='onchange')
    target_date = fields.Date(
        required=True, track_visibility='onchange',
        default=lambda self: '%d-12-31' % (
            self.env.user.company_id.party_goal_target_year or 2027))
    target_share = fields.Float(
        string='Target (%)', required=True, default=100.0,
        track_visibility='onchange',
        help="The share of the branches meeting the indicator by the "
             "target date, in percent.")
    description = fields.Text()
    active = fields.Boolean(default=True)
    phase = fields.Selection(PHASES, compute='_compute_phase')
    snapshot_ids = fields.One2many('party.goal.snapshot', 'goal_id',
                                   string='Snapshots')
    last_date = fields.Date(string='Last Snapshot',
                            compute='_compute_last')
    last_share = fields.Float(string='Actual (%)', compute='_compute_last',
                              digits=(16, 1))
    last_target = fields.Float(string='Target Now (%)',
                               compute='_compute_last', digits=(16, 1))

    @api.constrains('target_share', 'foundation_share',
                    'consolidation_share')
    def _check_shares(self):
        for goal in self:
            for share in (goal.target_share, goal.foundation_share,
                          goal.consolidation_share):
                if not 0.0 <= share <= 100.0:
                    raise ValidationError(_(
                        "The target share of %(goal)s must lie between 0 "
                        "and 100 %%.") % {'goal': goal.name})

    @api.constrains('start_date', 'foundation_date', 'consolidation_date',
                    'target_date')
    def _check_dates(self):
        for goal in self:
            dates = [goal.start_date] + [
                day for day in (goal.foundation_date,
                                goal.consolidation_date) if day] + [
                goal.target_date]
            if dates != sorted(dates):
                raise ValidationError(_(
                    "The phases of %(goal)s must follow each other: start, "
                    "foundation, consolidation, target date.")
                    % {'goal': goal.name})

    @api.constrains('organization_id', 'min_stars')
    def _check_organization(self):
        for goal in self:
            if goal.organization_id.kind != 'committee':
                raise ValidationError(_(
                    "A goal is set by a party committee for its subtree: "
                    "%(organization)s is not a committee.")
                    % {'organization': goal.organization_id.name})
            if not 0 <= goal.min_stars <= 10:
                raise ValidationError(_(
                    "The stars required by %(goal)s must lie between 0 and "
                    "10.") % {'goal': goal.name})

    @api.model
    def create(self, vals):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_("Only officers set goals."))
        today = fields.Date.context_today(self)
        if vals.get('target_date') and vals['target_date'] < today:
            raise ValidationError(self._past_target_message())
        goal = super(PartyGoal, self).create(vals)
        # the default too (the configured target year may be over)
        if goal.target_date < today:
            raise ValidationError(self._past_target_message())
        return goal

    def _past_target_message(self):
        return _("The target date of a new goal cannot be in the past.")

    def _target_on(self, day):
        """The target share (%) of the phase `day` (a string) lies in."""
        self.ensure_one()
        for until, share in ((self.foundation_date, self.foundation_share),
                             (self.consolidation_date,
                              self.consolidation_share)):
            if until and day <= until:
                return share
        return self.target_share

    def _compute_phase(self):
        today = fields.Date.context_today(self)
        for goal in self:
            if goal.foundation_date and today <= goal.foundation_date:
                goal.phase = 'foundation'
            elif goal.consolidation_date and \
                    today <= goal.consolidation_date:
                goal.phase = 'consolidation'
            else:
                goal.phase = 'full'

    def _compute_last(self):
        rows = {}
        if self.ids:
            self.env.cr.execute("""
                SELECT DISTINCT ON (goal_id, series) goal_id, series, date,
                       value
                  FROM party_goal_snapshot
                 WHERE goal_id = ANY(%s) AND is_total
              ORDER BY goal_id, series, date DESC
            """, [self.ids])
            rows = {(goal_id, series): (day, value)
                    for goal_id, series, day, value in
                    self.env.cr.fetchall()}
        for goal in self:
            actual = rows.get((goal.id, 'actual'), (False, 0.0))
            goal.last_date = actual[0]
            goal.last_share = actual[1]
            goal.last_target = rows.get((goal.id, 'target'), (0, 0.0))[1]

    # -- snapshots -------------------------------------------------------

    @api.multi
    def action_snapshot(self):
        """Take today's snapshot of these goals now."""
        self.check_access_rights('write')
        self.check_access_rule('write')
        self._take_snapshots(fields.Date.context_today(self))
        return self.action_view_chart()

    @api.multi
    def action_view_chart(self):
        action = self.env.ref(
            'party_building.party_goal_snapshot_action').read()[0]
        action['domain'] = [('goal_id', 'in', self.ids)]
        action['context'] = {'search_default_total': 1}
        if len(self) == 1:
            action['name'] = self.name
        return action

    def _take_snapshots(self, day):
        """Record the share of each goal on `day` (a date or string) for
        its whole subtree and for each committee or general branch
        directly below its organization, with the target of the phase:
        per goal, one grouped query reads every branch of the subtree, and
        two statements store the points, whatever the number of
        branches."""
        day = fields.Date.to_string(day) if not isinstance(day, str) \
            else day
        cr = self.env.cr
        for goal in self.sudo():
            params = {'org': goal.organization_id.id, 'kinds': BRANCH_KINDS,
                      'year': int(day[:4]), 'stars': goal.min_stars}
            if goal.indicator == 'meetings_complete':
                rows = goal._meeting_counts(params, day)
            else:
                query = "WITH " + AREAS_SQL + """
                    SELECT areas.id, areas.company_id, areas.is_total,
                           count(b.id), count(b.id) FILTER (WHERE {met})
                      FROM areas {branches}
                  GROUP BY areas.id, areas.company_id, areas.is_total
                """.format(met=MET_SQL[goal.indicator],
                           branches=BRANCHES_SQL)
                # the condition is one of this module's constants
                cr.execute(query, params)  # pylint: disable=sql-injection
                rows = cr.fetchall()
            target = goal._target_on(day)
            values = []
            for area_id, company_id, is_total, count, met in rows:
                share = 100.0 * met / count if count else 0.0
                values.append((area_id, company_id, is_total, 'actual',
                               share, count, met))
                values.append((area_id, company_id, is_total, 'target',
                               target, count, met))
            cr.execute("DELETE FROM party_goal_snapshot "
                       "WHERE goal_id = %s AND date = %s", [goal.id, day])
            if values:
                columns = [list(column) for column in zip(*values)]
                cr.execute("""
                    INSERT INTO party_goal_snapshot
                           (goal_id, date, organization_id, company_id,
                            is_total, series, value, branches, met,
                            create_uid, write_uid, create_date, write_date)
                    SELECT %s, %s, v.*, %s, %s, now() at time zone 'UTC',
                           now() at time zone 'UTC'
                      FROM unnest(%s::integer[], %s::integer[],
                                  %s::boolean[], %s::varchar[],
                                  %s::float[], %s::integer[],
                                  %s::integer[]) AS v
                """, [goal.id, day, self.env.uid, self.env.uid] + columns)
        self.env['party.goal.snapshot'].invalidate_cache()
        self.invalidate_cache(['snapshot_ids', 'last_date', 'last_share',
                               'last_target'])

    def _meeting_counts(self, params, day):
        """[(area id, company id, whole subtree, branches, branches
        meeting it)] of the meetings indicator: a branch meets it when it
        held every meeting required of it over the months of the year up
        to the end of the month before `day` (the whole previous year in
        January), counted as the compliance matrix counts them. One
        query for the branches, the matrix's fixed statements for the
        counts, whatever the number of branches."""
        cr = self.env.cr
        query = "WITH " + AREAS_SQL + """
            SELECT areas.id, areas.company_id, areas.is_total, b.id
              FROM areas """ + BRANCHES_SQL
        # constants of this module, values as parameters
        cr.execute(query, params)  # pylint: disable=sql-injection
        rows = cr.fetchall()
        end = fields.Date.from_string(day).replace(day=1) - timedelta(days=1)
        start = end.replace(month=1, day=1)
        branch_ids = sorted({row[3] for row in rows if row[3]})
        short = {org_id for org_id, _type, _start, _end, required, held,
                 _rate in self.env['party.meeting.compliance.mixin']
                 ._compliance_facts(
                     branch_ids, self.env['party.meeting.type'].sudo()
                     .search([]), start, end)
                 if held < required}
        counts = {}
        for area_id, company_id, is_total, branch_id in rows:
            count = counts.setdefault((area_id, company_id, is_total),
                                      [0, 0])
            if branch_id:
                count[0] += 1
                count[1] += branch_id not in short
        return [key + tuple(count) for key, count in counts.items()]

    @api.model
    def _snapshot_step(self, job, position):
        """The daily job's stage: the snapshot of the day of the next
        goals running on that day."""
        goals = trusted(self.sudo()).search([
            ('id', '>', position), ('start_date', '<=', job.day),
            ('target_date', '>=', job.day)], order='id',
            limit=SNAPSHOT_BATCH)
        if not goals:
            return None
        goals._take_snapshots(job.day)
        return goals[-1].id, len(goals)


class PartyGoalSnapshot(models.Model):
    """A point of a goal's chart: the share of the branches of an area
    meeting the goal's indicator on a day ('actual'), or the target of
    the phase that day ('target'). Written by the daily job and the
    goal's button only."""
    _name = 'party.goal.snapshot'
    _description = 'Goal Snapshot'
    _inherit = ['party.scoped.mixin']
    _order = 'date, goal_id, is_total desc, organization_id, series'

    goal_id = fields.Many2one('party.goal', string='Goal', required=True,
                              index=True, ondelete='cascade', readonly=True,
                              auto_join=True)
    organization_id = fields.Many2one(string='Area', readonly=True)
    date = fields.Date(required=True, readonly=True, index=True)
    is_total = fields.Boolean(
        string='Whole Subtree', readonly=True,
        help="The goal's whole subtree, rather than one area below it.")
    series = fields.Selection([('actual', 'Actual'), ('target', 'Target')],
                              required=True, readonly=True)
    value = fields.Float(string='Share (%)', readonly=True,
                         group_operator='avg', digits=(16, 1))
    branches = fields.Integer(readonly=True, group_operator='max')
    met = fields.Integer(string='Branches Meeting It', readonly=True,
                         group_operator='max')
