"""Education and training (学习教育): study sessions and courses with their
participants, and each member's individual records. Every hour counted is
a party.study.record; meetings of a type that counts study hours (a party
lecture, a theme party day) count their attendees' hours from the meeting
itself (party_service_totals), without typing them twice."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_guard import trusted

STUDY_KINDS = [
    ('lecture', 'Party Lecture'),
    ('theme', 'Theme Study'),
    ('online', 'Online Course'),
    ('training', 'Training Class'),
    ('other', 'Other Study'),
]


def default_organization(model):
    """The user's organization, when their scope is one organization."""
    orgs = model.env.user.party_organization_ids
    return orgs if len(orgs) == 1 else orgs.browse()


def span_days(date_from, date_to):
    """Days from `date_from` to `date_to` (strings or empty), both
    included; 1 without an end."""
    if not (date_from and date_to):
        return 1
    return (fields.Date.from_string(date_to)
            - fields.Date.from_string(date_from)).days + 1


def check_hours_and_dates(record, hours, date_from, date_to, label):
    """Hours between 0 and 24 a day, no date in the future, the end not
    before the start: clear messages, in the user's language."""
    today = fields.Date.context_today(record)
    if date_from and date_from > today:
        raise ValidationError(_(
            "%(record)s: the date %(date)s is in the future; record study "
            "and service once done.") % {'record': label, 'date': date_from})
    if date_to and date_from and date_to < date_from:
        raise ValidationError(_(
            "%(record)s: the end date is before the start date.")
            % {'record': label})
    days = span_days(date_from, date_to)
    # written so that NaN, which compares false, is refused too
    if not 0 < hours <= 24 * days:
        raise ValidationError(_(
            "%(record)s: enter more than 0 and at most %(max)d hours "
            "(24 a day).") % {'record': label, 'max': 24 * days})


class PartyStudySession(models.Model):
    """A study session or course organized by an organization, with its
    participants and the hours each was credited."""
    _name = 'party.study.session'
    _description = 'Study Session'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'date desc, id desc'

    organization_id = fields.Many2one(
        default=lambda self: default_organization(self))
    name = fields.Char(string='Topic', required=True,
                       track_visibility='onchange')
    kind = fields.Selection(STUDY_KINDS, string='Type of Study',
                            required=True, default='lecture',
                            track_visibility='onchange')
    date = fields.Date(required=True, default=fields.Date.context_today,
                       index=True, track_visibility='onchange')
    date_end = fields.Date(string='End Date',
                           help="For a course over several days.")
    hours = fields.Float(string='Hours per Participant', required=True,
                         default=2.0, track_visibility='onchange')
    organizer = fields.Char(string='Organized by')
    mode = fields.Selection(string='Form of Study', selection=[
        ('in_person', 'In Person'),
        ('online', 'Online'),
    ], required=True, default='in_person')
    place = fields.Char()
    description = fields.Text(string='Content')
    attachment_ids = fields.Many2many(
        'ir.attachment', 'party_study_session_attachment_rel', 'session_id',
        'attachment_id', string='Materials')
    line_ids = fields.One2many('party.study.record', 'session_id',
                               string='Participants')
    participant_count = fields.Integer(compute='_compute_totals',
                                       string='Participants')
    total_hours = fields.Float(compute='_compute_totals',
                               string='Total Hours')

    @api.depends('line_ids.hours')
    def _compute_totals(self):
        for session in self:
            session.participant_count = len(session.line_ids)
            session.total_hours = sum(session.line_ids.mapped('hours'))

    @api.constrains('date', 'date_end', 'hours')
    def _check_session(self):
        for session in self:
            check_hours_and_dates(session, session.hours, session.date,
                                  session.date_end, session.name)

    @api.onchange('hours')
    def _onchange_hours(self):
        for line in self.line_ids:
            line.hours = self.hours

    @api.multi
    def write(self, vals):
        res = super(PartyStudySession, self).write(vals)
        shared = {key: vals[key] for key in ('name', 'kind', 'date',
                                             'date_end') if key in vals}
        if shared:
            # the participants' records follow their session
            trusted(self.mapped('line_ids')).write(shared)
        return res


