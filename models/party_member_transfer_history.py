"""Transfers and periods away in the member's path (履历): a transfer out
belongs to the sending organization, a transfer in to the receiving one;
a meeting attended at the host while away belongs to the member's own
organization (it counts as the member's organizational life)."""
from odoo import api, fields, models


class PartyMemberHistory(models.Model):
    _inherit = 'party.member.history'

    kind = fields.Selection(selection_add=[
        ('transfer_out', 'Transferred Out'),
        ('transfer_in', 'Transferred In'),
        ('away', 'Away from Home'),
        ('away_attendance', 'Meeting at the Host'),
    ])

    @api.model
    def _history_queries(self):
        return super(PartyMemberHistory, self)._history_queries() + [
            """SELECT 'transfer_out', t.member_id, t.decision_date,
                      t.from_organization_id, t.company_id,
                      'party.member.transfer', t.id
                 FROM party_member_transfer t
                WHERE t.state = 'done' AND t.from_organization_id IS NOT NULL
                  AND t.member_id IS NOT NULL""",
            """SELECT 'transfer_in', t.member_id, t.decision_date,
                      t.to_organization_id, t.company_id,
                      'party.member.transfer', t.id
                 FROM party_member_transfer t
                WHERE t.state = 'done' AND t.to_organization_id IS NOT NULL
                  AND t.member_id IS NOT NULL""",
            """SELECT 'away', w.member_id, w.date_start, w.organization_id,
                      w.company_id, 'party.member.away', w.id
                 FROM party_member_away w""",
            """SELECT 'away_attendance', a.member_id, a.meeting_date,
                      w.organization_id, w.company_id,
                      'party.meeting.attendance', a.id
                 FROM party_member_away w
                 JOIN party_meeting_attendance a
                   ON a.member_id = w.member_id AND a.is_guest
                  AND a.state = 'present' AND a.meeting_state = 'held'
                  AND a.organization_id = w.host_organization_id
                  AND a.meeting_date >= w.date_start
                  AND (w.date_end IS NULL OR a.meeting_date <= w.date_end)""",
        ]

    @api.depends('res_model', 'res_id')
    def _compute_name(self):
        """A meeting at the host is named for the member's own organization
        (the line itself lies in the host's scope)."""
        hosted = self.filtered(lambda e: e.kind == 'away_attendance')
        super(PartyMemberHistory, self - hosted)._compute_name()
        lines = self.env['party.meeting.attendance'].sudo().browse(
            hosted.mapped('res_id'))
        names = {line.id: line.meeting_id.name for line in lines}
        for event in hosted:
            event.name = names.get(event.res_id) or ''
