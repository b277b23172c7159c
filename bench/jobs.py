"""The daily jobs of bench/scale.py: their data, and their runs as a worker
calls them.

Imported by scale.py (one command runs everything); kept apart because the
jobs need more than organizations and members, and run in their own
transactions, not in the measuring cursor of the lists. See bench/README.md.
"""
import contextlib
import datetime
import inspect
import json
import time

# the bench's "today": every generated date is relative to it and the jobs
# run as if it were today, so the bench does not depend on the real date
TODAY = '2026-11-26'
JOB_DATA_KEY = 'party_building_bench.job_data'

# a worker call of a cron job must end well within Odoo's limit_time_real
CALL_LIMIT_S = 120
TRANSACTION_LIMIT_S = 30
# a run that is not done after this many calls is reported as not done
MAX_CALLS = 400


def log(msg):
    print('[bench %s] %s' % (time.strftime('%H:%M:%S'), msg), flush=True)


# --------------------------------------------------------------------------
# data: terms, committee posts, held meetings (set-based, once)
# --------------------------------------------------------------------------

# Terms of committees and branches, by h = id % 20: none (h 0-1, 10%),
# overdue (h 2-3, 10%), expiring within the 90 days of the company's
# warning (h 4, 5%), valid (the rest). The end is the effective end
# (planned end, no extension); the start follows from the length.
TERMS_SQL = """
    INSERT INTO party_term
           (organization_id, company_id, number, election_date, start_date,
            years, planned_end_date, effective_end_date, state,
            create_uid, create_date, write_uid, write_date)
    SELECT id, company_id, 1 + id %% 5, s.start_date, s.start_date,
           s.years, s.end_date, s.end_date, 'current', 1,
           now() at time zone 'UTC', 1, now() at time zone 'UTC'
      FROM (SELECT e.*, (e.end_date + 1
                         - make_interval(years => e.years))::date
                        AS start_date
              FROM (SELECT o.id, o.company_id,
                           CASE WHEN o.kind = 'branch' THEN 3 ELSE 5 END
                               AS years,
                           CASE WHEN o.id %% 20 IN (2, 3)
                                THEN %(today)s::date - 1 - (o.id * 7) %% 700
                                WHEN o.id %% 20 = 4
                                THEN %(today)s::date + (o.id * 7) %% 90
                                ELSE %(today)s::date + 91
                                     + (o.id * 13) %% 1000
                           END AS end_date
                      FROM party_organization o
                     WHERE o.kind IN ('committee', 'general_branch',
                                      'branch')
                       AND o.id %% 20 NOT IN (0, 1)
                       AND o.code LIKE 'BN-%%') e) s
"""

# Posts of the current terms: a secretary for 90% (the rest is vacant
# since the term started), and two more committee members, all members of
# the organization (for a committee: of a branch below it).
POSTS_SQL = """
    INSERT INTO party_term_position
           (term_id, organization_id, company_id, member_id, role_id,
            role_sequence, is_secretary, create_uid, create_date,
            write_uid, write_date)
    SELECT t.id, t.organization_id, t.company_id, m.member_id, r.id,
           r.sequence, r.is_secretary, 1, now() at time zone 'UTC', 1,
           now() at time zone 'UTC'
      FROM party_term t
      JOIN party_organization o ON o.id = t.organization_id
      CROSS JOIN LATERAL (
            SELECT b.id FROM party_organization b
             WHERE b.kind = 'branch'
               AND b.path::text ~>=~ o.path::text
               AND b.path::text ~<~ (o.path::text || '~')
             ORDER BY b.path::text USING ~<~ LIMIT 1) b
      CROSS JOIN LATERAL (
            SELECT row_number() OVER (ORDER BY id) AS n, id AS member_id
              FROM (SELECT id FROM party_member
                     WHERE organization_id = b.id AND active
                     ORDER BY id LIMIT 3) first3) m
      JOIN party_position_role r
        ON r.id = (SELECT res_id FROM ir_model_data
                    WHERE module = 'party_building'
                      AND model = 'party.position.role'
                      AND name = (ARRAY['position_role_secretary',
                                        'position_role_deputy',
                                        'position_role_organization'])[m.n])
     WHERE t.state = 'current'
       AND (m.n > 1 OR (t.organization_id / 20) %% 10 != 0)
"""

