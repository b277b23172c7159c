"""Grouped overviews over the organization tree (matrices, boards): one
mechanism that every capability reuses, never a copy per organization.

An overview reads the organizations of the user's scope -- under the
record rules, optionally within one organization -- and shows them at one
level of the tree:

- ``organization``: every organization of the reach is listed, when there
  are at most ``_overview_list_limit`` of them;
- ``area``: otherwise the organizations directly below the root each stand
  for their whole subtree (an *area*), and the root is shown on its own; a
  user with several separate scope roots sees those roots as the areas.
  An area row can be opened: the same overview, within that area, one
  level down.

A capability plugs in with three pieces:

1. a report (transient) model inheriting ``party.overview.mixin``, which
   brings the "Within" organization, the level shown and ``action_compute``;
   it implements ``_overview_fill(overview)`` (write its rows, usually one
   ``INSERT ... SELECT`` grouped by area) and ``_overview_action(overview)``
   (the window action showing them), and may extend ``_overview_check``;
2. a line (transient) model inheriting ``party.overview.line.mixin``
   (organization or area, level, organizations counted, the "open this
   area" button) with a ``report_id`` many2one to the report;
3. its per-organization facts as SQL over the two sets the mixin gives as
   SQL: ``_overview_orgs_sql(overview)`` -- one row ``(area_id, id, path,
   kind, company_id)`` per active organization of the scope in the areas,
   with the area it counts in -- and ``_overview_cover_sql(overview)`` --
   the ids of every organization below the roots, archived ones included,
   for figures summed over subtrees (members). Both apply the user's record
   rules themselves; grouping the facts by ``area_id`` gives the rows.

The number of statements does not depend on the number of organizations,
and no organization is loaded into Python.
"""
from collections import namedtuple

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .party_guard import trusted

# Above this many organizations in reach, an overview shows areas; the
# system parameter LIST_LIMIT_PARAM overrides it.
OVERVIEW_LIST_LIMIT = 300
LIST_LIMIT_PARAM = 'party_building.overview_list_limit'
# A reach holding more than this share of all organizations is "large": its
# figures are better read table by table than organization by organization.
LARGE_SHARE = 0.25

LEVELS = [
    ('area', 'Area'),
    ('organization', 'Organization'),
]

# level: one of LEVELS; roots: [(id, path)] the overview starts from;
# areas: [(id, path, whole subtree?)] one row of the overview each
Overview = namedtuple('Overview', 'level roots areas')


