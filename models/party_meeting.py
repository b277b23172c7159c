import math

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_guard import trusted
from .party_member import NOT_COUNTED

# A held meeting is locked: below officers, only its chatter stays open;
# officers' corrections are tracked.
LOCKED_STATES = ('held',)


class PartyMeeting(models.Model):
    """A meeting of organizational life, with its attendance."""
    _name = 'party.meeting'
    _description = 'Party Meeting'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'start desc, id desc'

    name = fields.Char(string='Topic', required=True,
                       track_visibility='onchange')
    type_id = fields.Many2one('party.meeting.type', string='Type',
                              required=True, ondelete='restrict',
                              track_visibility='onchange')
    start = fields.Datetime(required=True, track_visibility='onchange')
    end = fields.Datetime(track_visibility='onchange')
    tz = fields.Selection(
        '_tz_selection', string='Time Zone', required=True,
        default=lambda self: self.env.user.tz or 'Asia/Shanghai',
        help="The meeting's period (month, quarter...) is that of its local "
             "date in this time zone.")
    local_date = fields.Date(compute='_compute_local_date', store=True,
                             index=True, string='Date')
    place = fields.Char(track_visibility='onchange')
    host_id = fields.Many2one('party.member', string='Host',
                              track_visibility='onchange')
    recorder_id = fields.Many2one('party.member', string='Recorder',
                                  track_visibility='onchange')
    lecturer = fields.Char(help="Who gave the party lecture.",
                           track_visibility='onchange')
    minutes = fields.Html()
    attachment_ids = fields.Many2many(
        'ir.attachment', string='Sign-in Sheet and Photos')
    state = fields.Selection([
        ('planned', 'Planned'),
        ('held', 'Held'),
        ('cancelled', 'Cancelled'),
    ], required=True, default='planned', index=True, readonly=True,
        track_visibility='onchange')
    attendance_ids = fields.One2many('party.meeting.attendance',
                                     'meeting_id', string='Attendance')
    expected_count = fields.Integer(compute='_compute_attendance',
                                    store=True)
    present_count = fields.Integer(compute='_compute_attendance',
                                   store=True)
    attendance_rate = fields.Float(
        compute='_compute_attendance', store=True, group_operator='avg',
        help="Expected attendees present, in percent; guests not counted.")
    is_locked = fields.Boolean(
        string='Locked', compute='_compute_is_locked',
        help="Held, and you are below officer: the form shows it read-only "
             "instead of losing your changes on save.")

    @api.model_cr
    def init(self):
        # the compliance facts read a scope's held meetings of a period
        # organization by organization (party_meeting_compliance)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS party_meeting_held_index
                ON party_meeting (organization_id, local_date, type_id)
             WHERE state = 'held'
        """)

    @api.model
    def _tz_selection(self):
        return [(tz, tz) for tz in pytz.common_timezones]

    @api.depends('start', 'tz')
    def _compute_local_date(self):
        for meeting in self:
            if not meeting.start:
                meeting.local_date = False
                continue
            utc = pytz.utc.localize(fields.Datetime.from_string(meeting.start))
            local = utc.astimezone(pytz.timezone(meeting.tz or 'UTC'))
            meeting.local_date = fields.Date.to_string(local.date())

    @api.depends('attendance_ids.state', 'attendance_ids.is_guest')
    def _compute_attendance(self):
        for meeting in self:
            expected = meeting.attendance_ids.filtered(
                lambda a: not a.is_guest)
            present = expected.filtered(lambda a: a.state == 'present')
            meeting.expected_count = len(expected)
            meeting.present_count = len(present)
            meeting.attendance_rate = (100.0 * len(present) / len(expected)
                                       if expected else 0.0)

    @api.depends('state')
    def _compute_is_locked(self):
        # the user's role decides, as _check_unlocked does on write
        officer = self.env.user.has_group('party_building.group_officer')
        for meeting in self:
            meeting.is_locked = (meeting.state in LOCKED_STATES
                                 and not officer)

    @api.constrains('start', 'end')
    def _check_dates(self):
        # sudo, as every constraint here: the record rules decide the scope
        for meeting in self.sudo():
            if meeting.end and meeting.end < meeting.start:
                raise ValidationError(_(
                    "Meeting %s ends before it starts.") % meeting.name)

    @api.constrains('type_id', 'organization_id')
    def _check_type_applies(self):
        for meeting in self.sudo():
            if meeting.type_id.per_member:
                raise ValidationError(_(
                    "%s is recorded as talks, not as a meeting.")
                    % meeting.type_id.name)
            if not meeting.type_id.applies_to(meeting.organization_id):
                raise ValidationError(_(
                    "A %s is not held by %s: choose a meeting type for its "
                    "kind of organization.") % (
                        meeting.type_id.name, meeting.organization_id.name))

    # -- expected attendees ----------------------------------------------

    def _eligible_members(self):
        """Members expected at this meeting, by its type's rule."""
        self.ensure_one()
        org = self.organization_id.sudo()
        Member = self.env['party.member'].sudo()
        if self.type_id.expected == 'committee':
            return org.committee_position_ids.mapped('member_id')
        if self.type_id.expected == 'group_members':
            return Member.search([('organization_id', '=', org.id)])
        return Member.search([('organization_id.path', '=like',
                               org.path + '%')])

    @api.multi
    def action_fill_attendees(self):
        """Add every eligible member not listed yet, as absent."""
        # the lines are written as trusted code: the caller must be allowed
        # to change these meetings in the first place
        self.check_access_rights('write')
        self.check_access_rule('write')
        for meeting in self:
            listed = meeting.attendance_ids.mapped('member_id')
            missing = meeting._eligible_members() - listed
            trusted(meeting).write(
                {'attendance_ids': [
                    (0, 0, {'member_id': member.id, 'state': 'absent'})
                    for member in missing]})
        return True

    @api.multi
    def action_all_present(self):
        """Mark every expected attendee present, so that only the
        exceptions (absent, excused with a reason) are clicked after.
        Guests are listed one by one and stay as they are."""
        self.check_access_rights('write')
        self.check_access_rule('write')
        self.action_fill_attendees()
        self.mapped('attendance_ids').filtered(
            lambda a: not a.is_guest).write({'state': 'present',
                                             'reason': False})
        return True

    @api.multi
    def set_attendance(self, present, excused=None):
        """Record who came: `present` members present, `excused` a dict
        {member id: reason}, every other listed member absent. A fixed
        number of statements, however many members."""
        self.ensure_one()
        present, excused = self._attendance_arguments(present, excused)
        lines = self.attendance_ids
        present_lines = lines.filtered(lambda a: a.member_id.id in present)
        for reason in set(excused.values()):
            lines.filtered(lambda a: excused.get(a.member_id.id) == reason)\
                .write({'state': 'excused', 'reason': reason})
        present_lines.write({'state': 'present', 'reason': False})
        (lines - present_lines).filtered(
            lambda a: a.member_id.id not in excused).write(
                {'state': 'absent', 'reason': False})
        return True

    @staticmethod
    def _attendance_arguments(present, excused):
        """The arguments of set_attendance as sent over RPC: member ids
        (JSON object keys arrive as strings) and non-empty reasons."""
        def member_id(value):
            if isinstance(value, bool):
                raise ValueError
            return int(value)
        try:
            present = {member_id(i) for i in present or ()}
            excused = {member_id(k): v for k, v in (excused or {}).items()}
        except (TypeError, ValueError, AttributeError):
            raise ValidationError(_(
                "Attendance: give the present members as a list of member "
                "ids and the excused ones as {member id: reason}."))
        if any(not isinstance(r, str) or not r.strip()
               for r in excused.values()):
            raise ValidationError(_(
                "Attendance: give a reason for each excused member."))
        return present, excused

    @api.model
    def create(self, vals):
        meeting = super(PartyMeeting, self).create(vals)
        if not vals.get('attendance_ids'):
            meeting.action_fill_attendees()
        meeting._claim_attachments()
        return meeting

    # -- locking -----------------------------------------------------------

    @api.multi
    def write(self, vals):
        # followers, activities and the like stay open on a held meeting
        mail_fields = set(self.env['mail.thread']._fields) | set(
            self.env['mail.activity.mixin']._fields)
        if set(vals) - mail_fields:
            self._check_unlocked()
        res = super(PartyMeeting, self).write(vals)
        if 'attachment_ids' in vals:
            self._claim_attachments()
        return res

    def _claim_attachments(self):
        """Files uploaded in a new meeting's form are stored before the
        meeting exists (res_id 0), and Odoo 11 lets every user read an
        attachment linked to no record: link them to their meeting, so that
        they follow its scope."""
        for meeting in self:
            orphans = meeting.attachment_ids.sudo().filtered(
                lambda a: not a.res_id)
            orphans.write({'res_model': self._name, 'res_id': meeting.id})

    @api.multi
    def unlink(self):
        if any(m.state == 'held' for m in self):
            raise UserError(_(
                "A held meeting is a record of organizational life and "
                "cannot be deleted; an officer can correct it."))
        return super(PartyMeeting, self).unlink()

    def _lock_rows(self):
        """Lock these meetings before changing them or their attendance.

        Two users recording one meeting then conflict here, before the
        ORM has queued any recomputation: the second gets a serialization
        failure that Odoo retries cleanly. Later, Odoo 11's XML-RPC retry
        would run with the failed attempt's recomputations still queued on
        its closed cursor ("Unable to use a closed cursor")."""
        ids = tuple(i for i in self.ids if isinstance(i, int))
        if ids:
            self.env.cr.execute(
                "SELECT id FROM party_meeting WHERE id IN %s ORDER BY id "
                "FOR NO KEY UPDATE", [ids])

    def _check_unlocked(self):
        """Refuse changes to held meetings below officers; lock the rows
        first, so that the state checked is the state kept."""
        self._lock_rows()
        if self.env.user.has_group('party_building.group_officer'):
            return
        if any(m.state in LOCKED_STATES for m in self):
            raise AccessError(_(
                "Meeting records are locked once held; ask an officer to "
                "correct them."))

    # -- workflow ----------------------------------------------------------

    @api.multi
    def action_held(self):
        # the quorum is judged on the attendance no one else is changing
        self._lock_rows()
        for meeting in self:
            if meeting.state != 'planned':
                raise UserError(_("Only a planned meeting can be marked "
                                  "held."))
            meeting._check_started()
            meeting._check_quorum()
        trusted(self).write({'state': 'held'})
        return True

    @api.multi
    def action_cancel(self):
        if any(m.state == 'held' for m in self):
            raise UserError(_("A held meeting cannot be cancelled."))
        trusted(self).write({'state': 'cancelled'})
        return True

    def _check_started(self):
        """A meeting is held once it has started, not when planned."""
        if self.start <= fields.Datetime.now():
            return
        start = pytz.utc.localize(fields.Datetime.from_string(
            self.start)).astimezone(pytz.timezone(self.tz or 'UTC'))
        raise UserError(_(
            "%(meeting)s starts on %(start)s: mark it held once it has "
            "taken place.") % {'meeting': self.name,
                               'start': start.strftime('%Y-%m-%d %H:%M')})

    def _check_quorum(self):
        present = self.attendance_ids.filtered(
            lambda a: a.state == 'present').mapped('member_id')
        if self.type_id.quorum == 'committee_half':
            committee = self.organization_id.sudo().committee_position_ids\
                .mapped('member_id')
            needed = int(math.ceil(len(committee) / 2.0))
            if not committee or len(present & committee) < needed:
                raise UserError(_(
                    "Quorum not reached: at least %d of the %d committee "
                    "members must be present, %d are.") % (
                        needed, len(committee), len(present & committee)))
        elif self.type_id.quorum == 'members_majority':
            # members who lost contact or whose membership is stopped
            # are not counted (party_member.NOT_COUNTED)
            voters = self._eligible_members().filtered(
                lambda m: m.status == 'full'
                and m.standing not in NOT_COUNTED)
            needed = len(voters) // 2 + 1
            if len(present & voters) < needed:
                raise UserError(_(
                    "Quorum not reached: more than half of the %d full "
                    "members (at least %d) must be present, %d are.") % (
                        len(voters), needed, len(present & voters)))
