"""Benchmark of the assessment metrics (issue 10, "Performance").

    .venv/bin/python bench/assessment.py [--db party_building_bench_assessment]
        [--branches 20000] [--year 2025] [--reps 3] [--recreate]
        [--no-update]

Builds (or reuses) its own database: the tree of bench/scale.py sized for
about 20,000 branches (scale.py's shape: 20 members per branch or party
group), the terms and posts of bench/jobs.py, and a year of organizational
life written set-based in SQL (meetings of the four seeded types that
branches hold, heart-to-heart talks, democratic appraisals, secretary
training, rectifications with tasks). Then, on the scope of every branch,
in a transaction that is rolled back:

* every metric through the ORM entry point
  `party.assessment.metric._compute_values()` (`meetings_held` once per
  meeting type), as a campaign fills its automatic lines;
* one hand-written SQL aggregate computing the same values from the same
  tables (it may use what the ORM code cannot assume, e.g. that every
  organization is a branch, so members are found by `branch_id`);
* checks that both give the same value and note for every branch and
  metric, and prints both times (median of --reps after one warm-up) and
  their ratio (goal: within 3x).

Then a campaign with the seeded standard over every branch
(`measure_campaign`): generating it (assessments, lines, metrics, scores),
refreshing its metrics, ranking and the distribution, against the same
hand-written SQL as baseline.
The database is the bench's own (default party_building_bench_assessment);
the big databases of scale.py are not touched.
"""
import argparse
import contextlib
import datetime
import json
import os
import statistics
import time

import scale

DEFAULT_DB = 'party_building_bench_assessment'
DATA_KEY = 'party_building_bench.assessment_data'
# the meeting types a branch holds, by XML id (data/party_meeting_data.xml)
BRANCH_TYPES = ['meeting_type_general', 'meeting_type_committee',
                'meeting_type_lecture', 'meeting_type_theme_day']
GOAL_RATIO = 3.0


def log(msg):
    scale.log(msg)


# --------------------------------------------------------------------------
# data: the tree, then a year of organizational life (set-based, once)
# --------------------------------------------------------------------------

def orgs_for_branches(branches):
    """The size of scale.py's tree that holds at least `branches`
    branches."""
    n_orgs = int(branches * (1 + scale.GROUPS_PER_BRANCH))
    while dict(scale.tree_shape(n_orgs))['branch'] < branches:
        n_orgs += 50
    return n_orgs


def members_for(n_orgs):
    shape = dict(scale.tree_shape(n_orgs))
    return 20 * (shape['branch'] + shape['group'])


# Meetings of the year, per branch h (its id) and period: held in most
# periods, some missed, on a day that moves with the branch (the first and
# last days of periods included); 09:00 in Beijing. Attendance as counts on
# the meeting (what the ORM stores from the attendance lines).
MEETINGS_SQL = """
    INSERT INTO party_meeting
           (name, type_id, start, "end", tz, local_date, state,
            organization_id, company_id, expected_count, present_count,
            attendance_rate, create_uid, create_date, write_uid, write_date)
    SELECT 'Assessment bench meeting', t.res_id, d.day + time '01:00',
           d.day + time '03:00', 'Asia/Shanghai', d.day, 'held', o.id,
           o.company_id, 20, 10 + (o.id + p.n) %% 11,
           100.0 * (10 + (o.id + p.n) %% 11) / 20, 1,
           now() at time zone 'UTC', 1, now() at time zone 'UTC'
      FROM party_organization o
      CROSS JOIN (VALUES ('meeting_type_general', 3, 5),
                         ('meeting_type_lecture', 3, 4),
                         ('meeting_type_committee', 1, 6),
                         ('meeting_type_theme_day', 1, 5))
                 AS k(xmlid, months, skip)
      JOIN ir_model_data t
        ON t.module = 'party_building' AND t.model = 'party.meeting.type'
       AND t.name = k.xmlid
      CROSS JOIN LATERAL generate_series(0, 12 / k.months - 1) AS p(n)
      CROSS JOIN LATERAL (
            SELECT LEAST(
                       make_date(%(year)s, 1 + p.n * k.months, 1)
                       + (o.id * 7 + p.n) %% (28 * k.months),
                       (make_date(%(year)s, 1 + p.n * k.months, 1)
                        + make_interval(months => k.months))::date - 1)
                   AS day) d
     WHERE o.kind = 'branch' AND o.code LIKE 'BN-%%'
       AND (o.id + p.n) %% k.skip != 0
"""

