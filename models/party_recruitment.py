"""Recruitment of members (发展党员): an applicant (入党申请人) goes through
the stages of the rules, each with its date and what it needs, until the
superior committee approves the admission and the applicant becomes a
probationary member.

The stages are fixed by the rules; what each requires in time (at least a
year as activist, the talk within a month, ...) is configuration
(party.recruitment.stage, editable by managers). A stage is recorded only
through ``advance``, which checks it: no stage skipped, none dated before
the previous one.
"""
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_guard import to_day, trusted
from .party_member_decision import is_general_meeting
from .party_organization import MEMBER_KINDS

STAGES = [
    ('applied', 'Applicant'),
    ('talked', 'Talked With'),
    ('activist', 'Activist'),
    ('target', 'Development Target'),
    ('reviewed', 'Reviewed and Trained'),
    ('admitted', 'Admitted by the Branch'),
    ('approved', 'Approved'),
]
STAGE_CODES = [code for code, _label in STAGES]
# the date field of each stage on the applicant
STAGE_DATES = {
    'applied': 'application_date',
    'talked': 'talk_date',
    'activist': 'activist_date',
    'target': 'target_date',
    'reviewed': 'review_date',
    'admitted': 'admission_date',
    'approved': 'approval_date',
}
# what a client may give when recording each stage
STAGE_VALUES = {
    'talked': ('talk_date', 'talk_note'),
    'activist': ('activist_date', 'contact_member_ids',
                 'activist_training'),
    'target': ('target_date', 'sponsor_ids'),
    'reviewed': ('review_date', 'political_review', 'training_hours'),
    'admitted': ('meeting_id',),
    'approved': ('approval_date', 'approval_decision'),
}


class PartyRecruitmentStage(models.Model):
    """The time rules of one stage of recruitment (发展党员工作细则)."""
    _name = 'party.recruitment.stage'
    _description = 'Recruitment Stage Rule'
    _order = 'sequence, id'

    code = fields.Selection(STAGES, required=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    min_months = fields.Integer(
        string='Minimum Months After the Previous Stage',
        help="The stage cannot be recorded earlier (e.g. a development "
             "target after at least 12 months as activist).")
    due_days = fields.Integer(
        string='Due Within (Days)',
        help="The stage is due this many days after the previous one (e.g. "
             "the talk within 30 days of the application); the secretary "
             "is reminded before.")
    min_age = fields.Integer(
        string='Minimum Age',
        help="Applicants must have reached this age on the application "
             "date.")
    min_training_hours = fields.Float(
        string='Minimum Training Hours',
        help="The pre-admission training of development targets: at least "
             "this many class hours.")
    description = fields.Text(translate=True)

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'Each stage has one rule.'),
    ]

    @api.constrains('min_months', 'due_days', 'min_age',
                    'min_training_hours')
    def _check_numbers(self):
        for stage in self:
            if min(stage.min_months, stage.due_days, stage.min_age,
                   stage.min_training_hours) < 0:
                raise ValidationError(_(
                    "The rules of a recruitment stage cannot be negative."))

    @api.model
    def _rules(self):
        """{code: stage rule} (read as superuser: configuration)."""
        return {rule.code: rule for rule in self.sudo().search([])}


