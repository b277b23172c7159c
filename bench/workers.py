"""The daily jobs in a real multi-worker server, under Odoo's default limits.

    .venv/bin/python bench/workers.py [--db party_building_bench]
        [--interval 1] [--timeout 3600]

Resets the jobs' outputs (as bench/jobs.py does: a newly deployed province),
makes the addon's two crons due now and every `--interval` minutes (10 in
production; shorter here only so that the check ends sooner), starts
`odoo --workers 2 --no-http` (the prefork server, its two cron workers)
with Odoo's default limits (limit_time_cpu 60 s,
limit_time_real 120 s per cron worker cycle), waits until today's run of
each job is done, stops the server and prints the runs and every log line
that tells of a worker killed or a job failing. Uses the bench's database as
it is (run bench/scale.py first); its own configuration file and port.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

import psycopg2

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from jobs import reset_job_outputs  # noqa: E402  (the bench's own module)

CONF = os.path.join('bench', '.odoo-workers.conf')
HTTP_PORT = '8279'
CRONS = ('ir_cron_setup_review', 'ir_cron_meeting_reminders')
# what a killed worker or a failed job writes in Odoo 11's log
TROUBLE = re.compile(r'timeout|CPU time limit|killed|Traceback|ERROR|'
                     r'CRITICAL|failed', re.I)


def log(msg):
    print('[workers %s] %s' % (time.strftime('%H:%M:%S'), msg), flush=True)


def prepare(db, interval):
    conn = psycopg2.connect(dbname=db)
    with conn, conn.cursor() as cr:
        reset_job_outputs(cr)
        cr.execute("""
            UPDATE ir_cron SET nextcall = now() at time zone 'UTC',
                               interval_number = %s,
                               interval_type = 'minutes', active = true
             WHERE id IN (SELECT res_id FROM ir_model_data
                           WHERE module = 'party_building'
                             AND model = 'ir.cron' AND name IN %s)
        """, [interval, CRONS])
        cr.execute("SELECT current_date")
        today = cr.fetchone()[0]
    conn.close()
    return today


def runs(db, today):
    conn = psycopg2.connect(dbname=db)
    with conn, conn.cursor() as cr:
        cr.execute("""
            SELECT code, state, stage, calls, batches, records, seconds,
                   max_batch_seconds, reminders, digests, deferred,
                   last_error, max_call_seconds
              FROM party_job WHERE day = %s ORDER BY code""", [today])
        rows = cr.fetchall()
    conn.close()
    return rows


def restore(db):
    conn = psycopg2.connect(dbname=db)
    with conn, conn.cursor() as cr:
        cr.execute("""
            UPDATE ir_cron SET interval_number = 10
             WHERE id IN (SELECT res_id FROM ir_model_data
                           WHERE module = 'party_building'
                             AND model = 'ir.cron' AND name IN %s)
        """, [CRONS])
    conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', default='party_building_bench')
    parser.add_argument('--interval', type=int, default=1,
                        help='minutes between cron calls (production: 10)')
    parser.add_argument('--timeout', type=int, default=3600)
    args = parser.parse_args()
    os.chdir(ROOT)
    today = prepare(args.db, args.interval)
    logfile = '/tmp/party_workers_%s.log' % args.db
    env = dict(os.environ, ODOO_CONF=CONF, HTTP_PORT=HTTP_PORT,
               DB_FILTER='^%s$' % args.db)
    server = subprocess.Popen(
        # the cron workers do the jobs; without HTTP, because Odoo 11's
        # prefork server respawns its longpolling process forever when
        # gevent is missing, as in this venv (not an addon matter)
        ['scripts/odoo.sh', '-d', args.db, '--workers', '2', '--no-http',
         '--log-level', 'info', '--logfile', logfile],
        env=env, preexec_fn=os.setsid)
    log('odoo --workers 2 on %s (pid %d), log %s; waiting for the runs of '
        '%s' % (args.db, server.pid, logfile, today))
    started = time.time()
    try:
        while time.time() - started < args.timeout:
            time.sleep(15)
            rows = runs(args.db, today)
            log('  ' + '; '.join(
                '%s %s %s calls %d batches %d %.0f s' % (
                    r[0], r[1], r[2] or '', r[3], r[4], r[6] or 0)
                for r in rows))
            if len(rows) == 2 and all(r[1] == 'done' for r in rows):
                break
            if server.poll() is not None:
                sys.exit('the server stopped')
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        restore(args.db)
    elapsed = time.time() - started
    with open(logfile) as f:
        lines = f.read().splitlines()
    trouble = [line for line in lines if TROUBLE.search(line)]
    starts = [line for line in lines if 'Starting job' in line
              and 'Party Building' in line]
    print('\n## Daily jobs in `odoo --workers 2` (%s, cron every %d min)\n'
          % (args.db, args.interval))
    print('| job | state | worker calls | longest call s | batches | '
          'records | working s | longest batch s | activities | digests | '
          'deferred |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    for r in runs(args.db, today):
        print('| %s | %s | %d | %.1f | %d | %d | %.1f | %.2f | %d | %d | %d |'
              % (r[0], r[1], r[3], r[12] or 0, r[4], r[5], r[6] or 0,
                 r[7] or 0, r[8] or 0, r[9] or 0, r[10] or 0))
    print('\n%d cron calls of the addon started in %.0f s; log lines telling '
          'of a killed worker or a failure: %d' % (len(starts), elapsed,
                                                   len(trouble)))
    for line in trouble[:40]:
        print('    ' + line)


if __name__ == '__main__':
    main()
