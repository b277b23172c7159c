"""Yearly hours of study and service per member and per organization's
subtree, each in one grouped statement whatever the number of members
(no loop over members): the member's form, the organizations' figures, the
list of members below the yearly hours and the assessment metrics all read
them here.

Study hours are the member's study records and, for each held meeting of a
type that counts study hours where the member was present, the meeting's
duration (at most 24 hours; the type's hours without an end time). The
requirement is the company's hours for leaders for a member who held a
committee post during the period, else its hours for members.

A calendar year's sums are read from the totals the triggers keep per member
and year (party.member.year), so that a province's list stays interactive;
any other period is summed from the records (the same sums: tested)."""
import re

from odoo import _, api, fields, models
from odoo.tools import html_escape

PLACEHOLDER = re.compile(r'%\((start|end|scope\d+)\)s')

# CTE `sums{n}` (member_id, study, service, services): the chosen members'
# sums over [%(start)s, %(end)s], live from their records: one grouped sum
# per source over the chosen members, not subqueries per member (PostgreSQL
# reads a large scope's records in one pass, a branch's on the member
# indexes); `{n}` names the set when a statement holds several, `{members}`
# selects the chosen members' ids (by default from the CTE `chosen`)
LIVE_SUMS_SQL = """
    study{n} AS (
        SELECT r.member_id, sum(r.hours::numeric) AS hours
          FROM party_study_record r
         WHERE r.member_id IN ({members})
           AND r.date BETWEEN %(start)s AND %(end)s
         GROUP BY r.member_id
    ),
    attended{n} AS (
        SELECT a.member_id,
               sum(party_study_credit(a.state, a.meeting_state,
                                      t.counts_study_hours, t.study_hours,
                                      m.start, m."end")) AS hours
          FROM party_meeting_attendance a
          JOIN party_meeting m ON m.id = a.meeting_id
          JOIN party_meeting_type t ON t.id = a.type_id
         WHERE a.member_id IN ({members})
           AND a.state = 'present' AND a.meeting_state = 'held'
           AND t.counts_study_hours
           AND a.meeting_date BETWEEN %(start)s AND %(end)s
         GROUP BY a.member_id
    ),
    served{n} AS (
        SELECT s.member_id, sum(s.hours::numeric) AS hours, count(*) AS count
          FROM party_service_record s
         WHERE s.member_id IN ({members})
           AND s.date BETWEEN %(start)s AND %(end)s
         GROUP BY s.member_id
    ),
    sums{n} AS (
        SELECT member_id, sum(study) AS study, sum(service) AS service,
               sum(services) AS services
          FROM (SELECT member_id, hours AS study, 0 AS service,
                       0 AS services FROM study{n}
                UNION ALL
                SELECT member_id, hours, 0, 0 FROM attended{n}
                UNION ALL
                SELECT member_id, 0, hours, count FROM served{n}) s
         GROUP BY member_id
    ),
"""

# CTEs `leaders{n}` and `hours{n}` (member_id, org_id, study, service,
# services, required, below) for the CTE `chosen` (member_id, org_id,
# company_id) from `sums{n}`: the requirement is the company's hours for
# leaders for a member who held a committee post during the period, else
# its hours for members (read on the fly: a term or the company's hours
# change no record of the member)
HOURS_SQL = """
    leaders{n} AS (
        SELECT DISTINCT p.member_id
          FROM party_term_position p
          JOIN party_term t ON t.id = p.term_id
         WHERE p.member_id IN ({members})
           AND t.state != 'planned'
           AND COALESCE(p.start_date, t.start_date) <= %(end)s
           AND COALESCE(p.end_date, t.end_date, %(end)s) >= %(start)s
    ),
    hours{n} AS (
        SELECT *, study < required AS below FROM (
        SELECT c.member_id, c.org_id,
               COALESCE(su.study, 0)::float8 AS study,
               COALESCE(su.service, 0)::float8 AS service,
               COALESCE(su.services, 0)::integer AS services,
               CASE WHEN le.member_id IS NOT NULL
                    THEN co.party_study_hours_leader
                    ELSE co.party_study_hours_member END AS required
          FROM chosen c
          JOIN party_member pm ON pm.id = c.member_id
          JOIN res_company co ON co.id = pm.company_id
          LEFT JOIN sums{n} su ON su.member_id = pm.id
          LEFT JOIN leaders{n} le ON le.member_id = pm.id) h
    )
"""