# Two of three members talked with once in the year (by the first member:
# who talks does not matter here); one in seven also the year before
# (outside the period).
TALKS_SQL = """
    INSERT INTO party_talk
           (date, talker_id, member_id, topic, organization_id, company_id,
            create_uid, create_date, write_uid, write_date)
    SELECT make_date(%(year)s - y.back, 1, 1) + (m.id * 13) %% 365,
           first.id, m.id, 'Work', m.organization_id, m.company_id, 1,
           now() at time zone 'UTC', 1, now() at time zone 'UTC'
      FROM party_member m
      CROSS JOIN (SELECT min(id) AS id FROM party_member) first
      CROSS JOIN (VALUES (0), (1)) AS y(back)
     WHERE m.active AND m.id != first.id
       AND ((y.back = 0 AND m.id %% 3 != 0)
            OR (y.back = 1 AND m.id %% 7 = 0))
"""

# Three of four branches appraised up to three of their full members.
APPRAISALS_SQL = """
    INSERT INTO party_member_appraisal
           (year, organization_id, company_id, member_id, rating,
            create_uid, create_date, write_uid, write_date)
    SELECT %(year)s, o.id, o.company_id, m.id, 'qualified', 1,
           now() at time zone 'UTC', 1, now() at time zone 'UTC'
      FROM party_organization o
      CROSS JOIN LATERAL (
            SELECT id FROM party_member
             WHERE organization_id = o.id AND active AND status = 'full'
             ORDER BY id LIMIT 1 + o.id %% 3) m
     WHERE o.kind = 'branch' AND o.code LIKE 'BN-%%' AND o.id %% 4 != 0
"""

# Two of three secretaries trained in the year, some also the year before.
TRAININGS_SQL = """
    INSERT INTO party_secretary_training
           (member_id, organization_id, company_id, course, hours, date,
            create_uid, create_date, write_uid, write_date)
    SELECT p.member_id, m.organization_id, m.company_id, 'Course',
           8 + p.member_id %% 5 + 0.5 * y.back,
           make_date(%(year)s - y.back, 6, 1) + p.member_id %% 200, 1,
           now() at time zone 'UTC', 1, now() at time zone 'UTC'
      FROM (SELECT DISTINCT member_id FROM party_term_position
             WHERE is_secretary) p
      JOIN party_member m ON m.id = p.member_id
      CROSS JOIN (VALUES (0), (1)) AS y(back)
     WHERE (y.back = 0 AND p.member_id %% 3 != 0)
        OR (y.back = 1 AND p.member_id %% 4 = 0)
"""

# One branch in twenty rectifying since March, one cleared in February, one
# cleared before the year.
RECTIFICATIONS_SQL = """
    INSERT INTO party_rectification
           (name, trigger, reason, flag_date, state, state_sequence,
            cleared_date, organization_id, company_id, create_uid,
            create_date, write_uid, write_date)
    SELECT o.name, 'manual', 'Bench', c.flag_date, c.state, c.seq,
           c.cleared_date, o.id, o.company_id, 1, now() at time zone 'UTC',
           1, now() at time zone 'UTC'
      FROM party_organization o
      JOIN (VALUES (5, make_date(%(year)s, 3, 1), 'rectifying', 1,
                    NULL::date),
                   (6, make_date(%(year)s - 1, 5, 1), 'cleared', 2,
                    make_date(%(year)s, 2, 1)),
                   (7, make_date(%(year)s - 1, 5, 1), 'cleared', 2,
                    make_date(%(year)s - 1, 12, 1)))
           AS c(h, flag_date, state, seq, cleared_date)
        ON c.h = o.id %% 20
     WHERE o.kind = 'branch' AND o.code LIKE 'BN-%%'
"""

