"""Metrics of the quality-standard system: values computed from the data
the addon holds, for many organizations and one period at once.

A metric is a data record (code, name, type) and a method
``_metric_<code>(org_ids, date_from, date_to, meeting_type)`` returning
``{org_id: (value, note)}``; later work adds metrics by inheriting this
model with one such method and a data record. Every method runs a fixed
number of queries, whatever the number of organizations.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def to_date(value):
    """A date from a date or an ORM date string."""
    return fields.Date.from_string(value) if isinstance(value, str) \
        else value


class PartyAssessmentMetric(models.Model):
    """A value the system computes per organization and period, for the
    automatic criteria of the standards. Shipped with the code that
    computes it: managers may rename or archive one, not create it."""
    _name = 'party.assessment.metric'
    _description = 'Assessment Metric'
    _order = 'sequence, id'

    code = fields.Char(
        required=True, readonly=True,
        help="Names the method that computes the metric.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    value_type = fields.Selection([
        ('boolean', 'Yes/No'),
        ('count', 'Count'),
        ('ratio', 'Ratio'),
    ], string='Value Type', required=True, readonly=True, default='count',
        help="Yes/No: 1 or 0; Count: a number of occurrences; Ratio: "
             "between 0 and 1.")
    needs_meeting_type = fields.Boolean(
        string='Needs a Meeting Type', readonly=True,
        help="The criteria that use it choose the meeting type.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The code of a metric must be unique.'),
    ]

    @api.multi
    def toggle_active(self):
        super(PartyAssessmentMetric, self).toggle_active()
        # XML-RPC clients cannot take None
        return True

    @api.multi
    def _compute_values(self, org_ids, date_from, date_to, meeting_type=None):
        """{org_id: (value, note)} for every id of `org_ids` over the period
        [date_from, date_to] (dates or strings, both days included), 0.0
        and '' where nothing is found. `meeting_type`: a party.meeting.type
        record (or id), for the metrics that need one. The caller has
        checked its access to the organizations: the data is read as
        given."""
        self.ensure_one()
        if isinstance(meeting_type, int):
            meeting_type = self.env['party.meeting.type'].browse(meeting_type)
        meeting_type = meeting_type or self.env['party.meeting.type']
        return self._compute_batch(
            [(self, meeting_type)], org_ids, date_from,
            date_to)[self.id, meeting_type.id]

    @api.model
    def _compute_batch(self, requests, org_ids, date_from, date_to):
        """The values of several metrics at once: `requests` is a list of
        (metric, meeting type record or empty recordset); returns
        {(metric id, meeting type id or False): {org_id: (value, note)}}
        as :meth:`_compute_values` does for each. A metric that has a
        ``_metric_<code>_types(org_ids, date_from, date_to, meeting_types)``
        method returning {type id: {org_id: (value, note)}} computes all its
        requested meeting types together (a campaign asks meetings_held for
        each type its criteria name: one computation, not one per type)."""
        ids = [int(i) for i in org_ids]
        date_from, date_to = to_date(date_from), to_date(date_to)
        Type = self.env['party.meeting.type']
        # per metric, the meeting types asked for (False: none)
        type_ids_of = {}
        for metric, meeting_type in requests:
            metric._check_computable(meeting_type)
            type_ids = type_ids_of.setdefault(metric, [])
            if (meeting_type.id or False) not in type_ids:
                type_ids.append(meeting_type.id or False)
        result = {}
        for metric, type_ids in type_ids_of.items():
            computed = metric._compute_types(
                ids, date_from, date_to, Type.browse([i for i in type_ids
                                                      if i]),
                False in type_ids) if ids else {}
            for type_id in type_ids:
                values = {org_id: (0.0, '') for org_id in ids}
                for org_id, (value, note) in computed.get(
                        type_id, {}).items():
                    if org_id in values:
                        values[org_id] = (float(value), note or '')
                result[metric.id, type_id] = values
        return result

    def _compute_types(self, ids, date_from, date_to, meeting_types,
                       without_type):
        """{type id (False: without a type): {org_id: (value, note)}} of
        this metric for `meeting_types`, and without a type if
        `without_type`."""
        computed = {}
        batch = getattr(self, '_metric_%s_types' % self.code, None)
        if batch and meeting_types:
            computed.update(batch(ids, date_from, date_to, meeting_types))
        else:
            method = getattr(self, '_metric_%s' % self.code)
            for meeting_type in meeting_types:
                computed[meeting_type.id] = method(
                    ids, date_from, date_to, meeting_type)
        if without_type:
            computed[False] = getattr(self, '_metric_%s' % self.code)(
                ids, date_from, date_to, meeting_types.browse())
        return computed

    def _check_computable(self, meeting_type):
        self.ensure_one()
        if not hasattr(self, '_metric_%s' % self.code):
            raise UserError(_(
                "The metric %(name)s has no computation in this version.")
                % {'name': self.name})
        if self.needs_meeting_type and not meeting_type:
            raise UserError(_(
                "The metric %(name)s needs a meeting type.")
                % {'name': self.name})

    # -- shared SQL -------------------------------------------------------

    def _metric_rows(self, query, params):
        """The rows of one parameterized statement (SQL built from this
        module's constants only)."""
        self.env.cr.execute(query, params)  # pylint: disable=sql-injection
        return self.env.cr.fetchall()

    @api.model
    def _posts_sql(self):
        """The CTE `posts` (org_id, term_id, member_id, is_secretary): the
        committee posts held on %(day)s in the term in force that day, of
        the organizations %(ids)s. A term is in force from its start until
        it really ended (an overdue term's committee still serves, as in
        the setup rules); a post from its start (else the term's) to its
        end (else the term's)."""
        return """
            posts AS (
                SELECT t.organization_id AS org_id, t.id AS term_id,
                       p.member_id, p.is_secretary, p.id
                  FROM unnest(%(ids)s::integer[]) AS given(id)
                  JOIN party_term t ON t.organization_id = given.id
                  JOIN party_term_position p ON p.term_id = t.id
                 WHERE t.state != 'planned'
                   AND t.start_date <= %(day)s
                   AND (t.end_date IS NULL OR t.end_date >= %(day)s)
                   AND COALESCE(p.start_date, t.start_date) <= %(day)s
                   AND (p.end_date IS NULL OR p.end_date >= %(day)s)
            )
        """

    @api.model
    def _members_sql(self):
        """The CTE `members` (org_id, member_id, status, full_date): the
        active members of each organization of %(ids)s and of every
        organization below it (branches register members in their party
        groups), who had joined by %(day)s (no joining date: counted).
        Each subtree is read on the path index."""
        return """
            members AS (
                SELECT given.id AS org_id, m.id AS member_id, m.status,
                       m.full_date
                  FROM party_organization given
                 CROSS JOIN LATERAL (
                       SELECT sub.id FROM party_organization sub
                        WHERE sub.path::text ~>=~ given.path::text
                          AND sub.path::text ~<~ (given.path::text || '~')
                       OFFSET 0) sub
                  JOIN party_member m ON m.organization_id = sub.id
                 WHERE given.id = ANY(%(ids)s::integer[])
                   AND m.active
                   AND (m.join_date IS NULL OR m.join_date <= %(day)s)
            )
        """

    # -- metrics ----------------------------------------------------------

    @api.model
    def _metric_term_valid(self, org_ids, date_from, date_to, meeting_type):
        """1 if a term was in force on date_to and not past its planned end
        (or its approved extension) that day; note: the day it was due to
        end. Party groups have no terms: 0."""
        rows = self._metric_rows("""
            SELECT t.organization_id,
                   max(COALESCE(t.extended_until, t.planned_end_date))
              FROM unnest(%(ids)s::integer[]) AS given(id)
              JOIN party_term t ON t.organization_id = given.id
             WHERE t.state != 'planned'
               AND t.start_date <= %(day)s
               AND (t.end_date IS NULL OR t.end_date >= %(day)s)
               AND COALESCE(t.extended_until, t.planned_end_date) >= %(day)s
          GROUP BY t.organization_id
        """, {'ids': org_ids, 'day': date_to})
        return {org_id: (1.0, str(end)) for org_id, end in rows}

    @api.model
    def _metric_committee_complete(self, org_ids, date_from, date_to,
                                   meeting_type):
        """The setup rule on date_to: below the company's committee
        threshold of full members, a secretary in post; from it, a
        secretary and a committee of the configured size. Full members:
        today's active members who were full members by date_to (their
        full membership date); posts: those held on date_to. Note: the
        number of posts."""
        rows = self._metric_rows("WITH " + self._posts_sql() + """,
            committees AS (
                SELECT org_id, count(*) AS size,
                       bool_or(is_secretary) AS has_secretary
                  FROM posts GROUP BY org_id
            )
            SELECT o.id, cm.size,
                   cm.has_secretary AND (
                       -- full members counted up to the threshold only:
                       -- all that the rule compares
                       (SELECT count(*) FROM (
                            SELECT 1 FROM party_organization sub
                              JOIN party_member m
                                ON m.organization_id = sub.id AND m.active
                               AND m.status = 'full'
                               AND m.standing NOT IN ('lost_contact',
                                                      'stopped')
                               AND (m.full_date IS NULL
                                    OR m.full_date <= %(day)s)
                             WHERE sub.path::text ~>=~ o.path::text
                               AND sub.path::text ~<~ (o.path::text || '~')
                             LIMIT c.party_committee_min_full_members) f)
                           < c.party_committee_min_full_members
                       OR cm.size BETWEEN c.party_committee_min_size
                                      AND c.party_committee_max_size)
              FROM party_organization o
              JOIN res_company c ON c.id = o.company_id
              JOIN committees cm ON cm.org_id = o.id
             WHERE o.id = ANY(%(ids)s::integer[]) AND o.kind != 'group'
        """, {'ids': org_ids, 'day': date_to})
        return {org_id: (1.0 if complete else 0.0, str(size))
                for org_id, size, complete in rows}

    @api.model
    def _metric_secretary_in_post(self, org_ids, date_from, date_to,
                                  meeting_type):
        """1 if someone held the secretary post on date_to (in the term in
        force that day)."""
        rows = self._metric_rows("WITH " + self._posts_sql() + """
            SELECT DISTINCT org_id FROM posts WHERE is_secretary
        """, {'ids': org_ids, 'day': date_to})
        return {org_id: (1.0, '') for org_id, in rows}

    @api.model
    def _metric_secretary_trained(self, org_ids, date_from, date_to,
                                  meeting_type):
        """1 if the secretary in post on date_to has training recorded
        dated within the period; note: the hours of that training."""
        rows = self._metric_rows("WITH " + self._posts_sql() + """,
            secretaries AS (
                SELECT DISTINCT org_id, member_id FROM posts
                 WHERE is_secretary
            )
            SELECT s.org_id, sum(tr.hours)
              FROM secretaries s
              JOIN party_secretary_training tr
                ON tr.member_id = s.member_id
               AND tr.date BETWEEN %(start)s AND %(day)s
          GROUP BY s.org_id
        """, {'ids': org_ids, 'start': date_from, 'day': date_to})
        return {org_id: (1.0, '%g' % hours) for org_id, hours in rows}

    @api.model
    def _metric_meetings_held(self, org_ids, date_from, date_to,
                              meeting_type):
        """Meetings of `meeting_type` held over the required number for the
        periods of [date_from, date_to]: see _metric_meetings_held_types."""
        return self._metric_meetings_held_types(
            org_ids, date_from, date_to, meeting_type)[meeting_type.id]

    @api.model
    def _metric_meetings_held_types(self, org_ids, date_from, date_to,
                                    meeting_types):
        """{type id: {org_id: (value, note)}}: for each type, the meetings
        held over the required number for the periods of [date_from,
        date_to], counted as the compliance matrix counts them
        (party_meeting_compliance: the whole window's held meetings against
        the minimum times its periods; for talks, the members talked with).
        At most 1; 1 where the type requires nothing of the organization
        (not its kind, or no committee below the threshold). Note:
        "held/required". One computation for all the types."""
        facts = self.env['party.meeting.compliance.mixin']._compliance_facts(
            org_ids, meeting_types, date_from, date_to)
        values = {type_id: {org_id: (1.0, '0/0') for org_id in org_ids}
                  for type_id in meeting_types.ids}
        for org_id, type_id, _start, _end, required, held, _rate in facts:
            ratio = min(float(held) / required, 1.0) if required else 1.0
            values[type_id][org_id] = (ratio, '%d/%d' % (held, required))
        return values

    @api.model
    def _metric_members_meeting_attendance(self, org_ids, date_from, date_to,
                                           meeting_type):
        """Expected attendees present over expected, all held members'
        general meetings (or meetings of `meeting_type`, if given) of the
        period together (guests not counted); 0 without such meetings.
        Note: "present/expected"."""
        meeting_type = meeting_type or self.env.ref(
            'party_building.meeting_type_general')
        rows = self._metric_rows("""
            SELECT m.organization_id, sum(m.present_count),
                   sum(m.expected_count)
              FROM unnest(%(ids)s::integer[]) AS given(id)
              JOIN party_meeting m ON m.organization_id = given.id
             WHERE m.state = 'held' AND m.type_id = %(type)s
               AND m.local_date BETWEEN %(start)s AND %(day)s
          GROUP BY m.organization_id
        """, {'ids': org_ids, 'type': meeting_type.id, 'start': date_from,
              'day': date_to})
        return {org_id: (float(present) / expected if expected else 0.0,
                         '%d/%d' % (present, expected))
                for org_id, present, expected in rows}

    @api.model
    def _metric_democratic_appraisal_held(self, org_ids, date_from, date_to,
                                          meeting_type):
        """1 if the organization's democratic appraisal of members for the
        year of date_to is recorded; note: the members appraised."""
        rows = self._metric_rows("""
            SELECT a.organization_id, count(*)
              FROM unnest(%(ids)s::integer[]) AS given(id)
              JOIN party_member_appraisal a ON a.organization_id = given.id
             WHERE a.year = %(year)s
          GROUP BY a.organization_id
        """, {'ids': org_ids, 'year': date_to.year})
        return {org_id: (1.0, str(count)) for org_id, count in rows}

    @api.model
    def _metric_talk_coverage(self, org_ids, date_from, date_to,
                              meeting_type):
        """The share of the organization's members (active, of it and the
        organizations below it, joined by date_to) with at least one
        heart-to-heart talk dated within the period, whoever recorded it;
        0 without members. Note: "talked/members"."""
        rows = self._metric_rows("WITH " + self._members_sql() + """
            SELECT mb.org_id, count(*),
                   count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM party_talk k
                        WHERE k.member_id = mb.member_id
                          AND k.date BETWEEN %(start)s AND %(day)s))
              FROM members mb
          GROUP BY mb.org_id
        """, {'ids': org_ids, 'start': date_from, 'day': date_to})
        return {org_id: (float(talked) / count, '%d/%d' % (talked, count))
                for org_id, count, talked in rows}

    @api.model
    def _rectification_task_counts(self, org_ids, date_to):
        """{org id: (open, overdue)}: the organization's rectification tasks
        created by date_to (UTC) and not done nor cancelled (tasks keep no
        date of completion: their state today), and of them those whose
        deadline was before date_to."""
        rows = self._metric_rows("""
            SELECT t.organization_id, count(*),
                   count(*) FILTER (WHERE t.deadline < %(day)s)
              FROM unnest(%(ids)s::integer[]) AS given(id)
              JOIN party_task t ON t.organization_id = given.id
             WHERE t.active AND t.state IN ('todo', 'doing')
               AND (t.source = 'rectification'
                    OR t.rectification_id IS NOT NULL)
               AND t.create_date < %(day)s::date + 1
          GROUP BY t.organization_id
        """, {'ids': org_ids, 'day': date_to})
        return {org_id: (count, overdue) for org_id, count, overdue in rows}

    @api.model
    def _metric_rectification_open(self, org_ids, date_from, date_to,
                                   meeting_type):
        """The organization's open rectification tasks at date_to (see
        _rectification_task_counts)."""
        return {org_id: (float(count), '')
                for org_id, (count, _overdue) in
                self._rectification_task_counts(org_ids, date_to).items()}

    @api.model
    def _metric_rectification_overdue(self, org_ids, date_from, date_to,
                                      meeting_type):
        """The open rectification tasks at date_to whose deadline was
        before that day."""
        return {org_id: (float(overdue), '')
                for org_id, (_count, overdue) in
                self._rectification_task_counts(org_ids, date_to).items()
                if overdue}

    @api.model
    def _metric_weak_lax(self, org_ids, date_from, date_to, meeting_type):
        """1 if the organization was weak and lax at any time in the period:
        a rectification flagged by date_to and not cleared before
        date_from. Note: the number of such rectifications."""
        rows = self._metric_rows("""
            SELECT r.organization_id, count(*)
              FROM unnest(%(ids)s::integer[]) AS given(id)
              JOIN party_rectification r ON r.organization_id = given.id
             WHERE r.flag_date <= %(day)s
               AND (r.state != 'cleared' OR r.cleared_date >= %(start)s)
          GROUP BY r.organization_id
        """, {'ids': org_ids, 'start': date_from, 'day': date_to})
        return {org_id: (1.0, str(count)) for org_id, count in rows}