# whether member {member} held a committee post during the period: an index
# probe per member asked
LEADER_SQL = """EXISTS (
    SELECT 1 FROM party_term_position p
      JOIN party_term t ON t.id = p.term_id
     WHERE p.member_id = {member} AND t.state != 'planned'
       AND COALESCE(p.start_date, t.start_date) <= %(end)s
       AND COALESCE(p.end_date, t.end_date, %(end)s) >= %(start)s)"""

# CTE `hours{n}` as HOURS_SQL's, of a calendar year (the year of %(start)s,
# to %(end)s): the sums as the triggers keep them (party.member.year), one
# row per member of the year read on its member (no sums of records), and
# no set of leaders: whether a member is below is decided by the hours
# alone unless they lie between the two requirements, and only then is the
# member's committee post looked up (a province's list: 4,000,000 members,
# some of them between the two), so that PostgreSQL plans one join whatever
# the size of `chosen`
STORED_HOURS_SQL = """
    hours{n} AS (
        SELECT h.*,
               h.study < LEAST(h.member_hours, h.leader_hours)
               OR (h.study < GREATEST(h.member_hours, h.leader_hours)
                   AND (h.leader_hours > h.member_hours) = {leader})
               AS below,
               CASE WHEN {leader} THEN h.leader_hours
                    ELSE h.member_hours END AS required
          FROM (
        SELECT c.member_id, c.org_id,
               COALESCE(y.study, 0)::float8 AS study,
               COALESCE(y.service, 0)::float8 AS service,
               COALESCE(y.services, 0)::integer AS services,
               co.party_study_hours_member AS member_hours,
               co.party_study_hours_leader AS leader_hours
          FROM chosen c
          JOIN res_company co ON co.id = c.company_id
          LEFT JOIN party_member_year y
                 ON y.member_id = c.member_id
                AND y.year = extract(year FROM %(start)s::date)::integer
               ) h
    )
""".replace('{leader}', LEADER_SQL.format(member='h.member_id'))


def is_calendar_year(start, end):
    start, end = str(start)[:10], str(end)[:10]  # a date or its string
    return (start[:4] == end[:4] and start[4:] == '-01-01'
            and end[4:] == '-12-31')


def hours_sql(suffix='', members='SELECT member_id FROM chosen',
              stored=False):
    """The CTE `hours{suffix}` (and those it reads): from the stored yearly
    sums (`stored`: a calendar year), or summed from the records of the
    members that `members` selects."""
    if stored:
        return STORED_HOURS_SQL.replace('{n}', suffix)
    return (LIVE_SUMS_SQL + HOURS_SQL).format(n=suffix, members=members)


def named_params(sql, params, prefix):
    """`sql` with its positional parameters (%s) named `prefix`N, and the
    {name: value} of them (an escaped %% stays as it is)."""
    values, names = {}, iter(range(len(params)))

    def name(match):
        if match.group(0) == '%%':
            return '%%'
        index = next(names)
        values['%s%d' % (prefix, index)] = params[index]
        return '%%(%s%d)s' % (prefix, index)
    return re.sub(r'%%|%s', name, sql), values


def subtree_sql(paths):
    """(CTE `chosen`, its parameters): the active members of each
    organization of `paths` ({id: path}) and of every organization below
    it, read on the path index. Each subtree's bounds are values of the
    statement (psycopg2 writes them in), so that PostgreSQL plans with the
    size of each subtree: a branch on the indexes, a province in one pass
    over the members."""
    parts, params = [], {}
    for index, (org_id, path) in enumerate(sorted(paths.items())):
        params.update({'org%d' % index: org_id, 'path%d' % index: path,
                       'upper%d' % index: path + '~'})
        parts.append(
            "SELECT %%(org%d)s AS org_id, sub.id FROM party_organization sub"
            " WHERE sub.path::text ~>=~ %%(path%d)s"
            " AND sub.path::text ~<~ %%(upper%d)s" % (index, index, index))
    return """
    chosen AS (
        SELECT m.id AS member_id, s.org_id, m.company_id
          FROM (%s) s
          JOIN party_member m ON m.organization_id = s.id
         WHERE m.active
    )
""" % "\n UNION ALL ".join(parts), params


