"""Standardized branch setup (支部设置标准化) on the organization: terms,
committee, and the setup compliance computed for many organizations at once.
"""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

from .mail_activity import format_day

TERM_STATUSES = [
    ('valid', 'Valid'),
    ('expiring', 'Expiring'),
    ('overdue', 'Overdue'),
    ('none', 'No Term'),
]
SIZE_ADVICE = [
    ('ok', 'Suitable'),
    ('joint_branch', 'Join a Joint Branch'),
    ('general_branch', 'Consider a General Branch'),
    ('committee', 'Consider a Party Committee'),
]
# Batch size of the compliance refresh: bounded memory and statements.
REFRESH_BATCH = 1000


class PartyOrganization(models.Model):
    _inherit = 'party.organization'

    term_ids = fields.One2many('party.term', 'organization_id',
                               string='Terms')
    current_term_id = fields.Many2one(
        'party.term', string='Current Term',
        compute='_compute_current_term')
    committee_position_ids = fields.One2many(
        'party.term.position', compute='_compute_current_term',
        string='Committee')
    secretary_id = fields.Many2one(
        'party.member', string='Secretary', compute='_compute_current_term')
    secretary_training_hours = fields.Float(
        compute='_compute_secretary_development',
        string="Secretary's Training Hours This Year")
    secretary_appraisal = fields.Selection(
        [('excellent', 'Excellent'), ('good', 'Good'),
         ('average', 'Average'), ('poor', 'Poor')],
        compute='_compute_secretary_development',
        string="Secretary's Last Appraisal")
    rectification_ids = fields.One2many(
        'party.rectification', 'organization_id', string='Rectifications')
    weak_lax = fields.Boolean(
        string='Weak and Lax', compute='_compute_weak_lax', store=True,
        help="Has a rectification that is not cleared yet.")
    task_ids = fields.One2many('party.task', 'organization_id',
                               string='Tasks')

    # Setup compliance: stored so that it can be searched, filtered and
    # pivoted; written by refresh_setup_compliance (daily and on changes),
    # since it depends on today's date.
    term_status = fields.Selection(TERM_STATUSES, readonly=True,
                                   string='Term Status')
    term_end_date = fields.Date(readonly=True, string='Term Ends')
    committee_size = fields.Integer(readonly=True)
    committee_complete = fields.Boolean(
        readonly=True, string='Committee Complete',
        help="A secretary with fewer full members than the committee "
             "threshold, else a committee of the configured size.")
    secretary_vacant_since = fields.Date(readonly=True)
    # counts on by itself every day: computed, so that the daily review
    # writes only the organizations whose compliance changed
    secretary_vacant_days = fields.Integer(
        compute='_compute_secretary_vacant_days')
    secretary_vacancy_long = fields.Boolean(
        readonly=True, string='Secretary Vacant Too Long')
    size_advice = fields.Selection(SIZE_ADVICE, readonly=True,
                                   string='Size Advice')
    setup_shortfall = fields.Boolean(
        readonly=True, string='Has Setup Shortfalls')
    setup_checked_on = fields.Date(
        compute='_compute_setup_checked_on', string='Checked On',
        help="The day of the last daily setup review.")
    term_reminded_on = fields.Date(readonly=True)
    vacancy_reminded_on = fields.Date(readonly=True)

    def _compute_current_term(self):
        terms = self.env['party.term'].search([
            ('organization_id', 'in', self.ids), ('state', '=', 'current')])
        by_org = {term.organization_id.id: term for term in terms}
        today = fields.Date.context_today(self)
        for org in self:
            term = by_org.get(org.id, self.env['party.term'])
            positions = term.position_ids.filtered(
                lambda p: (not p.start_date or p.start_date <= today)
                and (not p.end_date or p.end_date >= today))
            org.current_term_id = term
            org.committee_position_ids = positions
            org.secretary_id = positions.filtered('is_secretary')[:1].member_id

    def _compute_secretary_vacant_days(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for org in self:
            since = org.secretary_vacant_since
            org.secretary_vacant_days = (
                today - fields.Date.from_string(since)).days if since else 0

    def _compute_setup_checked_on(self):
        last = self.env['party.job'].sudo().search(
            [('code', '=', 'setup_review'), ('state', '=', 'done')],
            limit=1).day
        for org in self:
            org.setup_checked_on = last

    def _compute_secretary_development(self):
        secretaries = self.mapped('secretary_id')
        year = fields.Date.from_string(fields.Date.context_today(self)).year
        hours = {g['member_id'][0]: g['hours'] for g in
                 self.env['party.secretary.training'].read_group(
                     [('member_id', 'in', secretaries.ids),
                      ('date', '>=', '%d-01-01' % year)],
                     ['member_id', 'hours'], ['member_id'])}
        appraisals = {}
        for appraisal in self.env['party.secretary.appraisal'].search(
                [('member_id', 'in', secretaries.ids)], order='year desc'):
            appraisals.setdefault(appraisal.member_id.id, appraisal.result)
        for org in self:
            org.secretary_training_hours = hours.get(org.secretary_id.id, 0)
            org.secretary_appraisal = appraisals.get(org.secretary_id.id)

    @api.depends('rectification_ids.state')
    def _compute_weak_lax(self):
        for org in self:
            org.weak_lax = any(case.state != 'cleared'
                               for case in org.rectification_ids)

    # -- compliance ------------------------------------------------------

    @api.multi
    def refresh_setup_compliance(self):
        """Recompute the stored compliance of these organizations as of
        today."""
        self._refresh_setup_compliance()

    def _refresh_setup_compliance(self, today=None):
        """The same as of `today` (a date, default today), in a fixed number
        of statements per batch of REFRESH_BATCH; only the rows whose values
        change are written."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        ids = [i for i in self.ids if isinstance(i, int)]
        for start in range(0, len(ids), REFRESH_BATCH):
            self.browse(ids[start:start + REFRESH_BATCH]).sudo()\
                ._refresh_setup_compliance_batch(today)
        self.invalidate_cache(fnames=[
            'term_status', 'term_end_date', 'committee_size',
            'committee_complete', 'secretary_vacant_since',
            'secretary_vacant_days', 'secretary_vacancy_long', 'size_advice',
            'setup_shortfall'])

    def _refresh_setup_compliance_batch(self, today):
        cr = self.env.cr
        ids = tuple(self.ids)
        # the two columns the rules need, not the ORM's read of every
        # stored field of a thousand organizations
        cr.execute("SELECT id, kind, company_id FROM party_organization "
                   "WHERE id IN %s", [ids])
        orgs = cr.fetchall()
        companies = self.env['res.company'].browse(
            list({company_id for _id, _kind, company_id in orgs}))
        # the setup rules compare member counts with thresholds only
        cap = 1 + max(companies.mapped(lambda c: max(
            c.party_committee_min_full_members,
            c.party_branch_min_full_members,
            c.party_general_branch_members, c.party_committee_members)))
        counts = self._member_counts_upto(ids, cap)

        # the current term and its committee as of today
        cr.execute("""
            SELECT term.organization_id, term.id, term.effective_end_date
              FROM party_term term
             WHERE term.organization_id IN %s AND term.state = 'current'
        """, [ids])
        terms = {org_id: (term_id, end) for org_id, term_id, end
                 in cr.fetchall()}
        # posts of the current term serve until they end or the next
        # election, even when the term is overdue
        cr.execute("""
            SELECT pos.organization_id,
                   count(*),
                   bool_or(pos.is_secretary)
              FROM party_term_position pos
              JOIN party_term term ON term.id = pos.term_id
             WHERE term.state = 'current' AND pos.organization_id IN %s
               AND COALESCE(pos.start_date, term.start_date) <= %s
               AND (pos.end_date IS NULL OR pos.end_date >= %s)
          GROUP BY pos.organization_id
        """, [ids, today, today])
        committees = {org_id: (size, has_secretary) for org_id, size,
                      has_secretary in cr.fetchall()}
        # since when the secretary post is vacant: the end of the last
        # secretary's post, else the start of the current term. Without any
        # recorded term it is unknown (and "no term" is the shortfall).
        cr.execute("""
            SELECT org.id,
                   COALESCE(
                       (SELECT max(COALESCE(pos.end_date, term.end_date))
                          FROM party_term_position pos
                          JOIN party_term term ON term.id = pos.term_id
                         WHERE pos.organization_id = org.id
                           AND pos.is_secretary
                           AND COALESCE(pos.end_date, term.end_date) < %s),
                       (SELECT term.start_date FROM party_term term
                         WHERE term.organization_id = org.id
                           AND term.state = 'current'))
              FROM party_organization org
             WHERE org.id IN %s
        """, [today, ids])
        vacancy_since = dict(cr.fetchall())

        rows = []
        for org_id, kind, company_id in orgs:
            rows.append(self._setup_compliance_values(
                org_id, kind, companies.browse(company_id), today, counts,
                terms.get(org_id), committees.get(org_id),
                vacancy_since.get(org_id)))
        # one statement, one array per column; rows whose values stay are
        # not written (nor locked, nor bloated)
        columns = [list(column) for column in zip(*rows)]
        cr.execute("""
            UPDATE party_organization org
               SET term_status = v.term_status,
                   term_end_date = v.term_end_date,
                   committee_size = v.committee_size,
                   committee_complete = v.committee_complete,
                   secretary_vacant_since = v.vacant_since,
                   secretary_vacancy_long = v.vacancy_long,
                   size_advice = v.size_advice,
                   setup_shortfall = v.shortfall
              FROM unnest(%s::integer[], %s::varchar[], %s::date[],
                          %s::integer[], %s::boolean[], %s::date[],
                          %s::boolean[], %s::varchar[], %s::boolean[])
                AS v(id, term_status, term_end_date, committee_size,
                     committee_complete, vacant_since, vacancy_long,
                     size_advice, shortfall)
             WHERE org.id = v.id
               AND (org.term_status, org.term_end_date, org.committee_size,
                    org.committee_complete, org.secretary_vacant_since,
                    org.secretary_vacancy_long, org.size_advice,
                    org.setup_shortfall)
                   IS DISTINCT FROM
                   (v.term_status, v.term_end_date, v.committee_size,
                    v.committee_complete, v.vacant_since, v.vacancy_long,
                    v.size_advice, v.shortfall)
        """, columns)

    @api.model
    def _setup_compliance_values(self, org_id, kind, company, today, counts,
                                 term, committee, vacancy_since):
        """The compliance row of one organization, from data read in bulk:
        no query here."""
        full = counts.get((org_id, 'full'), 0)
        members = full + counts.get((org_id, 'probationary'), 0)
        has_terms = kind != 'group'

        term_status, term_end = 'none', None
        if term:
            term_end = fields.Date.from_string(term[1])
            if term_end < today:
                term_status = 'overdue'
            elif term_end <= today + timedelta(
                    days=company.party_term_warning_days):
                term_status = 'expiring'
            else:
                term_status = 'valid'

        size, has_secretary = committee or (0, False)
        if full < company.party_committee_min_full_members:
            complete = has_secretary
        else:
            complete = has_secretary and (
                company.party_committee_min_size <= size
                <= company.party_committee_max_size)

        vacant_since = None
        vacancy_long = False
        if has_terms and not has_secretary and vacancy_since:
            # Odoo's cursor returns dates as strings
            vacant_since = fields.Date.from_string(vacancy_since)
            vacancy_long = vacant_since < today - relativedelta(
                months=company.party_secretary_vacancy_months)

        advice = 'ok'
        if kind == 'branch':
            if full < company.party_branch_min_full_members:
                advice = 'joint_branch'
            elif members > company.party_committee_members:
                advice = 'committee'
            elif members > company.party_general_branch_members:
                advice = 'general_branch'

        shortfall = has_terms and (
            term_status in ('expiring', 'overdue', 'none') or not complete
            or vacancy_long or advice != 'ok')
        if not has_terms:
            term_status, complete = None, None
        return (org_id, term_status, term_end, size, complete, vacant_since,
                vacancy_long, advice, shortfall)

    # -- reminders and flags ---------------------------------------------

    @api.model
    def _cron_setup_review(self, today=None, commit=False):
        """Daily: refresh the compliance of every organization, flag the
        weak and lax ones, and remind the responsible officers, in batches
        (party.job: with `commit`, as the cron calls it, each batch is
        committed and a call stops after its time budget; the next call
        resumes). Running it twice on a day creates nothing twice. `today`
        (a date) for tests."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        return self.env['party.job']._run('setup_review', [
            ('refresh', self._review_refresh_step),
            ('flag', self._review_flag_step),
            ('remind', self._review_remind_step),
            ('coverage', self._review_coverage_step),
        ], today, commit)

    def _review_batch(self, position, domain, size=REFRESH_BATCH):
        """The next organizations of a review stage, by id."""
        return self.sudo().search([('id', '>', position)] + domain,
                                  order='id', limit=size)

    def _review_refresh_step(self, job, position):
        orgs = self._review_batch(position, [])
        if not orgs:
            return None
        orgs._refresh_setup_compliance(fields.Date.from_string(job.day))
        return orgs[-1].id, len(orgs)

    def _review_flag_step(self, job, position):
        orgs = self._review_batch(position, [
            ('weak_lax', '=', False), '|',
            ('secretary_vacancy_long', '=', True),
            ('term_status', '=', 'overdue')])
        if not orgs:
            return None
        orgs._flag_weak_lax(fields.Date.from_string(job.day))
        return orgs[-1].id, len(orgs)

    def _review_remind_step(self, job, position):
        orgs = self._review_batch(position, [
            '|', ('term_status', 'in', ('expiring', 'overdue')),
            ('secretary_vacancy_long', '=', True)])
        if not orgs:
            return None
        orgs._remind_officers(fields.Date.from_string(job.day), job)
        return orgs[-1].id, len(orgs)

    @api.model
    def _review_coverage_step(self, job, position):
        if position:
            return None
        Department = self.env['hr.department'].sudo()
        Department.refresh_party_coverage()
        Department.remind_party_coverage_gaps(job)
        return 1, 1

    def _flag_weak_lax(self, today=None):
        """Open a rectification for each organization that meets a
        configured trigger and has none open, in one statement, without
        creation noise in the chatter."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        Rectification = self.env['party.rectification']
        open_orgs = Rectification._open_organization_ids(self.ids)
        rows = []
        for org in self:
            if org.id in open_orgs:
                continue
            company = org.company_id
            if company.party_flag_secretary_vacant \
                    and org.secretary_vacancy_long:
                trigger = 'secretary_vacant'
            elif company.party_flag_term_overdue \
                    and org.term_status == 'overdue':
                trigger = 'term_overdue'
            else:
                continue
            # a record everyone reads: in the company's language
            reason = org.with_context(
                lang=company.partner_id.lang or self.env.lang)\
                ._weak_lax_reason(trigger)
            rows.append((org.id, company.id, trigger, reason,
                         '%s %s' % (org.name, fields.Date.to_string(today))))
        Rectification._flag_in_bulk(rows, today)

    def _weak_lax_reason(self, trigger):
        """Why this organization was flagged, in this environment's
        language."""
        if trigger == 'secretary_vacant':
            return _("The secretary post has been vacant since %s.") \
                % format_day(self.env, self.secretary_vacant_since)
        return _("The term ended on %s and no new term was elected.") \
            % format_day(self.env, self.term_end_date)

    def _responsible_officers(self):
        """{org id: users}: the officers responsible for the nearest
        organization at or above each organization, else the company's
        managers. Two queries, whatever the number of organizations."""
        if not self:
            return {}
        officer_group = self.env.ref('party_building.group_officer')
        manager_group = self.env.ref('party_building.group_manager')
        self.env.cr.execute("""
            SELECT DISTINCT ON (org.id, rel.user_id) org.id, rel.user_id,
                   length(root.path)
              FROM party_organization org
              -- the ancestors (and itself), by the ids in its path
              JOIN party_organization root
                ON root.id = ANY(string_to_array(rtrim(org.path, '/'), '/')
                                 ::integer[])
              JOIN party_organization_res_users_rel rel
                ON rel.organization_id = root.id
              JOIN res_groups_users_rel gu
                ON gu.uid = rel.user_id AND gu.gid = %s
              JOIN res_users u ON u.id = rel.user_id AND u.active
             WHERE org.id IN %s
        """, [officer_group.id, tuple(self.ids)])
        nearest = {}
        for org_id, user_id, depth in self.env.cr.fetchall():
            best = nearest.setdefault(org_id, [0, []])
            if depth > best[0]:
                nearest[org_id] = [depth, [user_id]]
            elif depth == best[0]:
                best[1].append(user_id)
        managers = manager_group.users.filtered(
            lambda u: u.id != self.env.ref('base.user_root').id)
        # the companies without reading every field of the organizations
        self.env.cr.execute("SELECT id, company_id FROM party_organization "
                            "WHERE id IN %s", [tuple(self.ids)])
        companies = dict(self.env.cr.fetchall())
        Users = self.env['res.users']
        return {org_id: Users.browse(nearest[org_id][1]) if org_id in nearest
                else managers.filtered(
                    lambda u: u.company_id.id == companies[org_id])
                for org_id in self.ids}

    def _remind_officers(self, today=None, job=None):
        """Remind the responsible officers of expiring or overdue terms and
        of long secretary vacancies, in their language: again after the
        company's interval while the shortfall lasts, but not an officer
        whose last reminder of it is still open. Queued on `job` when
        given. `today` (a date) for tests."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        due = []
        for org in self:
            interval = timedelta(
                days=org.company_id.party_reminder_interval_days)
            if org.term_status in ('expiring', 'overdue') and (
                    not org.term_reminded_on or fields.Date.from_string(
                        org.term_reminded_on) + interval <= today):
                kind = 'term_%s' % org.term_status
                due.append((org, 'term_reminded_on', kind, org.term_end_date))
            if org.secretary_vacancy_long and (
                    not org.vacancy_reminded_on or fields.Date.from_string(
                        org.vacancy_reminded_on) + interval <= today):
                due.append((org, 'vacancy_reminded_on', 'secretary_vacant',
                            org.secretary_vacant_since))
        if not due:
            return
        officers = self.browse([org.id for org, _s, _k, _d in due])\
            ._responsible_officers()
        reminders = [
            (org, 'party.organization,%d:%s:%s' % (org.id, kind, day),
             officers[org.id], today, (kind, org.id, day), stamp)
            for org, stamp, kind, day in due]
        self.env['mail.activity']._party_remind(
            self.env.ref('party_building.mail_activity_type_setup_reminder'),
            reminders, self.sudo(), job=job, day=today)

    @api.model
    def _party_reminder_summary(self, kind, org_id, day):
        """A setup reminder's text in this environment's language."""
        values = {'organization': self.browse(org_id).name,
                  'date': format_day(self.env, day)}
        if kind == 'term_expiring':
            return _("The term of %(organization)s ends on %(date)s: "
                     "prepare the election") % values
        if kind == 'term_overdue':
            return _("The term of %(organization)s ended on %(date)s: hold "
                     "the election") % values
        return _("The secretary post of %(organization)s has been vacant "
                 "since %(date)s: fill it") % values

    @api.model
    def _party_digest_summary(self, count, deadline):
        """The text of a digest of setup reminders."""
        return _("%(count)d organizations need their terms or secretaries "
                 "seen to") % {'count': count}

    @api.multi
    def action_refresh_setup_compliance(self):
        self.refresh_setup_compliance()
        return True
