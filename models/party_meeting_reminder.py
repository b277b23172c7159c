"""Reminders of organizational life: required meetings still missing when
their period is about to end."""
from datetime import timedelta

from odoo import _, api, fields, models

from .mail_activity import format_day
from .party_meeting_type import period_bounds


class PartyMeetingReminder(models.AbstractModel):
    _name = 'party.meeting.reminder'
    _inherit = 'party.meeting.compliance.mixin'
    _description = 'Organizational Life Reminders'

    @api.model
    def _cron_remind(self, today=None):
        """Daily: for each required meeting still missing when its period
        ends within the configured days, an activity for the secretary (or
        the responsible officers), in their language; once per organization,
        type, period and person while it is open. `today` (a date) for tests."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        Org = self.env['party.organization'].sudo()
        activity_type = self.env.ref(
            'party_building.mail_activity_type_meeting_reminder')
        types = self.env['party.meeting.type'].sudo().search([])
        # judged over this month: type_span widens it to the period of each
        # type (the month, the quarter, the year)
        month_start, month_end = period_bounds('month', today)
        for company in self.env['res.company'].sudo().search([]):
            horizon = today + timedelta(
                days=company.party_meeting_reminder_days)
            due_types = types.filtered(
                lambda t: period_bounds(t.period, today)[1] <= horizon)
            if not due_types:
                continue
            orgs = Org.search([('company_id', '=', company.id)])
            rows = [row for row in self._compliance_rows(
                orgs, due_types, month_start, month_end) if row[5] < row[4]]
            if not rows:
                continue
            officers = Org.browse(list({r[0].id for r in rows}))\
                ._responsible_officers()
            reminders = []
            for org, meeting_type, start, end, _req, _held, _rate in rows:
                key = 'party.organization,%d:meeting:%d:%s' % (
                    org.id, meeting_type.id, start)
                users = org.secretary_id.employee_id.user_id \
                    or officers[org.id]
                reminders.append((org, key, users, end,
                                  (org, meeting_type, start, end)))
            self.env['mail.activity']._party_remind(activity_type, reminders,
                                                    self.sudo())

    @api.model
    def _party_reminder_summary(self, org, meeting_type, start, end):
        """The reminder's text in this environment's language."""
        return _("%(organization)s: hold the %(type)s due between %(start)s "
                 "and %(end)s") % {
                     'organization': org.with_env(self.env).name,
                     'type': meeting_type.with_env(self.env).name,
                     'start': format_day(self.env, start),
                     'end': format_day(self.env, end)}