# CTE `chosen`: the members %(ids)s
MEMBERS_SQL = """
    chosen AS (
        SELECT id AS member_id, organization_id AS org_id, company_id
          FROM party_member WHERE id = ANY(%(ids)s::integer[])
    )
"""


def year_bounds(year):
    return '%04d-01-01' % year, '%04d-12-31' % year


class PartyServiceTotals(models.AbstractModel):
    _name = 'party.service.totals'
    _description = 'Study and Service Totals'

    def _rows(self, query, params):
        self.env.cr.execute(query, params)  # pylint: disable=sql-injection
        return self.env.cr.fetchall()

    @api.model
    def _member_totals(self, member_ids, date_from, date_to):
        """{member id: (study hours, required, service hours, services)}
        over [date_from, date_to], read as given (the caller checked its
        access)."""
        rows = self._rows("WITH " + MEMBERS_SQL + "," + hours_sql(
            stored=is_calendar_year(date_from, date_to)) + """
            SELECT member_id, study, required, service, services FROM hours
        """, {'ids': list(member_ids), 'start': date_from, 'end': date_to})
        return {row[0]: row[1:] for row in rows}

    @api.model
    def _member_years(self, member_ids, years):
        """{(member id, year): (study, required, service, services)} for
        each year of `years`: one statement."""
        totals = {}
        if not member_ids or not years:
            return totals
        parts, params = [], {'ids': list(member_ids)}
        for index, year in enumerate(years):
            start, end = year_bounds(year)
            params.update({'start%d' % index: start, 'end%d' % index: end})
            sql = hours_sql(str(index), stored=True) \
                .replace('%(start)s', '%%(start%d)s' % index) \
                .replace('%(end)s', '%%(end%d)s' % index)
            parts.append(sql)
        query = "WITH " + MEMBERS_SQL + "," + ",".join(parts) + \
            " UNION ALL ".join(
                " SELECT %d, member_id, study, required, service, services "
                "FROM hours%d" % (year, index)
                for index, year in enumerate(years))
        for year, member_id, *values in self._rows(query, params):
            totals[member_id, year] = tuple(values)
        return totals

    @api.model
    def _organization_totals(self, org_ids, date_from, date_to):
        """{org id: (members, members who met the hours, study hours,
        service hours, services)} of each organization's subtree over
        [date_from, date_to]: the organizations' paths, then one grouped
        statement."""
        self.env.cr.execute("SELECT id, path FROM party_organization "
                            "WHERE id = ANY(%s)", [list(org_ids)])
        paths = dict(self.env.cr.fetchall())
        if not paths:
            return {}
        chosen, params = subtree_sql(paths)
        params.update({'start': date_from, 'end': date_to})
        rows = self._rows("WITH " + chosen + "," + hours_sql(
            stored=is_calendar_year(date_from, date_to)) + """
            SELECT org_id, count(*),
                   count(*) FILTER (WHERE NOT below),
                   sum(study), sum(service), sum(services)
              FROM hours GROUP BY org_id
        """, params)
        return {row[0]: row[1:] for row in rows}

    @api.model
    def _below_requirement_query(self, date_from, date_to):
        """(SQL, params) selecting the active members below their hours over
        [date_from, date_to], for an `inselect` domain.

        The candidates are the active members the current user may read
        (party.member's record rules, as the ORM applies them to the
        search itself), so that the hours computed follow the user's scope,
        not the size of the database: a branch secretary's list computes the
        branch. The search keeps the rules, so the result is the same."""
        Member = self.env['party.member']
        scope = Member._where_calc([('active', '=', True)],
                                   active_test=False)
        Member._apply_ir_rules(scope, 'read')
        from_clause, where, scope_params = scope.get_sql()
        members, values = named_params(
            "SELECT party_member.id FROM %s WHERE %s" % (
                from_clause, where or 'TRUE'), scope_params, 'scope')
        chosen = "chosen AS (SELECT party_member.id AS member_id, " \
            "party_member.organization_id AS org_id, " \
            "party_member.company_id FROM %s WHERE %s)" % (
                from_clause, where or 'TRUE')
        chosen, _same = named_params(chosen, scope_params, 'scope')
        # the sums select the scope's members themselves rather than the
        # CTE's, so that PostgreSQL knows how many there are: a hash over
        # the year's records for a province, the member index for a branch
        query = "WITH " + chosen + "," + hours_sql(
            members=members, stored=is_calendar_year(date_from, date_to)) + \
            " SELECT member_id FROM hours WHERE below"
        # the ORM formats the query with positional parameters
        values.update({'start': date_from, 'end': date_to})
        params = [values[name] for name in PLACEHOLDER.findall(query)]
        return PLACEHOLDER.sub('%s', query), params


