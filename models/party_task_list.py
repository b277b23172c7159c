"""Responsibility lists (任务清单、责任到岗): task templates per standard and
kind of organization, the yearly task list a branch generates from them in
one step, each task assigned to a committee post and to the member holding
it, and the daily reminders of their owners before the deadline."""
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .mail_activity import format_day
from .party_organization import KINDS, SECTORS
from .party_position_role import company_applies

FREQUENCIES = [
    ('year', 'Yearly'),
    ('half', 'Half-yearly'),
    ('quarter', 'Quarterly'),
    ('month', 'Monthly'),
]
# months per period of each frequency
PERIOD_MONTHS = {'year': 12, 'half': 6, 'quarter': 3, 'month': 1}
# Tasks looked at in one batch of the reminder job.
REMIND_BATCH = 2000
OPEN_STATES = ('todo', 'doing')


def month_end(year, month):
    """The last day of a month."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def template_periods(frequency, year, due_month, labels):
    """[(period label, start, deadline)] of a template's tasks in `year`:
    one per period of its frequency, due at the end of the period (a
    yearly task at the end of `due_month`). `labels`: {frequency: label
    pattern with %(year)d and %(number)d, or one per period} in the
    reader's language."""
    months = PERIOD_MONTHS[frequency]
    if frequency == 'year':
        return [(str(year), date(year, 1, 1),
                 month_end(year, due_month or 12))]
    periods = []
    for index, first in enumerate(range(1, 13, months)):
        last = first + months - 1
        pattern = labels[frequency]
        if isinstance(pattern, list):
            pattern = pattern[index]
        label = pattern % {'year': year, 'number': index + 1}
        periods.append((label, date(year, first, 1), month_end(year, last)))
    return periods