# The plans of the rectifying branches: one task overdue, one open, one done.
TASKS_SQL = """
    INSERT INTO party_task
           (name, owner_id, deadline, state, state_sequence, source,
            rectification_id, organization_id, company_id, active,
            create_uid, create_date, write_uid, write_date)
    SELECT 'Bench task', 1, k.deadline, k.state, k.seq, 'rectification',
           r.id, r.organization_id, r.company_id, true, 1,
           make_date(%(year)s, 3, 2), 1, now() at time zone 'UTC'
      FROM party_rectification r
      CROSS JOIN (VALUES (make_date(%(year)s, 6, 30), 'todo', 1),
                         (make_date(%(year)s + 1, 1, 31), 'doing', 0),
                         (make_date(%(year)s, 5, 31), 'done', 2))
           AS k(deadline, state, seq)
     WHERE r.state = 'rectifying' AND r.reason = 'Bench'
"""

YEAR_DATA = [('meetings', 'party_meeting', MEETINGS_SQL),
             ('talks', 'party_talk', TALKS_SQL),
             ('appraisals', 'party_member_appraisal', APPRAISALS_SQL),
             ('trainings', 'party_secretary_training', TRAININGS_SQL),
             ('rectifications', 'party_rectification', RECTIFICATIONS_SQL),
             ('tasks', 'party_task', TASKS_SQL)]


def ensure_year_data(odoo, db_name, year):
    registry = odoo.registry(db_name)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s",
                   [DATA_KEY])
        row = cr.fetchone()
        if row:
            params = json.loads(row[0])
            if params['year'] == year:
                log('reusing the year %d of %s' % (year, db_name))
                return params
            raise SystemExit('%s holds the year %s: use --recreate'
                             % (db_name, params['year']))
        params = {'year': year}
        t0 = time.perf_counter()
        for key, _table, sql in YEAR_DATA:
            t1 = time.perf_counter()
            cr.execute(sql, {'year': year})
            params[key] = cr.rowcount
            log('  %-15s %8d in %.1f s' % (key, cr.rowcount,
                                           time.perf_counter() - t1))
        params['seconds'] = round(time.perf_counter() - t0, 1)
        cr.execute("INSERT INTO ir_config_parameter (key, value) "
                   "VALUES (%s, %s)", [DATA_KEY, json.dumps(params)])
        cr.commit()
        scale.jobs.vacuum(cr, [table for _k, table, _s in YEAR_DATA])
        return params


# --------------------------------------------------------------------------
# the two computations
# --------------------------------------------------------------------------

def requests_of(metrics, types):
    """[(metric, meeting type)]: each metric, meetings_held once per meeting
    type a branch holds, as a campaign's criteria ask for them."""
    Type = metrics.env['party.meeting.type']
    return [(metric, types[key] if key else Type)
            for metric in metrics
            for key in (BRANCH_TYPES if metric.needs_meeting_type
                        else [None])]


def orm_batch(env, ids, start, end, requests, types):
    """{(code, type xmlid or None): {org id: (value, note)}} through
    `_compute_batch`, all the requests at once, as the campaign's generation
    fills its automatic lines."""
    values = env['party.assessment.metric']._compute_batch(
        requests, ids, start, end)
    key_of_type = {t.id: key for key, t in types.items()}
    return {(metric.code, key_of_type.get(meeting_type.id)):
            values[metric.id, meeting_type.id or False]
            for metric, meeting_type in requests}


def orm_one_by_one(ids, start, end, requests, types):
    """The same through `_compute_values`, one call per metric and meeting
    type."""
    key_of_type = {t.id: key for key, t in types.items()}
    return {(metric.code, key_of_type.get(meeting_type.id)):
            metric._compute_values(ids, start, end,
                                   meeting_type=meeting_type or None)
            for metric, meeting_type in requests}