class PartyStudyRecord(models.Model):
    """Hours of study credited to a member: a participant of a session, or
    an individual record (a course elsewhere, with its certificate). It
    belongs to the member's organization."""
    _name = 'party.study.record'
    _description = 'Study Record'
    _inherit = ['party.scoped.mixin']
    _order = 'date desc, id desc'

    # no auto_join: the read rule's path through the session must keep
    # the records without one (an outer condition, not an inner join)
    session_id = fields.Many2one('party.study.session', string='Session',
                                 ondelete='cascade', index=True)
    member_id = fields.Many2one('party.member', string='Member',
                                required=True, index=True,
                                ondelete='restrict', auto_join=True)
    organization_id = fields.Many2one(
        help="The member's organization when the hours were recorded.")
    name = fields.Char(string='Topic', required=True)
    kind = fields.Selection(STUDY_KINDS, string='Type of Study',
                            required=True, default='other')
    date = fields.Date(required=True, default=fields.Date.context_today,
                       index=True)
    date_end = fields.Date(string='End Date')
    hours = fields.Float(required=True, default=2.0)
    certificate = fields.Binary(attachment=True)
    certificate_name = fields.Char(string='Certificate File Name')
    note = fields.Char()

    _sql_constraints = [
        ('session_member_uniq', 'unique (session_id, member_id)',
         'A member is a participant of a session once.'),
    ]

    @api.constrains('date', 'date_end', 'hours')
    def _check_record(self):
        for record in self:
            check_hours_and_dates(record, record.hours, record.date,
                                  record.date_end, record.member_id.name)

    @api.onchange('member_id')
    def _onchange_member_organization(self):
        # shown on the form before it is saved; create and write set it
        if self.member_id:
            self.organization_id = self.member_id.organization_id

    def _session_values(self, vals):
        """A participant's record takes its session's topic and dates, and
        the member's organization."""
        vals = dict(vals)
        if vals.get('session_id'):
            session = self.env['party.study.session'].browse(
                vals['session_id'])
            for key in ('name', 'kind', 'date', 'date_end'):
                vals.setdefault(key, session[key])
            vals.setdefault('hours', session.hours)
        if vals.get('member_id'):
            vals['organization_id'] = self.env['party.member'].browse(
                vals['member_id']).organization_id.id
        return vals

    @api.model
    def create(self, vals):
        return super(PartyStudyRecord, self).create(
            self._session_values(vals))

    @api.multi
    def write(self, vals):
        if vals.get('member_id'):
            vals = dict(vals, organization_id=self.env['party.member'].browse(
                vals['member_id']).organization_id.id)
        return super(PartyStudyRecord, self).write(vals)


class PartyMeetingType(models.Model):
    """Meetings of a type that counts study hours (a party lecture, a theme
    party day) credit each member present."""
    _inherit = 'party.meeting.type'

    counts_study_hours = fields.Boolean(
        string='Counts Study Hours',
        help="Members present at a held meeting of this type are credited "
             "its hours of study: the meeting's duration, or the hours "
             "below when it has no end time.")
    study_hours = fields.Float(
        string='Study Hours without an End Time', default=2.0)

    @api.constrains('study_hours')
    def _check_study_hours(self):
        if any(not 0 <= t.study_hours <= 24 for t in self):
            raise ValidationError(_(
                "Study hours of a meeting are between 0 and 24."))

    @api.model
    def _service_seed_study_types(self):
        """The party lecture and the theme party day count study hours
        (install, and the upgrade's migration)."""
        for xmlid in ('meeting_type_lecture', 'meeting_type_theme_day'):
            kind = self.env.ref('party_building.' + xmlid,
                                raise_if_not_found=False)
            if kind:
                kind.write({'counts_study_hours': True})