class PartyOverviewMixin(models.AbstractModel):
    """A report over the user's scope, grouped by area of the tree (see the
    module's docstring for how a capability plugs in)."""
    _name = 'party.overview.mixin'
    _description = 'Grouped Overview over the Organization Tree'
    # at most this many organizations are listed one by one (unless the
    # system parameter LIST_LIMIT_PARAM says otherwise)
    _overview_list_limit = OVERVIEW_LIST_LIMIT

    organization_id = fields.Many2one(
        'party.organization', string='Within',
        help="Only this organization and those below it; empty: your whole "
             "scope.")
    level = fields.Selection(
        LEVELS, string='Shown by', readonly=True, copy=False,
        help="Areas (each organization directly below, with everything "
             "below it) when there are too many organizations to list them "
             "one by one.")

    # -- the flow ------------------------------------------------------------

    @api.multi
    def action_compute(self):
        self.ensure_one()
        self._overview_check()
        overview = self._overview_read()
        trusted(self).write({'level': overview.level})
        self._overview_fill(overview)
        return self._overview_action(overview)

    def _overview_fill(self, overview):
        """Write the rows of `overview` (an :data:`Overview`)."""
        raise NotImplementedError()

    def _overview_action(self, overview):
        """The window action that shows the rows written."""
        raise NotImplementedError()

    def _overview_check(self):
        """Refuse what the user may not ask; extended by the capabilities
        for their own parameters."""
        within = self.organization_id
        if within and not self.env['party.organization'].search_count(
                [('id', '=', within.id)]):
            # not named: the user may not see it
            raise AccessError(_(
                "The overview can only be opened within an organization of "
                "your scope."))

    def _overview_drill(self, area):
        """The same overview within `area`, one level down, in a new report
        (the previous one stays behind the breadcrumb)."""
        self.ensure_one()
        values = self.copy_data({'organization_id': area.id})[0]
        action = self.create(values).action_compute()
        action['target'] = 'current'
        return action

    # -- the level and the areas ---------------------------------------------

    def _overview_scope_query(self, active_test=True):
        """(from clause, where clause, params) of the organizations the
        user may read, with the record rules (table party_organization)."""
        Org = self.env['party.organization']
        query = Org._where_calc([], active_test=active_test)
        Org._apply_ir_rules(query, 'read')
        from_clause, where_clause, params = query.get_sql()
        return from_clause, where_clause or 'TRUE', list(params)

    def _overview_roots(self):
        """[(id, path)]: the organization the overview is within, else the
        top organizations of the user's scope (those whose parent the user
        does not see), in one query."""
        within = self.organization_id
        if within:
            return [(within.id, within.sudo().path)]
        from_clause, where, params = self._overview_scope_query()
        # the clauses come from the ORM (_where_calc, the record rules),
        # their values are parameters
        query = """
            SELECT party_organization.id, party_organization.path
              FROM %(from)s
             WHERE %(where)s
               AND (party_organization.parent_id IS NULL
                    OR party_organization.parent_id NOT IN (
                        SELECT party_organization.id FROM %(from)s
                         WHERE %(where)s))
          ORDER BY party_organization.path
        """ % {'from': from_clause, 'where': where}
        # identifiers and clauses from the ORM, values as parameters
        self.env.cr.execute(query, params + params)  # pylint: disable=sql-injection
        return self.env.cr.fetchall()

    def _overview_read(self):
        """The :data:`Overview` to show: organizations one by one if the
        reach holds few enough, else areas. A fixed number of queries."""
        roots = self._overview_roots()
        if not roots:
            return Overview('organization', [], [])
        limit = self._overview_listing_limit()
        from_clause, where, params = self._overview_scope_query()
        reach, reach_params = self._overview_prefixes(
            [path for _id, path in roots])
        # unordered, so that a province's reach stops at limit + 1 rows
        # instead of sorting all its organizations; a listing is sorted below
        query = """
            SELECT party_organization.id, party_organization.path
              FROM %(from)s
             WHERE %(where)s AND (%(reach)s)
             LIMIT %%s
        """ % {'from': from_clause, 'where': where, 'reach': reach}
        # clauses from the ORM and _overview_prefixes, values as parameters
        self.env.cr.execute(  # pylint: disable=sql-injection
            query, params + reach_params + [limit + 1])
        listed = sorted(self.env.cr.fetchall(), key=lambda row: row[1])
        if len(listed) <= limit:
            return Overview('organization', roots,
                            [(org_id, path, False) for org_id, path in listed])
        if len(roots) > 1:
            return Overview('area', roots,
                            [(org_id, path, True) for org_id, path in roots])
        root_id, root_path = roots[0]
        # archived children too: their active descendants count in them
        from_clause, where, params = self._overview_scope_query(
            active_test=False)
        query = """
            SELECT party_organization.id, party_organization.path
              FROM %(from)s
             WHERE %(where)s AND party_organization.parent_id = %%s
          ORDER BY party_organization.path
        """ % {'from': from_clause, 'where': where}
        # clauses from the ORM, values as parameters
        self.env.cr.execute(query, params + [root_id])  # pylint: disable=sql-injection
        children = self.env.cr.fetchall()
        return Overview('area', roots, [(root_id, root_path, False)] + [
            (org_id, path, True) for org_id, path in children])

    def _overview_listing_limit(self):
        # ir.config_parameter caches its values: no query per call
        value = self.env['ir.config_parameter'].sudo().get_param(
            LIST_LIMIT_PARAM)
        try:
            return max(int(value), 0) if value else self._overview_list_limit
        except ValueError:
            return self._overview_list_limit

    def _overview_is_large(self, overview, share=LARGE_SHARE):
        """Whether the reach of `overview` holds more than `share` of all
        organizations (as PostgreSQL estimates them): then reading a table
        once costs less than a probe per organization. One query, which
        stops counting at that number."""
        if overview.level != 'area':
            return False
        self.env.cr.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'party_organization'")
        limit = int(max(self.env.cr.fetchone()[0], 0) * share)
        reach, params = self._overview_prefixes(
            [path for _id, path in overview.roots])
        query = """
            SELECT count(*) FROM (
                SELECT 1 FROM party_organization
                 WHERE %s LIMIT %%s) reach
        """ % reach
        params.append(limit + 1)
        # the clause comes from _overview_prefixes, values as parameters
        self.env.cr.execute(query, params)  # pylint: disable=sql-injection
        return self.env.cr.fetchone()[0] > limit

    @staticmethod
    def _overview_prefixes(paths, column='party_organization.path'):
        """(SQL, params): `column` starts with one of `paths`, written as
        ranges the path prefix index serves."""
        clause = ' OR '.join(
            ["(%s::text ~>=~ %%s AND %s::text ~<~ %%s)" % (column, column)]
            * len(paths)) or 'FALSE'
        params = []
        for path in paths:
            params += [path, path + '~']
        return clause, params

    # -- the sets a capability's facts read ----------------------------------

    def _overview_orgs_sql(self, overview, large=False):
        """(SQL, params) of rows (area_id, id, path, kind, company_id): each
        active organization of the user's scope in the areas of `overview`,
        with the area it counts in. `large`: the areas hold a good part of
        all organizations (:meth:`_overview_is_large`)."""
        from_clause, where, params = self._overview_scope_query()
        subtrees = [(i, p) for i, p, whole in overview.areas if whole]
        own = [i for i, _p, whole in overview.areas if not whole]
        depths = {path.count('/') for _i, path in subtrees}
        if large and len(depths) == 1:
            # one pass over the table, each organization joined to its area
            # by the id at the areas' depth of its path: cheaper than a
            # range of the path index per area, which reads most pages of
            # the table once per area
            area_clause = """
                nullif(split_part(party_organization.path::text, '/', %s),
                       '')::integer = area.id""" % depths.pop()
        else:
            area_clause = """
                party_organization.path::text ~>=~ area.path
                AND party_organization.path::text ~<~ (area.path || '~')"""
        columns = """party_organization.id, party_organization.path::text,
                     party_organization.kind,
                     party_organization.company_id"""
        query = """
            SELECT area.id AS area_id, %(columns)s
              FROM unnest(%%s::integer[], %%s::text[]) AS area(id, path),
                   %(from)s
             WHERE %(area)s
               AND %(where)s
         UNION ALL
            SELECT party_organization.id AS area_id, %(columns)s
              FROM %(from)s
             WHERE party_organization.id IN (
                   SELECT unnest(%%s::integer[]))
               AND %(where)s
        """ % {'from': from_clause, 'where': where, 'columns': columns,
               'area': area_clause}
        return query, ([[i for i, _p in subtrees], [p for _i, p in subtrees]]
                       + params + [own] + params)

    def _overview_cover_sql(self, overview):
        """(SQL, params) of rows (id, kind, parent_id, path): every
        organization below the roots of `overview` that the user may read,
        archived ones included."""
        from_clause, where, params = self._overview_scope_query(
            active_test=False)
        reach, reach_params = self._overview_prefixes(
            [path for _id, path in overview.roots])
        query = """
            SELECT party_organization.id, party_organization.kind,
                   party_organization.parent_id,
                   party_organization.path::text
              FROM %(from)s
             WHERE %(where)s AND (%(reach)s)
        """ % {'from': from_clause, 'where': where, 'reach': reach}
        return query, params + reach_params


class PartyOverviewLineMixin(models.AbstractModel):
    """A row of an overview: one area or one organization. The concrete
    line model adds `report_id`, a many2one to its report."""
    _name = 'party.overview.line.mixin'
    _description = 'Grouped Overview Row'

    organization_id = fields.Many2one(
        'party.organization', string='Area or Organization', readonly=True)
    level = fields.Selection(LEVELS, readonly=True)
    organization_count = fields.Integer(
        string='Organizations Counted', readonly=True,
        help="Organizations counted in this row.")

    @api.multi
    def action_open_area(self):
        """The overview within this area, one level down."""
        self.ensure_one()
        if self.level != 'area':
            raise UserError(_("Only an area can be opened: this row is a "
                              "single organization."))
        return self.report_id._overview_drill(self.organization_id)
