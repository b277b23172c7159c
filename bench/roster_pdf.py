"""Benchmark of the member roster PDF (党员花名册) of a county (issue 11,
"Performance"): 35,000 members by default.

    .venv/bin/python bench/roster_pdf.py [--db pb_pdfs]
        [--conf .odoo-test-pb_pdfs.conf] [--members 35000]
        [--per-branch 50]

On a database where the addon is installed (e.g. the one scripts/test.sh
leaves behind), in a transaction that is rolled back: a county committee
with branches of --per-branch members each (members written set-based in
SQL), an officer of the county, then as that officer

* the report's values (search under the record rules, batched read,
  pagination): time and queries;
* the QWeb HTML of the whole document: time and size;
* wkhtmltopdf on that HTML (A4, the report's stylesheet inlined, as the
  server gives it): time and peak memory (/usr/bin/time);

and the Python process's peak memory (maximum resident set)."""
import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', default='pb_pdfs')
    parser.add_argument('--conf', default=os.path.join(
        ROOT, '.odoo-test-pb_pdfs.conf'))
    parser.add_argument('--members', type=int, default=35000)
    parser.add_argument('--per-branch', type=int, default=50)
    parser.add_argument('--values-only', action='store_true',
                        help='stop after the report values')
    args = parser.parse_args()
    os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
    import odoo  # noqa: the venv's Odoo 11
    odoo.tools.config.parse_config(['-c', args.conf, '-d', args.db])
    registry = odoo.registry(args.db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        try:
            run(odoo, cr, args)
        finally:
            cr.rollback()


def run(odoo, cr, args):
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {
        'tracking_disable': True, 'mail_create_nolog': True})
    Org = env['party.organization']
    county = Org.create({'name': '平安县委', 'kind': 'committee'})
    branches = args.members // args.per_branch
    started = time.time()
    cr.execute("""
        INSERT INTO party_organization
               (name, kind, sector, parent_id, company_id, active)
        SELECT '平安县第' || n || '党支部', 'branch', 'village', %s, %s, true
          FROM generate_series(1, %s) n
    """, (county.id, county.company_id.id, branches))
    cr.execute("""
        INSERT INTO party_member
               (name, organization_id, branch_id, company_id, status,
                gender, ethnicity, education, birth_date, join_date,
                full_date, mobile, id_number, active)
        SELECT '党员' || o.id || '-' || n, o.id, o.id, o.company_id,
               CASE WHEN n %% 10 = 0 THEN 'probationary' ELSE 'full' END,
               CASE WHEN n %% 2 = 0 THEN 'female' ELSE 'male' END, '汉族',
               'bachelor', DATE '1980-01-01' + n, DATE '2005-07-01' + n,
               CASE WHEN n %% 10 = 0 THEN NULL ELSE DATE '2006-07-01' + n
               END, '139' || lpad((o.id * 100 + n)::text, 8, '0'),
               NULL, true
          FROM party_organization o, generate_series(1, %s) n
         WHERE o.parent_id = %s
    """, (args.per_branch, county.id))
    env.invalidate_all() if hasattr(env, 'invalidate_all') else \
        env['party.member'].invalidate_cache()
    print('data: %d branches, %d members in %.1f s' % (
        branches, branches * args.per_branch, time.time() - started))
    officer = env['res.users'].create({
        'name': '李建国', 'login': 'bench_roster_officer',
        'email': 'bench_roster_officer@example.com', 'lang': 'en_US',
        'groups_id': [(6, 0, [env.ref('base.group_user').id, env.ref(
            'party_building.group_officer').id])],
        'party_organization_ids': [(6, 0, county.ids)]})
    report = env.ref('party_building.party_member_roster_report').sudo(
        officer.id)
    Values = env['report.party_building.report_member_roster'].sudo(
        officer.id)
    before_rss = rss_mb()
    queries = cr.sql_log_count
    started = time.time()
    values = Values.get_report_values(county.ids)
    took = time.time() - started
    roster = values['rosters'][county.id]
    print('values: %.1f s, %d queries, %d pages, peak RSS %.0f MB '
          '(was %.0f)' % (took, cr.sql_log_count - queries,
                          len(roster['pages']), rss_mb(), before_rss))
    if args.values_only:
        return
    started = time.time()
    html = report.render_qweb_html(county.ids)[0]
    print('QWeb HTML: %.1f s, %.1f MB, peak RSS %.0f MB' % (
        time.time() - started, len(html) / 1e6, rss_mb()))
    css = open(os.path.join(ROOT, 'static/src/css/party_report.css'),
               'rb').read()
    html = re.sub(br'<link[^>]*>', b'', html)
    html = html.replace(b'</head>', b'<style>' + css + b'</style></head>')
    directory = tempfile.mkdtemp()
    source = os.path.join(directory, 'roster.html')
    with open(source, 'wb') as stream:
        stream.write(html)
    target = os.path.join(directory, 'roster.pdf')
    started = time.time()
    result = subprocess.run(
        ['/usr/bin/time', '-f', '%M', 'wkhtmltopdf', '--quiet',
         '--page-size', 'A4', '--margin-top', '15', '--margin-bottom', '15',
         '--margin-left', '15', '--margin-right', '15', '--dpi', '90',
         '--encoding', 'utf-8', source, target],
        stderr=subprocess.PIPE, check=False)
    peak = result.stderr.decode().strip().splitlines()[-1]
    pages = subprocess.run(['pdfinfo', target], stdout=subprocess.PIPE,
                           check=False).stdout.decode()
    pages = re.search(r'Pages:\s+(\d+)', pages)
    print('wkhtmltopdf: %.1f s, peak memory %.0f MB, %s pages, %.1f MB' % (
        time.time() - started, int(peak) / 1024.0,
        pages.group(1) if pages else '?',
        os.path.getsize(target) / 1e6 if os.path.exists(target) else 0))
    sys.stdout.flush()


if __name__ == '__main__':
    main()
