"""Benchmark of the yearly study hours at province scale (issue 15,
"Performance and scale"): the list of members below their yearly hours and
the organizations' figures, as the bench users, against hand-written SQL
measured in the same run.

    .venv/bin/python bench/service_hours.py [--db party_building_bench]
        [--reps 5] [--users secretary,officer,province_officer]
        [--variants before,after] [--year 2026]

Reuses the database of bench/scale.py (its organizations, members, users,
terms, posts and held meetings) and adds, once per database (parameter
`party_building_bench.service_data`), set-based in SQL and committed, the
data the hours are read from, for `--year` (the bench's year: the year of
today, which the list filters on) and the year before:

* study records (`party_study_record`): three per active member in the
  year (the 1st, 120th and 240th day after a member-dependent offset,
  6 to 14 hours each, so that about half of the members stay below the
  company's 32 hours for members) and two in the year before;
* service records (`party_service_record`): one of 1 to 4 hours in the year
  for three members in five, one in the year before for one in three;
* attendance (`party_meeting_attendance`) of the members of each held
  meeting of a type that counts study hours (party lecture, theme party
  day: the meetings of jobs.py, 2 hours each), present for nine members in
  ten, absent otherwise.

Then `VACUUM (ANALYZE)` of the three tables.

Measured through the ORM as each user (`sudo(user)`), median of --reps
calls after one warm-up, the record cache emptied before each call, every
call rolled back:

* `list`: what the web client asks for the action "Study Hours This Year"
  with its default filter: `search_read([('study_below_requirement', '=',
  True)], <the tree's fields>, limit=80)` and `search_count` of the same;
* `list_plain`: the same page and count without the filter (the members
  list the user already has);
* `sql_list`: the hand-written baseline: the same page and count in two
  statements over the user's scope (grouped sums per member of the scope's
  study records, attendances and service records, the leaders of the
  scope's terms), whose results are checked against the ORM's;
* `orgs`: the figures of the organization the user is responsible for
  (`read` of the fields of "Education and Service by Organization", i.e.
  `_organization_totals` of that organization's subtree) and `sql_orgs`,
  the same totals by hand-written SQL.

`--variants before` measures the SQL of the code before this bench
(correlated subqueries per member, every active member of the database
for the list), kept in `service_hours_before.py` and patched in for the
call; `live` the code on disk summing the records of the year on each
call (as 11.0.1.9.0 did: `is_calendar_year` patched to say no); `after` the
code on disk, which reads a calendar year's sums from the totals the
triggers keep (party.member.year, 11.0.1.10.0). Variants and users take
turns call by call, so that the noise of the machine hits them alike.
"""
import argparse
import contextlib
import json
import statistics
import sys
import time

import scale
import service_hours_before

DATA_KEY = 'party_building_bench.service_data'
LIST_FIELDS = ['name', 'organization_id', 'study_hours_year',
               'study_required_year', 'service_hours_year',
               'study_below_requirement']
ORG_FIELDS = ['name', 'kind', 'service_member_count', 'study_met_count',
              'study_met_share', 'study_hours_total', 'service_hours_total',
              'service_hours_per_member', 'satisfaction_rate']
BELOW = [('study_below_requirement', '=', True)]
ROOT_OF = {'secretary': 'branch', 'township_officer': 'township',
           'officer': 'county', 'city_officer': 'city',
           'province_officer': 'province'}


def log(msg):
    scale.log(msg)


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------