def this_year(record):
    return fields.Date.from_string(fields.Date.context_today(record)).year


class PartyMember(models.Model):
    _inherit = 'party.member'

    study_record_ids = fields.One2many('party.study.record', 'member_id',
                                       string='Study Records')
    post_holder_ids = fields.One2many('party.post.holder', 'member_id',
                                      string='Member Posts Held')
    service_record_ids = fields.One2many('party.service.record', 'member_id',
                                         string='Service Records')
    # the projects' own table, read through their scope rules
    service_project_ids = fields.Many2many(
        'party.service.project', 'party_service_project_member_rel',
        'member_id', 'project_id', string='Service Projects', readonly=True)
    study_hours_year = fields.Float(
        compute='_compute_service_year', string='Study Hours This Year')
    study_required_year = fields.Float(
        compute='_compute_service_year', string='Hours Required This Year')
    service_hours_year = fields.Float(
        compute='_compute_service_year', string='Service Hours This Year')
    study_below_requirement = fields.Boolean(
        compute='_compute_service_year', search='_search_below_requirement',
        string='Below the Yearly Study Hours')
    service_years_html = fields.Html(
        compute='_compute_service_years_html', string='Year by Year',
        sanitize=False)

    def _compute_service_year(self):
        start, end = year_bounds(this_year(self))
        totals = self.env['party.service.totals']._member_totals(
            self.ids, start, end)
        for member in self:
            study, required, service, _services = totals.get(
                member.id, (0.0, 0.0, 0.0, 0))
            member.study_hours_year = study
            member.study_required_year = required
            member.service_hours_year = service
            member.study_below_requirement = study < required

    def _search_below_requirement(self, operator, value):
        start, end = year_bounds(this_year(self))
        query = self.env['party.service.totals']._below_requirement_query(
            start, end)
        below = (operator == '=') == bool(value)
        return [('id', 'inselect' if below else 'not inselect', query)]

    def _compute_service_years_html(self):
        """Hours, posts and service of the last years, one table."""
        current = this_year(self)
        years = list(range(current, current - 5, -1))
        totals = self.env['party.service.totals']._member_years(
            self.ids, years)
        holders = self.env['party.post.holder'].search(
            [('member_id', 'in', self.ids)])
        for member in self:
            rows = []
            joined = fields.Date.from_string(member.join_date).year \
                if member.join_date else years[-1]
            for year in years:
                if year < joined:
                    continue
                study, required, service, services = totals.get(
                    (member.id, year), (0.0, 0.0, 0.0, 0))
                start, end = year_bounds(year)
                posts = holders.filtered(
                    lambda h: h.member_id == member and h.date_from <= end
                    and (not h.date_to or h.date_to >= start))
                rows.append(
                    '<tr><td>%d</td><td class="text-right">%g / %g</td>'
                    '<td>%s</td><td class="text-right">%g</td>'
                    '<td class="text-right">%d</td><td>%s</td></tr>' % (
                        year, study, required,
                        _('Met') if study >= required else _('Not Met'),
                        service, services,
                        html_escape(', '.join(posts.mapped('post_id.name')))))
            member.service_years_html = (
                '<table class="table table-condensed o_party_service_years">'
                '<thead><tr><th>%s</th><th class="text-right">%s</th>'
                '<th>%s</th><th class="text-right">%s</th>'
                '<th class="text-right">%s</th><th>%s</th></tr></thead>'
                '<tbody>%s</tbody></table>') % (
                    _('Year'), _('Study Hours / Required'),
                    _('Hours Met'), _('Service Hours'),
                    _('Services'), _('Member Posts Held'), ''.join(rows))