# Every value for every branch of %(ids)s in one statement. Written for a
# scope of branches: a branch's members are those whose branch_id is it
# (the ORM code walks each subtree, for any kind of organization).
HAND_SQL = """
    WITH b AS (
        SELECT o.id, c.party_committee_min_full_members AS threshold,
               c.party_committee_min_size AS min_size,
               c.party_committee_max_size AS max_size
          FROM party_organization o
          JOIN res_company c ON c.id = o.company_id
         WHERE o.id = ANY(%(ids)s::integer[])
    ),
    term AS (
        SELECT organization_id AS id,
               max(COALESCE(extended_until, planned_end_date)) AS due
          FROM party_term
         WHERE organization_id = ANY(%(ids)s::integer[])
           AND state != 'planned' AND start_date <= %(end)s
           AND (end_date IS NULL OR end_date >= %(end)s)
           AND COALESCE(extended_until, planned_end_date) >= %(end)s
      GROUP BY organization_id
    ),
    posts AS (
        SELECT t.organization_id AS id, p.member_id, p.is_secretary
          FROM party_term t
          JOIN party_term_position p ON p.term_id = t.id
         WHERE t.organization_id = ANY(%(ids)s::integer[])
           AND t.state != 'planned' AND t.start_date <= %(end)s
           AND (t.end_date IS NULL OR t.end_date >= %(end)s)
           AND COALESCE(p.start_date, t.start_date) <= %(end)s
           AND (p.end_date IS NULL OR p.end_date >= %(end)s)
    ),
    committee AS (
        SELECT id, count(*) AS size, bool_or(is_secretary) AS secretary
          FROM posts GROUP BY id
    ),
    trained AS (
        SELECT s.id, sum(tr.hours) AS hours
          FROM (SELECT DISTINCT id, member_id FROM posts
                 WHERE is_secretary) s
          JOIN party_secretary_training tr
            ON tr.member_id = s.member_id
           AND tr.date BETWEEN %(start)s AND %(end)s
      GROUP BY s.id
    ),
    talked AS (
        SELECT DISTINCT member_id FROM party_talk
         WHERE date BETWEEN %(start)s AND %(end)s
    ),
    members AS (
        SELECT m.branch_id AS id,
               count(*) FILTER (WHERE m.status = 'full') AS full_now,
               count(*) FILTER (WHERE m.status = 'full' AND (
                   m.full_date IS NULL OR m.full_date <= %(end)s))
                   AS full_then,
               count(*) FILTER (WHERE m.join_date IS NULL
                                   OR m.join_date <= %(end)s) AS joined,
               count(tk.member_id) FILTER (WHERE m.join_date IS NULL
                                              OR m.join_date <= %(end)s)
                   AS talked
          FROM party_member m
     LEFT JOIN talked tk ON tk.member_id = m.id
         WHERE m.branch_id = ANY(%(ids)s::integer[]) AND m.active
      GROUP BY m.branch_id
    ),
    meetings AS (
        SELECT id, array_agg(type_id) AS types, array_agg(held) AS held,
               array_agg(present) AS present, array_agg(expected) AS expected
          FROM (SELECT organization_id AS id, type_id, count(*) AS held,
                       sum(present_count) AS present,
                       sum(expected_count) AS expected
                  FROM party_meeting
                 WHERE organization_id = ANY(%(ids)s::integer[])
                   AND state = 'held'
                   AND local_date BETWEEN %(start)s AND %(end)s
              GROUP BY organization_id, type_id) per_type
      GROUP BY id
    ),
    appraisal AS (
        SELECT organization_id AS id, count(*) AS n
          FROM party_member_appraisal
         WHERE organization_id = ANY(%(ids)s::integer[])
           AND year = %(year)s
      GROUP BY organization_id
    ),
    tasks AS (
        SELECT organization_id AS id, count(*) AS open,
               count(*) FILTER (WHERE deadline < %(end)s) AS overdue
          FROM party_task
         WHERE organization_id = ANY(%(ids)s::integer[])
           AND active AND state IN ('todo', 'doing')
           AND (source = 'rectification' OR rectification_id IS NOT NULL)
           AND create_date < %(end)s::date + 1
      GROUP BY organization_id
    ),
    weak AS (
        SELECT organization_id AS id, count(*) AS n
          FROM party_rectification
         WHERE organization_id = ANY(%(ids)s::integer[])
           AND flag_date <= %(end)s
           AND (state != 'cleared' OR cleared_date >= %(start)s)
      GROUP BY organization_id
    )
    SELECT b.id, b.threshold, b.min_size, b.max_size, term.due,
           committee.size, committee.secretary, trained.hours,
           members.full_now, members.full_then, members.joined,
           members.talked, meetings.types, meetings.held, meetings.present,
           meetings.expected, appraisal.n, tasks.open, tasks.overdue, weak.n
      FROM b
 LEFT JOIN term ON term.id = b.id
 LEFT JOIN committee ON committee.id = b.id
 LEFT JOIN trained ON trained.id = b.id
 LEFT JOIN members ON members.id = b.id
 LEFT JOIN meetings ON meetings.id = b.id
 LEFT JOIN appraisal ON appraisal.id = b.id
 LEFT JOIN tasks ON tasks.id = b.id
 LEFT JOIN weak ON weak.id = b.id
"""


