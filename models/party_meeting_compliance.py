"""Regular organizational life (组织生活正常化): which organizations held
what they must, period by period, computed for many organizations at once
in SQL, and the compliance matrix as a grouped overview (party_overview).
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# the overview mixins must be registered before the models below inherit
# them (models/__init__.py imports this module first)
from . import party_overview  # noqa: F401 pylint: disable=unused-import
from .party_meeting_type import PERIODS, PERIOD_MONTHS, period_bounds
from .party_organization import KINDS


def type_span(meeting_type, start, end):
    """The span over which a type is judged for the window [start, end]: the
    window itself if it holds whole periods of the type, else the type's
    period containing the window. Returns (start, end, periods in it)."""
    window_months = (end.year - start.year) * 12 + end.month - start.month + 1
    type_months = PERIOD_MONTHS[meeting_type.period]
    if window_months >= type_months:
        return start, end, window_months // type_months
    span_start, span_end = period_bounds(meeting_type.period, start)
    return span_start, span_end, 1


# What both computations read. Inputs, as CTEs the caller supplies: `orgs`
# (area_id, id, path, kind, company_id) and `cover` (id, kind, parent_id,
# path: every organization below them, for the member counts). Each column
# of `types` is an array parameter: the meeting types with their span and
# rule. The member counts and the held meetings are read organization by
# organization or, for a large scope, in one pass over their tables:
# {member_counts} and {held_meetings} are replaced by the SQL of READS.
INPUTS_SQL = """
    types AS (
        SELECT * FROM unnest(%s::integer[], %s::date[], %s::date[],
                             %s::integer[], %s::boolean[], %s::boolean[],
                             %s::text[], %s::text[])
            AS t(id, span_start, span_end, required, per_member, committee,
                 kinds, companies)
    ),
    -- one row per type and kind of organization it applies to: joined on
    -- equality, with row estimates the planner can use
    type_kinds AS (
        SELECT t.*, kind
          FROM types t, unnest(string_to_array(t.kinds, ',')) AS kind
    ),
    -- active members of each organization and all below it, from the
    -- counts kept per organization (party_member_count, see party.member).
    -- Members are registered in branches and their party groups only
    -- (MEMBER_KINDS, ALLOWED_PARENT_KINDS): a group counts its own, a
    -- branch its own and its groups', and everything above a branch the
    -- totals of the branches below it. Those are summed first by the
    -- organization right above the branch (for a group, read from its
    -- path: no join), and only these few sums are spread over their
    -- ancestors: a pass over the counts rather than a row per organization
    -- and ancestor.
    direct AS (
        SELECT c.id, c.kind, d.member_count, d.full_count,
               CASE WHEN c.kind = 'group' THEN c.parent_id ELSE c.id END
                   AS branch_id,
               -- a group's path ends in .../above/branch/group/
               CASE WHEN c.kind = 'group'
                    THEN nullif(split_part(c.path, '/', -4), '')::integer
                    ELSE c.parent_id END AS above_id
          FROM {member_counts}
    ),
    above_totals AS (
        SELECT above_id, sum(full_count) AS full_count,
               sum(member_count) AS member_count
          FROM direct
         WHERE above_id IS NOT NULL
      GROUP BY above_id
    ),
    counts AS (
        SELECT id, full_count, member_count FROM direct WHERE kind = 'group'
     UNION ALL
        SELECT branch_id, sum(full_count), sum(member_count)
          FROM direct
      GROUP BY branch_id
     UNION ALL
        SELECT ancestor.id, sum(a.full_count), sum(a.member_count)
          FROM above_totals a
         CROSS JOIN LATERAL (
               SELECT path FROM party_organization
                WHERE id = a.above_id
               OFFSET 0) o
         CROSS JOIN LATERAL unnest(string_to_array(
                   rtrim(o.path, '/'), '/')::integer[]) AS ancestor(id)
      GROUP BY ancestor.id
    ),
    held AS (
        SELECT o.area_id, o.id AS organization_id, o.kind, o.company_id,
               m.type_id, m.n, m.rate
          FROM {held_meetings}
    ),
    -- talks: the members talked with at least `required` (the minimum
    -- times the periods) times
    talked AS (
        SELECT enough.organization_id, enough.type_id, count(*) AS n
          FROM (SELECT k.organization_id, t.id AS type_id
                  FROM party_talk k
                  JOIN orgs o ON o.id = k.organization_id
                  JOIN types t ON t.per_member
                              AND k.date BETWEEN t.span_start AND t.span_end
              GROUP BY k.organization_id, t.id, t.required, k.member_id
                HAVING count(*) >= t.required) enough
      GROUP BY enough.organization_id, enough.type_id
    ),
    -- the setup rule (party_organization_setup): below this many full
    -- members an organization elects a secretary only, so it holds no
    -- committee meetings
    committee_min AS (
        SELECT id AS company_id,
               party_committee_min_full_members AS full_count
          FROM res_company
    )