class PartyOrganization(models.Model):
    _inherit = 'party.organization'

    post_ids = fields.One2many('party.post', 'organization_id',
                               string='Posts and Areas')
    satisfaction_ids = fields.One2many('party.satisfaction',
                                       'organization_id',
                                       string='Mass Satisfaction')
    service_member_count = fields.Integer(
        compute='_compute_service_figures', string='Members (Subtree)')
    study_met_count = fields.Integer(
        compute='_compute_service_figures',
        string='Members Who Met the Yearly Hours')
    study_met_share = fields.Float(
        compute='_compute_service_figures',
        string='Met the Yearly Hours (%)')
    study_hours_total = fields.Float(
        compute='_compute_service_figures', string='Study Hours This Year')
    service_hours_total = fields.Float(
        compute='_compute_service_figures', string='Service Hours This Year')
    service_hours_per_member = fields.Float(
        compute='_compute_service_figures',
        string='Service Hours per Member')
    satisfaction_rate = fields.Float(
        compute='_compute_service_figures',
        string='Satisfaction Rate This Year (%)')
    satisfaction_evaluated = fields.Boolean(
        compute='_compute_service_figures', string='Evaluated This Year',
        help="The mass satisfaction evaluation of this year is closed: "
             "without one, no rate is shown.")

    def _compute_service_figures(self):
        year = this_year(self)
        start, end = year_bounds(year)
        ids = [org.id for org in self if isinstance(org.id, int)]
        totals = self.env['party.service.totals']._organization_totals(
            ids, start, end) if ids else {}
        rates = {}
        if ids:
            self.env.cr.execute(
                "SELECT organization_id, rate FROM party_satisfaction "
                "WHERE organization_id IN %s AND year = %s "
                "AND state = 'closed'",
                [tuple(ids), year])
            rates = dict(self.env.cr.fetchall())
        for org in self:
            members, met, study, service, _services = totals.get(
                org.id, (0, 0, 0.0, 0.0, 0))
            org.service_member_count = members
            org.study_met_count = met
            org.study_met_share = 100.0 * met / members if members else 0.0
            org.study_hours_total = study
            org.service_hours_total = service
            org.service_hours_per_member = service / members \
                if members else 0.0
            org.satisfaction_rate = rates.get(org.id, 0.0)
            org.satisfaction_evaluated = org.id in rates


class PartyAssessmentMetric(models.Model):
    _inherit = 'party.assessment.metric'

    @api.model
    def _metric_study_hours_met(self, org_ids, date_from, date_to,
                                meeting_type):
        """Members of the subtree who met their study hours over the period
        (0 to 1); note: "met/members"."""
        totals = self.env['party.service.totals']._organization_totals(
            org_ids, date_from, date_to)
        return {org_id: (float(met) / members if members else 0.0,
                         '%d/%d' % (met, members))
                for org_id, (members, met, _s, _v, _c) in totals.items()}

    @api.model
    def _metric_service_hours_per_member(self, org_ids, date_from, date_to,
                                         meeting_type):
        """Service hours of the subtree's members over the period per
        member; note: the hours."""
        totals = self.env['party.service.totals']._organization_totals(
            org_ids, date_from, date_to)
        return {org_id: (float(service) / members if members else 0.0,
                         '%g' % service)
                for org_id, (members, _m, _s, service, _c) in totals.items()}

    @api.model
    def _metric_satisfaction_rate(self, org_ids, date_from, date_to,
                                  meeting_type):
        """The mass satisfaction rate (0 to 1) of the year of date_to, of a
        closed evaluation; note: the rate in %."""
        year = fields.Date.from_string(date_to).year \
            if isinstance(date_to, str) else date_to.year
        rows = self._metric_rows("""
            SELECT organization_id, rate FROM party_satisfaction
             WHERE organization_id = ANY(%(ids)s::integer[])
               AND year = %(year)s AND state = 'closed'
        """, {'ids': list(org_ids), 'year': year})
        return {org_id: (rate / 100.0, '%.1f%%' % rate)
                for org_id, rate in rows}
