"""Reminders of organizational life: required meetings still missing when
their period is about to end."""
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models

from .mail_activity import format_day
from .party_meeting_type import period_bounds

# Organizations looked at in one batch of the reminder job.
COLLECT_BATCH = 2000


class PartyMeetingReminder(models.AbstractModel):
    _name = 'party.meeting.reminder'
    _inherit = 'party.meeting.compliance.mixin'
    _description = 'Organizational Life Reminders'

    @api.model
    def _cron_remind(self, today=None, commit=False):
        """Daily: for each required meeting still missing when its period
        ends within the configured days, an activity for the secretary (or
        the responsible officers), in their language; once per organization,
        type, period and person while it is open; a digest for whoever has
        many. In batches of organizations (party.job: with `commit`, as the
        cron calls it, each batch is committed and a call stops after its
        time budget; the next call resumes). `today` (a date) for tests."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        return self.env['party.job']._run(
            'meeting_reminders', [('collect', self._collect_step)], today,
            commit)

    def _collect_step(self, job, position):
        """Queue the reminders of the next organizations: their facts, the
        secretaries and the responsible officers in a fixed number of
        queries, no record read one by one."""
        cr = self.env.cr
        cr.execute("""SELECT id, company_id FROM party_organization
                       WHERE active AND id > %s ORDER BY id LIMIT %s""",
                   [position, COLLECT_BATCH])
        orgs = cr.fetchall()
        if not orgs:
            return None
        today = fields.Date.from_string(job.day)
        activity_type = self.env.ref(
            'party_building.mail_activity_type_meeting_reminder')
        types = self.env['party.meeting.type'].sudo().search([])
        by_company = defaultdict(list)
        for org_id, company_id in orgs:
            by_company[company_id].append(org_id)
        # judged over this month: type_span widens it to the period of each
        # type (the month, the quarter, the year)
        month_start, month_end = period_bounds('month', today)
        Org = self.env['party.organization'].sudo()
        Users = self.env['res.users'].sudo()
        for company in self.env['res.company'].sudo().browse(
                list(by_company)):
            horizon = today + timedelta(
                days=company.party_meeting_reminder_days)
            due_types = types.filtered(
                lambda t: period_bounds(t.period, today)[1] <= horizon)
            if not due_types:
                continue
            facts = [fact for fact in self._compliance_facts(
                by_company[company.id], due_types, month_start, month_end)
                if fact[5] < fact[4]]
            if not facts:
                continue
            org_ids = sorted({fact[0] for fact in facts})
            secretaries = self._secretary_users(org_ids, today)
            officers = Org.browse(
                [i for i in org_ids if i not in secretaries])\
                ._responsible_officers()
            reminders = []
            for org_id, type_id, start, end, _req, _held, _rate in facts:
                start, end = (fields.Date.to_string(start),
                              fields.Date.to_string(end))
                key = 'party.organization,%d:meeting:%d:%s' % (
                    org_id, type_id, start)
                users = Users.browse(secretaries[org_id]) \
                    if org_id in secretaries else officers[org_id]
                reminders.append((Org.browse(org_id), key, users, end,
                                  (org_id, type_id, start, end)))
            self.env['mail.activity']._party_remind(
                activity_type, reminders, self.sudo(), job=job)
        return orgs[-1][0], len(orgs)

    @api.model
    def _secretary_users(self, org_ids, today):
        """{organization id: user id} of the secretaries in post on `today`
        who have a login (through their employee), as the organization's
        secretary_id shows them, in one query."""
        self.env.cr.execute("""
            SELECT DISTINCT ON (pos.organization_id)
                   pos.organization_id, res.user_id
              FROM party_term_position pos
              JOIN party_term term
                ON term.id = pos.term_id AND term.state = 'current'
              JOIN party_member member ON member.id = pos.member_id
              JOIN hr_employee emp ON emp.id = member.employee_id
              JOIN resource_resource res ON res.id = emp.resource_id
              JOIN res_users u ON u.id = res.user_id AND u.active
             WHERE pos.organization_id IN %s AND pos.is_secretary
               AND (pos.start_date IS NULL OR pos.start_date <= %s)
               AND (pos.end_date IS NULL OR pos.end_date >= %s)
          ORDER BY pos.organization_id, pos.id
        """, [tuple(org_ids), today, today])
        return dict(self.env.cr.fetchall())

    @api.model
    def _party_reminder_prefetch(self, arg_list):
        """Read the names of the meeting types of these reminders at once."""
        self.env['party.meeting.type'].browse(
            list({args[1] for args in arg_list})).mapped('name')

    @api.model
    def _party_reminder_summary(self, org_id, type_id, start, end):
        """The reminder's text in this environment's language."""
        return _("%(organization)s: hold the %(type)s due between %(start)s "
                 "and %(end)s") % {
                     'organization': self.env['party.organization'].browse(
                         org_id).name,
                     'type': self.env['party.meeting.type'].browse(
                         type_id).name,
                     'start': format_day(self.env, start),
                     'end': format_day(self.env, end)}

    @api.model
    def _party_digest_summary(self, count, deadline):
        """The text of a digest of meeting reminders."""
        return _("%(count)d required meetings are still to be held, the "
                 "first by %(date)s") % {
                     'count': count, 'date': format_day(self.env, deadline)}
