"""What the organization tree's concurrency guards cost at province scale.

    .venv/bin/python bench/tree_locks.py [--orgs 200000] [--members 400000]
        [--db pb_tree_bench] [--reps 15] [--recreate]

Builds (or reuses) a database with scale.py's generator, then times creates
and moves with the path trigger and move code before the guards (commit
949ce7b: the parent read FOR SHARE) and after them (the parent's row written,
the moved rows locked in path order first), in turns, call by call, in one
process and one transaction at a time, each call rolled back. The figure to
read is the ratio new/old of the medians (bench/README.md).
"""
import argparse
import statistics
import sys
import time

import scale

# The trigger function of commit 949ce7b, for the comparison.
OLD_FUNCTION = """
CREATE OR REPLACE FUNCTION party_organization_set_path()
RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_path varchar;
BEGIN
    IF pg_trigger_depth() > 1 THEN
        RETURN NEW;
    END IF;
    SELECT path INTO parent_path FROM party_organization
     WHERE id = NEW.parent_id FOR SHARE;
    NEW.path := COALESCE(parent_path, '') || NEW.id || '/';
    IF TG_OP = 'UPDATE' AND NEW.path IS DISTINCT FROM OLD.path THEN
        UPDATE party_organization
           SET path = NEW.path || substr(path, length(OLD.path) + 1)
         WHERE path::text ~>=~ OLD.path
           AND path::text ~<~ (OLD.path || '~') AND id != NEW.id;
    END IF;
    RETURN NEW;
END $$;
"""


