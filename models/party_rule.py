"""Work rules (制度) of the party organizations, in versions.

A rule is issued by an organization and applies to it and to everything
below it; a rule without an organization is a template that a branch adopts
as its own. Each version is a record: a new version starts as a draft
copy of the one in force and supersedes it when put in force, and the
superseded one stays readable, abolished on that day. The versions of one
rule share their first version (`lineage_id`): PostgreSQL keeps at most one
of them in force (a partial unique index).
"""
import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mail_activity import format_day
from .party_guard import is_trusted, trusted

# Rules looked at in one batch of the review reminders.
REVIEW_BATCH = 2000
# Days before its next review date that a rule's review is reminded.
REVIEW_DAYS_PARAM = 'party_building.rule_review_days'
DEFAULT_REVIEW_DAYS = 30
# What a version says: changed by a new version only, once in force.
CONTENT_FIELDS = frozenset([
    'name', 'category_id', 'organization_id', 'body', 'document',
    'document_name', 'effective_date'])
# ... and what an abolished rule keeps too.
REVIEW_FIELDS = frozenset(['abolished_date', 'review_interval',
                           'next_review_date'])
IN_FORCE_INDEX = 'party_rule_one_in_force'


def add_months(day, months):
    return fields.Date.to_string(
        fields.Date.from_string(day) + relativedelta(months=months))