class PartyTaskTemplate(models.Model):
    """What a post of an organization of some kind must do, and how often:
    the model of a branch's yearly task list (对照实施细则列出任务清单)."""
    _name = 'party.task.template'
    _description = 'Task Template'
    _order = 'sequence, id'

    name = fields.Char(string='Task', required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    standard_id = fields.Many2one(
        'party.standard', string='Standard', ondelete='set null',
        help="The quality standard whose detailed rules the task carries "
             "out.")
    kind = fields.Selection(KINDS, string='Kind of Organization',
                            required=True, default='branch')
    sector = fields.Selection(SECTORS, help="Empty: organizations of every "
                                            "sector.")
    role_id = fields.Many2one('party.position.role', string='Post',
                              required=True, ondelete='restrict')
    frequency = fields.Selection(FREQUENCIES, required=True, default='year')
    due_month = fields.Integer(
        string='Due Month', default=12,
        help="Yearly tasks: the month at whose end the task is due.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, ondelete='restrict',
        default=lambda self: self.env.user.company_id,
        help="Empty: a template of every company.")

    @api.constrains('due_month')
    def _check_due_month(self):
        for template in self:
            if not 1 <= template.due_month <= 12:
                raise ValidationError(_(
                    "The due month of a task template is a month from 1 to "
                    "12."))

    # -- generation ------------------------------------------------------

    @api.model
    def generate_task_lists(self, org_ids, year, today=None):
        """Create the task list of `year` of each organization of
        `org_ids` from the templates that apply to it (its kind, sector
        and company): a task per template and period, assigned to the
        template's post and to the member holding it in the
        organization's current term on `today` (a date; default today),
        if any. Tasks already generated are kept as they are: generating
        again adds only what is missing. A fixed number of queries,
        whatever the number of organizations. Returns the number of tasks
        created."""
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            raise UserError(_("Choose a year between 2000 and 2100."))
        org_ids = sorted({int(i) for i in org_ids})
        if not org_ids:
            return 0
        Task = self.env['party.task']
        Task.check_access_rights('create')
        Org = self.env['party.organization']
        if Org.search_count([('id', 'in', org_ids)]) != len(org_ids):
            raise AccessError(_(
                "You can only generate the task lists of organizations in "
                "your scope."))
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        cr = self.env.cr
        cr.execute("""SELECT id, kind, sector, company_id
                        FROM party_organization
                       WHERE id = ANY(%s) AND active""", [org_ids])
        orgs = cr.fetchall()
        templates = self.sudo().search([])
        if not templates or not orgs:
            return 0
        templates.mapped('company_id')
        companies = self.env['res.company'].sudo().browse(
            list({org[3] for org in orgs}))
        applies = {(t.id, c.id): company_applies(t.company_id, c)
                   for t in templates for c in companies}
        holders = self._post_holders(
            [org[0] for org in orgs], templates.mapped('role_id').ids, today)
        labels = {'month': '%(year)d-%(number)02d',
                  'quarter': _("%(year)d Q%(number)d"),
                  'half': [_("%(year)d, first half"),
                           _("%(year)d, second half")]}
        periods = {t.id: template_periods(t.frequency, year, t.due_month,
                                          labels)
                   for t in templates}
        names = {t.id: t.name for t in templates}
        rows = []
        for org_id, kind, sector, company_id in orgs:
            for template in templates:
                if template.kind != kind or (
                        template.sector and template.sector != sector) \
                        or not applies[template.id, company_id]:
                    continue
                member_id, user_id = holders.get(
                    (org_id, template.role_id.id), (None, None))
                for label, start, deadline in periods[template.id]:
                    rows.append((
                        '%s (%s)' % (names[template.id], label), org_id,
                        company_id, template.id, template.role_id.id,
                        member_id, user_id, start, deadline, year,
                        template.description or None))
        if not rows:
            return 0
        columns = [list(column) for column in zip(*rows)]
        cr.execute("""
            INSERT INTO party_task
                   (name, organization_id, company_id, template_id, role_id,
                    member_id, owner_id, start_date, deadline, year,
                    description, state, state_sequence, source, active,
                    create_uid, write_uid, create_date, write_date)
            SELECT v.*, 'todo', 1, 'responsibility', true, %s, %s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%s::varchar[], %s::integer[], %s::integer[],
                          %s::integer[], %s::integer[], %s::integer[],
                          %s::integer[], %s::date[], %s::date[],
                          %s::integer[], %s::text[]) AS v
            ON CONFLICT (organization_id, template_id, start_date)
               WHERE template_id IS NOT NULL DO NOTHING
        """, [self.env.uid, self.env.uid] + columns)
        created = cr.rowcount
        Org.invalidate_cache(['task_ids'], org_ids)
        return created

    @api.model
    def _post_holders(self, org_ids, role_ids, today):
        """{(organization id, post id): (member id, user id or None)}: the
        member holding each post in the organization's current term on
        `today` (the first posted, if several), and the member's login, in
        one query."""
        if not role_ids:
            return {}
        self.env.cr.execute("""
            SELECT DISTINCT ON (pos.organization_id, pos.role_id)
                   pos.organization_id, pos.role_id, pos.member_id,
                   u.id
              FROM party_term_position pos
              JOIN party_term term
                ON term.id = pos.term_id AND term.state = 'current'
              JOIN party_member member ON member.id = pos.member_id
              LEFT JOIN hr_employee emp ON emp.id = member.employee_id
              LEFT JOIN resource_resource res ON res.id = emp.resource_id
              LEFT JOIN res_users u ON u.id = res.user_id AND u.active
             WHERE pos.organization_id = ANY(%s) AND pos.role_id = ANY(%s)
               AND (pos.start_date IS NULL OR pos.start_date <= %s)
               AND (pos.end_date IS NULL OR pos.end_date >= %s)
          ORDER BY pos.organization_id, pos.role_id, pos.id
        """, [org_ids, role_ids, today, today])
        return {(org_id, role_id): (member_id, user_id)
                for org_id, role_id, member_id, user_id
                in self.env.cr.fetchall()}


class PartyTaskGenerate(models.TransientModel):
    """Generate the task lists of a year in one step."""
    _name = 'party.task.generate'
    _description = 'Generate Task Lists'

    organization_ids = fields.Many2many(
        'party.organization', string='Organizations', required=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)

    @api.multi
    def action_generate(self):
        self.ensure_one()
        created = self.env['party.task.template'].generate_task_lists(
            self.organization_ids.ids, self.year)
        action = self.env.ref('party_building.party_task_action_list')\
            .read()[0]
        action['domain'] = [('organization_id', 'in',
                             self.organization_ids.ids),
                            ('year', '=', self.year)]
        action['context'] = {'search_default_group_state': 1,
                             'party_generated': created}
        return action


class PartyTask(models.Model):
    _inherit = 'party.task'

    role_id = fields.Many2one(
        'party.position.role', string='Post', ondelete='restrict',
        track_visibility='onchange',
        help="The committee post responsible for the task (责任到岗).")
    member_id = fields.Many2one(
        'party.member', string='Responsible Member', index=True,
        ondelete='restrict', track_visibility='onchange',
        help="A member holding the post in the organization's current "
             "term.")
    start_date = fields.Date(string='Start', track_visibility='onchange')
    year = fields.Integer(index=True, help="The year of the task list.")
    template_id = fields.Many2one('party.task.template', string='Template',
                                  ondelete='set null', readonly=True)
    progress = fields.Text(
        string='Progress Notes', track_visibility='onchange',
        help="Each change is kept in the task's history.")
    evidence_ids = fields.Many2many(
        'ir.attachment', 'party_task_evidence_rel', 'task_id',
        'attachment_id', string='Evidence')
    done_date = fields.Date(string='Done On', readonly=True)
    overdue = fields.Boolean(string='Past Deadline',
                             compute='_compute_overdue',
                             search='_search_overdue')
    reminded_on = fields.Date(readonly=True)

    @api.model_cr
    def init(self):
        # a template's task of a period once per organization; the open
        # tasks by deadline for the reminders
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS party_task_template_period
                ON party_task (organization_id, template_id, start_date)
             WHERE template_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS party_task_open_deadline
                ON party_task (deadline)
             WHERE state IN ('todo', 'doing') AND active
        """)

    @api.depends('state', 'deadline')
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.overdue = bool(task.state in OPEN_STATES and task.deadline
                                and task.deadline < today)

    def _search_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        domain = ['&', ('state', 'in', OPEN_STATES), '&',
                  ('deadline', '!=', False), ('deadline', '<', today)]
        if (operator == '=') != bool(value):
            domain = ['!'] + domain
        return domain

    @api.constrains('start_date', 'deadline')
    def _check_task_dates(self):
        for task in self:
            if task.start_date and task.deadline \
                    and task.deadline < task.start_date:
                raise ValidationError(_(
                    "The deadline of %(task)s is before its start.")
                    % {'task': task.name})

    @api.constrains('member_id', 'role_id', 'organization_id')
    def _check_owner_post(self):
        today = fields.Date.context_today(self)
        for task in self.sudo().filtered('member_id'):
            if not task.role_id:
                raise ValidationError(_(
                    "Choose the post of %(task)s before its responsible "
                    "member.") % {'task': task.name})
            held = self.env['party.term.position'].sudo().search_count([
                ('term_id.organization_id', '=', task.organization_id.id),
                ('term_id.state', '=', 'current'),
                ('role_id', '=', task.role_id.id),
                ('member_id', '=', task.member_id.id),
                '|', ('start_date', '=', False),
                ('start_date', '<=', today),
                '|', ('end_date', '=', False), ('end_date', '>=', today)])
            if not held:
                raise ValidationError(_(
                    "%(member)s does not hold the post %(post)s in the "
                    "current term of %(organization)s.") % {
                        'member': task.member_id.name,
                        'post': task.role_id.name,
                        'organization': task.organization_id.name})

    @api.onchange('member_id')
    def _onchange_member_id(self):
        if self.member_id:
            self.owner_id = self._member_user(self.member_id)

    def _member_user(self, member):
        return member.sudo().employee_id.user_id.id or False

    @api.model
    def create(self, vals):
        if vals.get('member_id'):
            vals = dict(vals, owner_id=self._member_user(
                self.env['party.member'].browse(vals['member_id'])))
        if vals.get('state') == 'done':
            return super(PartyTask, self).create(vals)._set_done_date()
        return super(PartyTask, self).create(vals)

    def _set_done_date(self):
        self.env.cr.execute(
            "UPDATE party_task SET done_date = %s WHERE id = ANY(%s)",
            [fields.Date.context_today(self), self.ids])
        self.invalidate_cache(['done_date'], self.ids)
        return self

    @api.multi
    def write(self, vals):
        if vals.get('member_id'):
            vals = dict(vals, owner_id=self._member_user(
                self.env['party.member'].browse(vals['member_id'])))
        result = super(PartyTask, self).write(vals)
        if 'state' in vals:
            changed = self.filtered(
                lambda t: bool(t.done_date) != (t.state == 'done'))
            done = changed.filtered(lambda t: t.state == 'done')
            if done:
                done._set_done_date()
            undone = changed - done
            if undone:
                self.env.cr.execute(
                    "UPDATE party_task SET done_date = NULL "
                    "WHERE id = ANY(%s)", [undone.ids])
                self.invalidate_cache(['done_date'], undone.ids)
        return result

    @api.multi
    def action_done(self):
        self.write({'state': 'done'})
        return True

    @api.multi
    def action_start_work(self):
        self.write({'state': 'doing'})
        return True

    # -- reminders before the deadline ----------------------------------

    @api.model
    def _cron_remind(self, today=None, commit=False):
        """Daily: an activity for the owner of each open task due within
        the company's reminder days, once per task and deadline (while the
        owner's activity is open, none again), then the day's snapshots of
        the goals (party.goal). In batches (party.job). `today` (a date)
        for tests."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        return self.env['party.job']._run('task_reminders', [
            ('collect', self._remind_step),
            ('goals', self.env['party.goal']._snapshot_step),
        ], today, commit)

    def _remind_step(self, job, position):
        cr = self.env.cr
        cr.execute("""
            SELECT t.id, t.owner_id, t.deadline
              FROM party_task t
              JOIN res_company c ON c.id = t.company_id
              JOIN res_users u ON u.id = t.owner_id AND u.active
             WHERE t.id > %s AND t.active AND t.state IN ('todo', 'doing')
               AND t.deadline >= %s
               AND t.deadline <= %s::date + c.party_task_reminder_days
          ORDER BY t.id LIMIT %s
        """, [position, job.day, job.day, REMIND_BATCH])
        rows = cr.fetchall()
        if not rows:
            return None
        activity_type = self.env.ref(
            'party_building.mail_activity_type_task_reminder')
        Users = self.env['res.users'].sudo()
        reminders = [(
            self.browse(task_id), 'party.task,%d:deadline:%s' % (
                task_id, deadline), Users.browse(owner_id), deadline,
            (task_id, deadline), 'reminded_on')
            for task_id, owner_id, deadline in rows]
        self.env['mail.activity']._party_remind(
            activity_type, reminders, self.sudo(), job=job)
        return rows[-1][0], len(rows)

    @api.model
    def _party_reminder_summary(self, task_id, deadline):
        task = self.browse(task_id)
        return _("%(organization)s: %(task)s is due by %(date)s") % {
            'organization': task.organization_id.name, 'task': task.name,
            'date': format_day(self.env, deadline)}

    @api.model
    def _party_digest_summary(self, count, deadline):
        return _("%(count)d tasks of your task list are due, the first by "
                 "%(date)s") % {'count': count,
                                'date': format_day(self.env, deadline)}


