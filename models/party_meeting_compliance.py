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


# The per-organization facts, one row per organization of `orgs` and meeting
# type that applies to it. Inputs, as CTEs the caller supplies: `orgs`
# (area_id, id, path, kind, company_id) and `cover` (id: every organization
# below them, for the member counts). Each column of `types` is an array
# parameter: the meeting types with their span and rule.
FACTS_SQL = """
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
    -- active members of each organization and all below it: counted where
    -- they are registered, then added to every organization of the path
    counts AS (
        SELECT ancestor.id, sum(direct.full_count) AS full_count,
               sum(direct.member_count) AS member_count
          FROM (SELECT m.organization_id,
                       count(*) FILTER (WHERE m.status = 'full')
                           AS full_count,
                       count(*) AS member_count
                  FROM party_member m
                  -- joins, not IN (SELECT ...): the planner then knows how
                  -- many rows to expect, and scans the table for a province
                  -- but the index for a branch
                  JOIN cover ON cover.id = m.organization_id
                 WHERE m.active
              GROUP BY m.organization_id) direct
          JOIN party_organization mo ON mo.id = direct.organization_id
         CROSS JOIN LATERAL unnest(string_to_array(
                   rtrim(mo.path, '/'), '/')::integer[]) AS ancestor(id)
      GROUP BY ancestor.id
    ),
    -- the held meetings of each organization, read on its own index
    -- entries (party_meeting_held_index; OFFSET 0: not as a join over the
    -- whole table): what a scope costs follows the scope, not the years of
    -- meetings of the whole province
    held AS (
        SELECT o.id AS organization_id, m.type_id, count(*) AS n,
               avg(m.attendance_rate) AS rate
          FROM orgs o
         CROSS JOIN LATERAL (
               SELECT m.type_id, m.local_date, m.attendance_rate
                 FROM party_meeting m
                WHERE m.organization_id = o.id AND m.state = 'held'
                  AND m.local_date >= (SELECT min(span_start) FROM types)
                  AND m.local_date <= (SELECT max(span_end) FROM types)
               OFFSET 0) m
          JOIN types t ON t.id = m.type_id AND NOT t.per_member
                      AND m.local_date BETWEEN t.span_start AND t.span_end
      GROUP BY o.id, m.type_id
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
     LEFT JOIN counts c ON c.id = o.id
     LEFT JOIN held h ON h.organization_id = o.id AND h.type_id = t.id
     LEFT JOIN talked k ON k.organization_id = o.id AND k.type_id = t.id
         -- the setup rule (party_organization_setup): below this many full
         -- members an organization elects a secretary only, so it holds no
         -- committee meetings
         -- (a subquery rather than a join: a join on the company would
         -- make the planner expect a handful of rows, and sort them)
         WHERE NOT t.committee OR coalesce(c.full_count, 0) >= (
                   SELECT company.party_committee_min_full_members
                     FROM res_company company
                    WHERE company.id = o.company_id)
    )
"""


class PartyMeetingComplianceMixin(models.AbstractModel):
    """The counting shared by the compliance matrix and the reminders."""
    _name = 'party.meeting.compliance.mixin'
    _description = 'Meeting Compliance Computation'

    @api.model
    def _compliance_facts_sql(self, orgs_sql, orgs_params, cover_sql,
                              cover_params, meeting_types, start, end):
        """(SQL, params, spans): a WITH clause ending in the CTE `facts`
        (area_id, org_id, type_id, span_start, span_end, required, held, rate,
        meetings) for the
        organizations of `orgs_sql` (see FACTS_SQL) and `meeting_types`
        judged on the window [start, end]; spans: {type id: (start, end)}.
        The caller appends its SELECT (or INSERT) on `facts`."""
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
        sql = "WITH orgs AS (%s), cover AS (%s), %s" % (
            orgs_sql, cover_sql, FACTS_SQL)
        # PostgreSQL's JIT compiles this plan for a province in about a
        # second, more than it saves; for this transaction only
        self.env.cr.execute("SET LOCAL jit = off")
        return sql, list(orgs_params) + list(cover_params) + columns, spans

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
            SELECT sub.id
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
                   SELECT s.id FROM party_organization s
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
        self.env.cr.execute(query, params)  # pylint: disable=sql-injection
        return [(org_id, type_id) + spans[type_id] + (required, held, rate)
                for org_id, type_id, required, held, rate
                in self.env.cr.fetchall()]

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
        orgs_sql, orgs_params = self._overview_orgs_sql(overview)
        cover_sql, cover_params = self._overview_cover_sql(overview)
        sql, params, _spans = self._compliance_facts_sql(
            orgs_sql, orgs_params, cover_sql, cover_params, types, start,
            end)
        # one statement for the whole matrix: the facts grouped by area;
        # the SQL comes from the overview mixin and constants, values as
        # parameters
        query = sql + """
            INSERT INTO party_meeting_compliance_line
                (report_id, organization_id, level, type_id, span_start,
                 span_end, organization_count, compliant_count, required,
                 held, missing, attendance_rate, compliance_rate,
                 create_uid, write_uid, create_date, write_date)
            SELECT %s, f.area_id,
                   CASE WHEN f.area_id IN (SELECT unnest(%s::integer[]))
                        THEN 'area' ELSE 'organization' END,
                   f.type_id, f.span_start, f.span_end, count(*),
                   count(*) FILTER (WHERE f.held >= f.required),
                   sum(f.required), sum(f.held),
                   sum(greatest(f.required - f.held, 0)),
                   -- the attendance of all held meetings of the row
                   coalesce(sum(f.rate * f.meetings)
                            / nullif(sum(f.meetings), 0), 0),
                   100.0 * count(*) FILTER (WHERE f.held >= f.required)
                       / count(*),
                   %s, %s, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM facts f
          GROUP BY f.area_id, f.type_id, f.span_start, f.span_end
        """
        self.env.cr.execute(query, params + [  # pylint: disable=sql-injection
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
