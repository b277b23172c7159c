from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_guard import is_trusted


class PartyMeetingAttendance(models.Model):
    """One member at one meeting: present, absent, or excused."""
    _name = 'party.meeting.attendance'
    _description = 'Meeting Attendance'
    _order = 'meeting_id, is_guest, member_id'

    meeting_id = fields.Many2one('party.meeting', string='Meeting',
                                 required=True, index=True,
                                 ondelete='cascade', auto_join=True,
                                 party_create_only=True)
    organization_id = fields.Many2one(
        'party.organization', related='meeting_id.organization_id',
        store=True, readonly=True, index=True, auto_join=True)
    company_id = fields.Many2one(
        'res.company', related='meeting_id.company_id', store=True,
        readonly=True)
    member_id = fields.Many2one('party.member', string='Member',
                                required=True, index=True,
                                ondelete='restrict')
    state = fields.Selection([
        ('present', 'Present'),
        ('absent', 'Absent'),
        ('excused', 'Excused'),
    ], required=True, default='present')
    reason = fields.Char(string='Absence Reason',
                         help="Why the member was excused or absent.")
    is_guest = fields.Boolean(
        string='Guest',
        help="A member of another organization attending, e.g. a leading "
             "cadre's dual organizational life.")
    meeting_date = fields.Date(related='meeting_id.local_date', store=True,
                               readonly=True)
    meeting_state = fields.Selection(related='meeting_id.state', store=True,
                                     readonly=True)
    type_id = fields.Many2one(related='meeting_id.type_id', store=True,
                              readonly=True)

    _sql_constraints = [
        ('meeting_member_uniq', 'unique (meeting_id, member_id)',
         'A member is listed once per meeting.'),
    ]

    @api.multi
    def name_get(self):
        # who, at which meeting: what the audit trail and the dialogs show
        # (names the attendance list already shows, whoever the guest is)
        return [(line.id, '%s · %s' % (line.sudo().member_id.name or '',
                                       line.sudo().meeting_id.name or ''))
                for line in self]

    @api.constrains('member_id', 'is_guest', 'meeting_id')
    def _check_eligible(self):
        if is_trusted(self.env):
            return  # filled from the eligible members themselves
        lines = self.sudo().filtered(lambda a: not a.is_guest)
        for meeting in lines.mapped('meeting_id'):
            eligible = meeting._eligible_members()
            for line in lines.filtered(lambda a: a.meeting_id == meeting):
                if line.member_id not in eligible:
                    raise ValidationError(_(
                        "%s is not expected at %s: mark the member as a "
                        "guest.") % (line.member_id.name, meeting.name))

    @api.constrains('state', 'reason')
    def _check_reason(self):
        for line in self.sudo():
            if line.state == 'excused' and not line.reason:
                raise ValidationError(_(
                    "Give the reason %s was excused.") % line.member_id.name)

    @api.model
    def create(self, vals):
        if vals.get('meeting_id'):
            self.env['party.meeting'].browse(
                vals['meeting_id'])._check_unlocked()
        return super(PartyMeetingAttendance, self).create(vals)

    @api.multi
    def write(self, vals):
        self.mapped('meeting_id')._check_unlocked()
        return super(PartyMeetingAttendance, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped('meeting_id')._check_unlocked()
        return super(PartyMeetingAttendance, self).unlink()