class PartyRule(models.Model):
    _name = 'party.rule'
    _description = 'Work Rule'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'name, version desc, id desc'

    name = fields.Char(string='Title', required=True,
                       track_visibility='onchange')
    category_id = fields.Many2one(
        'party.rule.category', string='Category', required=True,
        ondelete='restrict', index=True, track_visibility='onchange')
    organization_id = fields.Many2one(
        'party.organization', string='Issued By', index=True,
        ondelete='restrict', auto_join=True, track_visibility='onchange',
        help="The organization that issues the rule: it applies to that "
             "organization and to every organization below it. Empty for "
             "a template, which organizations adopt as their own.")
    company_id = fields.Many2one(
        'res.company', related='organization_id.company_id', store=True,
        readonly=True, index=True)
    organization_path = fields.Char(
        string='Issuing Organization Path', readonly=True, copy=False,
        help="The path of the issuing organization, kept by the database "
             "(for the scope rules).")
    is_template = fields.Boolean(
        string='Template', compute='_compute_is_template', store=True,
        index=True)
    body = fields.Html(string='Text')
    document = fields.Binary(attachment=True, copy=True,
                             help="The rule as issued (a scanned or "
                                  "signed document).")
    document_name = fields.Char(string='Document Name')
    version = fields.Integer(default=1, readonly=True, copy=False,
                             track_visibility='onchange')
    previous_id = fields.Many2one(
        'party.rule', string='Previous Version', readonly=True, copy=False,
        ondelete='restrict', index=True)
    lineage_id = fields.Many2one(
        'party.rule', string='First Version', compute='_compute_lineage',
        store=True, index=True,
        help="The first version of this rule: all its versions share it.")
    version_ids = fields.Many2many(
        'party.rule', compute='_compute_version_ids', string='Versions')
    template_id = fields.Many2one(
        'party.rule', string='Adopted From', readonly=True, copy=True,
        ondelete='set null', index=True)
    effective_date = fields.Date(string='Effective Date', copy=False,
                                 track_visibility='onchange')
    abolished_date = fields.Date(string='Abolished On', copy=False,
                                 track_visibility='onchange')
    state = fields.Selection([
        ('draft', 'Draft'),
        ('in_force', 'In Force'),
        ('abolished', 'Abolished'),
    ], string='Status', required=True, default='draft', readonly=True,
        copy=False, index=True, track_visibility='onchange')
    review_interval = fields.Integer(
        string='Review Interval (Months)', default=12, required=True,
        track_visibility='onchange',
        help="How often the issuing organization reviews the rule.")
    next_review_date = fields.Date(
        string='Next Review', copy=False, track_visibility='onchange',
        help="Set when the rule is put in force and each time it is "
             "reviewed; the secretary of the issuing organization is "
             "reminded once before it.")
    last_review_date = fields.Date(string='Last Reviewed', readonly=True,
                                   copy=False)
    review_reminded_on = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        ('review_interval_positive', 'CHECK (review_interval > 0)',
         'The review interval of a rule is a number of months: enter 1 or '
         'more.'),
        ('version_positive', 'CHECK (version > 0)',
         'The version of a rule is a positive number.'),
    ]

    @api.model_cr
    def init(self):
        # two versions of one rule are never in force together, whatever
        # path the second one takes
        query = """
            CREATE UNIQUE INDEX IF NOT EXISTS %s
                ON party_rule (lineage_id) WHERE state = 'in_force'
        """ % IN_FORCE_INDEX
        # a constant name
        self.env.cr.execute(query)  # pylint: disable=sql-injection
        # The scope rules select rules by the issuing organization's path.
        # Through organization_id.path (auto_join) they would join the
        # organizations, and the join drops the templates, which have
        # none: the path is kept on the rule instead, by triggers like the
        # organization's own (set before Odoo checks a new record's rules,
        # and rewritten when the organization moves).
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION party_rule_set_path() RETURNS trigger
            AS $$
            BEGIN
                NEW.organization_path := (SELECT path FROM party_organization
                                           WHERE id = NEW.organization_id);
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS party_rule_set_path ON party_rule;
            CREATE TRIGGER party_rule_set_path
                BEFORE INSERT OR UPDATE OF organization_id, organization_path
                ON party_rule FOR EACH ROW
                EXECUTE PROCEDURE party_rule_set_path();

            CREATE OR REPLACE FUNCTION party_rule_follow_path()
            RETURNS trigger AS $$
            BEGIN
                UPDATE party_rule SET organization_path = NEW.path
                 WHERE organization_id = NEW.id;
                RETURN NULL;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS party_rule_follow_path
                ON party_organization;
            CREATE TRIGGER party_rule_follow_path
                AFTER UPDATE OF path ON party_organization FOR EACH ROW
                WHEN (OLD.path IS DISTINCT FROM NEW.path)
                EXECUTE PROCEDURE party_rule_follow_path();

            CREATE INDEX IF NOT EXISTS party_rule_organization_path_index
                ON party_rule (organization_path text_pattern_ops);
        """)

    @api.depends('organization_id')
    def _compute_is_template(self):
        for rule in self:
            rule.is_template = not rule.organization_id

    @api.depends('previous_id.lineage_id')
    def _compute_lineage(self):
        for rule in self:
            rule.lineage_id = rule.previous_id.lineage_id \
                or rule.previous_id or rule

    def _compute_version_ids(self):
        # records being created in a form have no id yet
        lineage_ids = [i for i in self.mapped('lineage_id').ids
                       if isinstance(i, int)]
        versions = self.search([('lineage_id', 'in', lineage_ids)])
        for rule in self:
            rule.version_ids = versions.filtered(
                lambda r: r.lineage_id == rule.lineage_id)

    @api.constrains('effective_date', 'abolished_date')
    def _check_dates(self):
        for rule in self:
            if rule.effective_date and rule.abolished_date \
                    and rule.abolished_date < rule.effective_date:
                raise ValidationError(_(
                    "%(name)s: the rule cannot be abolished on %(abolished)s,"
                    " before it takes effect on %(effective)s.") % {
                        'name': rule.name,
                        'abolished': format_day(self.env,
                                                rule.abolished_date),
                        'effective': format_day(self.env,
                                                rule.effective_date)})

    @api.constrains('review_interval')
    def _check_review_interval(self):
        for rule in self:
            self._check_interval_value(rule.review_interval)

    @api.model
    def _check_interval_value(self, value):
        if value is not None and (not isinstance(value, int)
                                  or isinstance(value, bool) or value <= 0):
            raise ValidationError(_(
                "The review interval of a rule is a number of months: "
                "enter 1 or more."))

    # -- CRUD -----------------------------------------------------------------

    @api.model
    def create(self, vals):
        if 'review_interval' in vals:
            # before PostgreSQL's check, which would say it less clearly
            self._check_interval_value(vals['review_interval'])
        self._check_template_rights(vals, creating=True)
        return super(PartyRule, self).create(vals)

    @api.multi
    def write(self, vals):
        if 'review_interval' in vals:
            self._check_interval_value(vals['review_interval'])
        self._check_template_rights(vals)
        if not is_trusted(self.env):
            self._check_unlocked(vals)
        return super(PartyRule, self).write(vals)

    @api.model
    def _check_template_rights(self, vals, creating=False):
        """Templates (rules of no organization) are read by everyone:
        managers write them."""
        if ('organization_id' in vals or creating) \
                and not vals.get('organization_id') \
                and not self.env.user.has_group(
                    'party_building.group_manager'):
            raise UserError(_(
                "Choose the organization that issues the rule: only "
                "managers write rule templates."))

    def _check_unlocked(self, vals):
        """The text of a rule in force changes through a new version; an
        abolished rule is history."""
        for rule in self:
            if rule.state == 'draft':
                continue
            locked = CONTENT_FIELDS if rule.state == 'in_force' \
                else CONTENT_FIELDS | REVIEW_FIELDS
            if locked & set(vals):
                raise UserError(_(
                    "Version %(version)d of %(name)s is no longer a draft: "
                    "its text and dates stay as they were issued. Create a "
                    "new version to change them.") % {
                        'version': rule.version, 'name': rule.name})

    @api.multi
    def unlink(self):
        for rule in self:
            if rule.state != 'draft':
                raise UserError(_(
                    "%(name)s has been in force: it is kept as the "
                    "history of the rules. Abolish it instead.")
                    % {'name': rule.name})
        return super(PartyRule, self).unlink()

    # -- actions --------------------------------------------------------------

    @api.multi
    def action_put_in_force(self):
        """Put draft versions in force from their effective date (today
        if none): the version they follow is abolished that day."""
        today = fields.Date.context_today(self)
        for rule in self:
            if rule.state != 'draft':
                raise UserError(_(
                    "Only a draft can be put in force; %(name)s is %(state)s.")
                    % {'name': rule.name, 'state': rule._state_label()})
            if not rule.body and not rule.document:
                raise UserError(_(
                    "Write the text of %(name)s or attach its document "
                    "before putting it in force.") % {'name': rule.name})
            effective = rule.effective_date or today
            others = rule.search([
                ('lineage_id', '=', rule.lineage_id.id),
                ('state', '=', 'in_force'), ('id', '!=', rule.id)])
            if others - rule.previous_id:
                raise UserError(_(
                    "Version %(version)d of %(name)s is in force: a rule "
                    "has one version in force at a time. Create the new "
                    "version from it.") % {
                        'version': others[0].version, 'name': rule.name})
            if others:
                others._supersede(rule, effective)
            values = {'state': 'in_force', 'effective_date': effective}
            if not rule.next_review_date:
                values['next_review_date'] = add_months(
                    effective, rule.review_interval)
            rule._write_in_force(values)
        return True

    def _write_in_force(self, values):
        try:
            with self.env.cr.savepoint():
                trusted(self).write(values)
        except psycopg2.IntegrityError as error:
            if error.diag.constraint_name != IN_FORCE_INDEX:
                raise
            raise UserError(_(
                "Another version of %(name)s was put in force at the same "
                "time: a rule has one version in force at a time. Reload "
                "the rule and try again.") % {'name': self.name})

    def _supersede(self, successor, day):
        """Abolish this version on `day`, the day its successor takes
        effect."""
        for rule in self:
            if rule.effective_date and day < rule.effective_date:
                raise UserError(_(
                    "Version %(version)d of %(name)s takes effect on "
                    "%(effective)s: its successor cannot take effect before, "
                    "on %(day)s.") % {
                        'version': rule.version, 'name': rule.name,
                        'effective': rule.effective_date, 'day': day})
            trusted(rule).write({'state': 'abolished', 'abolished_date': day})
            rule.message_post(body=_(
                "Superseded by version %(version)d from %(day)s.") % {
                    'version': successor.version, 'day': day})

    @api.multi
    def action_abolish(self):
        """Abolish rules in force, on their abolished date (today if
        none)."""
        today = fields.Date.context_today(self)
        for rule in self:
            if rule.state != 'in_force':
                raise UserError(_(
                    "Only a rule in force can be abolished; %(name)s is "
                    "%(state)s.") % {'name': rule.name,
                                     'state': rule._state_label()})
            trusted(rule).write({
                'state': 'abolished',
                'abolished_date': rule.abolished_date or today})
        return True

    @api.multi
    def action_new_version(self):
        """A draft of the next version of this rule, or the draft already
        started."""
        self.ensure_one()
        if self.state == 'draft':
            raise UserError(_(
                "%(name)s is still a draft: edit it, there is no need for a "
                "new version.") % {'name': self.name})
        versions = self.search([('lineage_id', '=', self.lineage_id.id)])
        draft = versions.filtered(lambda r: r.state == 'draft')
        if not draft:
            latest = max(versions, key=lambda r: r.version)
            if latest != self:
                raise UserError(_(
                    "Version %(version)d of %(name)s is the latest: create "
                    "the new version from it.") % {
                        'version': latest.version, 'name': self.name})
            draft = trusted(self).copy({
                'version': self.version + 1, 'previous_id': self.id})
            draft = draft.with_env(self.env)
        return {
            'type': 'ir.actions.act_window',
            'res_model': self._name,
            'res_id': draft[0].id,
            'view_mode': 'form',
            'target': 'current',
        }

    @api.multi
    def action_mark_reviewed(self):
        """The issuing organization has reviewed the rule today: the next
        review is one interval later, and the review reminder is done."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            'party_building.mail_activity_type_rule_review')
        for rule in self:
            if rule.state != 'in_force':
                raise UserError(_(
                    "Only a rule in force is reviewed; %(name)s is "
                    "%(state)s.") % {'name': rule.name,
                                     'state': rule._state_label()})
            next_review = add_months(today, rule.review_interval)
            trusted(rule).write({'last_review_date': today,
                                 'next_review_date': next_review})
            rule.message_post(body=_(
                "Reviewed on %(day)s; next review by %(next)s.") % {
                    'day': format_day(self.env, today),
                    'next': format_day(self.env, next_review)})
            rule.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type)\
                .action_feedback()
        return True

    def _state_label(self):
        return dict(self._fields['state']._description_selection(
            self.env))[self.state]

    # -- adopting templates ---------------------------------------------------

    @api.model
    def _adopt(self, organization, templates):
        """Copies of `templates` issued by `organization`, in force from
        today, as the current user (who must be able to issue rules
        there). A template the organization already has in force is not
        adopted twice. Returns the rules adopted."""
        for template in templates:
            if not template.is_template or template.state != 'in_force':
                raise UserError(_(
                    "%(name)s is not a template in force: only those can be "
                    "adopted.") % {'name': template.name})
        existing = self.search([
            ('organization_id', '=', organization.id),
            ('template_id', 'in', templates.ids),
            ('state', '!=', 'abolished')]).mapped('template_id')
        adopted = self.browse()
        for template in templates - existing:
            rule = self.create({
                'name': template.name,
                'category_id': template.category_id.id,
                'organization_id': organization.id,
                'body': template.body,
                'document': template.document,
                'document_name': template.document_name,
                'review_interval': template.review_interval,
            })
            trusted(rule).write({'template_id': template.id})
            adopted |= rule
        adopted.action_put_in_force()
        return adopted

    # -- review reminders (a daily job) ---------------------------------------

    @api.model
    def _cron_remind(self, today=None, commit=False):
        """Daily: remind the secretary of the issuing organization (else
        the officers responsible for it) of each rule whose review is due
        within the configured days, once per review date: the reminder's
        key is the rule and that date, and the rule is stamped when it is
        delivered. In batches (party.job). `today` (a date) for tests."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        return self.env['party.job']._run(
            'rule_reviews', [('collect', self._review_step)], today, commit)

    def _review_step(self, job, position):
        """Queue the review reminders of the next rules due: a fixed number
        of queries per batch."""
        days = self.env['party.job']._number_param(
            REVIEW_DAYS_PARAM, DEFAULT_REVIEW_DAYS, int)
        cr = self.env.cr
        cr.execute("""
            SELECT r.id, r.organization_id, r.next_review_date
              FROM party_rule r
              JOIN party_organization o
                ON o.id = r.organization_id AND o.active
             WHERE r.id > %s AND r.state = 'in_force'
               AND r.next_review_date IS NOT NULL
               AND r.next_review_date - %s <= %s
               AND (r.review_reminded_on IS NULL
                    OR r.review_reminded_on < r.next_review_date - %s)
          ORDER BY r.id LIMIT %s
        """, [position, days, job.day, days, REVIEW_BATCH])
        rows = cr.fetchall()
        if not rows:
            return None
        today = fields.Date.from_string(job.day)
        org_ids = sorted({row[1] for row in rows})
        secretaries = self.env['party.meeting.reminder']._secretary_users(
            org_ids, today)
        Org = self.env['party.organization'].sudo()
        officers = Org.browse([i for i in org_ids if i not in secretaries])\
            ._responsible_officers()
        Users = self.env['res.users'].sudo()
        reminders = []
        for rule_id, org_id, day in rows:
            users = Users.browse(secretaries[org_id]) \
                if org_id in secretaries else officers[org_id]
            reminders.append((
                self.browse(rule_id), 'party.rule,%d:review:%s' % (
                    rule_id, day), users, day, (rule_id, day),
                'review_reminded_on'))
        self.env['mail.activity']._party_remind(
            self.env.ref('party_building.mail_activity_type_rule_review'),
            reminders, self.sudo(), job=job)
        return rows[-1][0], len(rows)

    @api.model
    def _party_reminder_prefetch(self, arg_list):
        self.browse(list({args[0] for args in arg_list})).mapped(
            'organization_id.name')

    @api.model
    def _party_reminder_summary(self, rule_id, day):
        """A review reminder's text in this environment's language."""
        rule = self.browse(rule_id)
        return _("%(organization)s: review the rule %(name)s by "
                 "%(date)s") % {
                     'organization': rule.organization_id.name,
                     'name': rule.name, 'date': format_day(self.env, day)}

    @api.model
    def _party_digest_summary(self, count, deadline):
        return _("%(count)d rules are due for review, the first by "
                 "%(date)s") % {'count': count,
                                'date': format_day(self.env, deadline)}
