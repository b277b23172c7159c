"""Benchmark of the progress report's prefill (issue 16, "Performance"): a
committee's quarterly report (`party.progress.report`) filled from the live
figures, for a county (1,739 organizations in both databases), a city
(15,652 organizations in the big one: the issue's "city of 15,000
organizations") and the province, as the officer of each, against the
board (`party.board.board_data()`, bench/boards.py) whose figures the
report reads, in the same run.

    .venv/bin/python bench/progress_report.py [--db party_building_bench]
        [--reps 3] [--users officer,city_officer,province_officer]
        [--day 2026-11-26]

Reuses the database of bench/scale.py as it is (organizations, members,
terms, posts and held meetings of jobs.py, the bench users); nothing is
kept: every call runs in a savepoint rolled back. Per user, median of
--reps calls after one warm-up, the record cache emptied before each:

* `create`: the officer creates the report of their committee for the
  quarter of --day (`create` prefills it: `_refresh_figures`);
* `refresh`: `action_refresh()` of that report (the button "Refresh
  figures"): the figures read again and the lines rewritten;
* each figure's time inside the refresh (`_progress_*_figures`);
* `board`: `board_data()` as the same user (the reference: the board of
  the same scope, figure by figure in bench/boards.py).

The number of queries of each call is printed: it must not depend on the
size of the committee (county, city and province alike).
"""
import argparse
import contextlib
import json
import statistics
import time

import scale

FIGURES = ['_progress_setup_figures', '_progress_meeting_figures',
           '_progress_assessment_figures',
           '_progress_rectification_figures',
           '_progress_inspection_figures', '_write_lines']
ROOT_OF = {'officer': 'county', 'city_officer': 'city',
           'province_officer': 'province'}


@contextlib.contextmanager
def timed_methods(cls, names, times):
    """Wrap the methods `names` of `cls` to add their time to `times`."""
    originals = {name: getattr(cls, name) for name in names}

    def wrap(name, method):
        def timed(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return method(self, *args, **kwargs)
            finally:
                times.setdefault(name, []).append(
                    time.perf_counter() - start)
        return timed
    for name, method in originals.items():
        setattr(cls, name, wrap(name, method))
    try:
        yield
    finally:
        for name, method in originals.items():
            setattr(cls, name, method)


def in_savepoint(env, fn):
    env.cr.execute("SAVEPOINT bench_call")
    env.clear()
    q0 = env.cr.sql_log_count
    t0 = time.perf_counter()
    try:
        result = fn()
    finally:
        seconds = time.perf_counter() - t0
        queries = env.cr.sql_log_count - q0
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_call")
    return seconds, queries, result


def measure_user(env, user, root, day, reps):
    Report = env['party.progress.report'].sudo(user)
    values = {'organization_id': root, 'period_kind': 'quarter',
              'date': day}
    out = {}

    def create():
        report = Report.with_context(tracking_disable=True).create(values)
        return report.read(['organization_count', 'branch_count',
                            'meetings_required', 'meetings_missing',
                            'setup_shortfall_count',
                            'rectification_open_count'])[0]

    def refresh():
        report = Report.with_context(tracking_disable=True).create(values)
        env.clear()
        q0, t0 = env.cr.sql_log_count, time.perf_counter()
        report.action_refresh()
        return time.perf_counter() - t0, env.cr.sql_log_count - q0

    def board():
        return env['party.board'].sudo(user).board_data()['scope']

    times = {}
    cls = type(env['party.progress.report'])
    samples = {'create': [], 'refresh': [], 'board': []}
    queries = {}
    result = None
    with timed_methods(cls, FIGURES, times):
        for rep in range(reps + 1):
            seconds, n, result = in_savepoint(env, create)
            if rep:
                samples['create'].append(seconds)
            queries['create'] = n
            _s, _n, (seconds, n) = in_savepoint(env, refresh)
            if rep:
                samples['refresh'].append(seconds)
            queries['refresh'] = n
            seconds, n, scope = in_savepoint(env, board)
            if rep:
                samples['board'].append(seconds)
            queries['board'] = n
            if rep == 0:
                times.clear()
    for key, values in samples.items():
        out[key] = {'ms': statistics.median(values) * 1000,
                    'queries': queries[key], 'n': len(values)}
    # the figures ran twice per repetition (create and refresh)
    out['figures'] = {name: statistics.median(values) * 1000
                      for name, values in times.items()}
    out['result'] = result
    out['board_scope'] = scope
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', default='party_building_bench')
    parser.add_argument('--reps', type=int, default=3)
    parser.add_argument('--users',
                        default='officer,city_officer,province_officer')
    parser.add_argument('--day', default='2026-11-26')
    parser.add_argument('--json')
    args = parser.parse_args()
    odoo = scale.load_odoo()
    odoo.tools.config.parse_config(['-c', scale.CONF, '-d', args.db])
    registry = odoo.registry(args.db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s",
                   [scale.PARAM_KEY])
        roots = scale.scope_roots(json.loads(cr.fetchone()[0]))
        users = scale.ensure_users(env, roots)
        cr.execute("SELECT (SELECT count(*) FROM party_organization), "
                   "(SELECT count(*) FROM party_member)")
        print('# %s: %d organizations, %d members; load %.1f' % (
            (args.db,) + cr.fetchone() + (scale.os.getloadavg()[0],)))
        rows = {}
        try:
            for key in args.users.split(','):
                root = roots[ROOT_OF[key]]
                scale.log('%s: committee %s' % (key, root))
                rows[key] = measure_user(env, users[key], root, args.day,
                                         args.reps)
        finally:
            cr.rollback()
        print('\n| user (committee) | organizations | branches | call | '
              'queries | ms (n) | / board |')
        print('|---|---:|---:|---|---:|---:|---:|')
        for key, row in rows.items():
            res = row['result']
            for call in ('create', 'refresh', 'board'):
                print('| %s | %d | %d | %s | %d | %.0f (%d) | %.2f |' % (
                    key, res['organization_count'], res['branch_count'],
                    call, row[call]['queries'], row[call]['ms'],
                    row[call]['n'], row[call]['ms'] / row['board']['ms']))
        print('\nfigures inside create and refresh (median ms):')
        print('| user | %s |' % ' | '.join(
            name.replace('_progress_', '').replace('_figures', '')
            for name in FIGURES))
        print('|---|%s' % ('---:|' * len(FIGURES)))
        for key, row in rows.items():
            print('| %s | %s |' % (key, ' | '.join(
                '%.0f' % row['figures'].get(name, 0) for name in FIGURES)))
        print('\nreport figures: %s' % json.dumps(
            {key: row['result'] for key, row in rows.items()}))
        if args.json:
            with open(args.json, 'w') as f:
                json.dump(rows, f, indent=1, default=str)


if __name__ == '__main__':
    main()
