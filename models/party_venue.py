"""Activity venues (阵地): where organizations meet, what they hold, how
they are paid for. Set-based: completeness, gaps, funding warnings and the
organizations without a venue are read in a fixed number of statements."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_guard import trusted

VENUE_STATES = [
    ('planned', 'Planned'),
    ('construction', 'Under Construction'),
    ('in_use', 'In Use'),
    ('closed', 'Closed Down'),
]
# Served organizations of a venue: those it names and everything below
# them (a committee's service centre serves its branches), on the path
# index. %(venue)s: a condition on the venue `v`.
COVERED_SQL = """
    SELECT DISTINCT o.id
      FROM party_venue v
      JOIN party_venue_organization_rel r ON r.venue_id = v.id
      JOIN party_organization s ON s.id = r.organization_id
      JOIN party_organization o
        ON o.path::text ~>=~ s.path::text
       AND o.path::text ~<~ (s.path::text || '~')
     WHERE v.active AND v.state = 'in_use'
"""
WARNINGS = ('warning_over_budget', 'warning_borrowed', 'warning_duplicate',
            'warning_area')


def check_non_negative(model, vals, names):
    """Refuse a negative value among `names` before the database's check
    constraint does (in English, with the transaction lost)."""
    for name in names:
        value = vals.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and value < 0:
            raise ValidationError(_(
                "%(field)s cannot be negative.") % {
                    'field': model._fields[name]._description_string(
                        model.env)})


class PartyVenue(models.Model):
    """An activity venue, managed by one organization, serving several."""
    _name = 'party.venue'
    _description = 'Activity Venue'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'name, id'

    name = fields.Char(required=True, track_visibility='onchange')
    organization_id = fields.Many2one(
        string='Managed by',
        help="The organization that manages the venue; it is always among "
             "the organizations served.")
    area_id = fields.Many2one(
        'party.organization', string='Area', related='organization_id.parent_id',
        store=True, readonly=True, index=True,
        help="The organization right above the managing one: venues are "
             "compared area by area.")
    organization_ids = fields.Many2many(
        'party.organization', 'party_venue_organization_rel', 'venue_id',
        'organization_id', string='Organizations Served',
        help="The organizations that use the venue, and those below them.")
    kind_id = fields.Many2one('party.venue.kind', string='Venue Kind',
                              required=True, ondelete='restrict',
                              track_visibility='onchange')
    is_online = fields.Boolean(related='kind_id.is_online', readonly=True)
    state = fields.Selection(VENUE_STATES, required=True, default='planned',
                             readonly=True, index=True,
                             track_visibility='onchange')
    closed_date = fields.Date(
        string='Closed on', track_visibility='onchange',
        help="From this day no spending can be recorded on the venue.")
    address = fields.Char()
    area = fields.Float(string='Area (m²)', track_visibility='onchange')
    capacity = fields.Integer(help="How many people it seats.")
    manager_id = fields.Many2one('party.member', string='Venue Manager',
                                 track_visibility='onchange')
    opening_hours = fields.Char(help="As shown at the door, e.g. "
                                     "Mon–Fri 9:00–17:00.")
    weekly_open_hours = fields.Float(
        string='Hours Open per Week',
        help="Used for the utilization: hours booked / hours open.")
    functions = fields.Text(help="What the venue is used for: meetings, "
                                 "education, services to the public...")
    rules = fields.Text(string='Management Rules')
    rule_ids = fields.Many2many(
        'party.rule', 'party_venue_rule_rel', 'venue_id', 'rule_id',
        string='Rules in the Registry',
        domain=[('state', '=', 'in_force')],
        help="The work rules (Work Rules and Plans) that govern the venue, "
             "e.g. its management and opening rules.")
    image = fields.Binary(string='Photo', attachment=True)
    attachment_ids = fields.Many2many('ir.attachment', string='Photos')
    equipment_ids = fields.One2many('party.venue.equipment', 'venue_id',
                                    string='Equipment')
    booking_ids = fields.One2many('party.venue.booking', 'venue_id',
                                  string='Bookings')
    funding_ids = fields.One2many('party.venue.funding', 'venue_id',
                                  string='Funding Sources')
    spending_ids = fields.One2many('party.venue.spending', 'venue_id',
                                   string='Spending')
    currency_id = fields.Many2one(related='company_id.currency_id',
                                  readonly=True)
    budget = fields.Monetary(track_visibility='onchange')
    spent = fields.Monetary(compute='_compute_spent', store=True)
    completeness = fields.Float(
        string='Equipment Completeness (%)', compute='_compute_completeness',
        store=True, group_operator='avg',
        help="Share of the equipment its kind's standard requires that the "
             "venue holds in usable condition.")
    warning_over_budget = fields.Boolean(
        string='Over Budget', compute='_compute_warnings',
        search='_search_warning_over_budget')
    warning_borrowed = fields.Boolean(
        string='Borrowed Money', compute='_compute_warnings',
        search='_search_warning_borrowed')
    warning_duplicate = fields.Boolean(
        string='Duplicate Building', compute='_compute_warnings',
        search='_search_warning_duplicate')
    warning_area = fields.Boolean(
        string='Area Above the Norm', compute='_compute_warnings',
        search='_search_warning_area')
    has_warning = fields.Boolean(
        string='Funding Warning', compute='_compute_warnings',
        search='_search_has_warning')
    warning_text = fields.Text(string='Funding Warnings',
                               compute='_compute_warnings')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('area_non_negative', 'CHECK (area >= 0)',
         'The area of a venue cannot be negative.'),
        ('capacity_non_negative', 'CHECK (capacity >= 0)',
         'The capacity of a venue cannot be negative.'),
        ('budget_non_negative', 'CHECK (budget >= 0)',
         'The budget of a venue cannot be negative.'),
        ('weekly_open_hours_range',
         'CHECK (weekly_open_hours >= 0 AND weekly_open_hours <= 168)',
         'A venue is open between 0 and 168 hours a week.'),
    ]

    # -- computes ----------------------------------------------------------

    @api.depends('spending_ids.amount')
    def _compute_spent(self):
        for venue in self:
            venue.spent = sum(venue.spending_ids.mapped('amount'))

    @api.depends('kind_id.requirement_ids.quantity',
                 'kind_id.requirement_ids.item_id',
                 'equipment_ids.quantity', 'equipment_ids.item_id',
                 'equipment_ids.condition')
    def _compute_completeness(self):
        for venue in self:
            required = {r.item_id.id: r.quantity
                        for r in venue.kind_id.requirement_ids}
            held = {}
            for line in venue.equipment_ids:
                if line.condition != 'broken':
                    held[line.item_id.id] = held.get(line.item_id.id, 0) \
                        + line.quantity
            total = sum(required.values())
            met = sum(min(held.get(item, 0), quantity)
                      for item, quantity in required.items())
            venue.completeness = 100.0 * met / total if total else 100.0

    def _compute_warnings(self):
        labels = dict(self._warning_labels())
        found = self._warning_ids(self.ids)
        for venue in self:
            for name in WARNINGS:
                venue[name] = venue.id in found[name]
            raised = [labels[name] for name in WARNINGS if venue[name]]
            venue.has_warning = bool(raised)
            venue.warning_text = '\n'.join(raised) or False

    def _warning_labels(self):
        return [
            ('warning_over_budget',
             _("Spending exceeds the budget.")),
            ('warning_borrowed',
             _("Funded by borrowed money.")),
            ('warning_duplicate',
             _("Planned for organizations already served by a venue of "
               "this kind in use.")),
            ('warning_area',
             _("The area exceeds the norm for the members of the "
               "organizations served.")),
        ]

    # -- warnings, set-based ---------------------------------------------

    def _warning_queries(self):
        """{warning: SELECT of the ids of the venues that raise it}, each
        reading the venues of %(ids)s (None: all venues)."""
        venues = ("(%(ids)s::integer[] IS NULL "
                  "OR v.id = ANY(%(ids)s::integer[]))")
        return {
            'warning_over_budget': """
                SELECT v.id FROM party_venue v
                 WHERE """ + venues + """
                   AND COALESCE(v.spent, 0) > COALESCE(v.budget, 0)""",
            'warning_borrowed': """
                SELECT DISTINCT v.id FROM party_venue v
                  JOIN party_venue_funding f ON f.venue_id = v.id
                 WHERE """ + venues + " AND f.borrowed",
            # planned for an organization that an in-use venue of the same
            # kind already serves (itself, or one of its ancestors)
            'warning_duplicate': """
                SELECT DISTINCT v.id FROM party_venue v
                  JOIN party_venue_organization_rel r ON r.venue_id = v.id
                  JOIN party_organization o ON o.id = r.organization_id
                  JOIN party_venue u ON u.kind_id = v.kind_id
                   AND u.id != v.id AND u.active AND u.state = 'in_use'
                  JOIN party_venue_organization_rel ur ON ur.venue_id = u.id
                  JOIN party_organization s ON s.id = ur.organization_id
                 WHERE """ + venues + """
                   AND v.state IN ('planned', 'construction')
                   AND o.path::text ~>=~ s.path::text
                   AND o.path::text ~<~ (s.path::text || '~')""",
            # members of the organizations served (and below them), from
            # the counts kept by triggers; the smallest norm that holds
            # them, else the largest
            'warning_area': """
                SELECT v.id FROM party_venue v
                 CROSS JOIN LATERAL (
                       SELECT COALESCE(sum(c.member_count), 0) AS members
                         FROM party_organization o
                         JOIN party_member_count c ON c.organization_id = o.id
                        WHERE EXISTS (
                              SELECT 1 FROM party_venue_organization_rel r
                                JOIN party_organization s
                                  ON s.id = r.organization_id
                               WHERE r.venue_id = v.id
                                 AND o.path::text ~>=~ s.path::text
                                 AND o.path::text ~<~ (s.path::text || '~'))
                       ) m
                 CROSS JOIN LATERAL (
                       SELECT n.max_area FROM party_venue_area_norm n
                        WHERE n.company_id = v.company_id
                        ORDER BY n.max_members < m.members,
                                 CASE WHEN n.max_members >= m.members
                                      THEN n.max_members
                                      ELSE -n.max_members END
                        LIMIT 1) norm
                 WHERE """ + venues + " AND v.area > norm.max_area",
        }

    @api.model
    def _warning_ids(self, ids):
        """{warning: set of venue ids} among `ids`: one statement per
        warning, whatever the number of venues."""
        found = {name: set() for name in WARNINGS}
        ids = [i for i in ids if isinstance(i, int)]
        if not ids:
            return found
        for name, query in self._warning_queries().items():
            self.env.cr.execute(query, {'ids': ids})  # pylint: disable=sql-injection
            found[name] = {row[0] for row in self.env.cr.fetchall()}
        return found

    def _search_warning(self, names, operator, value):
        if operator not in ('=', '!='):
            raise UserError(_("Unsupported search on a funding warning."))
        positive = (operator == '=') == bool(value)
        queries = self._warning_queries()
        query = ' UNION '.join('(%s)' % queries[name] for name in names)
        # the query's only parameter: no id filter
        query = query.replace('%(ids)s::integer[]', 'NULL::integer[]')
        return [('id', 'inselect' if positive else 'not inselect',
                 (query, []))]

    def _search_warning_over_budget(self, operator, value):
        return self._search_warning(['warning_over_budget'], operator, value)

    def _search_warning_borrowed(self, operator, value):
        return self._search_warning(['warning_borrowed'], operator, value)

    def _search_warning_duplicate(self, operator, value):
        return self._search_warning(['warning_duplicate'], operator, value)

    def _search_warning_area(self, operator, value):
        return self._search_warning(['warning_area'], operator, value)

    def _search_has_warning(self, operator, value):
        return self._search_warning(list(WARNINGS), operator, value)

    # -- constraints -------------------------------------------------------

    @api.constrains('organization_id', 'organization_ids')
    def _check_company(self):
        for venue in self.sudo():
            others = venue.organization_ids.filtered(
                lambda o: o.company_id != venue.company_id)
            if others:
                raise ValidationError(_(
                    "%(venue)s can serve only organizations of its own "
                    "company.") % {'venue': venue.name})

    @api.constrains('state', 'closed_date')
    def _check_closed_date(self):
        for venue in self.sudo():
            if venue.state == 'closed' and not venue.closed_date:
                raise ValidationError(_(
                    "Enter the day %(venue)s closed.") % {
                        'venue': venue.name})

    # -- CRUD --------------------------------------------------------------

    @api.model
    def create(self, vals):
        check_non_negative(self, vals, ('area', 'capacity', 'budget',
                                        'weekly_open_hours'))
        venue = super(PartyVenue, self).create(vals)
        venue._serve_manager()
        return venue

    @api.multi
    def write(self, vals):
        check_non_negative(self, vals, ('area', 'capacity', 'budget',
                                        'weekly_open_hours'))
        res = super(PartyVenue, self).write(vals)
        if 'organization_id' in vals or 'organization_ids' in vals:
            self._serve_manager()
        return res

    def _serve_manager(self):
        """The managing organization is always among those served."""
        for venue in self:
            if venue.organization_id not in venue.organization_ids:
                super(PartyVenue, venue).write({'organization_ids': [
                    (4, venue.organization_id.id)]})

    # -- workflow ----------------------------------------------------------

    @api.multi
    def action_construction(self):
        self._set_state(('planned',), 'construction')
        return True

    @api.multi
    def action_in_use(self):
        self._set_state(('planned', 'construction', 'closed'), 'in_use',
                        closed_date=False)
        return True

    @api.multi
    def action_close(self):
        # the day it closed: kept if entered before, else today
        for venue in self:
            venue._set_state(
                ('planned', 'construction', 'in_use'), 'closed',
                closed_date=venue.closed_date
                or fields.Date.context_today(venue))
        return True

    def _set_state(self, allowed, state, **vals):
        self.check_access_rights('write')
        self.check_access_rule('write')
        if any(venue.state not in allowed for venue in self):
            raise UserError(_(
                "This step does not apply to a venue in its current "
                "state."))
        trusted(self).write(dict(vals, state=state))

    # -- scope-wide reads --------------------------------------------------

    @api.model
    def _covered_organization_ids(self):
        """The SELECT of the organizations that have a venue in use (one
        serving them or an organization above them)."""
        return COVERED_SQL

    @api.model
    def _equipment_gaps(self, venues):
        """[(venue id, item id, required, held, missing)] of `venues`
        (which the user must read): one statement, whatever their
        number."""
        venues.check_access_rule('read')
        venue_ids = venues.ids
        self.env.cr.execute("""
            SELECT v.id, q.item_id, q.quantity,
                   COALESCE(h.held, 0),
                   q.quantity - COALESCE(h.held, 0)
              FROM party_venue v
              JOIN party_venue_requirement q ON q.kind_id = v.kind_id
              LEFT JOIN (
                   SELECT venue_id, item_id, sum(quantity) AS held
                     FROM party_venue_equipment
                    WHERE condition != 'broken'
                 GROUP BY venue_id, item_id) h
                ON h.venue_id = v.id AND h.item_id = q.item_id
             WHERE v.id = ANY(%s)
               AND COALESCE(h.held, 0) < q.quantity
          ORDER BY v.id, q.item_id
        """, [list(venue_ids)])
        return self.env.cr.fetchall()

    @api.model
    def _equipment_gaps_by_area(self, areas, venues):
        """{area id: {item id: missing}}: the gaps of `venues` managed
        in each organization of `areas` or below it (both read by the
        user). One statement."""
        venues.check_access_rule('read')
        areas.check_access_rule('read')
        area_ids, venue_ids = areas.ids, venues.ids
        self.env.cr.execute("""
            SELECT a.id, q.item_id,
                   sum(q.quantity - LEAST(COALESCE(h.held, 0), q.quantity))
              FROM party_organization a
              JOIN party_organization o
                ON o.path::text ~>=~ a.path::text
               AND o.path::text ~<~ (a.path::text || '~')
              JOIN party_venue v ON v.organization_id = o.id
              JOIN party_venue_requirement q ON q.kind_id = v.kind_id
              LEFT JOIN (
                   SELECT venue_id, item_id, sum(quantity) AS held
                     FROM party_venue_equipment
                    WHERE condition != 'broken'
                 GROUP BY venue_id, item_id) h
                ON h.venue_id = v.id AND h.item_id = q.item_id
             WHERE a.id = ANY(%s) AND v.id = ANY(%s)
               AND COALESCE(h.held, 0) < q.quantity
          GROUP BY a.id, q.item_id
        """, [list(area_ids), list(venue_ids)])
        gaps = {}
        for area_id, item_id, missing in self.env.cr.fetchall():
            gaps.setdefault(area_id, {})[item_id] = missing
        return gaps