# Held meetings of half of the branches: a members' general meeting and a
# party lecture in the quarter, a committee meeting and a theme party day in
# the month; 09:00 in Beijing.
MEETINGS_SQL = """
    INSERT INTO party_meeting
           (name, type_id, start, "end", tz, local_date, state,
            organization_id, company_id, expected_count, present_count,
            attendance_rate, create_uid, create_date, write_uid, write_date)
    SELECT 'Bench meeting', t.res_id, d.day + time '01:00',
           d.day + time '03:00', 'Asia/Shanghai', d.day, 'held', o.id,
           o.company_id, 20, 18, 90.0, 1, now() at time zone 'UTC', 1,
           now() at time zone 'UTC'
      FROM party_organization o
      CROSS JOIN (VALUES ('meeting_type_general', 40),
                         ('meeting_type_lecture', 50),
                         ('meeting_type_committee', 10),
                         ('meeting_type_theme_day', 15)) AS k(xmlid, back)
      JOIN ir_model_data t
        ON t.module = 'party_building' AND t.model = 'party.meeting.type'
       AND t.name = k.xmlid
      CROSS JOIN LATERAL (
            SELECT %(today)s::date - (k.back + o.id %% 7) AS day) d
     WHERE o.kind = 'branch' AND o.id %% 2 = 0 AND o.code LIKE 'BN-%%'
"""


def ensure_job_data(odoo, db_name, today=TODAY):
    """Terms, posts and held meetings, once per database (their own
    parameter key: databases built before keep their members)."""
    registry = odoo.registry(db_name)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s",
                   [JOB_DATA_KEY])
        row = cr.fetchone()
        if row:
            params = json.loads(row[0])
            if params['today'] == today:
                log('reusing the terms, posts and meetings of %s' % db_name)
                return params
            log('%s has job data for %s, not %s: regenerating'
                % (db_name, params['today'], today))
            drop_job_data(cr)
        params = generate_job_data(cr, today)
        cr.execute("INSERT INTO ir_config_parameter (key, value) "
                   "VALUES (%s, %s)", [JOB_DATA_KEY, json.dumps(params)])
        cr.commit()
        vacuum(cr, ['party_term', 'party_term_position', 'party_meeting'])
        log('%s: %d terms, %d posts, %d held meetings in %.0f s'
            % (db_name, params['terms'], params['posts'],
               params['meetings'], params['seconds']))
        return params


def drop_job_data(cr):
    reset_job_outputs(cr)
    cr.execute("DELETE FROM party_meeting WHERE name = 'Bench meeting'")
    cr.execute("""DELETE FROM party_term_position WHERE term_id IN (
                      SELECT t.id FROM party_term t
                        JOIN party_organization o ON o.id = t.organization_id
                       WHERE o.code LIKE 'BN-%%')""")
    cr.execute("""DELETE FROM party_term WHERE organization_id IN (
                      SELECT id FROM party_organization
                       WHERE code LIKE 'BN-%%')""")
    cr.execute("DELETE FROM ir_config_parameter WHERE key = %s",
               [JOB_DATA_KEY])


def generate_job_data(cr, today):
    t0 = time.perf_counter()
    counts = {}
    for key, sql in (('terms', TERMS_SQL), ('posts', POSTS_SQL),
                     ('meetings', MEETINGS_SQL)):
        t1 = time.perf_counter()
        cr.execute(sql, {'today': today})
        counts[key] = cr.rowcount
        log('  %-8s %8d in %.1f s' % (key, cr.rowcount,
                                      time.perf_counter() - t1))
    return dict(counts, today=today,
                seconds=round(time.perf_counter() - t0, 1))