"""

# How the inputs are read, for a scope (False) or a good part of the
# province (True). For a scope, organization by organization on their own
# index entries (OFFSET 0: not turned into a join over the table), so that
# what it costs follows the scope, not the table (or the years of meetings
# of the whole province); for a large scope, in one pass over the table
# (the period's meetings by date), then joined: a probe per organization
# would cost more than reading them all.
READS = {
    False: {
        'member_counts': """
            cover c
            CROSS JOIN LATERAL (
                  SELECT member_count, full_count FROM party_member_count
                   WHERE organization_id = c.id
                  OFFSET 0) d
        """,
        'held_meetings': """
            orgs o
            CROSS JOIN LATERAL (
                  SELECT m.type_id, count(*) AS n,
                         avg(m.attendance_rate) AS rate
                    FROM (SELECT m.type_id, m.local_date, m.attendance_rate
                            FROM party_meeting m
                           WHERE m.organization_id = o.id
                             AND m.state = 'held'
                             AND m.local_date >= (SELECT min(span_start)
                                                    FROM types)
                             AND m.local_date <= (SELECT max(span_end)
                                                    FROM types)
                          OFFSET 0) m
                    JOIN types t
                      ON t.id = m.type_id AND NOT t.per_member
                     AND m.local_date BETWEEN t.span_start AND t.span_end
                GROUP BY m.type_id) m
        """,
    },
    True: {
        'member_counts': """
            party_member_count d JOIN cover c ON c.id = d.organization_id
        """,
        'held_meetings': """
            (SELECT m.organization_id, m.type_id, count(*) AS n,
                    avg(m.attendance_rate) AS rate
               FROM (SELECT m.type_id, m.local_date, m.attendance_rate,
                            m.organization_id
                       FROM party_meeting m
                      WHERE m.state = 'held'
                        AND m.local_date >= (SELECT min(span_start)
                                               FROM types)
                        AND m.local_date <= (SELECT max(span_end) FROM types)
                     -- read as a whole, not once per type with its dates
                     OFFSET 0) m
               JOIN types t
                 ON t.id = m.type_id AND NOT t.per_member
                AND m.local_date BETWEEN t.span_start AND t.span_end
           GROUP BY m.organization_id, m.type_id) m
            JOIN orgs o ON o.id = m.organization_id
        """,
    },
}

# The per-organization facts, one row per organization of `orgs` and meeting
# type that applies to it.
FACTS_SQL = INPUTS_SQL + """,
    facts AS (
        SELECT o.area_id, o.id AS org_id, t.id AS type_id, t.span_start,
               t.span_end,
               CASE WHEN t.per_member THEN coalesce(c.member_count, 0)
                    ELSE t.required END AS required,
               CASE WHEN t.per_member
                    THEN least(coalesce(k.n, 0), coalesce(c.member_count, 0))
                    ELSE coalesce(h.n, 0) END AS held,
               h.rate, coalesce(h.n, 0) AS meetings
          FROM orgs o
          JOIN type_kinds t
            ON t.kind = o.kind
           AND (t.companies IS NULL OR o.company_id = ANY(
                    string_to_array(t.companies, ',')::integer[]))
          JOIN committee_min cm ON cm.company_id = o.company_id
     LEFT JOIN counts c ON c.id = o.id
     LEFT JOIN held h ON h.organization_id = o.id AND h.type_id = t.id
     LEFT JOIN talked k ON k.organization_id = o.id AND k.type_id = t.id
         WHERE NOT t.committee OR coalesce(c.full_count, 0) >= cm.full_count
    )