def ensure_service_data(cr, year):
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s",
               [DATA_KEY])
    row = cr.fetchone()
    if row:
        data = json.loads(row[0])
        if data.get('year') == year:
            return data
        raise SystemExit('%s holds data for %s, not %s' % (
            DATA_KEY, data.get('year'), year))
    t0 = time.perf_counter()
    data = {'year': year}
    # the rows are consistent by construction: no foreign key triggers
    # (a bulk load, as pg_restore does it)
    cr.execute("SET LOCAL session_replication_role = replica")
    log('adding study records')
    # three records in the year, two in the year before, per active member
    cr.execute("""
        INSERT INTO party_study_record
               (member_id, organization_id, company_id, name, kind, date,
                hours, create_uid, write_uid, create_date, write_date)
        SELECT m.id, m.organization_id, m.company_id,
               'Bench study ' || k.n, (ARRAY['lecture', 'theme', 'online',
               'training', 'other'])[1 + (m.id + k.n) %% 5],
               make_date(%(year)s - k.back, 1, 1)
                   + ((m.id %% 90) + 120 * (k.n %% 3)),
               6 + (m.id * 7 + k.n * 3) %% 9, 1, 1, now(), now()
          FROM party_member m
         CROSS JOIN (VALUES (0, 0), (1, 0), (2, 0), (3, 1), (4, 1))
               AS k(n, back)
         WHERE m.active
    """, {'year': year})
    data['study_records'] = cr.rowcount
    log('adding service records')
    cr.execute("""
        INSERT INTO party_service_record
               (member_id, organization_id, company_id, name, kind, date,
                hours, create_uid, write_uid, create_date, write_date)
        SELECT m.id, m.organization_id, m.company_id, 'Bench service',
               (ARRAY['volunteer', 'people', 'post', 'other'])[1 + m.id %% 4],
               make_date(%(year)s - k.back, 3, 1) + (m.id %% 200),
               1 + m.id %% 4, 1, 1, now(), now()
          FROM party_member m
         CROSS JOIN (VALUES (0), (1)) AS k(back)
         WHERE m.active AND ((k.back = 0 AND m.id %% 5 < 3)
                             OR (k.back = 1 AND m.id %% 3 = 0))
    """, {'year': year})
    data['service_records'] = cr.rowcount
    log('adding attendances of the study meetings')
    cr.execute("""
        INSERT INTO party_meeting_attendance
               (meeting_id, organization_id, company_id, member_id, state,
                meeting_date, meeting_state, type_id, create_uid, write_uid,
                create_date, write_date)
        SELECT mt.id, mt.organization_id, mt.company_id, m.id,
               CASE WHEN (m.id + mt.id) % 10 = 0 THEN 'absent'
                    ELSE 'present' END,
               mt.local_date, mt.state, mt.type_id, 1, 1, now(), now()
          FROM party_meeting mt
          JOIN party_meeting_type t ON t.id = mt.type_id
          JOIN party_member m ON m.organization_id = mt.organization_id
         WHERE mt.state = 'held' AND t.counts_study_hours AND m.active
    """)
    data['attendances'] = cr.rowcount
    data['seconds'] = round(time.perf_counter() - t0, 1)
    cr.execute("INSERT INTO ir_config_parameter (key, value, create_date, "
               "write_date) VALUES (%s, %s, now(), now())",
               [DATA_KEY, json.dumps(data)])
    cr.commit()
    log('service data: %s' % data)
    old = cr._cnx.isolation_level
    cr._cnx.set_isolation_level(0)
    try:
        cr.execute("VACUUM (ANALYZE) party_study_record, "
                   "party_service_record, party_meeting_attendance")
    finally:
        cr._cnx.set_isolation_level(old)
    return data


# --------------------------------------------------------------------------
# the calls
# --------------------------------------------------------------------------

def call_list(env, user, root, year, domain=None):
    Member = env['party.member'].sudo(user)
    domain = BELOW if domain is None else domain
    rows = Member.search_read(domain, LIST_FIELDS, limit=80)
    return Member.search_count(domain), [row['id'] for row in rows]


def call_plain(env, user, root, year):
    return call_list(env, user, root, year, domain=[])


def call_orgs(env, user, root, year):
    org = env['party.organization'].sudo(user).browse(root)
    row = org.read(ORG_FIELDS)[0]
    return (row['service_member_count'], row['study_met_count'],
            round(row['study_hours_total'], 3),
            round(row['service_hours_total'], 3))


