"""Regular organizational life (组织生活正常化): which organizations held
what they must, period by period, computed for many organizations at once.
"""

from odoo import _, api, fields, models

from .party_meeting_type import PERIODS, PERIOD_MONTHS, period_bounds


def type_span(meeting_type, start, end):
    """The span over which a type is judged for the window [start, end]: the
    window itself if it holds whole periods of the type, else the type's
    period containing the window. Returns (start, end, periods in it)."""
    window_months = (end.year - start.year) * 12 + end.month - start.month + 1
    type_months = PERIOD_MONTHS[meeting_type.period]
    if window_months >= type_months:
        return start, end, window_months // type_months
    span_start, span_end = period_bounds(meeting_type.period, start)
    return span_start, span_end, 1


class PartyMeetingComplianceMixin(models.AbstractModel):
    """The counting shared by the compliance matrix and the reminders."""
    _name = 'party.meeting.compliance.mixin'
    _description = 'Meeting Compliance Computation'

    @api.model
    def _compliance_rows(self, organizations, meeting_types, start, end):
        """[(org, type, span start, span end, required, held, rate)] for
        each type that applies to each organization: one query per type,
        plus one for the member counts, whatever the number of
        organizations."""
        org_ids = tuple(organizations.ids) or (0,)
        cr = self.env.cr
        member_counts = self.env['party.organization']._member_counts(
            organizations.ids)

        def has_committee(org):
            # the setup rule (party_organization_setup): below this many
            # full members an organization elects a secretary only, so it
            # holds no committee meetings
            full = member_counts.get((org.id, 'full'), 0)
            return full >= org.sudo().company_id\
                .party_committee_min_full_members

        rows = []
        for meeting_type in meeting_types:
            span_start, span_end, periods = type_span(meeting_type, start,
                                                      end)
            if meeting_type.per_member:
                # talks: each member talked with at least min_count times
                cr.execute("""
                    SELECT talk.organization_id, count(*)
                      FROM (SELECT organization_id, member_id
                              FROM party_talk
                             WHERE organization_id IN %s
                               AND date BETWEEN %s AND %s
                          GROUP BY organization_id, member_id
                            HAVING count(*) >= %s) talk
                  GROUP BY talk.organization_id
                """, [org_ids, span_start, span_end,
                      meeting_type.min_count * periods])
                held = {org_id: (n, None) for org_id, n in cr.fetchall()}
            else:
                cr.execute("""
                    SELECT organization_id, count(*), avg(attendance_rate)
                      FROM party_meeting
                     WHERE organization_id IN %s AND type_id = %s
                       AND state = 'held'
                       AND local_date BETWEEN %s AND %s
                  GROUP BY organization_id
                """, [org_ids, meeting_type.id, span_start, span_end])
                held = {org_id: (n, rate) for org_id, n, rate
                        in cr.fetchall()}
            for org in organizations:
                if not meeting_type.applies_to(org) or (
                        meeting_type.expected == 'committee'
                        and not has_committee(org)):
                    continue
                if meeting_type.per_member:
                    required = (member_counts.get((org.id, 'full'), 0)
                                + member_counts.get((org.id, 'probationary'),
                                                    0))
                else:
                    required = meeting_type.min_count * periods
                count, rate = held.get(org.id, (0, None))
                rows.append((org, meeting_type, span_start, span_end,
                             required, min(count, required) if
                             meeting_type.per_member else count, rate))
        return rows


class PartyMeetingCompliance(models.TransientModel):
    """The compliance matrix for a chosen period: organizations of the
    user's scope x meeting types."""
    _name = 'party.meeting.compliance'
    _inherit = 'party.meeting.compliance.mixin'
    _description = 'Organizational Life Compliance'

    period = fields.Selection(PERIODS, required=True, default='quarter')
    date = fields.Date(required=True, default=fields.Date.context_today,
                       help="Any day of the period to check.")
    organization_id = fields.Many2one(
        'party.organization', string='Within',
        help="Only this organization and those below it; empty: your whole "
             "scope.")
    line_ids = fields.One2many('party.meeting.compliance.line', 'report_id')

    @api.multi
    def action_compute(self):
        self.ensure_one()
        start, end = period_bounds(self.period,
                                   fields.Date.from_string(self.date))
        domain = []
        if self.organization_id:
            domain.append(('path', '=like', self.organization_id.path + '%'))
        organizations = self.env['party.organization'].search(domain)
        types = self.env['party.meeting.type'].search([])
        rows = self._compliance_rows(organizations, types, start, end)
        self.line_ids.unlink()
        if rows:
            # one INSERT for the whole matrix, one array per column
            values = [(org.id, meeting_type.id, span_start, span_end,
                       required, held, max(required - held, 0), rate or 0.0)
                      for org, meeting_type, span_start, span_end, required,
                      held, rate in rows]
            columns = [list(column) for column in zip(*values)]
            self.env.cr.execute("""
                INSERT INTO party_meeting_compliance_line
                    (report_id, organization_id, type_id, span_start,
                     span_end, required, held, missing, attendance_rate,
                     create_uid, write_uid, create_date, write_date)
                SELECT %s, v.*, %s, %s, now() at time zone 'UTC',
                       now() at time zone 'UTC'
                  FROM unnest(%s::integer[], %s::integer[], %s::date[],
                              %s::date[], %s::integer[], %s::integer[],
                              %s::integer[], %s::float8[]) AS v
            """, [self.id, self.env.uid, self.env.uid] + columns)
            self.invalidate_cache(['line_ids'])
        action = self.env.ref(
            'party_building.party_meeting_compliance_line_action').read()[0]
        action['domain'] = [('report_id', '=', self.id)]
        # the matrix replaces the wizard and whatever page it was opened
        # from: a breadcrumb back to them would show stale figures
        action['target'] = 'main'
        action['display_name'] = _('Organizational Life %s to %s') % (
            start, end)
        return action


class PartyMeetingComplianceLine(models.TransientModel):
    _name = 'party.meeting.compliance.line'
    _description = 'Organizational Life Compliance Line'
    _order = 'organization_id, type_id'

    report_id = fields.Many2one('party.meeting.compliance', required=True,
                                ondelete='cascade', index=True)
    organization_id = fields.Many2one('party.organization',
                                      string='Organization', readonly=True)
    type_id = fields.Many2one('party.meeting.type', string='Meeting Type',
                              readonly=True)
    span_start = fields.Date(string='From', readonly=True)
    span_end = fields.Date(string='To', readonly=True)
    required = fields.Integer(readonly=True)
    held = fields.Integer(readonly=True)
    missing = fields.Integer(readonly=True)
    attendance_rate = fields.Float(readonly=True, group_operator='avg')
