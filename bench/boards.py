"""Benchmark of the boards (issue 11, "Performance"): the figures of
`party.board.board_data()` for the province-wide manager (and the other
bench users), figure by figure.

    .venv/bin/python bench/boards.py [--db party_building_bench] [--reps 3]
        [--users manager,province_officer,officer]

Reuses the database of bench/scale.py as it is (no update, no new data:
`party.board` has no table), reads as each bench user (record rules
applying) with today's date, and rolls everything back. Prints, per user,
the time of each figure (median of --reps after one warm-up) and the
slowest one.
"""
import argparse
import contextlib
import statistics
import time

import scale

FIGURES = ['_board_life', '_board_shortfalls', '_board_terms',
           '_board_attendance', '_board_tasks', '_board_conversions',
           '_board_rectifications', '_board_assessments']


@contextlib.contextmanager
def timed_figures(cls, times):
    """Wrap each figure method of `cls` to add its time to `times`."""
    originals = {name: getattr(cls, name) for name in FIGURES}

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


def measure(env, user, reps):
    Board = env['party.board'].sudo(user.id)
    times = {}
    with timed_figures(type(env['party.board']), times):
        Board.board_data()  # warm-up: caches, plans
        times.clear()
        totals = []
        for _rep in range(reps):
            env.clear()
            start = time.perf_counter()
            data = Board.board_data()
            totals.append(time.perf_counter() - start)
    figures = {name: statistics.median(values)
               for name, values in times.items()}
    return data, figures, statistics.median(totals)


def make_secretary(env):
    """A secretary of one branch of the bench's tree (rolled back with the
    rest): the branch with the most meetings."""
    env.cr.execute("""
        SELECT organization_id FROM party_meeting
      GROUP BY organization_id ORDER BY count(*) DESC LIMIT 1""")
    row = env.cr.fetchone()
    branch = env['party.organization'].browse(row[0]) if row else \
        env['party.organization'].search([('kind', '=', 'branch')], limit=1)
    return env['res.users'].with_context(no_reset_password=True).create({
        'name': 'Bench secretary', 'login': 'bench_boards_secretary',
        'email': 'bench_boards_secretary@bench.example.com',
        'groups_id': [(6, 0, [
            env.ref('base.group_user').id,
            env.ref('party_building.group_secretary').id])],
        'party_organization_ids': [(6, 0, branch.ids)]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', default='party_building_bench')
    parser.add_argument('--reps', type=int, default=3)
    parser.add_argument('--users',
                        default='manager,province_officer,officer,secretary')
    args = parser.parse_args()
    odoo = scale.load_odoo()
    odoo.tools.config.parse_config(['-c', scale.CONF, '-d', args.db])
    registry = odoo.registry(args.db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            cr.execute("SELECT count(*) FROM party_organization")
            n_orgs = cr.fetchone()[0]
            cr.execute("SELECT count(*) FROM party_member")
            n_members = cr.fetchone()[0]
            print('# %s: %d organizations, %d members' % (
                args.db, n_orgs, n_members))
            for key in args.users.split(','):
                if key == 'secretary':
                    user = make_secretary(env)
                else:
                    user = env['res.users'].search(
                        [('login', '=', 'bench_%s' % key)])
                if not user:
                    print('%s: no user bench_%s' % (key, key))
                    continue
                data, figures, total = measure(env, user, args.reps)
                print('\n## %s (%s board, %s)' % (
                    key, data['board'], data['scope']))
                print('| figure | seconds |\n|---|---:|')
                for name, seconds in sorted(figures.items(),
                                            key=lambda item: -item[1]):
                    print('| %s | %.3f |' % (name[len('_board_'):], seconds))
                print('| **whole board** | **%.3f** |' % total)
                slowest = max(figures.items(), key=lambda item: item[1])
                print('slowest: %s %.3f s' % slowest)
        finally:
            cr.rollback()


if __name__ == '__main__':
    main()