"""

# The same figures summed by area, without a row per organization and type:
# what every organization a type applies to would count if it had done
# nothing (from how many organizations of each kind an area holds), then
# what was done, from the (fewer) organizations that held meetings or
# talks. The organizations committee meetings and talks apply to are read
# one by one for their members only: the setup rule (enough full members
# to have a committee) and talks (one per member).
# Ends in the CTE `totals` (area_id, type_id, span_start, span_end,
# organization_count, compliant_count, required, held, missing, rate).
TOTALS_SQL = INPUTS_SQL + """,
    org_counts AS (
        SELECT o.area_id, o.id, o.kind, o.company_id,
               coalesce(c.member_count, 0) AS member_count,
               coalesce(c.full_count, 0) >= cm.full_count AS committee
          FROM orgs o
          JOIN committee_min cm ON cm.company_id = o.company_id
     LEFT JOIN counts c ON c.id = o.id
         WHERE o.kind IN (SELECT kind FROM type_kinds
                           WHERE committee OR per_member)
    ),
    -- per area and type: the organizations it applies to, and for talks
    -- their members and those without any
    applies AS (
        SELECT o.area_id, t.id AS type_id, t.required, t.per_member,
               sum(o.n) AS n, 0 AS members, 0 AS empty
          FROM (SELECT area_id, kind, company_id, count(*) AS n
                  FROM orgs GROUP BY area_id, kind, company_id) o
          JOIN type_kinds t
            ON t.kind = o.kind AND NOT t.committee AND NOT t.per_member
           AND (t.companies IS NULL OR o.company_id = ANY(
                    string_to_array(t.companies, ',')::integer[]))
      GROUP BY o.area_id, t.id, t.required, t.per_member
     UNION ALL
        SELECT o.area_id, t.id, t.required, t.per_member, sum(o.n),
               sum(o.members), sum(o.empty)
          FROM (SELECT area_id, kind, company_id, committee, count(*) AS n,
                       sum(member_count) AS members,
                       count(*) FILTER (WHERE member_count = 0) AS empty
                  FROM org_counts
              GROUP BY area_id, kind, company_id, committee) o
          JOIN type_kinds t
            ON t.kind = o.kind AND (t.committee OR t.per_member)
           AND (o.committee OR NOT t.committee)
           AND (t.companies IS NULL OR o.company_id = ANY(
                    string_to_array(t.companies, ',')::integer[]))
      GROUP BY o.area_id, t.id, t.required, t.per_member
    ),
    -- the meetings held where their type applies: committee meetings
    -- only in organizations large enough to hold them
    held_counted AS (
        SELECT h.area_id, h.type_id, h.n, h.rate, t.required
          FROM held h
          JOIN type_kinds t
            ON t.id = h.type_id AND t.kind = h.kind AND NOT t.committee
           AND (t.companies IS NULL OR h.company_id = ANY(
                    string_to_array(t.companies, ',')::integer[]))
     UNION ALL
        SELECT h.area_id, h.type_id, h.n, h.rate, t.required
          FROM held h
          JOIN org_counts o ON o.id = h.organization_id AND o.committee
          JOIN type_kinds t
            ON t.id = h.type_id AND t.kind = h.kind AND t.committee
           AND (t.companies IS NULL OR h.company_id = ANY(
                    string_to_array(t.companies, ',')::integer[]))
    ),
    -- (area, type, organizations, compliant, required, held, missing,
    -- attendance x meetings, meetings), each part summed by area and type
    -- on its own (a few rows each), then together below
    parts (area_id, type_id, n, compliant, required, held, missing, rated,
           meetings) AS (
        SELECT area_id, type_id, n,
               CASE WHEN per_member THEN empty
                    WHEN required <= 0 THEN n ELSE 0 END,
               CASE WHEN per_member THEN members ELSE n * required END, 0,
               CASE WHEN per_member THEN members
                    ELSE n * greatest(required, 0) END, 0, 0
          FROM applies
     UNION ALL
        SELECT area_id, type_id, 0,
               count(*) FILTER (WHERE required > 0 AND n >= required),
               0, sum(n), -sum(least(n, greatest(required, 0))),
               sum(rate * n), sum(n)
          FROM held_counted
      GROUP BY area_id, type_id
     UNION ALL
        SELECT o.area_id, k.type_id, 0,
               count(*) FILTER (WHERE o.member_count > 0
                                  AND k.n >= o.member_count),
               0, sum(least(k.n, o.member_count)),
               -sum(least(k.n, o.member_count)), 0, 0
          FROM talked k
          JOIN org_counts o ON o.id = k.organization_id
          JOIN type_kinds t
            ON t.id = k.type_id AND t.kind = o.kind
           AND (o.committee OR NOT t.committee)
           AND (t.companies IS NULL OR o.company_id = ANY(
                    string_to_array(t.companies, ',')::integer[]))
      GROUP BY o.area_id, k.type_id
    ),
    -- summed first, then given their spans: a join before the sum would
    -- multiply the parts by the types
    totals AS (
        SELECT p.*, t.span_start, t.span_end
          FROM (SELECT area_id, type_id, sum(n) AS organization_count,
                       coalesce(sum(compliant), 0) AS compliant_count,
                       sum(required) AS required, sum(held) AS held,
                       sum(missing) AS missing,
                       sum(rated) / nullif(sum(meetings), 0) AS rate
                  FROM parts
              GROUP BY area_id, type_id
                HAVING sum(n) > 0) p
          JOIN types t ON t.id = p.type_id
    )
