"""Bench of sampling by proportion (抽样检查): a stratified 5 % sample of a
province of N branches (default 20,000) in 14 cities, by city and sector,
drawn as the province's officer; the number of queries and the time, then
everything rolled back.

    .venv/bin/python bench/inspect_sample.py --db DB [--branches N]

DB: a database with the addon installed (e.g. the one `make test` leaves,
pb_<you>); nothing is kept in it. Figures in docs/BENCH_inspect.md.
"""
import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CITIES = 14
SECTORS = ('village', 'community', 'government', 'enterprise', 'school')


def build(env, branches):
    """The province, its cities and `branches` branches, set-based (the
    path triggers fill the paths)."""
    Org = env['party.organization']
    province = Org.create({'name': 'Bench Province', 'kind': 'committee'})
    cities = [Org.create({'name': 'Bench City %d' % n, 'kind': 'committee',
                          'parent_id': province.id}).id
              for n in range(CITIES)]
    env.cr.execute("""
        INSERT INTO party_organization
               (name, kind, sector, parent_id, company_id, active,
                create_uid, write_uid, create_date, write_date)
        SELECT 'Bench Branch ' || n, 'branch',
               (%s::varchar[])[1 + n %% %s], (%s::integer[])[1 + n %% %s],
               %s, true, 1, 1, now(), now()
          FROM generate_series(0, %s - 1) AS n
    """, [list(SECTORS), len(SECTORS), cities, CITIES,
          province.company_id.id, branches])
    # as autovacuum would after such a load
    env.cr.execute("ANALYZE party_organization")
    officer = env['res.users'].create({
        'name': 'Bench Officer', 'login': 'bench_inspect_officer',
        'email': 'bench_inspect_officer@example.com',
        'groups_id': [(6, 0, [env.ref('base.group_user').id, env.ref(
            'party_building.group_officer').id])],
        'party_organization_ids': [(6, 0, province.ids)]})
    return province, officer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--db', required=True)
    parser.add_argument('--branches', type=int, default=20000)
    args = parser.parse_args()
    os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
    sys.path.insert(0, ROOT)
    import odoo
    odoo.tools.config.parse_config(['-c', os.path.join(ROOT, '.odoo.conf')]
                                   if os.path.exists(os.path.join(
                                       ROOT, '.odoo.conf')) else [])
    odoo.tools.config['addons_path'] = ','.join([
        os.path.join(os.path.dirname(odoo.__file__), 'addons'),
        os.path.join(ROOT, '.addons')])
    with odoo.api.Environment.manage():
        run(odoo, args)


def run(odoo, args):
    registry = odoo.registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {
            'tracking_disable': True})
        province, officer = build(env, args.branches)
        sample = env['party.inspection.sample'].sudo(officer).create({
            'name': 'Bench', 'year': 2024, 'organization_id': province.id,
            'proportion': 5, 'stratify_area': True, 'stratify_sector': True,
            'reference_date': '2024-06-01', 'exclude_months': 12})
        sample.invalidate_cache()
        start_queries = cr.sql_log_count
        start = time.time()
        draw = sample._draw('20240601')
        seconds = time.time() - start
        queries = cr.sql_log_count - start_queries
        start = time.time()
        same = draw.reproduce() == sorted(
            draw.line_ids.mapped('organization_id').ids)
        verify = time.time() - start
        print('branches %d, eligible %d, drawn %d, strata %d' % (
            args.branches, draw.eligible_count, draw.drawn_count,
            len(draw.strata.splitlines())))
        print('draw: %d queries, %.2f s; reproduce from the record: %s, '
              '%.2f s' % (queries, seconds, same, verify))
        start_queries = cr.sql_log_count
        start = time.time()
        sample.action_make_plan()
        print('the plan of %d inspections: %d queries, %.2f s' % (
            len(sample.plan_id.inspection_ids),
            cr.sql_log_count - start_queries, time.time() - start))
        cr.rollback()


if __name__ == '__main__':
    main()