def type_rules(types, start, end):
    """{xmlid: (type id, required over the window, committee rule)} for the
    branch meeting types: the minimum times the whole periods of the
    window (the window is one calendar year here)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    per = {'month': 1, 'quarter': 3, 'half_year': 6, 'year': 12}
    return {key: (t.id, t.min_count * (months // per[t.period]),
                  t.expected == 'committee')
            for key, t in types.items() if key}


def hand_values(cr, ids, start, end, rules):
    """The same dictionary as orm_values, from HAND_SQL and arithmetic."""
    cr.execute(HAND_SQL, {'ids': ids, 'start': start, 'end': end,
                          'year': end.year})
    out = {}

    def put(code, org_id, value, note='', type_key=None):
        out.setdefault((code, type_key), {})[org_id] = (float(value), note)
    for (org_id, threshold, min_size, max_size, due, size, secretary, hours,
         full_now, full_then, joined, talked, types, held, present,
         expected, appraised, open_tasks, overdue, weak) in cr.fetchall():
        put('term_valid', org_id, 1 if due else 0, str(due) if due else '')
        if size:
            complete = secretary and ((full_then or 0) < threshold
                                      or min_size <= size <= max_size)
            put('committee_complete', org_id, 1 if complete else 0,
                str(size))
        else:
            put('committee_complete', org_id, 0)
        put('secretary_in_post', org_id, 1 if secretary else 0)
        put('secretary_trained', org_id, 1 if hours else 0,
            '%g' % hours if hours else '')
        by_type = dict(zip(types or [], zip(held or [], present or [],
                                            expected or [])))
        for key, (type_id, required, committee) in rules.items():
            if committee and (full_now or 0) < threshold:
                put('meetings_held', org_id, 1, '0/0', key)
                continue
            n = by_type.get(type_id, (0, 0, 0))[0]
            put('meetings_held', org_id,
                min(float(n) / required, 1.0) if required else 1.0,
                '%d/%d' % (n, required), key)
        general = by_type.get(rules['meeting_type_general'][0])
        if general and general[2]:
            put('members_meeting_attendance', org_id,
                float(general[1]) / general[2],
                '%d/%d' % (general[1], general[2]))
        else:
            put('members_meeting_attendance', org_id, 0)
        put('democratic_appraisal_held', org_id, 1 if appraised else 0,
            str(appraised) if appraised else '')
        if joined:
            put('talk_coverage', org_id, float(talked) / joined,
                '%d/%d' % (talked, joined))
        else:
            put('talk_coverage', org_id, 0)
        put('rectification_open', org_id, open_tasks or 0)
        put('rectification_overdue', org_id, overdue or 0)
        put('weak_lax', org_id, 1 if weak else 0, str(weak) if weak else '')
    return out


def differences(orm, hand, limit=5):
    """[(metric key, org id, orm, hand)] where the two disagree."""
    diffs = []
    for key in sorted(set(orm) | set(hand), key=str):
        a, b = orm.get(key, {}), hand.get(key, {})
        for org_id in sorted(set(a) | set(b)):
            x, y = a.get(org_id), b.get(org_id)
            if x is None or y is None or x[1] != y[1] \
                    or abs(x[0] - y[0]) > 1e-9:
                diffs.append((key, org_id, x, y))
                if len(diffs) >= limit:
                    return diffs
    return diffs


def timed(fn, reps):
    """(median seconds of `reps` calls after one warm-up call, result)."""
    result = fn()
    times = []
    for _i in range(reps):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times, result


# --------------------------------------------------------------------------
# campaign
# --------------------------------------------------------------------------

@contextlib.contextmanager
def statement_timer(cr, prefix):
    """Sums the time of the statements starting with `prefix` run inside
    the block: `with ... as spent:` then spent[0]."""
    spent = [0.0]
    execute = cr.execute

    def timed_execute(query, params=None, log_exceptions=None):
        t0 = time.perf_counter()
        try:
            return execute(query, params)
        finally:
            if ' '.join(str(query).split()).startswith(prefix):
                spent[0] += time.perf_counter() - t0
    cr.execute = timed_execute
    try:
        yield spent
    finally:
        del cr.execute


def measure_campaign(env, scope_root_id, year, reps):
    """Time generating + auto-scoring a campaign with the seeded standard
    over the scope root (default: the top organization, every branch of the
    bench), as an officer's button does (`action_generate()`: assessments,
    lines, metrics, scores), then `action_refresh_metrics()`, ranking and
    the distribution; median of `reps`, each rolled back to a savepoint,
    with the statements counted."""
    cr = env.cr
    if not scope_root_id:
        cr.execute("SELECT id FROM party_organization WHERE parent_id IS NULL "
                   "ORDER BY id LIMIT 1")
        scope_root_id = cr.fetchone()[0]
    standard = env.ref('party_building.standard_2019')
    start, end = scale_dates(year)
    results = []
    for _rep in range(reps + 1):  # the first warms the caches up
        cr.execute('SAVEPOINT bench_campaign')
        try:
            env.clear()
            campaign = env['party.assessment.campaign'].create({
                'name': 'Bench %d' % year, 'year': year,
                'standard_id': standard.id,
                'organization_id': scope_root_id,
                'date_from': start, 'date_to': end})
            row = {}
            before, t0 = cr.sql_log_count, time.perf_counter()
            with statement_timer(cr, 'INSERT INTO party_assessment_line') \
                    as inserting:
                campaign.action_generate()
            row['generate_s'] = time.perf_counter() - t0
            row['insert_lines_s'] = inserting[0]
            row['generate_queries'] = cr.sql_log_count - before
            before, t0 = cr.sql_log_count, time.perf_counter()
            campaign.action_refresh_metrics()
            row['refresh_s'] = time.perf_counter() - t0
            row['refresh_queries'] = cr.sql_log_count - before
            t0 = time.perf_counter()
            campaign.action_rank()
            row['rank_s'] = time.perf_counter() - t0
            t0 = time.perf_counter()
            env['party.assessment'].read_group(
                [('campaign_id', '=', campaign.id)], ['star_band_id'],
                ['star_band_id'])
            row['distribution_s'] = time.perf_counter() - t0
            cr.execute("""SELECT count(DISTINCT a.id), count(*)
                            FROM party_assessment a
                            JOIN party_assessment_line l
                              ON l.assessment_id = a.id
                           WHERE a.campaign_id = %s""", [campaign.id])
            row['assessments'], row['lines'] = cr.fetchone()
            results.append(row)
        finally:
            cr.execute('ROLLBACK TO SAVEPOINT bench_campaign')
            env.clear()
    measured = results[1:] or results
    out = {key: statistics.median(r[key] for r in measured)
           for key in measured[0]}
    out['generate_times'] = [r['generate_s'] for r in measured]
    return out


# --------------------------------------------------------------------------
# run
# --------------------------------------------------------------------------

def measure_metrics(env, year, reps):
    cr = env.cr
    cr.execute("""SELECT id FROM party_organization
                   WHERE kind = 'branch' AND code LIKE 'BN-%%'
                ORDER BY id""")
    ids = [row[0] for row in cr.fetchall()]
    start, end = scale_dates(year)
    ref = env.ref
    types = {key: ref('party_building.%s' % key) for key in BRANCH_TYPES}
    metrics = env['party.assessment.metric'].search([])
    requests = requests_of(metrics, types)
    rules = type_rules(types, start, end)
    log('%d branches, %d metrics, %d computations (meetings_held for %d '
        'types)' % (len(ids), len(metrics), len(requests),
                    len(BRANCH_TYPES)))

    def counted(fn):
        def run():
            env.clear()
            before = cr.sql_log_count
            result = fn()
            counted.queries = cr.sql_log_count - before
            return result
        return run
    batch_s, batch_times, batch = timed(counted(
        lambda: orm_batch(env, ids, start, end, requests, types)), reps)
    batch_queries = counted.queries
    single_s, single_times, single = timed(counted(
        lambda: orm_one_by_one(ids, start, end, requests, types)), reps)
    single_queries = counted.queries
    hand_s, hand_times, hand = timed(
        lambda: hand_values(cr, ids, start, end, rules), reps)
    diffs = differences(batch, hand) + differences(single, hand)
    per_metric = {}
    for metric, meeting_type in requests:
        t0 = time.perf_counter()
        metric._compute_values(ids, start, end,
                               meeting_type=meeting_type or None)
        label = metric.code + (':' + meeting_type.name
                               if meeting_type else '')
        per_metric[label] = (
            time.perf_counter() - t0,
            sum(1 for v, _n in single[metric.code, next(
                (k for k, t in types.items() if t == meeting_type),
                None)].values() if v))
    return {'branches': len(ids), 'computations': len(requests),
            'batch_s': batch_s, 'batch_times': batch_times,
            'batch_queries': batch_queries,
            'single_s': single_s, 'single_times': single_times,
            'single_queries': single_queries,
            'hand_s': hand_s, 'hand_times': hand_times,
            'ratio': batch_s / hand_s, 'single_ratio': single_s / hand_s,
            'equal': not diffs, 'diffs': diffs[:5],
            'per_metric': per_metric}


def scale_dates(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def report(out):
    def runs(times):
        return ', '.join('%.2f' % t for t in times)
    print()
    print('Assessment metrics over %d branches, year %d, %d computations'
          % (out['branches'], out['year'], out['computations']))
    print('  _compute_batch (all at once):  %6.2f s (median; runs %s), '
          '%d queries' % (out['batch_s'], runs(out['batch_times']),
                          out['batch_queries']))
    print('  _compute_values one by one:    %6.2f s (median; runs %s), '
          '%d queries' % (out['single_s'], runs(out['single_times']),
                          out['single_queries']))
    print('  hand-written SQL (1 query):    %6.2f s (median; runs %s)'
          % (out['hand_s'], runs(out['hand_times'])))
    for label, key in (('batch', 'ratio'), ('one by one', 'single_ratio')):
        print('  ratio %-10s / SQL:         %6.2f (goal within %.0fx)%s'
              % (label, out[key], GOAL_RATIO, '' if out[key] <= GOAL_RATIO
                 else '  ** OVER THE GOAL **'))
    print('  same values and notes:         %s' % (
        'yes' if out['equal'] else 'NO, e.g. %r' % (out['diffs'],)))
    print('  per computation (one call, s; branches with a non-zero value):')
    for label, (seconds, nonzero) in sorted(out['per_metric'].items()):
        print('    %-45s %6.2f  %6d' % (label, seconds, nonzero))
    campaign = out.get('campaign')
    if campaign:
        print('Campaign with the seeded standard over every branch: %d '
              'assessments, %d lines' % (campaign['assessments'],
                                         campaign['lines']))
        print('  generate + auto-score:         %6.2f s (median; runs %s), '
              '%d queries' % (campaign['generate_s'],
                              runs(campaign['generate_times']),
                              campaign['generate_queries']))
        print('    of which the lines\' INSERT: %6.2f s (one statement)' % (
            campaign['insert_lines_s']))
        print('  ratio generate / SQL metrics:  %6.2f' % (
            campaign['generate_s'] / out['hand_s']))
        print('  ratio generate without the INSERT / SQL metrics: %6.2f' % (
            (campaign['generate_s'] - campaign['insert_lines_s'])
            / out['hand_s']))
        print('  refresh the metrics:           %6.2f s, %d queries' % (
            campaign['refresh_s'], campaign['refresh_queries']))
        print('  rank: %.2f s, distribution (read_group): %.2f s' % (
            campaign['rank_s'], campaign['distribution_s']))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', default=DEFAULT_DB)
    parser.add_argument('--branches', type=int, default=20000)
    parser.add_argument('--year', type=int, default=2025)
    parser.add_argument('--reps', type=int, default=3)
    parser.add_argument('--recreate', action='store_true')
    parser.add_argument('--no-update', action='store_true')
    parser.add_argument('--json', help='also write the results there')
    args = parser.parse_args()
    os.chdir(scale.ROOT)
    n_orgs = orgs_for_branches(args.branches)
    scale.ensure_database(args.db, args.recreate, not args.no_update)
    odoo = scale.load_odoo()
    odoo.tools.config.parse_config(['-c', scale.CONF, '-d', args.db])
    scale.ensure_data(odoo, args.db, n_orgs, members_for(n_orgs))
    scale.jobs.ensure_job_data(odoo, args.db)
    ensure_year_data(odoo, args.db, args.year)
    registry = odoo.registry(args.db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            out = measure_metrics(env, args.year, args.reps)
            out['year'] = args.year
            out['campaign'] = measure_campaign(env, None, args.year,
                                               args.reps)
        finally:
            cr.rollback()
    report(out)
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(out, f, indent=1, default=str)


if __name__ == '__main__':
    main()
