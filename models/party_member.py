import re

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_import_alias import VALUE_FIELDS, normalize_alias, \
    parse_roster_date
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


# Membership status (党籍状态). Counted: only members in good standing count
# among the members, the full members and for the quorum.
STANDINGS = [
    ('good', 'In Good Standing'),
    ('lost_contact', 'Lost Contact'),
    ('stopped', 'Membership Stopped'),
    ('withdrawn', 'Withdrawn from the Party'),
    ('removed', 'Removed from the Party'),
    ('expelled', 'Expelled from the Party'),
    ('deceased', 'Deceased'),
    ('cancelled', 'Probationary Membership Cancelled'),
]
# Statuses that keep the member active but out of the counts
NOT_COUNTED = ('lost_contact', 'stopped')
# Statuses that end the membership: the member is archived
ENDED = ('withdrawn', 'removed', 'expelled', 'deceased', 'cancelled')
# The counting condition in SQL, on a party_member row
COUNTED_SQL = "active AND standing NOT IN ('lost_contact', 'stopped')"


class PartyMember(models.Model):
    _name = 'party.member'
    _description = 'Party Member'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    # The order of a member among others of one set (a meeting's attendees,
    # appraisal lines), used by other models' orders through member_id.
    # Lists that give no order get the roster order instead: see
    # _generate_order_by.
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
        party_create_only=True,
        help="Date of admission as a probationary member: the date of the "
             "members' general meeting that admitted the member. Set when "
             "the member is registered or admitted, then kept.")
    full_date = fields.Date(
        string='Full Membership Date', track_visibility='onchange',
        party_create_only=True)
    standing = fields.Selection(
        STANDINGS, string='Membership Status', required=True,
        default='good', index=True, track_visibility='onchange',
        party_create_only=True,
        help="Changed only by a recorded decision (status changes, "
             "cancellation of probationary membership). Members who lost "
             "contact or whose membership is stopped are not counted among "
             "the members nor for the quorum.")
    standing_date = fields.Date(
        string='Status Since', party_create_only=True,
        help="Date of the decision that gave the member the present status.")
    probation_extension_months = fields.Integer(
        string='Probation Extended by (Months)', readonly=True,
        help="Set by the decision extending the probation (once, 6 to 12 "
             "months).")
    probation_end = fields.Date(
        string='Probation Ends', compute='_compute_probation_end',
        help="One year (the company's probation period) from the joining "
             "date, plus any extension.")
    decision_ids = fields.One2many(
        'party.member.decision', 'member_id', string='Decisions',
        readonly=True)
    applicant_id = fields.Many2one(
        'party.applicant', string='Application', readonly=True, copy=False,
        help="The recruitment record through which the member was "
             "admitted.")
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
    history_ids = fields.One2many('party.member.history', 'member_id',
                                  string="Member's Path", readonly=True)

    _sql_constraints = [
        ('employee_uniq', 'unique (employee_id)',
         'This employee is already registered as a party member.'),
        ('id_number_company_uniq', 'unique (company_id, id_number)',
         'A member with this ID number already exists in this company.'),
    ]

    @api.model_cr
    def init(self):
        # Counting the members of a scope, and the full members of each
        # organization (compliance), reads only indexes: the scope's
        # organizations' ids by path prefix (party_organization_path_id_index,
        # see party.organization), then their members from this one, whose
        # rows lie all over the table. Built in a few seconds at 4,000,000
        # members.
        # The membership status is included: the counts leave out the
        # members who lost contact or whose membership is stopped.
        self.env.cr.execute("""
            DROP INDEX IF EXISTS party_member_organization_active_index;
            DROP INDEX IF EXISTS party_member_scope_count_index;
            CREATE INDEX IF NOT EXISTS party_member_scope_standing_index
                ON party_member (organization_id, status)
                INCLUDE (company_id, standing)
             WHERE active
        """)
        self._init_member_counts()

    def _init_member_counts(self):
        """party_member_count: the active and the active full members
        registered in each organization, kept by statement triggers. The
        overviews sum these rows over subtrees: 200,000 rows for a province
        rather than its 4,000,000 members. One row per organization,
        changed by the statements that add, move, archive or remove its
        members; each statement changes its organizations in id order, so
        two of them cannot deadlock."""
        cr = self.env.cr
        cr.execute("SELECT to_regclass('party_member_count') IS NULL")
        created = cr.fetchone()[0]
        query = """
            CREATE TABLE IF NOT EXISTS party_member_count (
                organization_id integer PRIMARY KEY
                    REFERENCES party_organization (id) ON DELETE CASCADE,
                member_count integer NOT NULL DEFAULT 0,
                full_count integer NOT NULL DEFAULT 0
            );
            CREATE OR REPLACE FUNCTION party_member_count_apply()
            RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- the rows a statement took away count -1, those it left
                -- +1; each branch names only the transition tables its
                -- trigger has. Members who lost contact or whose
                -- membership is stopped are not counted (COUNTED_SQL).
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO party_member_count AS c
                           (organization_id, member_count, full_count)
                    SELECT organization_id, count(*),
                           count(*) FILTER (WHERE status = 'full')
                      FROM new_rows WHERE %(counted)s
                  GROUP BY organization_id ORDER BY organization_id
                        ON CONFLICT (organization_id) DO UPDATE
                       SET member_count = c.member_count + excluded.member_count,
                           full_count = c.full_count + excluded.full_count;
                ELSIF TG_OP = 'DELETE' THEN
                    UPDATE party_member_count c
                       SET member_count = c.member_count - d.members,
                           full_count = c.full_count - d.fulls
                      FROM (SELECT organization_id, count(*) AS members,
                                   count(*) FILTER (WHERE status = 'full')
                                       AS fulls
                              FROM old_rows WHERE %(counted)s
                          GROUP BY organization_id
                          ORDER BY organization_id) d
                     WHERE c.organization_id = d.organization_id;
                ELSE
                    INSERT INTO party_member_count AS c
                           (organization_id, member_count, full_count)
                    SELECT organization_id, sum(members), sum(fulls)
                      FROM (SELECT organization_id, 1 AS members,
                                   (status = 'full')::integer AS fulls
                              FROM new_rows WHERE %(counted)s
                         UNION ALL
                            SELECT organization_id, -1,
                                   -(status = 'full')::integer
                              FROM old_rows WHERE %(counted)s) d
                  GROUP BY organization_id
                    HAVING sum(members) <> 0 OR sum(fulls) <> 0
                  ORDER BY organization_id
                        ON CONFLICT (organization_id) DO UPDATE
                       SET member_count = c.member_count + excluded.member_count,
                           full_count = c.full_count + excluded.full_count;
                END IF;
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS party_member_count_insert ON party_member;
            CREATE TRIGGER party_member_count_insert AFTER INSERT
                ON party_member REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE PROCEDURE party_member_count_apply();
            DROP TRIGGER IF EXISTS party_member_count_update ON party_member;
            CREATE TRIGGER party_member_count_update AFTER UPDATE
                ON party_member
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE PROCEDURE party_member_count_apply();
            DROP TRIGGER IF EXISTS party_member_count_delete ON party_member;
            CREATE TRIGGER party_member_count_delete AFTER DELETE
                ON party_member REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE PROCEDURE party_member_count_apply();
        """ % {'counted': COUNTED_SQL}
        # built from this module's constant only
        cr.execute(query)  # pylint: disable=sql-injection
        if created:
            # installed, or upgraded from a version without the table
            self._recompute_member_counts()

    @api.model
    def _recompute_member_counts(self):
        """Count party_member_count again from the members (install, and
        the upgrade that stopped counting the members who lost contact or
        whose membership is stopped)."""
        query = """
            DELETE FROM party_member_count;
            INSERT INTO party_member_count
                   (organization_id, member_count, full_count)
            SELECT organization_id, count(*),
                   count(*) FILTER (WHERE status = 'full')
              FROM party_member WHERE %s
          GROUP BY organization_id
        """ % COUNTED_SQL
        self.env.cr.execute(query)  # pylint: disable=sql-injection

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
    def _generate_order_by(self, order_spec, query):
        """Without an order from the caller, members in roster order: by
        organization in tree order, then by name.

        PostgreSQL then walks the scope's organizations in path order on the
        path prefix index (whose operator class sorts with ~<~, hence the
        USING) and stops after the first page: a page costs what the first
        organizations of the scope cost, whatever the size of the table and
        of the scope, and without a scope (managers) the walk starts at the
        root. Ordered by name, a county's page walked the name index across
        the whole table (bench/README.md, finding 3). The inner join is the
        one the scope rule makes through the auto_join (organization_id is
        required, so it drops no member); an order the caller gives, such as
        a column the user sorts by, is honoured as Odoo builds it.
        """
        if order_spec:
            return super(PartyMember, self)._generate_order_by(order_spec,
                                                               query)
        alias, _statement = query.add_join(
            (self._table, 'party_organization', 'organization_id', 'id',
             'organization_id'), implicit=True)
        return ' ORDER BY "%(org)s"."path"::text USING ~<~, ' \
               '"%(member)s"."name", "%(member)s"."id" ' % {
                   'org': alias, 'member': self._table}

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        if count and not order:
            # Odoo builds the ORDER BY, and so the roster order's join,
            # before it counts: a manager's count would join every
            # organization for nothing
            order = 'id'
        return super(PartyMember, self)._search(
            args, offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def create(self, vals):
        if vals.get('employee_id'):
            employee = self.env['hr.employee'].browse(vals['employee_id'])
            defaults = self._values_from_employee(employee)
            vals = dict(defaults, **vals)
        try:
            return super(PartyMember, self).create(
                self._normalize_id_number(dict(vals)))
        except (UserError, ValidationError, AccessError) as error:
            self._log_import_error(error)
            raise

    @api.multi
    def write(self, vals):
        try:
            res = super(PartyMember, self).write(
                self._normalize_id_number(dict(vals)))
        except (UserError, ValidationError, AccessError) as error:
            self._log_import_error(error)
            raise
        if 'organization_id' in vals:
            # a transfer must stay within the user's scope
            self.check_access_rule('write')
        return res

    @api.depends('join_date', 'probation_extension_months',
                 'company_id.party_probation_months')
    def _compute_probation_end(self):
        for member in self:
            member.probation_end = member._probation_end()

    def _probation_end(self, extension=None):
        """The end of the probation (a date string), or False without a
        joining date: the company's probation period from joining, plus
        the extension (the member's, or `extension` months)."""
        if not self.join_date:
            return False
        company = self.sudo().company_id or self.env.user.company_id
        months = company.party_probation_months + (
            self.probation_extension_months if extension is None
            else extension)
        return fields.Date.to_string(
            fields.Date.from_string(self.join_date)
            + relativedelta(months=months))

    @api.multi
    def action_new_decision(self):
        """The form's buttons: a decision of the kind the button names,
        for this member."""
        self.ensure_one()
        kind = self.env.context.get('party_decision_kind') or 'lost_contact'
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'party.member.decision',
            'view_mode': 'form',
            'views': [(self.env.ref(
                'party_building.party_member_decision_view_form_dialog').id,
                'form')],
            'target': 'new',
            'context': {'default_member_id': self.id,
                        'default_kind': kind},
        }

    # -- import of rosters ----------------------------------------------------

    @api.model
    def load(self, fields, data):
        """Rosters as organization departments keep them: the forms of
        values and dates they use (party.import.alias), existing members
        updated (matched by ID number, else by name within the branch),
        and each refusal said as itself, with its row. Any error imports
        nothing."""
        # the import screen calls without the user's context: say the
        # field labels in the user's language all the same
        model = self if self.env.context.get('lang') \
            else self.with_context(lang=self.env.user.lang)
        rows, messages = model._prepare_roster(fields, data)
        errors = []
        cr = self.env.cr
        cr.execute('SAVEPOINT party_member_load')
        result = super(PartyMember, model.with_context(
            party_import_errors=errors)).load(fields, rows)
        cleaned = model._clean_import_messages(result['messages'], errors)
        if messages:
            cr.execute('ROLLBACK TO SAVEPOINT party_member_load')
            result['ids'] = False
            cleaned = sorted(messages + cleaned,
                             key=lambda m: m.get('record') or 0)
        else:
            cr.execute('RELEASE SAVEPOINT party_member_load')
        result['messages'] = self._first_error_per_field(cleaned)
        return result

    @staticmethod
    def _first_error_per_field(messages):
        """A value refused (an unknown branch, a value blanked here) is
        then reported "missing" as well: say what is wrong once."""
        said = set()
        kept = []
        for message in messages:
            key = (message.get('record'), message.get('field'))
            if message.get('type') == 'error' and message.get('field'):
                if key in said:
                    continue
                said.add(key)
            kept.append(message)
        return kept

    def _log_import_error(self, error):
        """Odoo's load() shows a refusal as "Unknown error: <class ...>";
        keep it so that load() can show it as itself."""
        log = self.env.context.get('party_import_errors')
        if isinstance(log, list):
            log.append(error)

    @api.model
    def _clean_import_messages(self, messages, errors):
        noisy = {' %s: %s' % (type(error), error): error.name
                 for error in errors}
        cleaned = []
        for message in messages:
            text = message.get('message') or ''
            for suffix, clean in noisy.items():
                if message.get('type') == 'error' and text.endswith(suffix):
                    message = dict(message, message=clean)
                    message.pop('moreinfo', None)
                    break
            cleaned.append(message)
        return cleaned

    @api.model
    def _prepare_roster(self, fields, data):
        """(rows, messages): the roster's values in the forms Odoo reads,
        and an error for each value that has none."""
        rows = [list(row) for row in data]
        messages = []
        Alias = self.env['party.import.alias']
        for index, name in enumerate(fields):
            field = self._fields.get(name)
            if field is None:
                continue
            if name in VALUE_FIELDS:
                known = self._roster_values(name)
                allowed = ' / '.join(Alias._allowed_values(name))
            elif field.type != 'date':
                continue
            for number, row in enumerate(rows):
                text = (row[index] or '').strip() if index < len(row) else ''
                if not text:
                    continue
                if field.type == 'date':
                    value = parse_roster_date(text)
                    message = _(
                        "%(field)s: \"%(value)s\" is not a date. Write it "
                        "as 1992-07-01, 1992.07.01, 1992/7/1 or "
                        "1992年7月1日.")
                else:
                    value = known.get(normalize_alias(text))
                    message = _(
                        "%(field)s: \"%(value)s\" is not one of the "
                        "values allowed: %(allowed)s.")
                if value:
                    row[index] = value
                    continue
                row[index] = ''
                messages.append({
                    'type': 'error', 'field': name, 'record': number,
                    'rows': {'from': number, 'to': number},
                    'message': message % {
                        'field': field._description_string(self.env),
                        'value': text, 'allowed': allowed},
                })
        return rows, messages

    @api.model
    def _roster_values(self, name):
        """{normalized text: value} of a selection field: its values, their
        labels in English and in the user's language, and the aliases."""
        field = self._fields[name]
        known = {}
        for env in (self.with_context(lang=None).env, self.env):
            for value, label in field._description_selection(env):
                known[normalize_alias(value)] = value
                known[normalize_alias(label)] = value
        known.update(self.env['party.import.alias']._aliases(name))
        return known

    def _convert_records(self, records, log=lambda a: None):
        """A row without an id updates the member it matches; a row whose
        match is refused is not saved (its error is logged)."""
        officer = self.env.user.has_group('party_building.group_officer')
        converted = super(PartyMember, self)._convert_records(records,
                                                              log=log)
        for dbid, xid, record, info in converted:
            if not dbid and not xid:
                dbid = self._match_roster_row(record, officer, info, log)
                if dbid is None:
                    continue
            yield dbid, xid, record, info

    @api.model
    def _match_roster_row(self, record, officer, info, log):
        """The id of the member a row stands for, searched as the user (so
        within the user's scope), False to create one, None if refused:
        by ID number within the company for officers, else (or for members
        registered without one) by name in the same organization. Fields
        set only at creation are left out of an update that does not
        change them."""
        org = self.env['party.organization'].browse(
            record.get('organization_id') or ())
        id_number = (record.get('id_number') or '').strip().upper()
        by_name = [('name', '=', (record.get('name') or '').strip()),
                   ('organization_id', '=', org.id)]
        if id_number and officer:
            company = org.company_id or self.env.user.company_id
            by_id = [('id_number', '=', id_number),
                     ('company_id', '=', company.id)]
            members = self.search(by_id, limit=1)
            if not members and self.sudo().with_context(
                    active_test=False).search_count(by_id):
                log(dict(info, type='error', field='id_number', message=_(
                    "A member with ID number %s is registered in this "
                    "company outside your organizations, or archived: ask "
                    "the organization department to transfer or restore "
                    "that member.") % id_number))
                return None
            if not members and org:
                members = self.search(
                    by_name + [('id_number', '=', False)], limit=2)
        elif not id_number and org and record.get('name'):
            members = self.search(by_name, limit=2)
        else:
            return False
        if len(members) > 1:
            log(dict(info, type='error', field='name', message=_(
                "Several members named %(name)s belong to %(organization)s: "
                "add their ID numbers to tell them apart.") % {
                    'name': record['name'], 'organization': org.name}))
            return None
        if not members:
            return False
        for name in ('status', 'full_date', 'join_date', 'standing',
                     'standing_date'):
            if name in record and (record[name] or False) == \
                    (members[name] or False):
                del record[name]
        return members.id
