import json
from collections import OrderedDict, defaultdict, namedtuple

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date, html_escape

from .document_scope import apply_scope, out_of_scope_ids

ACTIVITY_LINK_FIELDS = {'res_model_id', 'res_model', 'res_id'}
# A reminder a daily job found, as it is queued (party.job.reminder): who,
# about what (`key`: record, kind, period), the record, the deadline
# ('YYYY-MM-DD'), the activity type, the model whose
# _party_reminder_summary(*args) writes its text, args as JSON, and a date
# field of the record to set once it is delivered.
Reminder = namedtuple('Reminder', 'user_id key res_model res_id deadline '
                      'activity_type_id renderer args stamp')
# Reminders a digest lists by name; it counts the rest.
DIGEST_LISTED = 20


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
    def _party_remind(self, activity_type, reminders, renderer, job=None,
                      day=None):
        """Remind each of its users of each reminder, in the user's language,
        unless the user's activity with its key is still open.

        `reminders`: [(record, key, users, deadline, args[, stamp])]; the
        summary is renderer._party_reminder_summary(*args) in the user's
        language (args: ids, strings and numbers only, since they may wait
        in a queue); `stamp`, a date field of `record` set to the day once
        the reminder is delivered. Queued on `job` (party.job) when given,
        for its delivery stage; else delivered now (`day`: today if
        not given)."""
        rows = []
        for reminder in reminders:
            record, key, users, deadline, args = reminder[:5]
            stamp = reminder[5] if len(reminder) > 5 else None
            if not isinstance(deadline, str):
                deadline = fields.Date.to_string(deadline)
            for user in users:
                rows.append(Reminder(
                    user.id, key, record._name, record.id, deadline,
                    activity_type.id,
                    renderer._name, json.dumps(list(args)), stamp))
        if job:
            job._queue_reminders(rows)
            return
        self._party_deliver(rows, day or fields.Date.context_today(self))

    @api.model
    def _party_deliver(self, rows, day, job=None):
        """Create the activities of these reminder rows in bulk: per user and
        renderer, one activity each if there are at most the company's
        `party_reminder_digest_after`, else one digest that lists them; none
        for a (key, user) that is still open, and none beyond the run's limit
        of activities (they stay due, so the next run has them). A fixed
        number of statements, whatever the number of rows."""
        groups = OrderedDict()
        seen = set()
        for row in rows:
            if (row.key, row.user_id) not in seen:
                seen.add((row.key, row.user_id))
                groups.setdefault((row.user_id, row.renderer), []).append(row)
        if not groups:
            return
        users = self.env['res.users'].sudo().browse(
            list({user_id for user_id, _renderer in groups}))
        users.mapped('company_id.party_reminder_digest_after')
        digest_keys = {
            group: '%s:digest:%s' % (group[1], min(r.deadline for r in items))
            for group, items in groups.items()}
        open_reminders = self._party_open_reminders(
            list({row.key for row in rows} | set(digest_keys.values())))
        room = job._reminder_room() if job else None

        chosen = []  # (user, renderer, due rows, digest)
        deferred = 0
        for (user_id, renderer), items in groups.items():
            due = [row for row in items
                   if (row.key, user_id) not in open_reminders]
            if not due:
                continue
            user = users.browse(user_id)
            digest = len(due) > user.company_id.party_reminder_digest_after
            if digest and (digest_keys[user_id, renderer],
                           user_id) in open_reminders:
                # the open digest already tells of them
                continue
            if room is not None:
                if digest and not room or len(due) > room:
                    # the rest of them with the next run
                    kept = [] if digest else due[:room]
                    deferred += len(due) - len(kept)
                    due = kept
                    if not due:
                        continue
                room -= 1 if digest else len(due)
            chosen.append((user, renderer, due, digest))
        values = self._party_activity_values(chosen, digest_keys)
        self._party_insert_activities(values)
        self._party_stamp([row for _u, _r, due, _d in chosen for row in due],
                          day)
        if job:
            job.write({
                'reminders': job.reminders + len(values),
                'digests': job.digests + sum(1 for c in chosen if c[3]),
                'deferred': job.deferred + deferred})

    def _party_activity_values(self, chosen, digest_keys):
        """The rows of mail_activity for the chosen reminders, their texts
        rendered once per key and language."""
        summaries = {}

        def summary(renderer, row):
            if (row.key, renderer.env.lang) not in summaries:
                summaries[row.key, renderer.env.lang] = \
                    renderer._party_reminder_summary(*json.loads(row.args))
            return summaries[row.key, renderer.env.lang]

        records = defaultdict(set)
        for _user, _renderer, due, _digest in chosen:
            for row in due:
                records[row.res_model].add(row.res_id)
        names, model_ids, paths = {}, {}, {}
        for model, ids in records.items():
            model_ids[model] = self.env['ir.model']._get_id(model)
            found = self.env[model].sudo().browse(list(ids))
            names.update(((model, rid), name) for rid, name in found.name_get())
            if model == 'party.organization':
                paths.update(((model, org.id), org.path) for org in found)
        # the renderers read their records' names in the reader's language:
        # read them once per language for all
        by_lang = defaultdict(lambda: defaultdict(set))
        for user, _renderer, due, _digest in chosen:
            for row in due:
                by_lang[user.lang or 'en_US'][row.res_model].add(row.res_id)
        args = defaultdict(list)
        for user, renderer, due, _digest in chosen:
            args[renderer, user.lang or 'en_US'].extend(
                json.loads(row.args) for row in due)
        for lang, models_ids in by_lang.items():
            for model, ids in models_ids.items():
                self.env[model].sudo().with_context(lang=lang).browse(
                    list(ids)).mapped('display_name')
        for (renderer, lang), arg_list in args.items():
            renderer = self.env[renderer].sudo().with_context(lang=lang)
            if hasattr(renderer, '_party_reminder_prefetch'):
                renderer._party_reminder_prefetch(arg_list)
        values = []
        for user, renderer_name, due, digest in chosen:
            renderer = self.env[renderer_name].sudo().with_context(
                lang=user.lang or 'en_US')
            if not digest:
                for row in due:
                    values.append((
                        row.res_id, model_ids[row.res_model],
                        row.res_model, names.get((row.res_model, row.res_id)),
                        row.activity_type_id, summary(renderer, row), None,
                        row.deadline, user.id, row.key))
                continue
            # filed on the highest organization among them (or the first
            # record): one its user may open
            head = min(due, key=lambda row: (
                len(paths.get((row.res_model, row.res_id)) or ''), row.res_id))
            deadline = min(row.deadline for row in due)
            lines = ''.join('<li>%s</li>' % html_escape(summary(renderer, row))
                            for row in due[:DIGEST_LISTED])
            more = len(due) - DIGEST_LISTED
            note = '<ul>%s</ul>' % lines
            if more > 0:
                note += '<p>%s</p>' % html_escape(self.with_context(
                    lang=renderer.env.lang)._party_digest_more(more))
            values.append((
                head.res_id, model_ids[head.res_model], head.res_model,
                names.get((head.res_model, head.res_id)),
                head.activity_type_id,
                renderer._party_digest_summary(len(due), deadline), note,
                deadline, user.id, digest_keys[user.id, renderer_name]))
        return values

    def _party_digest_more(self, count):
        return _("... and %(count)d more.") % {'count': count}

    def _party_insert_activities(self, values):
        """One INSERT for all the activities; the records' next deadline
        (mail.activity.mixin's stored activity_date_deadline) follows."""
        if not values:
            return
        columns = [list(column) for column in zip(*values)]
        cr = self.env.cr
        cr.execute("""
            INSERT INTO mail_activity
                   (res_id, res_model_id, res_model, res_name,
                    activity_type_id, summary, note, date_deadline, user_id,
                    party_reminder_key, create_uid, write_uid, create_date,
                    write_date)
            SELECT v.*, %s, %s, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM unnest(%s::integer[], %s::integer[], %s::varchar[],
                          %s::varchar[], %s::integer[], %s::varchar[],
                          %s::text[], %s::date[], %s::integer[],
                          %s::varchar[]) AS v
        """, [self.env.uid, self.env.uid] + columns)
        by_model = defaultdict(set)
        for value in values:
            by_model[value[2]].add(value[0])
        for model, ids in by_model.items():
            Model = self.env[model]
            if 'activity_date_deadline' not in Model._fields or \
                    not Model._fields['activity_date_deadline'].store:
                continue
            query = """
                UPDATE {table} rec
                   SET activity_date_deadline = (
                       SELECT min(a.date_deadline) FROM mail_activity a
                        WHERE a.res_model = %s AND a.res_id = rec.id)
                 WHERE rec.id = ANY(%s)
            """.format(table=Model._table)
            # the table of a model, not user input
            cr.execute(query, [model, list(ids)])  # pylint: disable=sql-injection
            Model.invalidate_cache(['activity_date_deadline', 'activity_ids'],
                                   list(ids))

    def _party_stamp(self, rows, day):
        """Set each delivered reminder's stamp field to the day."""
        stamped = defaultdict(set)
        for row in rows:
            if row.stamp:
                stamped[row.res_model, row.stamp].add(row.res_id)
        for (model, stamp), ids in stamped.items():
            Model = self.env[model]
            if Model._fields[stamp].type != 'date':
                raise ValueError('%s.%s is not a date' % (model, stamp))
            query = "UPDATE {table} SET {column} = %s WHERE id = ANY(%s)"\
                .format(table=Model._table, column=stamp)
            # the table and a date field of a model, checked above
            cr = self.env.cr
            cr.execute(query, [day, list(ids)])  # pylint: disable=sql-injection
            Model.invalidate_cache([stamp], list(ids))


def format_day(env, day):
    """A date as its readers write it in a sentence, in env's language:
    2026年12月25日, December 25, 2026."""
    if not isinstance(day, str):
        day = fields.Date.to_string(day)
    return format_date(env, day, date_format='long')
