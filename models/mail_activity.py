from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date

from .document_scope import apply_scope, out_of_scope_ids

ACTIVITY_LINK_FIELDS = {'res_model_id', 'res_model', 'res_id'}


class MailActivity(models.Model):
    """Activities on party records follow their record's scope: Odoo 11
    links only their creation to the document."""
    _inherit = 'mail.activity'

    # What a reminder of the daily jobs is about (record, kind, period or due
    # date), independent of its text: the text is in its recipient's
    # language and names records that may be renamed. Set by the jobs only.
    party_reminder_key = fields.Char(string='Reminder Key', index=True,
                                     readonly=True, copy=False)

    @api.model
    def _apply_ir_rules(self, query, mode='read'):
        super(MailActivity, self)._apply_ir_rules(query, mode)
        apply_scope(self, query, 'res_model', 'res_id', 'mail.activity.mixin')

    @api.multi
    def _check_access(self, operation):
        super(MailActivity, self)._check_access(operation)
        # the assignee of an activity too needs its record in scope
        if self._uid != SUPERUSER_ID and out_of_scope_ids(
                self, 'res_model', 'res_id', 'mail.activity.mixin'):
            raise AccessError(_(
                "You can only work on the activities of party records in "
                "your scope."))

    @api.multi
    def write(self, values):
        res = super(MailActivity, self).write(values)
        if self._uid != SUPERUSER_ID and ACTIVITY_LINK_FIELDS & set(values):
            # moved to another record: as if scheduled there
            self._check_access('create')
        return res

    # -- reminders of the daily jobs -----------------------------------------

    @api.model
    def _party_open_reminders(self, keys):
        """{(key, user id)} of the open activities carrying one of `keys`."""
        if not keys:
            return set()
        self.env.cr.execute("""
            SELECT party_reminder_key, user_id FROM mail_activity
             WHERE party_reminder_key IN %s
        """, [tuple(keys)])
        return set(self.env.cr.fetchall())

    @api.model
    def _party_remind(self, activity_type, reminders, renderer):
        """Schedule each reminder for those of its users who have no open
        activity with its key, in the user's language. `reminders`:
        [(record, key, users, deadline, args)]; the summary is
        renderer._party_reminder_summary(*args) in an environment of the
        user's language, rendered once per key and language. Returns the
        keys scheduled for someone."""
        open_reminders = self._party_open_reminders(
            list({reminder[1] for reminder in reminders}))
        model_ids = {}
        summaries = {}
        scheduled = set()
        Activity = self.sudo()
        for record, key, users, deadline, args in reminders:
            if record._name not in model_ids:
                model_ids[record._name] = self.env['ir.model']._get_id(
                    record._name)
            for user in users:
                if (key, user.id) in open_reminders:
                    continue
                lang = user.lang or 'en_US'
                if (key, lang) not in summaries:
                    summaries[key, lang] = renderer.with_context(
                        lang=lang)._party_reminder_summary(*args)
                Activity.create({
                    'res_model_id': model_ids[record._name],
                    'res_id': record.id,
                    'activity_type_id': activity_type.id,
                    'summary': summaries[key, lang], 'user_id': user.id,
                    'date_deadline': fields.Date.to_string(deadline),
                    'party_reminder_key': key})
                open_reminders.add((key, user.id))
                scheduled.add(key)
        return scheduled


def format_day(env, day):
    """A date as its readers write it in a sentence, in env's language:
    2026年12月25日, December 25, 2026."""
    if not isinstance(day, str):
        day = fields.Date.to_string(day)
    return format_date(env, day, date_format='long')