def vacuum(cr, tables):
    cr.commit()
    cr.autocommit(True)
    for table in tables:
        # the bench's own table names
        cr.execute('VACUUM (ANALYZE) %s' % table)  # pylint: disable=sql-injection
    cr.autocommit(False)


# --------------------------------------------------------------------------
# runs of the daily jobs
# --------------------------------------------------------------------------

JOBS = [
    # code in party.job, model, cron method
    ('setup_review', 'party.organization', '_cron_setup_review'),
    ('meeting_reminders', 'party.meeting.reminder', '_cron_remind'),
]

# the outputs of the jobs, deleted so that a run starts as on a newly
# deployed province: (table that must exist, statement)
RESET = [
    ('party_job', "DELETE FROM party_job"),
    ('mail_activity',
     "DELETE FROM mail_activity WHERE party_reminder_key IS NOT NULL"),
    ('party_rectification', """
        DELETE FROM mail_followers WHERE res_model = 'party.rectification'
           AND res_id IN (SELECT id FROM party_rectification
                           WHERE trigger IN ('secretary_vacant',
                                             'term_overdue'))"""),
    ('party_rectification', """
        DELETE FROM mail_message WHERE model = 'party.rectification'
           AND res_id IN (SELECT id FROM party_rectification
                           WHERE trigger IN ('secretary_vacant',
                                             'term_overdue'))"""),
    ('party_rectification', """
        DELETE FROM party_rectification
         WHERE trigger IN ('secretary_vacant', 'term_overdue')"""),
]
# the organizations' stored review, as before the first review
RESET_ORG_COLUMNS = [
    'term_status', 'term_end_date', 'committee_size', 'committee_complete',
    'secretary_vacant_since', 'secretary_vacancy_long', 'size_advice',
    'setup_shortfall', 'term_reminded_on', 'vacancy_reminded_on',
    'weak_lax',
]


def table_exists(cr, table):
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
    return cr.fetchone()[0]


def reset_job_outputs(cr):
    for table, sql in RESET:
        if table_exists(cr, table):
            cr.execute(sql)
    cr.execute("""SELECT column_name FROM information_schema.columns
                   WHERE table_name = 'party_organization'
                     AND column_name = ANY(%s)""", [RESET_ORG_COLUMNS])
    columns = [row[0] for row in cr.fetchall()]
    if columns:
        # the column names come from RESET_ORG_COLUMNS, checked above
        cr.execute(  # pylint: disable=sql-injection
            'UPDATE party_organization SET %s WHERE %s' % (
                ', '.join('%s = NULL' % c for c in columns),
                ' OR '.join('%s IS NOT NULL' % c for c in columns)))


@contextlib.contextmanager
def fixed_today(odoo, day):
    """fields.Date.today and context_today return `day` inside the block
    (this process only): the jobs run on the bench's day."""
    Date = odoo.fields.Date
    saved = Date.__dict__['today'], Date.__dict__['context_today']
    Date.today = staticmethod(lambda *args: day)
    Date.context_today = staticmethod(lambda record, timestamp=None: day)
    try:
        yield
    finally:
        Date.today, Date.context_today = saved


def counts(cr):
    out = {}
    for key, table, where in (
            ('activities', 'mail_activity', 'party_reminder_key IS NOT NULL'),
            ('rectifications', 'party_rectification',
             "trigger IN ('secretary_vacant', 'term_overdue')")):
        if table_exists(cr, table):
            # the bench's own table names and conditions
            cr.execute(  # pylint: disable=sql-injection
                'SELECT count(*) FROM %s WHERE %s' % (table, where))
            out[key] = cr.fetchone()[0]
        else:
            out[key] = 0
    return out


