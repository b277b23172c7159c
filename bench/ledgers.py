"""Members ledger (党员名册, XLSX) at scale: time and peak memory.

    .venv/bin/python bench/ledgers.py [--db NAME ...] [--user LOGIN ...]
                                      [--old] [--tracemalloc]

Generates the members ledger of a bench user's whole scope (see scale.py
for the databases and their users; nothing is updated: the addon's code is
loaded over the database as it is, ``--no-update`` in scale.py's terms) and
reports, for each database and user, the rows written, the sheets, the
file's size, the seconds, the SQL statements and the memory: the process's
resident set before the ledger and its peak (VmHWM) after, each run in a
fresh subprocess so that one run's memory does not hide the next one's;
with ``--tracemalloc`` the peak of Python allocations as well (slower).
``--old`` also runs the ledger as it was before streaming (every member one
recordset, sorted in Python, an in-memory workbook) for comparison.

Nothing is written to the databases: each run rolls back.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DBS = ['party_building_bench_small']
DEFAULT_USERS = ['bench_manager']


def log(msg):
    print('[ledgers %s] %s' % (time.strftime('%H:%M:%S'), msg), flush=True)


def status_kb(field):
    """A field of /proc/self/status in KiB (VmRSS, VmHWM)."""
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith(field + ':'):
                return int(line.split()[1])
    return 0


def write_conf():
    site = subprocess.run(
        [os.path.join(ROOT, '.venv', 'bin', 'python'), '-c',
         'import odoo, os; print(os.path.dirname(odoo.__file__))'],
        stdout=subprocess.PIPE, universal_newlines=True,
        check=True).stdout.strip()
    conf = tempfile.NamedTemporaryFile(
        'w', prefix='odoo-ledgers-', suffix='.conf', delete=False)
    conf.write('[options]\naddons_path = %s/addons,%s/.addons\n'
               'data_dir = %s/.data\ndb_user = %s\nlog_level = warn\n'
               % (site, ROOT, ROOT, os.environ.get('USER') or 'root'))
    conf.close()
    return conf.name


def old_ledger(env, report):
    """The members ledger before streaming (reports/party_member_ledger.py
    at the previous commit): every member of the scope one recordset, sorted
    in Python by organization path, written to an in-memory workbook."""
    import io
    import xlsxwriter
    members = env['party.member'].search([])
    members = members.sorted(lambda m: (m.organization_id.path or '',
                                        m.name or '', m.id))
    columns = report._ledger_columns()
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream)
    sheet = book.add_worksheet('ledger')
    date = book.add_format({'num_format': 'yyyy-mm-dd'})
    for row, member in enumerate(members, start=3):
        if row >= 1048576:
            sheet = book.add_worksheet('ledger %d' % row)
            row = 3
        for col, (key, __, kind) in enumerate(columns):
            if key == 'sequence':
                sheet.write_number(row, col, row - 2)
            elif key == 'organization_id':
                sheet.write_string(row, col, member.organization_id.name)
            elif kind == 'date':
                if member[key]:
                    sheet.write_string(row, col, member[key], date)
            else:
                sheet.write_string(row, col, str(member[key] or ''))
    book.close()
    return stream.getvalue(), len(members)


def child(args):
    """One run, in this process: prints a JSON line."""
    os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
    import odoo
    odoo.tools.config.parse_config(['-c', args.conf, '-d', args.db])
    if args.tracemalloc:
        import tracemalloc
    import xlrd
    with odoo.api.Environment.manage():
        registry = odoo.registry(args.db)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            user = env['res.users'].search([('login', '=', args.user)])
            if not user:
                sys.exit('no user %s in %s' % (args.user, args.db))
            report = env['report.party_building.member_ledger'].sudo(
                user.id).with_context(active_model='party.member',
                                      lang='zh_CN')
            # warm-up outside the figures: the access and rule caches
            report.env['party.member'].search([], limit=1).read(['name'])
            report._ledger_columns()
            rss0 = status_kb('VmRSS')
            if args.tracemalloc:
                tracemalloc.start()
            q0, t0 = cr.sql_log_count, time.perf_counter()
            if args.old:
                content, rows = old_ledger(report.env, report)
            else:
                content, __ = report.create_xlsx_report(None, None)
                rows = None
            seconds = time.perf_counter() - t0
            queries = cr.sql_log_count - q0
            py_peak = None
            if args.tracemalloc:
                py_peak = tracemalloc.get_traced_memory()[1] // 1024
                tracemalloc.stop()
            hwm = status_kb('VmHWM')
            cr.rollback()
    result = {
        'db': args.db, 'user': args.user, 'mode': 'old' if args.old
        else 'streamed', 'seconds': round(seconds, 2), 'queries': queries,
        'file_kb': len(content) // 1024, 'rss_before_kb': rss0,
        'peak_rss_kb': hwm, 'python_peak_kb': py_peak}
    if not args.old and len(content) < 200 * 1024 * 1024:
        book = xlrd.open_workbook(file_contents=content, on_demand=True)
        result['sheets'] = book.nsheets
        rows = 0
        for index in range(book.nsheets):
            rows += book.sheet_by_index(index).nrows - 3
            book.unload_sheet(index)
    result['rows'] = rows
    print('RESULT ' + json.dumps(result), flush=True)


def parent(args):
    conf = write_conf()
    results = []
    try:
        for db in args.db or DEFAULT_DBS:
            for user in args.user or DEFAULT_USERS:
                for old in ([False, True] if args.old else [False]):
                    log('%s as %s%s' % (db, user, ' (old)' if old else ''))
                    command = [sys.executable, os.path.abspath(__file__),
                               '--child', '--conf', conf, '--db', db,
                               '--user', user]
                    if old:
                        command.append('--old')
                    if args.tracemalloc:
                        command.append('--tracemalloc')
                    proc = subprocess.run(
                        command, cwd=ROOT, stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT, universal_newlines=True)
                    lines = [line for line in proc.stdout.splitlines()
                             if line.startswith('RESULT ')]
                    if proc.returncode or not lines:
                        print(proc.stdout[-5000:])
                        log('failed (exit %s)' % proc.returncode)
                        continue
                    result = json.loads(lines[-1][len('RESULT '):])
                    log(json.dumps(result))
                    results.append(result)
    finally:
        os.unlink(conf)
    print()
    print('| database | user | mode | rows | sheets | file | seconds | '
          'queries | RSS before | peak RSS | Python peak |')
    print('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    for r in results:
        print('| %s | %s | %s | %s | %s | %.1f MB | %.1f | %d | %.0f MB | '
              '%.0f MB | %s |' % (
                  r['db'], r['user'], r['mode'], r['rows'],
                  r.get('sheets', ''), r['file_kb'] / 1024.0, r['seconds'],
                  r['queries'], r['rss_before_kb'] / 1024.0,
                  r['peak_rss_kb'] / 1024.0,
                  '%.0f MB' % (r['python_peak_kb'] / 1024.0)
                  if r['python_peak_kb'] is not None else ''))
    if args.json:
        with open(args.json, 'w') as out:
            json.dump(results, out, indent=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', action='append',
                        help='default: %s' % ', '.join(DEFAULT_DBS))
    parser.add_argument('--user', action='append',
                        help='login of a bench user (default: %s)'
                             % ', '.join(DEFAULT_USERS))
    parser.add_argument('--old', action='store_true',
                        help='also run the ledger as it was before streaming')
    parser.add_argument('--tracemalloc', action='store_true',
                        help='also measure the peak of Python allocations')
    parser.add_argument('--json', help='also write the results there')
    parser.add_argument('--child', action='store_true', help=argparse.SUPPRESS)
    parser.add_argument('--conf', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.db, args.user = args.db[0], args.user[0]
        child(args)
    else:
        parent(args)


if __name__ == '__main__':
    main()