def use_variant(env, variant, model_class, lock_for_move):
    """Install the trigger function and move code of `variant` inside the
    current transaction (undone by the rollback after the call). Both
    variants replace the function, so both pay its recompilation."""
    if variant == 'old':
        env.cr.execute(OLD_FUNCTION)
        model_class._lock_for_move = lambda self, parent_id: None
    else:
        env['party.organization'].init()
        model_class._lock_for_move = lock_for_move


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--orgs', type=int, default=200000)
    parser.add_argument('--members', type=int, default=400000)
    parser.add_argument('--db', default='pb_tree_bench')
    parser.add_argument('--reps', type=int, default=15)
    parser.add_argument('--recreate', action='store_true')
    args = parser.parse_args()

    t0 = time.perf_counter()
    scale.os.chdir(scale.ROOT)
    # no update: the variants install their trigger function themselves
    scale.ensure_database(args.db, args.recreate, update=False)
    odoo = scale.load_odoo()
    odoo.tools.config.parse_config(['-c', scale.CONF, '-d', args.db])
    params = scale.ensure_data(odoo, args.db, args.orgs, args.members)
    scale.log('database ready in %.0f s (organizations generated in %s s '
              'when the database was built)'
              % (time.perf_counter() - t0, params.get('orgs_seconds')))

    with odoo.api.Environment.manage(), \
            odoo.registry(args.db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        roots = scale.scope_roots(params)
        users = scale.ensure_users(env, roots)
        for key, login, group, root in scale.USERS:
            if root and not users[key].party_organization_ids:
                users[key].party_organization_ids = [(6, 0, [roots[root]])]
        cr.commit()
        Org = env['party.organization']
        model_class = type(Org)
        lock_for_move = model_class._lock_for_move
        cr.execute("SELECT id FROM party_organization WHERE parent_id = %s "
                   "AND id != %s LIMIT 1",
                   [Org.browse(roots['city']).parent_id.id, roots['city']])
        other_city = cr.fetchone()[0]
        ctx = dict(scale.NO_TRACKING)

        def subtree(org_id):
            cr.execute("""SELECT count(*) FROM party_organization o
                            JOIN party_organization r
                              ON o.path::text LIKE r.path::text || '%%'
                           WHERE r.id = %s""", [org_id])
            return cr.fetchone()[0]

        def orm_move(env):
            env['party.organization'].sudo(users['manager']).with_context(
                ctx).browse(roots['township']).write(
                    {'parent_id': roots['other_county']})

        def orm_create(env):
            env['party.organization'].sudo(users['officer']).with_context(
                ctx).create({'name': 'Bench branch', 'kind': 'branch',
                             'sector': 'enterprise',
                             'parent_id': roots['township']})

        def sql_insert(env):
            env.cr.execute("""
                INSERT INTO party_organization (name, kind, sector,
                       parent_id, active, company_id)
                VALUES ('Bench branch', 'branch', 'enterprise', %s, true, 1)
            """, [roots['township']])

        cr.execute("SELECT id FROM party_organization WHERE kind = "
                   "'committee' AND parent_id = %s ORDER BY id LIMIT 10",
                   [roots['county']])
        townships = [row[0] for row in cr.fetchall()]

        def sql_bulk_insert(env):
            env.cr.execute("""
                INSERT INTO party_organization (name, kind, sector,
                       parent_id, active, company_id)
                SELECT 'Bench branch ' || i, 'branch', 'enterprise',
                       (%s::int[])[1 + i %% %s], true, 1
                  FROM generate_series(0, 999) i
            """, [townships, len(townships)])

        cr.execute("SELECT id FROM party_organization WHERE kind = "
                   "'branch' ORDER BY id LIMIT 10000")
        branches = [row[0] for row in cr.fetchall()]

        def sql_bulk_insert_spread(env):
            # one child per parent: every row touches a parent of its own
            env.cr.execute("""
                INSERT INTO party_organization (name, kind, sector,
                       parent_id, active, company_id)
                SELECT 'Bench group', 'group', 'enterprise', b, true, 1
                  FROM unnest(%s::int[]) b
            """, [branches])

        def sql_move(org_id, parent_id):
            def move(env):
                env.cr.execute("UPDATE party_organization SET parent_id = %s "
                               "WHERE id = %s", [parent_id, org_id])
            return move

        cases = [
            ('ORM: manager moves a township committee (subtree %d)'
             % subtree(roots['township']), orm_move),
            ('ORM: officer creates a branch under a township', orm_create),
            ('SQL: INSERT of one branch under a township', sql_insert),
            ('SQL: INSERT ... SELECT of 1,000 branches under %d townships'
             % len(townships), sql_bulk_insert),
            ('SQL: INSERT ... SELECT of %d party groups, one per branch'
             % len(branches), sql_bulk_insert_spread),
            ('SQL: UPDATE moving a township (subtree %d)'
             % subtree(roots['township']),
             sql_move(roots['township'], roots['other_county'])),
            ('SQL: UPDATE moving a county (subtree %d)'
             % subtree(roots['county']),
             sql_move(roots['county'], other_city)),
            ('SQL: UPDATE moving a city (subtree %d)'
             % subtree(roots['city']),
             sql_move(roots['city'], other_city)),
        ]
        cr.rollback()

        def call(fn, variant):
            cr.rollback()
            env.clear()
            use_variant(env, variant, model_class, lock_for_move)
            env.cache.invalidate()
            start = time.perf_counter()
            fn(env)
            elapsed = time.perf_counter() - start
            cr.rollback()
            env.clear()
            return elapsed

        print('\n%d organizations, load average %s; median ms of %d calls '
              'per variant, taken in turns, each rolled back\n'
              % (params['orgs'], '%.1f %.1f %.1f' % scale.os.getloadavg(),
                 args.reps))
        print('| write | old trigger | new trigger | new/old |')
        print('|---|---|---|---|')
        try:
            for label, fn in cases:
                samples = {'old': [], 'new': []}
                call(fn, 'old')  # warm-up: caches, plans
                call(fn, 'new')
                for i in range(args.reps):
                    # alternate which goes first, against drifts
                    order = ('old', 'new') if i % 2 else ('new', 'old')
                    for variant in order:
                        samples[variant].append(call(fn, variant))
                old = statistics.median(samples['old']) * 1000
                new = statistics.median(samples['new']) * 1000
                print('| %s | %.2f | %.2f | %.2f |'
                      % (label, old, new, new / old), flush=True)
        finally:
            model_class._lock_for_move = lock_for_move
            cr.rollback()
        print('\nload average at the end: %.1f %.1f %.1f'
              % scale.os.getloadavg())


if __name__ == '__main__':
    sys.exit(main())
