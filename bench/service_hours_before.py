"""The SQL of the study hours before bench/service_hours.py (commit
6e3d630, models/party_service_totals.py): correlated subqueries per member,
and every active member of the database as the candidates of the list of
members below their hours. Patched into the registry's classes for a call,
so that one run measures before and after."""
import contextlib
import re

PLACEHOLDER = re.compile(r'%\((start|end)\)s')

# CTE `hours` (member_id, org_id, study, service, services, required) for
# the CTE `chosen` (member_id, org_id) over [%(start)s, %(end)s]
HOURS_SQL = """
    hours AS (
        SELECT c.member_id, c.org_id,
               COALESCE((SELECT sum(r.hours) FROM party_study_record r
                          WHERE r.member_id = c.member_id
                            AND r.date BETWEEN %(start)s AND %(end)s), 0)
             + COALESCE((SELECT sum(CASE WHEN m."end" IS NOT NULL
                                THEN LEAST(extract(epoch FROM
                                     m."end" - m.start) / 3600.0, 24)
                                ELSE t.study_hours END)
                           FROM party_meeting_attendance a
                           JOIN party_meeting m ON m.id = a.meeting_id
                           JOIN party_meeting_type t ON t.id = m.type_id
                          WHERE a.member_id = c.member_id
                            AND a.state = 'present' AND m.state = 'held'
                            AND t.counts_study_hours
                            AND a.meeting_date BETWEEN %(start)s
                                                   AND %(end)s), 0)
                   AS study,
               COALESCE(sv.hours, 0) AS service,
               COALESCE(sv.count, 0) AS services,
               CASE WHEN EXISTS (
                        SELECT 1 FROM party_term_position p
                          JOIN party_term t ON t.id = p.term_id
                         WHERE p.member_id = c.member_id
                           AND t.state != 'planned'
                           AND COALESCE(p.start_date, t.start_date)
                               <= %(end)s
                           AND COALESCE(p.end_date, t.end_date, %(end)s)
                               >= %(start)s)
                    THEN co.party_study_hours_leader
                    ELSE co.party_study_hours_member END AS required
          FROM chosen c
          JOIN party_member pm ON pm.id = c.member_id
          JOIN res_company co ON co.id = pm.company_id
          LEFT JOIN LATERAL (
                SELECT sum(s.hours) AS hours, count(*) AS count
                  FROM party_service_record s
                 WHERE s.member_id = c.member_id
                   AND s.date BETWEEN %(start)s AND %(end)s) sv ON true
    )
"""

# CTE `chosen`: the active members of each organization of %(ids)s and of
# every organization below it, read on the path index
SUBTREE_SQL = """
    chosen AS (
        SELECT m.id AS member_id, given.id AS org_id
          FROM party_organization given
         CROSS JOIN LATERAL (
               SELECT sub.id FROM party_organization sub
                WHERE sub.path::text ~>=~ given.path::text
                  AND sub.path::text ~<~ (given.path::text || '~')
               OFFSET 0) sub
          JOIN party_member m ON m.organization_id = sub.id
         WHERE given.id = ANY(%(ids)s::integer[]) AND m.active
    )
"""


def organization_totals(self, org_ids, date_from, date_to):
    rows = self._rows("WITH " + SUBTREE_SQL + "," + HOURS_SQL + """
        SELECT org_id, count(*),
               count(*) FILTER (WHERE study >= required),
               sum(study), sum(service), sum(services)
          FROM hours GROUP BY org_id
    """, {'ids': list(org_ids), 'start': date_from, 'end': date_to})
    return {row[0]: row[1:] for row in rows}


def below_requirement_query(date_from, date_to):
    query = "WITH chosen AS (SELECT id AS member_id, organization_id " \
        "AS org_id FROM party_member WHERE active), " + HOURS_SQL + \
        " SELECT member_id FROM hours WHERE study < required"
    bounds = {'start': date_from, 'end': date_to}
    params = [bounds[name] for name in PLACEHOLDER.findall(query)]
    return PLACEHOLDER.sub('%s', query), params


def search_below_requirement(self, operator, value):
    from odoo import fields  # imported late: after scale.load_odoo()
    year = fields.Date.from_string(fields.Date.context_today(self)).year
    query = below_requirement_query('%04d-01-01' % year, '%04d-12-31' % year)
    below = (operator == '=') == bool(value)
    return [('id', 'inselect' if below else 'not inselect', query)]


@contextlib.contextmanager
def patched(env):
    totals = type(env['party.service.totals'])
    member = type(env['party.member'])
    saved = (totals._organization_totals, member._search_below_requirement)
    totals._organization_totals = organization_totals
    member._search_below_requirement = search_below_requirement
    try:
        yield
    finally:
        totals._organization_totals, member._search_below_requirement = saved
