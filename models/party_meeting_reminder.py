"""Reminders of organizational life: required meetings still missing when
their period is about to end."""
from datetime import timedelta

from odoo import _, api, fields, models

from .party_meeting_type import period_bounds


class PartyMeetingReminder(models.AbstractModel):
    _name = 'party.meeting.reminder'
    _inherit = 'party.meeting.compliance.mixin'
    _description = 'Organizational Life Reminders'

    @api.model
    def _cron_remind(self):
        """Daily: for each required meeting still missing when its period
        ends within the configured days, an activity for the secretary (or
        the responsible officers). Never twice for the same period."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        Org = self.env['party.organization'].sudo()
        activity_type = self.env.ref(
            'party_building.mail_activity_type_meeting_reminder')
        model_id = self.env['ir.model']._get_id('party.organization')
        Activity = self.env['mail.activity'].sudo()
        for company in self.env['res.company'].sudo().search([]):
            horizon = today + timedelta(
                days=company.party_meeting_reminder_days)
            types = self.env['party.meeting.type'].sudo().search([])
            due_types = types.filtered(
                lambda t: period_bounds(t.period, today)[1] <= horizon)
            if not due_types:
                continue
            orgs = Org.search([('company_id', '=', company.id)])
            rows = [row for row in self._compliance_rows(
                orgs, due_types, today, today) if row[5] < row[4]]
            if not rows:
                continue
            officers = Org.browse(list({r[0].id for r in rows}))\
                ._responsible_officers()
            existing = set(Activity.search([
                ('res_model_id', '=', model_id),
                ('activity_type_id', '=', activity_type.id),
                ('res_id', 'in', [r[0].id for r in rows])]).mapped(
                    lambda a: (a.res_id, a.summary)))
            for org, meeting_type, start, end, required, held, _r in rows:
                summary = _("%s: hold the %s due for %s to %s") % (
                    org.name, meeting_type.name, start, end)
                if (org.id, summary) in existing:
                    continue
                user = org.secretary_id.employee_id.user_id
                for user in (user or officers[org.id]):
                    Activity.create({
                        'res_model_id': model_id, 'res_id': org.id,
                        'activity_type_id': activity_type.id,
                        'summary': summary, 'user_id': user.id,
                        'date_deadline': fields.Date.to_string(end)})
