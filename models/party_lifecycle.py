"""The members' lifecycle in the rest of the addon: the member's path
(stages of recruitment, decisions), the daily reminders (a stage due, a
probation ending), the assessment metrics and the counts by stage and
status of a user's scope."""
from datetime import timedelta

from odoo import _, api, fields, models

from .mail_activity import format_day
from .party_recruitment import STAGE_CODES, STAGE_DATES, STAGES

# Rows looked at in one batch of the reminder job. (Odoo's cursor reads
# dates as strings.)
BATCH = 2000
STAGE_HORIZON_PARAM = 'party_building.recruitment_reminder_days'
PROBATION_HORIZON_PARAM = 'party_building.probation_reminder_days'
# (stage, next stage) in SQL
NEXT_STAGE_SQL = 'VALUES ' + ', '.join(
    "('%s', '%s')" % (code, STAGE_CODES[index + 1])
    for index, code in enumerate(STAGE_CODES[:-1]))
# The end of a member's probation (m: party_member, c: res_company)
PROBATION_END_SQL = """(m.join_date + make_interval(
    months => c.party_probation_months
              + COALESCE(m.probation_extension_months, 0)))::date"""
# The day a stage is due (a: party_applicant, r: the next stage's rule)
STAGE_DUE_SQL = """CASE WHEN r.due_days > 0
                        THEN a.stage_date + r.due_days
                        WHEN r.min_months > 0
                        THEN (a.stage_date
                              + make_interval(months => r.min_months))::date
                   END"""


class PartyMemberHistory(models.Model):
    _inherit = 'party.member.history'

    kind = fields.Selection(selection_add=[
        ('stage_%s' % code, label) for code, label in STAGES] + [
        ('decision', 'Membership Decision')])

    @api.model
    def _history_queries(self):
        queries = super(PartyMemberHistory, self)._history_queries()
        for code in STAGE_CODES:
            query = """
                SELECT 'stage_{code}', a.member_id, a.{column},
                       a.organization_id, a.company_id, 'party.applicant',
                       a.id
                  FROM party_applicant a
                 WHERE a.member_id IS NOT NULL
                   AND a.{column} IS NOT NULL"""
            queries.append(query.format(code=code,
                                        column=STAGE_DATES[code]))
        queries.append("""
            SELECT 'decision', d.member_id, d.date, d.organization_id,
                   d.company_id, 'party.member.decision', d.id
              FROM party_member_decision d""")
        return queries


class PartyJob(models.Model):
    _inherit = 'party.job'

    code = fields.Selection(selection_add=[
        ('lifecycle_reminders', 'Recruitment and Probation Reminders')])


class PartyLifecycleReminder(models.AbstractModel):
    """Daily: a reminder to the branch's secretary (or the responsible
    officers) when an applicant's next stage is due, and before a
    probationary member's probation ends."""
    _name = 'party.lifecycle.reminder'
    _description = 'Membership Reminders'

    @api.model
    def _cron_remind(self, today=None, commit=False):
        """`today` (a date) for tests; see party.job._run."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        return self.env['party.job']._run(
            'lifecycle_reminders', [('applicants', self._applicants_step),
                                    ('probation', self._probation_step)],
            today, commit)

    def _horizon(self, job, param, default):
        days = self.env['party.job']._number_param(param, default, int)
        return fields.Date.from_string(job.day) + timedelta(days=days)

    def _users(self, org_ids, today):
        """{org id: users} to remind: the secretary in post, else the
        responsible officers."""
        Users = self.env['res.users'].sudo()
        secretaries = self.env['party.meeting.reminder']._secretary_users(
            org_ids, today)
        officers = self.env['party.organization'].sudo().browse(
            [i for i in org_ids if i not in secretaries])\
            ._responsible_officers()
        return {org_id: Users.browse(secretaries[org_id])
                if org_id in secretaries else officers.get(org_id, Users)
                for org_id in org_ids}

    def _applicants_step(self, job, position):
        query = """
            SELECT a.id, a.branch_id, nxt.next, %(due)s AS due
              FROM party_applicant a
              JOIN (%(next)s) AS nxt(stage, next) ON nxt.stage = a.stage
              JOIN party_recruitment_stage r ON r.code = nxt.next
             WHERE a.active AND a.id > %%s AND a.stage_date IS NOT NULL
               AND %(due)s <= %%s
          ORDER BY a.id LIMIT %%s
        """ % {'due': STAGE_DUE_SQL, 'next': NEXT_STAGE_SQL}
        horizon = self._horizon(job, STAGE_HORIZON_PARAM, 14)
        # built from this module's constants only
        self.env.cr.execute(query,  # pylint: disable=sql-injection
                            [position, horizon, BATCH])
        return self._remind(job, 'party.applicant', 'stage',
                            self.env.cr.fetchall())

    def _probation_step(self, job, position):
        query = """
            SELECT m.id, m.branch_id, %s AS ends
              FROM party_member m
              JOIN res_company c ON c.id = m.company_id
             WHERE m.active AND m.status = 'probationary'
               AND m.standing = 'good' AND m.join_date IS NOT NULL
               AND m.id > %%s AND %s <= %%s
          ORDER BY m.id LIMIT %%s
        """ % (PROBATION_END_SQL, PROBATION_END_SQL)
        horizon = self._horizon(job, PROBATION_HORIZON_PARAM, 30)
        self.env.cr.execute(query,  # pylint: disable=sql-injection
                            [position, horizon, BATCH])
        rows = [(member_id, branch_id, False, ends)
                for member_id, branch_id, ends in self.env.cr.fetchall()]
        return self._remind(job, 'party.member', 'probation', rows)

    def _remind(self, job, model, kind, rows):
        """One reminder per row (record id, branch id, stage or False,
        due date) to the branch's secretary, else its officers; the daily
        job's position and count, None when no row is left."""
        if not rows:
            return None
        today = fields.Date.from_string(job.day)
        users = self._users(sorted({row[1] for row in rows}), today)
        records = self.env[model].sudo()
        reminders = [
            (records.browse(record_id),
             '%s,%d:%s:%s' % (model, record_id, kind, stage or due),
             users[branch_id], due, (kind, record_id, stage, due))
            for record_id, branch_id, stage, due in rows]
        self.env['mail.activity']._party_remind(
            self._activity_type(), reminders, self.sudo(), job=job)
        return rows[-1][0], len(rows)

    def _activity_type(self):
        return self.env.ref(
            'party_building.mail_activity_type_lifecycle_reminder')

    @api.model
    def _party_reminder_prefetch(self, arg_list):
        for model, kind in (('party.applicant', 'stage'),
                            ('party.member', 'probation')):
            self.env[model].browse(
                [args[1] for args in arg_list if args[0] == kind])\
                .mapped('name')

    @api.model
    def _party_reminder_summary(self, kind, res_id, stage, day):
        """The reminder's text in this environment's language."""
        if kind == 'stage':
            labels = dict(self.env['party.applicant']._fields['stage']
                          ._description_selection(self.env))
            return _("%(name)s: \"%(stage)s\" is due by %(date)s") % {
                'name': self.env['party.applicant'].browse(res_id).name,
                'stage': labels.get(stage, stage),
                'date': format_day(self.env, day)}
        return _("%(name)s: the probation ends on %(date)s; the members' "
                 "general meeting decides on the conversion") % {
                     'name': self.env['party.member'].browse(res_id).name,
                     'date': format_day(self.env, day)}

    @api.model
    def _party_digest_summary(self, count, deadline):
        return _("%(count)d applicants' stages or probations are due, the "
                 "first by %(date)s") % {
                     'count': count, 'date': format_day(self.env, deadline)}