# The baseline: set-based sums per member of the scope, then the filter.
BASE_SQL = """
    WITH scope AS MATERIALIZED (
        SELECT m.id, m.name, m.company_id, o.path
          FROM party_organization o
          JOIN party_member m ON m.organization_id = o.id
         WHERE o.path::text ~>=~ %(path)s AND o.path::text ~<~ %(upper)s
           AND m.active),
    study AS (
        SELECT member_id, sum(hours) AS hours FROM party_study_record
         WHERE member_id IN (SELECT id FROM scope)
           AND date BETWEEN %(start)s AND %(end)s
         GROUP BY member_id),
    met AS (
        SELECT a.member_id, sum(CASE WHEN m."end" IS NOT NULL
                   THEN LEAST(extract(epoch FROM m."end" - m.start)
                              / 3600.0, 24)
                   ELSE t.study_hours END) AS hours
          FROM party_meeting_attendance a
          JOIN party_meeting m ON m.id = a.meeting_id
          JOIN party_meeting_type t ON t.id = m.type_id
         WHERE a.member_id IN (SELECT id FROM scope)
           AND a.state = 'present' AND m.state = 'held'
           AND t.counts_study_hours
           AND a.meeting_date BETWEEN %(start)s AND %(end)s
         GROUP BY a.member_id),
    served AS (
        SELECT member_id, sum(hours) AS hours, count(*) AS n
          FROM party_service_record
         WHERE member_id IN (SELECT id FROM scope)
           AND date BETWEEN %(start)s AND %(end)s
         GROUP BY member_id),
    leaders AS (
        SELECT DISTINCT p.member_id FROM party_term_position p
          JOIN party_term t ON t.id = p.term_id
         WHERE p.member_id IN (SELECT id FROM scope) AND t.state != 'planned'
           AND COALESCE(p.start_date, t.start_date) <= %(end)s
           AND COALESCE(p.end_date, t.end_date, %(end)s) >= %(start)s),
    hours AS (
        SELECT s.id, s.name, s.path,
               COALESCE(st.hours, 0) + COALESCE(me.hours, 0) AS study,
               COALESCE(sv.hours, 0) AS service, COALESCE(sv.n, 0) AS n,
               CASE WHEN l.member_id IS NOT NULL
                    THEN co.party_study_hours_leader
                    ELSE co.party_study_hours_member END AS required
          FROM scope s JOIN res_company co ON co.id = s.company_id
          LEFT JOIN study st ON st.member_id = s.id
          LEFT JOIN met me ON me.member_id = s.id
          LEFT JOIN served sv ON sv.member_id = s.id
          LEFT JOIN leaders l ON l.member_id = s.id)
"""


def _base_params(env, root, year):
    path = env['party.organization'].browse(root).path
    return {'path': path, 'upper': path + '~',
            'start': '%04d-01-01' % year, 'end': '%04d-12-31' % year}


def call_sql_list(env, user, root, year):
    cr, params = env.cr, _base_params(env, root, year)
    query = BASE_SQL + " SELECT count(*) FROM hours WHERE study < required"
    cr.execute(query, params)  # pylint: disable=sql-injection
    count = cr.fetchone()[0]
    query = BASE_SQL + """
        SELECT id FROM hours WHERE study < required
         ORDER BY path::text USING ~<~, name, id LIMIT 80"""
    cr.execute(query, params)  # pylint: disable=sql-injection
    return count, [row[0] for row in cr.fetchall()]


def call_sql_orgs(env, user, root, year):
    cr, params = env.cr, _base_params(env, root, year)
    query = BASE_SQL + """
        SELECT count(*), count(*) FILTER (WHERE study >= required),
               round(sum(study)::numeric, 3), round(sum(service)::numeric, 3)
          FROM hours"""
    cr.execute(query, params)  # pylint: disable=sql-injection
    members, met, study, service = cr.fetchone()
    return members, met, float(study or 0), float(service or 0)


CALLS = {'list': call_list, 'list_plain': call_plain,
         'sql_list': call_sql_list, 'orgs': call_orgs,
         'sql_orgs': call_sql_orgs}
# the calls that run the addon's SQL, and so depend on the variant
VARIANT_CALLS = ('list', 'orgs')


@contextlib.contextmanager
def as_variant(env, name):
    if name == 'before':
        with service_hours_before.patched(env):
            yield
    elif name == 'live':
        # the code on disk, summing the records even for a calendar year
        module = sys.modules[
            'odoo.addons.party_building.models.party_service_totals']
        saved = module.is_calendar_year
        module.is_calendar_year = lambda start, end: False
        try:
            yield
        finally:
            module.is_calendar_year = saved
    else:
        yield


def one_call(env, fn, user, root, year, variant):
    env.cr.execute("SAVEPOINT bench_call")
    env.clear()
    q0 = env.cr.sql_log_count
    with as_variant(env, variant):
        t0 = time.perf_counter()
        result = fn(env, user, root, year)
        seconds = time.perf_counter() - t0
    queries = env.cr.sql_log_count - q0
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_call")
    return seconds, queries, result