class PartyApplicant(models.Model):
    _name = 'party.applicant'
    _description = 'Applicant for Party Membership'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'application_date desc, id desc'

    name = fields.Char(string='Full Name', required=True,
                       track_visibility='onchange')
    employee_id = fields.Many2one(
        'hr.employee', string='Employee', ondelete='set null', index=True,
        track_visibility='onchange')
    gender = fields.Selection([('male', 'Male'), ('female', 'Female')])
    birth_date = fields.Date()
    mobile = fields.Char()
    active = fields.Boolean(default=True)
    branch_id = fields.Many2one(
        'party.organization', string='Branch', compute='_compute_branch_id',
        store=True, index=True)
    stage = fields.Selection(
        STAGES, required=True, default='applied', index=True, readonly=True,
        track_visibility='onchange', group_expand='_expand_stages')
    stage_date = fields.Date(
        string='Stage Since', readonly=True, index=True,
        help="The date of the present stage.")
    application_date = fields.Date(
        string='Application Date', required=True, party_create_only=True,
        track_visibility='onchange')
    talk_date = fields.Date(string='Talk Date', readonly=True,
                            track_visibility='onchange')
    talk_note = fields.Text(string='Talk', readonly=True)
    activist_date = fields.Date(
        string='Activist Since', readonly=True, track_visibility='onchange',
        help="The branch committee's decision making the applicant an "
             "activist.")
    contact_member_ids = fields.Many2many(
        'party.member', 'party_applicant_contact_rel', 'applicant_id',
        'member_id', string='Contact Members', readonly=True,
        help="One or two full members who help and follow the activist "
             "(培养联系人).")
    activist_training = fields.Text(
        string='Education and Examination', readonly=True)
    target_date = fields.Date(
        string='Development Target Since', readonly=True,
        track_visibility='onchange')
    sponsor_ids = fields.Many2many(
        'party.member', 'party_applicant_sponsor_rel', 'applicant_id',
        'member_id', string='Sponsors', readonly=True,
        help="Two full members who introduce the applicant (入党介绍人).")
    review_date = fields.Date(
        string='Political Review Date', readonly=True,
        track_visibility='onchange')
    political_review = fields.Text(string='Political Review',
                                   readonly=True)
    training_hours = fields.Float(
        string='Pre-admission Training (Hours)', readonly=True)
    meeting_id = fields.Many2one(
        'party.meeting', string="Members' General Meeting", readonly=True,
        ondelete='restrict',
        help="The held members' general meeting of the branch that "
             "admitted the applicant.")
    admission_date = fields.Date(readonly=True,
                                 track_visibility='onchange')
    approval_date = fields.Date(readonly=True, track_visibility='onchange')
    approval_decision = fields.Char(
        string='Approval', readonly=True,
        help="The superior committee's approval and its reference.")
    member_id = fields.Many2one('party.member', string='Member',
                                readonly=True, ondelete='set null')
    next_stage = fields.Selection(STAGES, compute='_compute_next_stage')
    note = fields.Text()

    @api.depends('organization_id.kind', 'organization_id.parent_id')
    def _compute_branch_id(self):
        for applicant in self:
            org = applicant.organization_id
            applicant.branch_id = org.parent_id if org.kind == 'group' \
                else org

    @api.depends('stage')
    def _compute_next_stage(self):
        for applicant in self:
            index = STAGE_CODES.index(applicant.stage)
            applicant.next_stage = STAGE_CODES[index + 1] \
                if index + 1 < len(STAGE_CODES) else False

    @api.model
    def _expand_stages(self, states, domain, order):
        return STAGE_CODES

    @api.constrains('organization_id')
    def _check_organization_kind(self):
        for applicant in self.sudo():
            if applicant.organization_id.kind not in MEMBER_KINDS:
                raise ValidationError(_(
                    "An applicant applies to a party branch or a party "
                    "group, not to %s.") % applicant.organization_id.name)

    @api.onchange('employee_id')
    def _onchange_employee_id(self):
        for field, value in self.env['party.member']._values_from_employee(
                self.employee_id).items():
            if field in self._fields and field != 'partner_id':
                self[field] = value

    @api.model
    def create(self, vals):
        applicant = super(PartyApplicant, self).create(vals)
        applicant._check_application()
        trusted(applicant).write({'stage_date': applicant.application_date})
        return applicant

    def _check_application(self):
        rules = self.env['party.recruitment.stage']._rules()
        today = fields.Date.from_string(fields.Date.context_today(self))
        day = to_day(self.application_date)
        if day > today:
            raise ValidationError(_("The application cannot be dated in the "
                                    "future."))
        rule = rules.get('applied')
        if rule and rule.min_age and self.birth_date:
            born = to_day(self.birth_date)
            if born + relativedelta(years=rule.min_age) > day:
                raise ValidationError(_(
                    "%(name)s was under %(age)d on the application date: "
                    "only persons aged %(age)d or older may apply.") % {
                        'name': self.name, 'age': rule.min_age})

    # -- stages ---------------------------------------------------------------

    @api.multi
    def advance(self, stage, values):
        """Record the next stage `stage` with its `values` (the fields of
        STAGE_VALUES[stage]). Refused if it is not the next stage, dated
        before the previous one or earlier than the rules allow, or lacks
        what the stage needs; on approval, the probationary member is
        created. Returns the member on approval, else True."""
        self.ensure_one()
        self.check_access_rights('write')
        self.check_access_rule('write')
        labels = dict(self._fields['stage']._description_selection(self.env))
        if stage not in STAGE_CODES[1:]:
            raise UserError(_("Unknown stage of recruitment."))
        if stage != self.next_stage:
            raise UserError(_(
                "%(name)s is at the stage \"%(current)s\": the next stage is "
                "\"%(next)s\"; no stage can be skipped.") % {
                    'name': self.name, 'current': labels[self.stage],
                    'next': labels.get(self.next_stage, '-')})
        values = dict(values or {})
        unknown = set(values) - set(STAGE_VALUES[stage])
        if unknown:
            raise UserError(_("These values do not belong to this stage: "
                              "%s") % ', '.join(sorted(unknown)))
        # the guard checks the links and dates as for any client
        self._party_check_values(values)
        if stage == 'admitted':
            values['admission_date'] = self._admitting_meeting_date(
                values.get('meeting_id'))
        day = to_day(values.get(STAGE_DATES[stage]))
        if day is None:
            raise ValidationError(_("Enter the date of the stage."))
        self._check_stage_date(stage, day, labels)
        getattr(self, '_check_%s' % stage)(values)
        values.update(stage=stage, stage_date=fields.Date.to_string(day))
        trusted(self).write(values)
        self.message_post(body=_("Stage recorded: %(stage)s, %(date)s") % {
            'stage': labels[stage], 'date': values['stage_date']})
        if stage == 'approved':
            return self._create_member()
        return True

    def _check_stage_date(self, stage, day, labels):
        today = fields.Date.from_string(fields.Date.context_today(self))
        if day > today:
            raise ValidationError(_("A stage cannot be dated in the "
                                    "future."))
        previous = to_day(self[STAGE_DATES[self.stage]])
        if day < previous:
            raise ValidationError(_(
                "\"%(stage)s\" cannot be dated before the previous stage "
                "(%(date)s).") % {'stage': labels[stage],
                                  'date': fields.Date.to_string(previous)})
        rule = self.env['party.recruitment.stage']._rules().get(stage)
        if rule and rule.min_months:
            earliest = previous + relativedelta(months=rule.min_months)
            if day < earliest:
                raise ValidationError(_(
                    "\"%(stage)s\" comes at least %(months)d months after "
                    "the previous stage: on %(date)s at the earliest.") % {
                        'stage': labels[stage], 'months': rule.min_months,
                        'date': fields.Date.to_string(earliest)})

    @staticmethod
    def _link_ids(value):
        ids = []
        for command in value or ():
            if isinstance(command, (list, tuple)) and command[0] == 6:
                ids.extend(command[2] or ())
            elif isinstance(command, (list, tuple)) and command[0] == 4:
                ids.append(command[1])
            elif isinstance(command, int):
                ids.append(command)
        return ids

    def _check_full_members(self, value, low, high, message):
        ids = self._link_ids(value)
        members = self.env['party.member'].sudo().browse(ids).exists()
        if not low <= len(set(ids)) <= high or len(members) != len(set(ids)) \
                or any(m.status != 'full' or m.standing != 'good'
                       or not m.active for m in members):
            raise ValidationError(message)
        return [(6, 0, members.ids)]

    def _check_talked(self, values):
        return True

    def _check_activist(self, values):
        values['contact_member_ids'] = self._check_full_members(
            values.get('contact_member_ids'), 1, 2, _(
                "Choose one or two contact members, full members in good "
                "standing."))

    def _check_target(self, values):
        values['sponsor_ids'] = self._check_full_members(
            values.get('sponsor_ids'), 2, 2, _(
                "Choose two sponsors, full members in good standing."))

    def _check_reviewed(self, values):
        if not (values.get('political_review') or '').strip():
            raise ValidationError(_(
                "Enter the conclusion of the political review."))
        rule = self.env['party.recruitment.stage']._rules().get('reviewed')
        hours = values.get('training_hours') or 0.0
        if not isinstance(hours, (int, float)) or hours < 0 or hours > 1000:
            raise ValidationError(_("Enter the hours of training."))
        if rule and hours < rule.min_training_hours:
            raise ValidationError(_(
                "The pre-admission training lasts at least %(hours)s class "
                "hours; %(given)s recorded.") % {
                    'hours': rule.min_training_hours, 'given': hours})

    def _admitting_meeting_date(self, meeting_id):
        meeting = self.env['party.meeting'].browse(
            meeting_id if isinstance(meeting_id, int) else ())
        if not meeting.exists():
            raise ValidationError(_(
                "Choose the members' general meeting that admitted the "
                "applicant."))
        meeting = meeting.sudo()
        if meeting.organization_id != self.branch_id \
                or not is_general_meeting(meeting.type_id):
            raise ValidationError(_(
                "%(name)s is admitted by a members' general meeting of "
                "%(branch)s, not by %(meeting)s.") % {
                    'name': self.name, 'branch': self.branch_id.name,
                    'meeting': meeting.name})
        if meeting.state != 'held':
            raise ValidationError(_(
                "%s has not been held: record the admission once the "
                "meeting has taken place and is marked held.")
                % meeting.name)
        return meeting.local_date

    def _check_admitted(self, values):
        return True

    def _check_approved(self, values):
        if not (values.get('approval_decision') or '').strip():
            raise ValidationError(_(
                "Enter the superior committee's approval and its "
                "reference."))

    def _create_member(self):
        """The probationary member, admitted on the day of the meeting."""
        member = trusted(self.env['party.member']).create({
            'name': self.name,
            'organization_id': self.organization_id.id,
            'employee_id': self.employee_id.id,
            'gender': self.gender,
            'birth_date': self.birth_date,
            'mobile': self.mobile,
            'application_date': self.application_date,
            'join_date': self.admission_date,
            'status': 'probationary',
            'applicant_id': self.id,
        })
        trusted(self).write({'member_id': member.id})
        return member

    @api.multi
    def action_advance(self):
        """The form's button: the dialog recording the next stage."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'party.applicant.advance',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_applicant_id': self.id},
        }

    @api.multi
    def action_open_member(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'party.member',
            'view_mode': 'form',
            'res_id': self.member_id.id,
        }


class PartyApplicantAdvance(models.TransientModel):
    """The dialog recording the next stage of an applicant."""
    _name = 'party.applicant.advance'
    _description = 'Record a Recruitment Stage'

    applicant_id = fields.Many2one('party.applicant', required=True)
    stage = fields.Selection(STAGES, related='applicant_id.next_stage',
                             readonly=True)
    branch_id = fields.Many2one(related='applicant_id.branch_id',
                                readonly=True)
    date = fields.Date(default=fields.Date.context_today)
    note = fields.Text(string='Talk')
    contact_member_ids = fields.Many2many(
        'party.member', 'party_applicant_advance_contact_rel',
        string='Contact Members')
    activist_training = fields.Text(string='Education and Examination')
    sponsor_ids = fields.Many2many(
        'party.member', 'party_applicant_advance_sponsor_rel',
        string='Sponsors')
    political_review = fields.Text(string='Political Review')
    training_hours = fields.Float(string='Pre-admission Training (Hours)')
    meeting_id = fields.Many2one('party.meeting',
                                 string="Members' General Meeting")
    approval_decision = fields.Char(string='Approval')

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        stage = self.stage
        date = self.date
        values = {
            'talked': {'talk_date': date, 'talk_note': self.note},
            'activist': {'activist_date': date,
                         'contact_member_ids': [
                             (6, 0, self.contact_member_ids.ids)],
                         'activist_training': self.activist_training},
            'target': {'target_date': date,
                       'sponsor_ids': [(6, 0, self.sponsor_ids.ids)]},
            'reviewed': {'review_date': date,
                         'political_review': self.political_review,
                         'training_hours': self.training_hours},
            'admitted': {'meeting_id': self.meeting_id.id},
            'approved': {'approval_date': date,
                         'approval_decision': self.approval_decision},
        }.get(stage)
        if values is None:
            raise UserError(_("The recruitment is complete."))
        self.applicant_id.advance(stage, values)
        return {'type': 'ir.actions.act_window_close'}
