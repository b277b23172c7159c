"""Reminders of organizational life: required meetings still missing when
their period is about to end."""
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
        """Queue the reminders of the next organizations."""
        orgs = self.env['party.organization'].sudo().search(
            [('id', '>', position)], order='id', limit=COLLECT_BATCH)
        if not orgs:
            return None
        today = fields.Date.from_string(job.day)
        activity_type = self.env.ref(
            'party_building.mail_activity_type_meeting_reminder')
        types = self.env['party.meeting.type'].sudo().search([])
        # judged over this month: type_span widens it to the period of each
        # type (the month, the quarter, the year)
        month_start, month_end = period_bounds('month', today)
        for company in orgs.mapped('company_id'):
            horizon = today + timedelta(
                days=company.party_meeting_reminder_days)
            due_types = types.filtered(
                lambda t: period_bounds(t.period, today)[1] <= horizon)
            if not due_types:
                continue
            rows = [row for row in self._compliance_rows(
                orgs.filtered(lambda o: o.company_id == company), due_types,
                month_start, month_end) if row[5] < row[4]]
            if not rows:
                continue
            officers = orgs.browse(list({r[0].id for r in rows}))\
                ._responsible_officers()
            reminders = []
            for org, meeting_type, start, end, _req, _held, _rate in rows:
                start, end = (fields.Date.to_string(start),
                              fields.Date.to_string(end))
                key = 'party.organization,%d:meeting:%d:%s' % (
                    org.id, meeting_type.id, start)
                users = org.secretary_id.employee_id.user_id \
                    or officers[org.id]
                reminders.append((org, key, users, end,
                                  (org.id, meeting_type.id, start, end)))
            self.env['mail.activity']._party_remind(
                activity_type, reminders, self.sudo(), job=job)
        return orgs[-1].id, len(orgs)

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
