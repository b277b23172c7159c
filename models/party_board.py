"""The boards (数据可视化): the state of the user's scope at a glance, one
board per role, each figure one grouped query read as the user (record
rules applying) and each clicking through to the records behind it.

- a viewer or a secretary gets the board of their branch(es): meetings
  due this period, attendance this year, open tasks, terms, members due
  for conversion;
- an officer gets the board of their scope, a manager of their company:
  setup shortfalls by kind, terms, meeting completion by area,
  weak-and-lax cases, assessment progress in open campaigns.

The figures come from :meth:`PartyBoard.board_data`, which decides the
board from the user's groups (never from the caller) and reads everything
as the user: over RPC it gives nothing a user could not count in the
lists. The number of queries does not depend on the number of
organizations.
"""
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .mail_activity import join_list
from .party_meeting_type import period_bounds

# At most this many organizations of a scope are listed one by one in
# "meeting completion by area"; above, the areas of the overview mixin.
BOARD_LIST_LIMIT = 12

SHORTFALLS = [
    # key, SQL condition, domain: the same set (labels: _labels)
    ('committee_incomplete',
     "party_organization.kind != 'group' "
     "AND NOT coalesce(party_organization.committee_complete, false)",
     [('kind', '!=', 'group'), ('committee_complete', '=', False)]),
    ('secretary_vacant',
     "party_organization.secretary_vacancy_long",
     [('secretary_vacancy_long', '=', True)]),
    ('too_few',
     "party_organization.size_advice = 'joint_branch'",
     [('size_advice', '=', 'joint_branch')]),
    ('too_many',
     "party_organization.size_advice IN ('general_branch', 'committee')",
     [('size_advice', 'in', ['general_branch', 'committee'])]),
    ('weak_lax',
     "party_organization.weak_lax",
     [('weak_lax', '=', True)]),
]
TERMS = [
    ('term_expiring',
     "party_organization.term_status = 'expiring'",
     [('term_status', '=', 'expiring')]),
    ('term_overdue',
     "party_organization.term_status = 'overdue'",
     [('term_status', '=', 'overdue')]),
    ('term_none',
     "party_organization.term_status = 'none'",
     [('term_status', '=', 'none')]),
]


def window_action(name, model, domain, views=('list', 'form')):
    """The window action a figure opens: the records behind it. The web
    client gets it as it is (not through the server's clean_action), so
    its list view is 'list', not 'tree'."""
    return {
        'type': 'ir.actions.act_window',
        'name': name,
        'res_model': model,
        'views': [[False, view] for view in views],
        'view_mode': ','.join(views),
        'domain': domain,
        'context': {},
        'target': 'current',
    }