class PartyOrganization(models.Model):
    _inherit = 'party.organization'

    open_task_count = fields.Integer(string='Open Tasks',
                                     compute='_compute_open_task_count')

    def _compute_open_task_count(self):
        groups = self.env['party.task'].read_group(
            [('organization_id', 'in', self.ids),
             ('state', 'in', OPEN_STATES)],
            ['organization_id'], ['organization_id'])
        counts = {g['organization_id'][0]: g['organization_id_count']
                  for g in groups}
        for org in self:
            org.open_task_count = counts.get(org.id, 0)

    @api.multi
    def action_view_tasks(self):
        self.ensure_one()
        action = self.env.ref('party_building.party_task_action_list')\
            .read()[0]
        action['domain'] = [('organization_id', '=', self.id)]
        action['context'] = {'search_default_open': 1,
                             'default_organization_id': self.id}
        return action

    @api.multi
    def action_generate_task_list(self):
        """The wizard that generates these organizations' task list."""
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'party.task.generate',
            'view_mode': 'form',
            'target': 'new',
            'name': _("Generate the Task List"),
            'context': {'default_organization_ids': [(6, 0, self.ids)]},
        }


class ResCompany(models.Model):
    _inherit = 'res.company'

    party_task_reminder_days = fields.Integer(
        string='Task Reminder (days before the deadline)', default=7,
        help="Remind the owners of open tasks this many days before their "
             "deadline.")
    party_goal_target_year = fields.Integer(
        string='Target Year of the Goals', default=2027,
        help="The year by which the goals are to be fully met (全面达标): "
             "the default target date of a new goal.")

    @api.constrains('party_task_reminder_days', 'party_goal_target_year')
    def _check_task_numbers(self):
        for company in self:
            if company.party_task_reminder_days < 0:
                raise ValidationError(_(
                    "Party-building limits cannot be negative."))
            if not 2000 <= company.party_goal_target_year <= 2100:
                raise ValidationError(_(
                    "The target year of the goals must lie between 2000 "
                    "and 2100."))


