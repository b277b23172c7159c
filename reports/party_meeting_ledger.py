from collections import defaultdict

from odoo import _, models

from ..models.mail_activity import join_list
from .party_common_ledger import DATE, NUMBER, PERCENT, TEXT


class PartyMeetingLedger(models.AbstractModel):
    """会议记录台账: one row per meeting, as party-affairs offices keep it
    -- date, organization, type, topic, place, host and recorder, the
    expected, present and absent counts, the attendance rate and who was
    absent or excused and why (guests are not counted)."""
    _name = 'report.party_building.meeting_ledger'
    _inherit = 'report.party_building.ledger_base'
    _description = 'Meetings Ledger'
    _ledger_model = 'party.meeting'

    def _ledger_title(self):
        return _("Meetings and Attendance Ledger")

    def _ledger_empty_message(self):
        return _("There are no meetings to put in the ledger: none of your "
                 "scope was selected or found.")

    def _ledger_order(self):
        return 'local_date, start, id'

    def _ledger_columns(self):
        meeting = self.env['party.meeting']
        label = self._ledger_label
        return [
            ('sequence', _("No."), NUMBER),
            ('local_date', _("Meeting Date"), DATE),
            ('organization_id', label(meeting, 'organization_id'), TEXT),
            ('type_id', label(meeting, 'type_id'), TEXT),
            ('name', label(meeting, 'name'), TEXT),
            ('place', label(meeting, 'place'), TEXT),
            ('host_id', label(meeting, 'host_id'), TEXT),
            ('recorder_id', label(meeting, 'recorder_id'), TEXT),
            ('state', label(meeting, 'state'), TEXT),
            ('expected_count', label(meeting, 'expected_count'), NUMBER),
            ('present_count', label(meeting, 'present_count'), NUMBER),
            ('absent_count', _("Absent Count"), NUMBER),
            ('attendance_rate', label(meeting, 'attendance_rate'), PERCENT),
            ('absentees', _("Absences and Reasons"), TEXT),
        ]

    def _ledger_rows(self, meetings, columns):
        names = ['local_date', 'organization_id', 'type_id', 'name', 'place',
                 'host_id', 'recorder_id', 'state', 'expected_count',
                 'present_count', 'attendance_rate']
        states = self._ledger_selections(meetings, ['state'])['state']
        held = meetings.filtered(lambda m: m.state == 'held')
        Attendance = self.env['party.meeting.attendance']
        reasons = self._ledger_selections(Attendance, ['state'])['state']
        # the absences of the chunk's meetings in one read, as the user
        absences = defaultdict(list)
        for line in Attendance.search_read(
                [('meeting_id', 'in', held.ids), ('is_guest', '=', False),
                 ('state', '!=', 'present')],
                ['meeting_id', 'member_id', 'state', 'reason'],
                order='meeting_id, state, member_id'):
            absences[line['meeting_id'][0]].append(
                _("%(member)s (%(state)s: %(reason)s)") % {
                    'member': line['member_id'][1],
                    'state': reasons[line['state']],
                    'reason': line['reason'] or _("no reason given")})
        attendance = ('present_count', 'absent_count', 'attendance_rate',
                      'absentees')
        for values in meetings.read(names):
            if values['state'] == 'held':
                values['absent_count'] = values['expected_count'] - \
                    values['present_count']
                values['absentees'] = join_list(
                    self.env, absences.get(values['id'], []), semicolon=True)
                if not values['expected_count']:
                    values['attendance_rate'] = None
            else:
                # a planned or cancelled meeting has no attendance
                values.update(dict.fromkeys(attendance))
            yield [self._ledger_value(values, key, states)
                   for key, __, ___ in columns]

    @staticmethod
    def _ledger_value(values, key, states):
        value = values.get(key)
        if key == 'state':
            return states.get(value, '')
        if isinstance(value, (list, tuple)):  # a many2one: its name
            return value[1]
        return value
