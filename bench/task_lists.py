"""Benchmark of the responsibility lists and the wall chart (issue 12,
"Performance"): a year's task lists for 1,000 branches in one call, and a
goal's point over 20,000 branches.

    .venv/bin/python bench/task_lists.py [--db pb_tasks]
        [--conf .odoo-test-pb_tasks.conf] [--branches 20000]
        [--generate 1000]

Works in a database where party_building is installed (the test database
of scripts/test.sh will do): builds a province of --branches branches under
20 cities in SQL, each branch with a secretary and an organization member
in a current term, generates the task lists of --generate of them from the
seeded templates, and takes the snapshot of a goal of the province for each
indicator. Prints the time and the statements of each step; everything is
rolled back.
"""
import argparse
import os
import resource
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def build(cr, company_id, n_branches):
    cr.execute("""
        INSERT INTO party_organization (name, kind, sector, company_id,
                                        active)
        VALUES ('Bench Province', 'committee', 'other', %s, true)
        RETURNING id""", [company_id])
    province = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO party_organization (name, kind, sector, parent_id,
                                        company_id, active)
        SELECT 'Bench City ' || n, 'committee', 'other', %s, %s, true
          FROM generate_series(1, 20) n RETURNING id""",
               [province, company_id])
    cities = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO party_organization (name, kind, sector, parent_id,
                                        company_id, active,
                                        committee_complete, setup_shortfall,
                                        term_status)
        SELECT 'Bench Branch ' || n, 'branch', 'community',
               (%s::integer[])[1 + n %% 20], %s, true, n %% 3 = 0,
               n %% 4 = 0, 'valid'
          FROM generate_series(1, %s) n RETURNING id""",
               [cities, company_id, n_branches])
    branches = sorted(row[0] for row in cr.fetchall())
    # a current term with a secretary and an organization member each
    cr.execute("""
        INSERT INTO party_member (name, organization_id, branch_id,
                                  company_id, status, active)
        SELECT 'Bench Member ' || b || '-' || k, b, b, %s, 'full', true
          FROM unnest(%s::integer[]) b, generate_series(1, 2) k""",
               [company_id, branches])
    cr.execute("""
        INSERT INTO party_term (organization_id, company_id, number,
                                start_date, state)
        SELECT b, %s, 1, DATE '2024-01-01', 'current'
          FROM unnest(%s::integer[]) b""", [company_id, branches])
    return province, branches


def step(cr, label, fn):
    before = cr.sql_log_count
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print('| %s | %.2f | %d | %s |' % (
        label, seconds, cr.sql_log_count - before, result))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', default='pb_tasks')
    parser.add_argument('--conf', default=os.path.join(
        ROOT, '.odoo-test-pb_tasks.conf'))
    parser.add_argument('--branches', type=int, default=20000)
    parser.add_argument('--generate', type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
    import odoo  # noqa: the venv's Odoo 11
    odoo.tools.config.parse_config(['-c', args.conf, '-d', args.db])
    odoo.tools.config['log_level'] = 'warn'
    registry = odoo.registry(args.db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        try:
            run(odoo, cr, args)
        finally:
            cr.rollback()


def run(odoo, cr, args):
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {
        'tracking_disable': True})
    company = env.ref('base.main_company')
    start = time.perf_counter()
    province, branches = build(cr, company.id, args.branches)
    cr.execute("""
        INSERT INTO party_term_position (term_id, organization_id,
                                         company_id, member_id, role_id,
                                         role_sequence, is_secretary)
        SELECT t.id, t.organization_id, t.company_id, m.id, r.id,
               r.sequence, r.is_secretary
          FROM party_term t
          JOIN LATERAL (SELECT id, row_number() OVER (ORDER BY id) AS k
                          FROM party_member
                         WHERE organization_id = t.organization_id) m
            ON true
          JOIN party_position_role r ON r.id = CASE m.k
               WHEN 1 THEN %s ELSE %s END
         WHERE t.organization_id = ANY(%s)""", [
        env.ref('party_building.position_role_secretary').id,
        env.ref('party_building.position_role_organization').id,
        branches])
    cr.execute("ANALYZE party_organization")
    print('# %d branches built in %.1f s' % (
        len(branches), time.perf_counter() - start))
    print('\n| step | seconds | statements | result |\n|---|---:|---:|---|')
    Template = env['party.task.template']
    for n in (3, args.generate):
        env.clear()
        step(cr, 'task lists of %d branches (year 2026)' % n,
             lambda n=n: '%d tasks' % Template.generate_task_lists(
                 branches[-n:], 2026, today=odoo.fields.Date.from_string(
                     '2026-03-10')))
    env.clear()
    step(cr, 'again, %d branches (nothing missing)' % args.generate,
         lambda: '%d tasks' % Template.generate_task_lists(
             branches[-args.generate:], 2026))
    Goal = env['party.goal'].with_context(tracking_disable=True)
    for indicator in ('committee_complete', 'setup_compliant', 'term_valid',
                      'not_weak_lax', 'rated', 'meetings_complete'):
        goal = Goal.create({
            'name': indicator, 'organization_id': province,
            'indicator': indicator, 'start_date': '2026-01-01',
            'target_date': '2099-12-31'})
        env.clear()

        def point(goal=goal):
            goal._take_snapshots('2026-03-10')
            total = env['party.goal.snapshot'].search([
                ('goal_id', '=', goal.id), ('is_total', '=', True),
                ('series', '=', 'actual')])
            return '%.1f %% of %d branches, %d areas' % (
                total.value, total.branches, len(goal.snapshot_ids) // 2)
        step(cr, 'goal point, %s' % indicator, point)
    print('\npeak memory: %.0f MB' % rss_mb())


if __name__ == '__main__':
    main()