class PartyAssessmentMetric(models.Model):
    _inherit = 'party.assessment.metric'

    def _lifecycle_rows(self, body, params):
        """(org id, count) of the organizations %(ids)s, counting the rows
        of `body` (FROM ... WHERE on m: members or a: applicants, joined to
        `sub`, the organizations of the subtree)."""
        return self._metric_rows("""
            SELECT o.id, count(*)
              FROM party_organization o
              JOIN party_organization sub
                ON sub.path::text ~>=~ o.path::text
               AND sub.path::text ~<~ (o.path::text || '~')
              %s
             WHERE o.id = ANY(%%(ids)s::integer[])
          GROUP BY o.id
        """ % body, params)

    @api.model
    def _metric_probation_overdue(self, org_ids, date_from, date_to,
                                  meeting_type):
        """Probationary members (in good standing) whose probation ended
        before the end of the period without a decision."""
        rows = self._lifecycle_rows("""
              JOIN party_member m ON m.organization_id = sub.id
               AND m.active AND m.status = 'probationary'
               AND m.standing = 'good' AND m.join_date IS NOT NULL
              JOIN res_company c ON c.id = m.company_id
               AND %s < %%(date_to)s::date""" % PROBATION_END_SQL,
                                    {'ids': org_ids, 'date_to': date_to})
        return {org_id: (float(count), str(count)) for org_id, count in rows}

    @api.model
    def _metric_members_lost_contact(self, org_ids, date_from, date_to,
                                     meeting_type):
        """Members recorded as lost contact (today's status)."""
        rows = self._lifecycle_rows("""
              JOIN party_member m ON m.organization_id = sub.id
               AND m.active AND m.standing = 'lost_contact'""",
                                    {'ids': org_ids})
        return {org_id: (float(count), str(count)) for org_id, count in rows}

    @api.model
    def _metric_applicants_stalled(self, org_ids, date_from, date_to,
                                   meeting_type):
        """Applicants whose next stage was due (a rule's days, e.g. the
        talk within a month) before the end of the period."""
        rows = self._lifecycle_rows("""
              JOIN party_applicant a ON a.organization_id = sub.id
               AND a.active AND a.stage_date IS NOT NULL
              JOIN (%s) AS nxt(stage, next) ON nxt.stage = a.stage
              JOIN party_recruitment_stage r ON r.code = nxt.next
               AND r.due_days > 0
               AND a.stage_date + r.due_days < %%(date_to)s::date"""
                                    % NEXT_STAGE_SQL,
                                    {'ids': org_ids, 'date_to': date_to})
        return {org_id: (float(count), str(count)) for org_id, count in rows}


class PartyApplicant(models.Model):
    _inherit = 'party.applicant'

    @api.model
    def stage_counts(self, domain=None):
        """{stage: count} of the applicants the user sees: one grouped
        query."""
        groups = self.read_group(domain or [], ['stage'], ['stage'])
        return {group['stage']: group['stage_count'] for group in groups}


class PartyMember(models.Model):
    _inherit = 'party.member'

    @api.model
    def standing_counts(self, domain=None):
        """{membership status: count} of the members the user sees,
        archived ones included (those who left, died...): one grouped
        query."""
        groups = self.with_context(active_test=False).read_group(
            domain or [], ['standing'], ['standing'])
        return {group['standing']: group['standing_count']
                for group in groups}
