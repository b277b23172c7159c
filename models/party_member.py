import re

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from .party_guard import to_day, trusted
from .party_organization import MEMBER_KINDS

# Weights and check characters of the 18-character resident ID number
# (GB 11643-1999): the last character is a mod-11 checksum of the first 17.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = '10X98765432'
ID_NUMBER_PATTERN = re.compile(r'^\d{17}[\dX]$')


def is_valid_id_number(value):
    if not isinstance(value, str):
        return False
    value = value.upper()
    if not ID_NUMBER_PATTERN.match(value):
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], ID_WEIGHTS))
    return ID_CHECK_CHARS[total % 11] == value[17]


class PartyMember(models.Model):
    _name = 'party.member'
    _description = 'Party Member'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'name, id'

    name = fields.Char(string='Full Name', required=True, index=True,
                       track_visibility='onchange')
    employee_id = fields.Many2one(
        # set null: HR may delete an employee without learning that the
        # employee is a party member; the member record stays
        'hr.employee', string='Employee', ondelete='set null', index=True,
        track_visibility='onchange',
        help="The HR employee record of this member; an employee can be "
             "only one member.")
    partner_id = fields.Many2one(
        'res.partner', string='Contact', ondelete='restrict',
        track_visibility='onchange')
    # auto_join: the scope rule on organization_id.path becomes a join,
    # not a list of every organization id in scope
    organization_id = fields.Many2one(
        'party.organization', string='Organization', required=True,
        index=True, ondelete='restrict', track_visibility='onchange',
        auto_join=True,
        domain=[('kind', 'in', MEMBER_KINDS)],
        help="The party branch, or a party group of it, the member belongs "
             "to.")
    branch_id = fields.Many2one(
        'party.organization', string='Branch', compute='_compute_branch_id',
        store=True, index=True,
        help="The party branch the member belongs to, directly or through "
             "a party group.")
    company_id = fields.Many2one(
        'res.company', related='organization_id.company_id', store=True,
        readonly=True, index=True)
    active = fields.Boolean(default=True, track_visibility='onchange')
    status = fields.Selection([
        ('probationary', 'Probationary Member'),
        ('full', 'Full Member'),
    ], required=True, default='probationary', index=True,
        track_visibility='onchange', party_create_only=True,
        help="Set when the member is registered; a probationary member "
             "becomes a full member through the conversion, which records "
             "the decision.")
    application_date = fields.Date(
        string='Application Date', track_visibility='onchange')
    join_date = fields.Date(
        string='Joining Date', track_visibility='onchange',
        help="Date of admission as a probationary member.")
    full_date = fields.Date(
        string='Full Membership Date', track_visibility='onchange',
        party_create_only=True)
    gender = fields.Selection([
        ('male', 'Male'),
        ('female', 'Female'),
    ])
    birth_date = fields.Date()
    ethnicity = fields.Char()
    education = fields.Selection([
        ('primary', 'Primary School'),
        ('junior', 'Junior Middle School'),
        ('senior', 'Senior Middle School'),
        ('vocational', 'Vocational School'),
        ('college', 'Junior College'),
        ('bachelor', 'Bachelor'),
        ('master', 'Master'),
        ('doctor', 'Doctor'),
    ])
    phone = fields.Char()
    mobile = fields.Char()
    email = fields.Char()
    # not tracked: the chatter shows tracked values to every reader
    id_number = fields.Char(
        string='ID Number', groups='party_building.group_officer', copy=False,
        help="Resident identity card number, 18 characters.")
    note = fields.Text()
    training_ids = fields.One2many(
        'party.secretary.training', 'member_id', string='Training')
    appraisal_ids = fields.One2many(
        'party.secretary.appraisal', 'member_id', string='Appraisals')
    position_ids = fields.One2many(
        'party.term.position', 'member_id', string='Posts Held')
    attendance_ids = fields.One2many(
        'party.meeting.attendance', 'member_id', string='Meetings Attended')
    talk_ids = fields.One2many('party.talk', 'member_id',
                               string='Heart-to-heart Talks')
    member_appraisal_ids = fields.One2many(
        'party.member.appraisal', 'member_id', string='Democratic Appraisals')

    _sql_constraints = [
        ('employee_uniq', 'unique (employee_id)',
         'This employee is already registered as a party member.'),
        ('id_number_company_uniq', 'unique (company_id, id_number)',
         'A member with this ID number already exists in this company.'),
    ]

    @api.model_cr
    def init(self):
        # counting the members of a scope reads only this index
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS party_member_organization_active_index
                ON party_member (organization_id) INCLUDE (company_id)
             WHERE active
        """)

    @api.depends('organization_id.kind', 'organization_id.parent_id')
    def _compute_branch_id(self):
        for member in self:
            org = member.organization_id
            member.branch_id = org.parent_id if org.kind == 'group' else org

    # Constraints read as superuser: they run before Odoo checks that a new
    # record lies in the user's scope, and that check must be what refuses.
    @api.constrains('organization_id')
    def _check_organization_kind(self):
        for member in self.sudo():
            if member.organization_id.kind not in MEMBER_KINDS:
                raise ValidationError(_(
                    "Member %s must belong to a party branch or a party "
                    "group, not to %s.") % (
                        member.name, member.organization_id.name))

    @api.constrains('application_date', 'join_date', 'full_date', 'status',
                    'birth_date')
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for member in self.sudo():
            dates = [member.birth_date, member.application_date,
                     member.join_date, member.full_date]
            if any(d and d > today for d in dates):
                raise ValidationError(_(
                    "Member %s: birth, application, joining and full "
                    "membership dates cannot be in the future.")
                    % member.name)
            if member.birth_date and any(
                    d and d <= member.birth_date for d in dates[1:]):
                raise ValidationError(_(
                    "Member %s: application, joining and full membership "
                    "come after the date of birth.") % member.name)
            if (member.application_date and member.join_date
                    and member.join_date < member.application_date):
                raise ValidationError(_(
                    "Member %s: the joining date must not be earlier than "
                    "the application date.") % member.name)
            if (member.join_date and member.full_date
                    and member.full_date <= member.join_date):
                raise ValidationError(_(
                    "Member %s: the full membership date must be later than "
                    "the joining date.") % member.name)
            if member.full_date and member.status != 'full':
                raise ValidationError(_(
                    "Member %s has a full membership date but is still a "
                    "probationary member: set the status to full member or "
                    "clear the date.") % member.name)

    @api.constrains('id_number')
    def _check_id_number(self):
        for member in self.sudo():
            if member.id_number and not is_valid_id_number(member.id_number):
                raise ValidationError(_(
                    "The ID number %s of member %s is not a valid 18-character "
                    "resident ID number: check the digits and the final "
                    "check character.") % (member.id_number, member.name))

    @api.onchange('employee_id')
    def _onchange_employee_id(self):
        for field, value in self._values_from_employee(
                self.employee_id).items():
            self[field] = value

    @api.model
    def _values_from_employee(self, employee):
        """Name and contact data a member takes over from its employee.

        Private HR data (gender, birthday) is copied only for users who may
        read it in HR; the work contact data is public.
        """
        if not employee:
            return {}
        values = {
            'name': employee.name,
            'phone': employee.work_phone,
            'mobile': employee.mobile_phone,
            'email': employee.work_email,
        }
        if self.env.user.has_group('hr.group_hr_user'):
            values.update(
                gender=employee.gender
                if employee.gender in ('male', 'female') else False,
                birth_date=employee.birthday,
                partner_id=employee.address_home_id.id,
            )
        return {k: v for k, v in values.items() if v}

    @staticmethod
    def _normalize_id_number(vals):
        if isinstance(vals.get('id_number'), str):
            vals['id_number'] = vals['id_number'].strip().upper()
        return vals

    @api.model
    def create(self, vals):
        if vals.get('employee_id'):
            employee = self.env['hr.employee'].browse(vals['employee_id'])
            defaults = self._values_from_employee(employee)
            vals = dict(defaults, **vals)
        return super(PartyMember, self).create(
            self._normalize_id_number(dict(vals)))

    @api.multi
    def write(self, vals):
        res = super(PartyMember, self).write(
            self._normalize_id_number(dict(vals)))
        if 'organization_id' in vals:
            # a transfer must stay within the user's scope
            self.check_access_rule('write')
        return res

    @api.multi
    def convert_to_full(self, full_date, decision):
        """Record the conversion of probationary members to full members
        (转正): the branch's members' general meeting decided it and the
        superior organization approved it, which an officer records with
        the date and the reference of the decision."""
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only officers record the conversion of probationary "
                "members, after the superior organization's approval."))
        day = to_day(full_date)
        if day is None:
            raise ValidationError(_("Enter the full membership date."))
        if not isinstance(decision, str) or not decision.strip():
            raise ValidationError(_(
                "Enter the decision: the members' general meeting and the "
                "superior organization's approval."))
        months = self.env.user.company_id.party_probation_months
        for member in self:
            if member.status != 'probationary':
                raise UserError(_(
                    "%s is not a probationary member.") % member.name)
            if not member.join_date:
                raise UserError(_(
                    "Enter the joining date of %s first: the probation "
                    "runs from it.") % member.name)
            earliest = fields.Date.from_string(member.join_date) \
                + relativedelta(months=months)
            if day < earliest:
                raise UserError(_(
                    "The probation of %(name)s lasts until %(date)s: the "
                    "conversion cannot be dated earlier.") % {
                        'name': member.name,
                        'date': fields.Date.to_string(earliest)})
        trusted(self).write({'status': 'full',
                             'full_date': fields.Date.to_string(day)})
        for member in self:
            member.message_post(body=_(
                "Converted to full member on %(date)s. Decision: "
                "%(decision)s") % {'date': fields.Date.to_string(day),
                                   'decision': html_escape(decision.strip())})
        return True