class PartyJob(models.Model):
    _inherit = 'party.job'

    code = fields.Selection(selection_add=[
        ('task_reminders', 'Task Reminders and Goal Snapshots'),
    ])


class PartyAssessmentMetric(models.Model):
    _inherit = 'party.assessment.metric'

    @api.model
    def _metric_task_list_on_time(self, org_ids, date_from, date_to,
                                  meeting_type):
        """The share of the organization's task list (tasks from the
        templates or entered as task list items) due within the period
        and not cancelled that was done by its deadline; 0 without such
        tasks. Note: "on time/due"."""
        rows = self._metric_rows("""
            SELECT t.organization_id, count(*),
                   count(*) FILTER (WHERE t.state = 'done'
                                    AND t.done_date <= t.deadline)
              FROM unnest(%(ids)s::integer[]) AS given(id)
              JOIN party_task t ON t.organization_id = given.id
             WHERE t.active AND t.source = 'responsibility'
               AND t.state != 'cancelled'
               AND t.deadline BETWEEN %(start)s AND %(day)s
          GROUP BY t.organization_id
        """, {'ids': org_ids, 'start': date_from, 'day': date_to})
        return {org_id: (float(done) / count, '%d/%d' % (done, count))
                for org_id, count, done in rows}

    @api.model
    def _metric_task_overdue(self, org_ids, date_from, date_to,
                             meeting_type):
        """The tasks of the organization, rectification tasks aside (they
        have their own metric), whose deadline was before date_to and that
        were not done by then (nor cancelled)."""
        rows = self._metric_rows("""
            SELECT t.organization_id, count(*)
              FROM unnest(%(ids)s::integer[]) AS given(id)
              JOIN party_task t ON t.organization_id = given.id
             WHERE t.active AND t.state != 'cancelled'
               AND t.source != 'rectification'
               AND t.rectification_id IS NULL
               AND t.deadline < %(day)s
               AND (t.done_date > %(day)s
                    OR t.done_date IS NULL AND t.state != 'done')
          GROUP BY t.organization_id
        """, {'ids': org_ids, 'day': date_to})
        return {org_id: (float(count), '') for org_id, count in rows}