def run(env, args, users, roots):
    year = args.year
    variants = args.variants.split(',')
    cells = []   # (user key, call name, variant)
    for key in args.users.split(','):
        for call in args.calls.split(','):
            for variant in (variants if call in VARIANT_CALLS else ['-']):
                if (variant == 'before' and key == 'province_officer'
                        and call == 'list' and not args.slow_before):
                    continue
                cells.append((key, call, variant))
    samples = {cell: [] for cell in cells}
    results = {}
    for rep in range(args.reps + 1):
        for cell in cells:
            key, call, variant = cell
            if rep and cell in results and results[cell][0] > args.max_s:
                continue    # one slow call is enough
            seconds, queries, result = one_call(
                env, CALLS[call], users[key], roots[ROOT_OF[key]], year,
                variant)
            if rep == 0:
                log('%s %s %s: %.3f s (warm-up), %d queries' % (
                    key, call, variant, seconds, queries))
                results[cell] = (seconds, queries, result)
                if seconds <= args.max_s:
                    continue
            samples[cell].append(seconds)
            results[cell] = (seconds, queries, result)
    out = []
    for cell in cells:
        key, call, variant = cell
        seconds, queries, result = results[cell]
        out.append({'user': key, 'call': call, 'variant': variant,
                    'ms': statistics.median(samples[cell]) * 1000,
                    'n': len(samples[cell]), 'queries': queries,
                    'result': result})
    return out


def check(out):
    """The ORM's figures must be the baseline's."""
    by = {(r['user'], r['call'], r['variant']): r['result'] for r in out}
    problems = []
    for (key, call, variant), result in by.items():
        base = by.get((key, 'sql_' + call, '-'))
        if base is None or call not in VARIANT_CALLS:
            continue
        same = tuple(result) == tuple(base) if call == 'orgs' else (
            result[0] == base[0] and result[1] == base[1])
        if not same:
            problems.append('%s %s %s: %s != baseline %s' % (
                key, call, variant, str(result)[:200], str(base)[:200]))
    return problems


def report(out, db, sizes, data, problems):
    print('\n# %s: %s' % (db, sizes))
    print('service data: %s' % json.dumps(data))
    print('\n| user | call | variant | result | queries | ms (n) | '
          '/ sql baseline |')
    print('|---|---|---|---|---:|---:|---:|')
    base = {(r['user'], r['call']): r['ms'] for r in out
            if r['call'].startswith('sql_')}
    for r in out:
        ref = base.get((r['user'], 'sql_' + r['call'].replace('_plain', '')))
        shown = r['result'][0] if r['call'].endswith('list') or \
            r['call'] == 'list_plain' else r['result']
        print('| %s | %s | %s | %s | %d | %.0f (%d) | %s |' % (
            r['user'], r['call'], r['variant'], shown, r['queries'],
            r['ms'], r['n'], '%.2f' % (r['ms'] / ref) if ref else ''))
    print('\nresults identical to the baseline: %s' % (
        'yes' if not problems else 'NO\n' + '\n'.join(problems)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', default='party_building_bench')
    parser.add_argument('--reps', type=int, default=5)
    parser.add_argument('--year', type=int,
                        default=int(time.strftime('%Y')))
    parser.add_argument('--users',
                        default='secretary,officer,province_officer')
    parser.add_argument('--calls',
                        default='list,sql_list,list_plain,orgs,sql_orgs')
    parser.add_argument('--variants', default='after')
    parser.add_argument('--max-s', type=float, default=20.0,
                        help='a call slower than this is measured once')
    parser.add_argument('--slow-before', action='store_true',
                        help="also the province's list with the old SQL")
    parser.add_argument('--data-only', action='store_true',
                        help='add the data and stop')
    parser.add_argument('--json')
    args = parser.parse_args()
    odoo = scale.load_odoo()
    odoo.tools.config.parse_config(['-c', scale.CONF, '-d', args.db])
    registry = odoo.registry(args.db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        data = ensure_service_data(cr, args.year)
        if args.data_only:
            return
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s",
                   [scale.PARAM_KEY])
        params = json.loads(cr.fetchone()[0])
        roots = scale.scope_roots(params)
        users = scale.ensure_users(env, roots)
        cr.execute("SELECT (SELECT count(*) FROM party_organization), "
                   "(SELECT count(*) FROM party_member)")
        sizes = '%d organizations, %d members' % cr.fetchone()
        sizes += '; load %.1f' % scale.os.getloadavg()[0]
        try:
            out = run(env, args, users, roots)
        finally:
            cr.rollback()
        problems = check(out)
        report(out, args.db, sizes, data, problems)
        if args.json:
            with open(args.json, 'w') as f:
                json.dump({'db': args.db, 'data': data, 'rows': out}, f,
                          indent=1, default=str)


if __name__ == '__main__':
    main()