"""


class PartyMeetingComplianceMixin(models.AbstractModel):
    """The counting shared by the compliance matrix and the reminders."""
    _name = 'party.meeting.compliance.mixin'
    _description = 'Meeting Compliance Computation'

    @api.model
    def _compliance_facts_sql(self, orgs_sql, orgs_params, cover_sql,
                              cover_params, meeting_types, start, end,
                              body=FACTS_SQL, large=False):
        """(SQL, params, spans): a WITH clause ending in the CTE `facts`
        (area_id, org_id, type_id, span_start, span_end, required, held, rate,
        meetings) -- or, with `body` TOTALS_SQL, in `totals` -- for the
        organizations of `orgs_sql` (see INPUTS_SQL) and `meeting_types`
        judged on the window [start, end], the member counts and held
        meetings read as READS[large] says; spans: {type id: (start, end)}.
        The caller appends its SELECT (or INSERT) on the last CTE."""
        spans = {}
        columns = [[] for _i in range(8)]
        for meeting_type in meeting_types.sudo():
            span_start, span_end, periods = type_span(meeting_type, start,
                                                      end)
            spans[meeting_type.id] = (span_start, span_end)
            kinds = [kind for kind, _label in KINDS
                     if meeting_type['apply_%s' % kind]]
            # company_applies (party_position_role) as a list: the type's
            # company and those below it
            companies = None
            if meeting_type.company_id:
                companies = ','.join(str(i) for i in self.env[
                    'res.company'].sudo().search([
                        ('id', 'child_of', meeting_type.company_id.id)]).ids)
            for column, value in zip(columns, [
                    meeting_type.id, span_start, span_end,
                    meeting_type.min_count * periods,
                    bool(meeting_type.per_member),
                    meeting_type.expected == 'committee', ','.join(kinds),
                    companies]):
                column.append(value)
        # the inputs are SQL built by the overview mixin or below, with
        # their values as parameters
        for name, read in READS[large].items():
            body = body.replace('{%s}' % name, read)
        sql = "WITH orgs AS (%s), cover AS (%s), %s" % (
            orgs_sql, cover_sql, body)
        return sql, list(orgs_params) + list(cover_params) + columns, spans

    def _compliance_totals_sql(self, overview, meeting_types, start, end):
        """(SQL, params, spans) of :meth:`_compliance_facts_sql` ending in
        the CTE `totals` for the areas of `overview`, read as its size
        asks (READS). For the models that are also overviews
        (party.overview.mixin): the matrix and the board."""
        large = self._overview_is_large(overview)
        orgs_sql, orgs_params = self._overview_orgs_sql(overview, large)
        cover_sql, cover_params = self._overview_cover_sql(overview)
        return self._compliance_facts_sql(
            orgs_sql, orgs_params, cover_sql, cover_params, meeting_types,
            start, end, body=TOTALS_SQL, large=large)

    def _compliance_execute(self, query, params):
        """Run a statement built on :meth:`_compliance_facts_sql`. Its
        joins are between sets the planner cannot estimate (which kinds a
        type applies to, which organizations held meetings): expecting a
        handful of rows, it would probe one set once per row of the other,
        quadratic in the organizations. Hash joins instead, for this
        statement only; the nested loops it needs (the organizations of
        each area, the reads per organization of READS) are their only
        plans and stay. JIT compiles the plan for a province in about a
        second, more than it saves. Returns the rows of a SELECT."""
        cr = self.env.cr
        cr.execute("SET LOCAL jit = off")
        cr.execute("SET LOCAL enable_nestloop = off")
        try:
            # SQL from _compliance_facts_sql and constants, values as
            # parameters
            cr.execute(query, params)  # pylint: disable=sql-injection
            return cr.fetchall() if cr.description else None
        finally:
            cr.execute("RESET enable_nestloop")
            cr.execute("RESET jit")

    @api.model
    def _compliance_facts(self, org_ids, meeting_types, start, end):
        """[(org id, type id, span start, span end, required, held, rate)]
        for each type of `meeting_types` that applies to each organization
        of `org_ids` (ids, read as given: no record rules), judged on the
        window [start, end] (dates). A fixed number of queries, whatever the
        number of organizations; `rate` is None without held meetings."""
        if not org_ids or not meeting_types:
            return []
        orgs_sql = """
            SELECT o.id AS area_id, o.id, o.path::text, o.kind, o.company_id
              FROM party_organization o
              JOIN unnest(%s::integer[]) AS given(id) ON given.id = o.id
        """
        # every organization below the given ones, from the topmost of them
        # (those without a given ancestor), all with hash joins: a
        # correlated test per organization is quadratic for a province
        cover_sql = """
            SELECT sub.*
              FROM (SELECT o.id, o.path::text FROM party_organization o
                      JOIN unnest(%s::integer[]) AS given(id)
                        ON given.id = o.id
                    EXCEPT
                    SELECT o.id, o.path::text FROM party_organization o
                      JOIN unnest(%s::integer[]) AS given(id)
                        ON given.id = o.id
                     CROSS JOIN LATERAL unnest(string_to_array(
                           rtrim(o.path, '/'), '/')::integer[]) AS anc(id)
                      JOIN unnest(%s::integer[]) AS above(id)
                        ON above.id = anc.id AND anc.id <> o.id) top
             -- each top's subtree on the path index: as a join, the planner
             -- compared every organization with every top (OFFSET 0 keeps
             -- the subquery from being turned into that join)
             CROSS JOIN LATERAL (
                   SELECT s.id, s.kind, s.parent_id, s.path::text
                     FROM party_organization s
                    WHERE s.path::text ~>=~ top.path
                      AND s.path::text ~<~ (top.path || '~')
                   OFFSET 0) sub
        """
        ids = list(org_ids)
        sql, params, spans = self._compliance_facts_sql(
            orgs_sql, [ids], cover_sql, [ids, ids, ids], meeting_types, start,
            end)
        # SQL built above from constants, values as parameters
        query = sql + """
            SELECT org_id, type_id, required, held, rate FROM facts
          ORDER BY type_id, org_id
        """
        return [(org_id, type_id) + spans[type_id] + (required, held, rate)
                for org_id, type_id, required, held, rate
                in self._compliance_execute(query, params)]

    @api.model
    def _compliance_rows(self, organizations, meeting_types, start, end):
        """[(org, type, span start, span end, required, held, rate)] for
        each type that applies to each organization, as records of the
        given environments: :meth:`_compliance_facts` with records."""
        facts = self._compliance_facts(organizations.ids, meeting_types,
                                       start, end)
        # records of the given sets: they read their fields together
        orgs = {org.id: org for org in organizations}
        types = {meeting_type.id: meeting_type
                 for meeting_type in meeting_types}
        return [(orgs[org_id], types[type_id], span_start, span_end,
                 required, held, rate)
                for org_id, type_id, span_start, span_end, required, held,
                rate in facts]


class PartyMeetingCompliance(models.TransientModel):
    """The compliance matrix for a chosen period: the user's scope x
    meeting types, by area of the tree or by organization (a grouped
    overview, see party_overview)."""
    _name = 'party.meeting.compliance'
    _inherit = ['party.meeting.compliance.mixin', 'party.overview.mixin']
    _description = 'Organizational Life Compliance'

    period = fields.Selection(PERIODS, required=True, default='quarter')
    date = fields.Date(required=True, default=fields.Date.context_today,
                       help="Any day of the period to check.")
    line_ids = fields.One2many('party.meeting.compliance.line', 'report_id')

    def _overview_check(self):
        super(PartyMeetingCompliance, self)._overview_check()
        if self.period not in PERIOD_MONTHS or not self.date:
            raise UserError(_("Choose a period and a day in it."))

    def _period(self):
        return period_bounds(self.period, fields.Date.from_string(self.date))

    def _overview_fill(self, overview):
        self.line_ids.unlink()
        types = self.env['party.meeting.type'].search([])
        if not overview.areas or not types:
            return
        start, end = self._period()
        sql, params, _spans = self._compliance_totals_sql(
            overview, types, start, end)
        # one statement for the whole matrix: the totals by area; the SQL
        # comes from the overview mixin and constants, values as parameters
        query = sql + """
            INSERT INTO party_meeting_compliance_line
                (report_id, organization_id, level, type_id, span_start,
                 span_end, organization_count, compliant_count, required,
                 held, missing, attendance_rate, compliance_rate,
                 create_uid, write_uid, create_date, write_date)
            SELECT %s, t.area_id,
                   CASE WHEN t.area_id IN (SELECT unnest(%s::integer[]))
                        THEN 'area' ELSE 'organization' END,
                   t.type_id, t.span_start, t.span_end, t.organization_count,
                   t.compliant_count, t.required, t.held, t.missing,
                   -- the attendance of all held meetings of the row
                   coalesce(t.rate, 0),
                   100.0 * t.compliant_count / t.organization_count,
                   %s, %s, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM totals t
        """
        self._compliance_execute(query, params + [
            self.id, [i for i, _p, whole in overview.areas if whole],
            self.env.uid, self.env.uid])
        self.invalidate_cache(['line_ids'])

    def _overview_action(self, overview):
        start, end = self._period()
        action = self.env.ref(
            'party_building.party_meeting_compliance_line_action').read()[0]
        action['domain'] = [('report_id', '=', self.id)]
        # the matrix replaces the wizard and whatever page it was opened
        # from: a breadcrumb back to them would show stale figures
        action['target'] = 'main'
        values = {'start': start, 'end': end}
        if self.organization_id:
            values['within'] = self.organization_id.name
            action['display_name'] = _(
                "Organizational Life %(start)s to %(end)s: %(within)s") \
                % values
        else:
            action['display_name'] = _(
                "Organizational Life %(start)s to %(end)s") % values
        action['name'] = action['display_name']
        if overview.level == 'area':
            # areas first: their rows carry the button that opens them
            action['views'] = sorted(
                action['views'], key=lambda view: view[1] != 'tree')
        return action


class PartyMeetingComplianceLine(models.TransientModel):
    """A row of the compliance matrix: one meeting type in one area (all
    organizations below it) or one organization."""
    _name = 'party.meeting.compliance.line'
    _inherit = 'party.overview.line.mixin'
    _description = 'Organizational Life Compliance Line'
    _order = 'organization_id, type_id'

    report_id = fields.Many2one('party.meeting.compliance', required=True,
                                ondelete='cascade', index=True)
    type_id = fields.Many2one('party.meeting.type', string='Meeting Type',
                              readonly=True)
    span_start = fields.Date(string='From', readonly=True)
    span_end = fields.Date(string='To', readonly=True)
    compliant_count = fields.Integer(
        string='Compliant', readonly=True,
        help="Organizations that held all that was required.")
    required = fields.Integer(readonly=True)
    held = fields.Integer(readonly=True)
    missing = fields.Integer(readonly=True)
    attendance_rate = fields.Float(readonly=True, group_operator='avg')
    compliance_rate = fields.Float(
        string='Compliance Rate', readonly=True, group_operator='avg',
        help="Compliant organizations, in percent of those counted.")