class PartyBoard(models.AbstractModel):
    """The boards' figures (no table: everything is read live)."""
    _name = 'party.board'
    _inherit = ['party.meeting.compliance.mixin', 'party.overview.mixin']
    _description = 'Party Building Board'

    @api.model
    def board_data(self):
        """The board of the current user: a dict the client action renders
        (title, sections of figures, each figure with the window action on
        its records). Read as the user; the board follows the user's
        groups."""
        # records' names and states in the user's language, whoever calls
        self = self.with_context(
            lang=self.env.context.get('lang') or self.env.user.lang)
        user = self.env.user
        role = user.party_role
        if not role:
            raise AccessError(_("The board is for party-building users."))
        today = fields.Date.from_string(fields.Date.context_today(self))
        scope = role in ('officer', 'manager')
        life = self._board_life(today, by_area=scope)
        if scope:
            sections = [
                self._board_shortfalls(),
                life['areas'],
                self._board_rectifications(),
                self._board_assessments(),
                life['types'],
            ]
            title = _("Company Board") if role == 'manager' \
                else _("Scope Board")
        else:
            sections = [
                life['types'],
                self._board_attendance(today),
                self._board_tasks(today),
                self._board_terms(),
                self._board_conversions(today),
            ]
            title = _("Branch Board")
        return {
            'role': role,
            'board': 'scope' if scope else 'branch',
            'title': title,
            'scope': self._board_scope_label(life['roots'], role),
            'today': fields.Date.to_string(today),
            'empty': _("Nothing to show in your scope."),
            'sections': [section for section in sections if section],
        }

    @api.multi
    def action_compute(self):
        """The overview mixin's entry point means nothing here (the board
        has no records); refused plainly over RPC."""
        raise UserError(_("The board is read with board_data, not "
                          "computed."))

    # -- helpers -------------------------------------------------------------

    def _labels(self):
        """The names of the organization figures, in the user's
        language (the same words as the filters of the organizations)."""
        return {
            'committee_incomplete': _("Committee Incomplete"),
            'secretary_vacant': _("Secretary Vacant Too Long"),
            'too_few': _("Too Few Full Members"),
            'too_many': _("Too Many Members"),
            'weak_lax': _("Weak and Lax"),
            'term_expiring': _("Term Expiring"),
            'term_overdue': _("Term Overdue"),
            'term_none': _("No Term"),
        }

    def _board_listing_limit(self):
        return BOARD_LIST_LIMIT

    # the overview mixin asks this of the report using it
    def _overview_listing_limit(self):
        return self._board_listing_limit()

    def _board_scope_label(self, roots, role):
        if role == 'manager':
            return self.env.user.company_id.name
        names = self.env['party.organization'].browse(
            [root_id for root_id, _path in roots]).mapped('name')
        return join_list(self.env, names) if names \
            else _("No organizations")

    @staticmethod
    def _item(key, label, value, action, tone=None, **extra):
        item = {'key': key, 'label': label, 'value': value,
                'action': action, 'tone': tone or ('alert' if value else
                                                   'ok')}
        item.update(extra)
        return item

    def _org_counts(self, conditions):
        """{key: count} of the organizations of the scope (record rules)
        meeting each condition, in one aggregate."""
        Org = self.env['party.organization']
        query = Org._where_calc([])
        Org._apply_ir_rules(query, 'read')
        from_clause, where, params = query.get_sql()
        columns = ', '.join('count(*) FILTER (WHERE %s)' % condition
                            for _key, condition, _domain in conditions)
        sql = "SELECT %s FROM %s WHERE %s" % (
            columns, from_clause, where or 'TRUE')
        # the conditions are constants, the clauses from the ORM, values
        # as parameters
        self.env.cr.execute(sql, params)  # pylint: disable=sql-injection
        row = self.env.cr.fetchone()
        return {conditions[i][0]: row[i] for i in range(len(conditions))}

    # -- the figures ---------------------------------------------------------

    def _board_shortfalls(self):
        """Setup shortfalls by kind, and the terms (one aggregate)."""
        conditions = SHORTFALLS + TERMS
        counts = self._org_counts(conditions)
        labels = self._labels()
        items = [self._item(key, labels[key], counts[key], window_action(
            labels[key], 'party.organization', domain))
            for key, _condition, domain in conditions]
        return {'key': 'shortfalls', 'kind': 'tiles',
                'title': _("Setup Shortfalls"),
                'note': _("Organizations of your scope, as of the last "
                          "daily setup review."),
                'items': items}

    def _board_terms(self):
        counts = self._org_counts(TERMS)
        labels = self._labels()
        items = [self._item(key, labels[key], counts[key], window_action(
            labels[key], 'party.organization', domain))
            for key, _condition, domain in TERMS]
        return {'key': 'terms', 'kind': 'tiles', 'title': _("Terms"),
                'note': _("Term elections due: expiring soon, overdue, or "
                          "no term recorded."),
                'items': items}

    def _board_life(self, today, by_area):
        """Meetings due this period, by meeting type and (`by_area`) by
        area: each type judged on its period containing today (this month
        for monthly meetings, this quarter for quarterly ones...), from the
        compliance computation (party_meeting_compliance), one statement.
        Returns {'types', 'areas', 'roots'}."""
        result = {'types': None, 'areas': None, 'roots': []}
        overview = self._overview_read()
        result['roots'] = overview.roots
        types = self.env['party.meeting.type'].search([])
        if not overview.areas or not types:
            return result
        start, end = period_bounds('month', today)
        sql, params, spans = self._compliance_totals_sql(
            overview, types, start, end)
        # SQL from the overview mixin and constants, values as parameters
        rows = self._compliance_execute(sql + """
            SELECT area_id, type_id, organization_count, compliant_count,
                   required, held, missing
              FROM totals
        """, params)
        # whole numbers and dates as text: the figures go over RPC
        rows = [(area_id, type_id) + tuple(int(v or 0) for v in values)
                for area_id, type_id, *values in rows]
        spans = {type_id: (fields.Date.to_string(span_start),
                           fields.Date.to_string(span_end))
                 for type_id, (span_start, span_end) in spans.items()}
        type_by_id = {t.id: t for t in types}
        result['types'] = self._board_life_types(rows, type_by_id, spans)
        if by_area:
            result['areas'] = self._board_life_areas(rows, type_by_id, spans,
                                                     overview)
        return result

    @staticmethod
    def _held_domain(type_spans):
        """Held meetings of these (type id, (start, end)) pairs."""
        domain = []
        for type_id, (span_start, span_end) in type_spans:
            clause = ['&', '&', ('type_id', '=', type_id),
                      ('local_date', '>=', span_start),
                      ('local_date', '<=', span_end)]
            domain = (['|'] + domain + clause) if domain else clause
        return [('state', '=', 'held')] + (domain or [('id', '=', 0)])

    def _board_life_types(self, rows, type_by_id, spans):
        totals = {}
        for _area, type_id, orgs, compliant, required, held, missing in rows:
            total = totals.setdefault(type_id, [0, 0, 0, 0, 0])
            for i, value in enumerate((orgs, compliant, required, held,
                                       missing)):
                total[i] += value or 0
        items = []
        for meeting_type in sorted(
                (type_by_id[i] for i in totals),
                key=lambda t: (t.sequence, t.id)):
            orgs, compliant, required, held, missing = totals[
                meeting_type.id]
            span_start, span_end = spans[meeting_type.id]
            done = required - missing
            value = held
            if meeting_type.per_member:
                talks = [('date', '>=', span_start), ('date', '<=', span_end)]
                action = window_action(meeting_type.name, 'party.talk', talks)
                # the figure is the talks the click lists (the bar: members
                # talked with, who may have had several)
                value = self.env['party.talk'].search_count(talks)
            else:
                action = window_action(
                    meeting_type.name, 'party.meeting',
                    self._held_domain([(meeting_type.id,
                                        (span_start, span_end))]))
            values = {'held': held, 'done': done, 'required': required,
                      'start': span_start, 'end': span_end}
            if meeting_type.per_member:
                detail = _("%(done)s of %(required)s members talked with, "
                           "%(start)s to %(end)s") % values
            else:
                detail = _("%(held)s held of %(required)s required, "
                           "%(start)s to %(end)s") % values
            items.append(self._item(
                'type_%d' % meeting_type.id, meeting_type.name, value, action,
                tone='ok' if not missing else 'alert', detail=detail,
                total=required, done=done, missing=missing,
                organizations=orgs, compliant=compliant,
                percent=round(100.0 * done / required) if required else 100,
                span=[span_start, span_end],
                per_member=bool(meeting_type.per_member)))
        return {'key': 'life', 'kind': 'bars',
                'title': _("Meetings Due This Period"),
                'note': _("Each meeting type in its current period: held "
                          "of required (talks: members talked with)."),
                'items': items}

    def _board_life_areas(self, rows, type_by_id, spans, overview):
        areas = {}
        for area_id, type_id, orgs, compliant, required, held, missing \
                in rows:
            total = areas.setdefault(area_id, [0, 0, 0, 0])
            total[0] += required or 0
            total[1] += missing or 0
            if not type_by_id[type_id].per_member:
                total[2] += held or 0
            total[3] = max(total[3], orgs or 0)
        meeting_spans = [(i, spans[i]) for i in sorted(spans)
                         if not type_by_id[i].per_member]
        names = dict((org.id, org.name) for org in self.env[
            'party.organization'].browse(
                [area_id for area_id, _path, _whole in overview.areas]))
        items = []
        for area_id, path, whole in overview.areas:
            if area_id not in areas:
                continue
            required, missing, held, orgs = areas[area_id]
            where = [('organization_id.path', '=like', path + '%')] if whole \
                else [('organization_id', '=', area_id)]
            items.append(self._item(
                'area_%d' % area_id, names.get(area_id, ''), held,
                window_action(names.get(area_id, ''), 'party.meeting',
                              where + self._held_domain(meeting_spans)),
                tone='ok' if not missing else 'alert',
                total=required, done=required - missing, missing=missing,
                organizations=orgs, whole=whole,
                detail=_("%(done)s of %(required)s required done, "
                         "%(missing)s missing; %(held)s meetings held") % {
                             'done': required - missing,
                             'required': required, 'missing': missing,
                             'held': held},
                percent=round(100.0 * (required - missing) / required)
                if required else 100))
        return {'key': 'areas', 'kind': 'bars',
                'title': _("Meeting Completion by Area"),
                'note': _("Required meetings held this period; the figure "
                          "opens the meetings held."),
                'items': items}

    def _board_attendance(self, today):
        start = '%d-01-01' % today.year
        end = '%d-12-31' % today.year
        domain = [('meeting_state', '=', 'held'), ('is_guest', '=', False),
                  ('meeting_date', '>=', start), ('meeting_date', '<=', end)]
        groups = self.env['party.meeting.attendance'].read_group(
            domain, ['state'], ['state'])
        counts = {g['state']: g['state_count'] for g in groups}
        total = sum(counts.values())
        present = counts.get('present', 0)
        percent = round(100.0 * present / total) if total else 0
        labels = {'present': _("Present at Meetings"),
                  'excused': _("Excused from Meetings"),
                  'absent': _("Absent from Meetings")}
        items = [self._item(
            state, labels[state], counts.get(state, 0),
            window_action(labels[state], 'party.meeting.attendance',
                          domain + [('state', '=', state)]),
            tone=tone) for state, tone in [
                ('present', 'ok'), ('excused', 'muted'), ('absent', None)]]
        items[0].update(total=total, percent=percent, detail=_(
            "%(percent)s%% of %(total)s expected") % {
                'percent': percent, 'total': total})
        return {'key': 'attendance', 'kind': 'tiles',
                'title': _("Attendance This Year"),
                'note': _("Members expected at the meetings held in %s "
                          "(guests not counted).") % today.year,
                'items': items}

    def _board_tasks(self, today):
        domain = [('state', 'in', ['todo', 'doing'])]
        groups = self.env['party.task'].read_group(domain, ['state'],
                                                   ['state'])
        counts = {g['state']: g['state_count'] for g in groups}
        late_domain = domain + [('deadline', '<',
                                 fields.Date.to_string(today))]
        late = self.env['party.task'].search_count(late_domain)
        labels = {'doing': _("Tasks In Progress"),
                  'todo': _("Tasks To Do"),
                  'late': _("Tasks Past Deadline")}
        items = [
            self._item(state, labels[state], counts.get(state, 0),
                       window_action(labels[state], 'party.task',
                                     [('state', '=', state)]), tone='muted')
            for state in ('doing', 'todo')]
        items.append(self._item('late', labels['late'], late, window_action(
            labels['late'], 'party.task', late_domain)))
        return {'key': 'tasks', 'kind': 'tiles', 'title': _("Open Tasks"),
                'note': _("Rectification steps and responsibility-list "
                          "items not done yet."),
                'items': items}

    def _board_conversions(self, today):
        months = self.env.user.company_id.party_probation_months
        due = fields.Date.to_string(today - relativedelta(months=months))
        soon = fields.Date.to_string(
            today - relativedelta(months=months) + relativedelta(months=3))
        base = [('status', '=', 'probationary')]
        Member = self.env['party.member']
        due_count = Member.search_count(base + [('join_date', '<=', due)])
        soon_count = Member.search_count(
            base + [('join_date', '>', due), ('join_date', '<=', soon)])
        items = [
            self._item('conversion_due', _("Probation Over"), due_count,
                       window_action(_("Probation Over"), 'party.member',
                                     base + [('join_date', '<=', due)])),
            self._item('conversion_soon', _("Probation Ends within 3 Months"),
                       soon_count, window_action(
                           _("Probation Ends within 3 Months"), 'party.member',
                           base + [('join_date', '>', due),
                                   ('join_date', '<=', soon)]),
                       tone='muted'),
        ]
        return {'key': 'conversions', 'kind': 'tiles',
                'title': _("Members to Convert"),
                'note': _("Probationary members whose probation of %d "
                          "months is over or ends soon.") % months,
                'items': items}

    def _board_rectifications(self):
        domain = [('state', '!=', 'cleared')]
        groups = self.env['party.rectification'].read_group(
            domain, ['state'], ['state'])
        counts = {g['state']: g['state_count'] for g in groups}
        states = dict(self.env['party.rectification']._fields[
            'state']._description_selection(self.env))
        items = [self._item(state, states[state], counts.get(state, 0),
                            window_action(states[state],
                                          'party.rectification',
                                          [('state', '=', state)]))
                 for state in ('flagged', 'rectifying')]
        return {'key': 'rectifications', 'kind': 'tiles',
                'title': _("Weak and Lax Organizations"),
                'note': _("Rectifications not cleared yet."),
                'items': items}

    def _board_assessments(self):
        domain = [('campaign_id.state', '=', 'open')]
        groups = self.env['party.assessment'].read_group(
            domain, ['campaign_id', 'state'], ['campaign_id', 'state'],
            lazy=False)
        states = self.env['party.assessment']._fields[
            'state']._description_selection(self.env)
        campaigns = {}
        for group in groups:
            campaign_id, name = group['campaign_id']
            campaigns.setdefault((campaign_id, name), {})[group['state']] = \
                group['__count']
        items = []
        for (campaign_id, name), counts in sorted(campaigns.items()):
            total = sum(counts.values())
            parts = [{'key': state, 'label': label,
                      'value': counts.get(state, 0),
                      'action': window_action(
                          '%s: %s' % (name, label), 'party.assessment',
                          [('campaign_id', '=', campaign_id),
                           ('state', '=', state)])}
                     for state, label in states]
            done = counts.get('confirmed', 0)
            items.append(self._item(
                'campaign_%d' % campaign_id, name, done, window_action(
                    name, 'party.assessment',
                    [('campaign_id', '=', campaign_id)]),
                tone='ok' if done == total else 'alert', total=total,
                done=done, percent=round(100.0 * done / total)
                if total else 0, parts=parts))
        return {'key': 'assessments', 'kind': 'stacks',
                'title': _("Assessment Progress"),
                'note': _("Assessments of the open campaigns, by state; "
                          "confirmed of all."),
                'items': items}