def job_row(cr, code):
    if not table_exists(cr, 'party_job'):
        return None
    cr.execute("""SELECT state, calls, batches, seconds, max_batch_seconds,
                         records
                    FROM party_job WHERE code = %s
                ORDER BY id DESC LIMIT 1""", [code])
    row = cr.fetchone()
    if not row:
        return None
    return dict(zip(('state', 'calls', 'batches', 'seconds',
                     'max_batch_seconds', 'records'), row))


def run_job(odoo, db_name, code, model, method, day, reset):
    """Call the cron method as a worker does, each call in a fresh
    transaction committed at its end, until the day's run is done."""
    registry = odoo.registry(db_name)
    calls = []
    with odoo.api.Environment.manage():
        with registry.cursor() as cr:
            if reset:
                reset_job_outputs(cr)
                cr.commit()
            before = counts(cr)
        resumable = 'party.job' in registry
        with fixed_today(odoo, day):
            while len(calls) < MAX_CALLS:
                with registry.cursor() as cr:
                    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                    cron = getattr(env[model], method)
                    kwargs = {}
                    parameters = inspect.signature(cron).parameters
                    if 'commit' in parameters:
                        # as the cron's code calls it: batches committed,
                        # the call stops after its time budget
                        kwargs['commit'] = True
                    if 'today' in parameters:
                        kwargs['today'] = datetime.date(
                            *map(int, day.split('-')))
                    q0 = cr.sql_log_count
                    t0 = time.perf_counter()
                    cron(**kwargs)
                    cr.commit()
                    calls.append({'s': time.perf_counter() - t0,
                                  'queries': cr.sql_log_count - q0})
                    row = job_row(cr, code)
                # without a record of the run (nothing to do, or a job
                # that keeps none) a call is the whole run
                if not resumable or not row or row['state'] == 'done':
                    break
        with registry.cursor() as cr:
            after = counts(cr)
    out = {'code': code, 'db': db_name, 'day': day, 'reset': reset,
           'calls': len(calls),
           'max_call_s': max(c['s'] for c in calls),
           'total_s': sum(c['s'] for c in calls),
           'queries': sum(c['queries'] for c in calls),
           'max_call_queries': max(c['queries'] for c in calls),
           'job': row if resumable else None,
           'resumable': resumable}
    for key in after:
        out[key] = after[key] - before[key]
    log('  %-17s %-28s day %s%s: %d calls, max %.1f s, total %.1f s, %d '
        'queries, job %s, +%d activities, +%d rectifications'
        % (code, db_name, day, ' (reset)' if reset else '', out['calls'],
           out['max_call_s'], out['total_s'], out['queries'],
           row, out['activities'], out['rectifications']))
    return out


def next_day(day):
    return str(datetime.date(*map(int, day.split('-')))
               + datetime.timedelta(days=1))


def run_jobs(odoo, dbs, day=TODAY, allow_old_on_big=False):
    """Each job on each database: the first day on a newly deployed
    province (outputs reset), then the next day (what a day costs once the
    review is in place). Small database first: it shows soon whether the
    code is the resumable one."""
    results = []
    for code, model, method in JOBS:
        for name, heavy in sorted(dbs, key=lambda d: d[1]):
            registry = odoo.registry(name)
            if heavy and 'party.job' not in registry \
                    and not allow_old_on_big:
                log('  %s on %s skipped: the code has no party.job (the '
                    'old, non-resumable job takes minutes to hours at this '
                    'size)' % (code, name))
                continue
            for run_day, reset in ((day, True), (next_day(day), False)):
                res = run_job(odoo, name, code, model, method, run_day,
                              reset)
                res['heavy'] = heavy
                results.append(res)
    # the jobs rewrote organizations and added activities: later runs of
    # the lists must find the visibility map set, as after generating
    for name, heavy in dbs:
        with odoo.registry(name).cursor() as cr:
            vacuum(cr, [table for table in (
                'party_organization', 'mail_activity', 'party_rectification',
                'party_job') if table_exists(cr, table)])
    return results
