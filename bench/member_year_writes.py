"""Benchmark of what the yearly totals' triggers (party.member.year,
11.0.1.10.0) cost the writes that keep them, on the database of
bench/scale.py with the data of bench/service_hours.py.

    .venv/bin/python bench/member_year_writes.py [--db party_building_bench]
        [--reps 5] [--calls session,meeting,service,type]

Each call runs as the bench users through the ORM, in a savepoint rolled
back, with the triggers `on` and `off` (ALTER TABLE ... DISABLE TRIGGER in
the same savepoint: the writes as 11.0.1.9.0 made them), the two taking
turns call by call; median of --reps after one warm-up:

* `session`: the branch secretary records a study session with every
  member of her branch (40) as a participant;
* `meeting`: she records a party lecture of the branch with every member
  present and marks it held; the county officer then corrects its end time
  (the credits of its 40 attendances move);
* `service`: she records a service record for each member of the branch;
* `type`: a manager switches off "counts study hours" of the party lecture
  type: the credits of every present attendance of a held lecture in the
  province are computed again (measured once: the slowest write there is);
* `type_hours`: a manager changes the lecture type's hours for meetings
  without an end time: only those meetings' credits are computed again.
"""
import argparse
import json
import statistics
import time

import scale

TRIGGERS = [('party_study_record', 'party_member_year'),
            ('party_service_record', 'party_member_year'),
            ('party_meeting_attendance', 'party_member_year'),
            ('party_meeting_attendance', 'party_attendance_credit'),
            ('party_meeting', 'party_member_year'),
            ('party_meeting_type', 'party_member_year')]


def branch_members(env, root):
    return env['party.member'].search([('organization_id', '=', root),
                                       ('active', '=', True)])


def call_session(env, users, roots):
    members = branch_members(env, roots['branch'])
    env['party.study.session'].sudo(users['secretary']).create({
        'name': 'Bench session', 'kind': 'lecture',
        'organization_id': roots['branch'], 'date': '2026-03-10',
        'hours': 3.0, 'line_ids': [(0, 0, {'member_id': m.id, 'hours': 3.0})
                                   for m in members]})
    return len(members)


def call_meeting(env, users, roots):
    members = branch_members(env, roots['branch'])
    meeting = env['party.meeting'].sudo(users['secretary']).create({
        'name': 'Bench lecture',
        'type_id': env.ref('party_building.meeting_type_lecture').id,
        'organization_id': roots['branch'], 'tz': 'Asia/Shanghai',
        'start': '2026-03-10 01:00:00', 'end': '2026-03-10 03:00:00'})
    meeting.set_attendance(members.ids)
    meeting.action_held()
    meeting.sudo(users['officer']).write({'end': '2026-03-10 03:30:00'})
    return len(meeting.attendance_ids)


def call_service(env, users, roots):
    members = branch_members(env, roots['branch'])
    Record = env['party.service.record'].sudo(users['secretary'])
    for member in members:
        Record.create({'member_id': member.id, 'name': 'Bench service',
                       'date': '2026-03-10', 'hours': 2.0})
    return len(members)


def present_at_held(env, lecture):
    env.cr.execute("SELECT count(*) FROM party_meeting_attendance "
                   "WHERE type_id = %s AND state = 'present' "
                   "AND meeting_state = 'held'", [lecture.id])
    return env.cr.fetchone()[0]


def call_type(env, users, roots):
    lecture = env.ref('party_building.meeting_type_lecture')
    lecture.sudo(users['manager']).write({'counts_study_hours': False})
    return present_at_held(env, lecture)


def call_type_hours(env, users, roots):
    lecture = env.ref('party_building.meeting_type_lecture')
    lecture.sudo(users['manager']).write(
        {'study_hours': lecture.study_hours + 1})
    return present_at_held(env, lecture)


CALLS = {'session': call_session, 'meeting': call_meeting,
         'service': call_service, 'type': call_type,
         'type_hours': call_type_hours}
ONCE = ('type', 'type_hours')


def one_call(env, fn, users, roots, variant):
    cr = env.cr
    cr.execute("SAVEPOINT bench_call")
    if variant == 'off':
        for table, trigger in TRIGGERS:
            # pylint: disable=sql-injection
            cr.execute('ALTER TABLE %s DISABLE TRIGGER %s' % (table, trigger))
    env.clear()
    q0 = cr.sql_log_count
    t0 = time.perf_counter()
    result = fn(env, users, roots)
    seconds = time.perf_counter() - t0
    queries = cr.sql_log_count - q0
    cr.execute("ROLLBACK TO SAVEPOINT bench_call")
    return seconds, queries, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--db', default='party_building_bench')
    parser.add_argument('--reps', type=int, default=5)
    parser.add_argument('--calls', default='session,meeting,service,type,type_hours')
    parser.add_argument('--json')
    args = parser.parse_args()
    odoo = scale.load_odoo()
    odoo.tools.config.parse_config(['-c', scale.CONF, '-d', args.db])
    registry = odoo.registry(args.db)
    rows = []
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s",
                   [scale.PARAM_KEY])
        roots = scale.scope_roots(json.loads(cr.fetchone()[0]))
        users = scale.ensure_users(env, roots)
        cells = [(call, variant) for call in args.calls.split(',')
                 for variant in ('off', 'on')]
        samples = {cell: [] for cell in cells}
        results = {}
        try:
            for rep in range(args.reps + 1):
                for cell in cells:
                    call, variant = cell
                    if rep and call in ONCE:
                        continue
                    seconds, queries, result = one_call(
                        env, CALLS[call], users, roots, variant)
                    scale.log('%s %s: %.3f s, %d queries, %s' % (
                        call, variant, seconds, queries, result))
                    results[cell] = (queries, result)
                    if rep or call in ONCE:
                        samples[cell].append(seconds)
        finally:
            cr.rollback()
        print('\n# %s; load %.1f' % (args.db, scale.os.getloadavg()[0]))
        print('\n| call | records | triggers | queries | ms (n) | on / off |')
        print('|---|---:|---|---:|---:|---:|')
        for call, variant in cells:
            queries, result = results[call, variant]
            ms = statistics.median(samples[call, variant]) * 1000
            off = statistics.median(samples[call, 'off']) * 1000
            rows.append({'call': call, 'variant': variant, 'ms': ms,
                         'queries': queries, 'records': result})
            print('| %s | %s | %s | %d | %.0f (%d) | %s |' % (
                call, result, variant, queries, ms,
                len(samples[call, variant]),
                '%.2f' % (ms / off) if variant == 'on' else ''))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(rows, f, indent=1)


if __name__ == '__main__':
    main()
