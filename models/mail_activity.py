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
# The reminders of one user from one renderer, as delivered together:
# `rows` (the first ones at least, for a digest), how many are delivered,
# the earliest deadline, and how many were due (more than `count` when the
# run's limit cut them short).
ReminderGroup = namedtuple('ReminderGroup',
                           'user_id renderer rows count deadline total')
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
        day = day or fields.Date.context_today(self)
        # delivered now: the same as a run's delivery, from memory
        unique = OrderedDict(((row.key, row.user_id), row) for row in rows)
        open_reminders = self._party_open_reminders(
            list({row.key for row in rows}))
        by_group = OrderedDict()
        for (key, user_id), row in unique.items():
            if (key, user_id) not in open_reminders:
                by_group.setdefault((user_id, row.renderer), []).append(row)
        delivered = self._party_deliver([
            ReminderGroup(user_id, renderer, items, len(items),
                          min(row.deadline for row in items), len(items))
            for (user_id, renderer), items in by_group.items()], day)
        self._party_stamp([row for group in delivered for row in group.rows],
                          day)

    @api.model
    def _party_deliver(self, groups, day, job=None):
        """Create the activities of these groups of reminders (ReminderGroup,
        none of them open yet) in bulk: per user and renderer, one activity
        each if there are at most the company's
        `party_reminder_digest_after`, else one digest that counts them and
        lists the first (a group's `rows` need hold only those); none while
        the user's digest of the same deadline is open, and none beyond the
        run's limit of activities (they stay due, and come with the next
        run). A fixed number of statements, whatever the number of groups.
        Returns the groups delivered, with the rows delivered."""
        if not groups:
            return []
        users = self.env['res.users'].sudo().browse(
            list({group.user_id for group in groups}))
        users.mapped('company_id.party_reminder_digest_after')
        digest_keys = {
            (group.user_id, group.renderer): '%s:digest:%s' % (
                group.renderer, group.deadline) for group in groups}
        open_digests = self._party_open_reminders(
            list(set(digest_keys.values())))
        room = job._reminder_room() if job else None

        chosen = []  # (user, group, digest)
        deferred = 0
        for group in groups:
            user = users.browse(group.user_id)
            digest = group.count > \
                user.company_id.party_reminder_digest_after
            if digest and (digest_keys[group.user_id, group.renderer],
                           group.user_id) in open_digests:
                # the open digest already tells of them
                continue
            if room is not None:
                if digest and not room or not digest and group.count > room:
                    # the rest of them with the next run
                    kept = [] if digest else group.rows[:room]
                    deferred += group.count - len(kept)
                    if not kept:
                        continue
                    group = group._replace(rows=kept, count=len(kept))
                room -= 1 if digest else group.count
            chosen.append((user, group, digest))
        values = self._party_activity_values(chosen, digest_keys)
        self._party_insert_activities(values)
        if job:
            job.write({
                'reminders': job.reminders + len(values),
                'digests': job.digests + sum(1 for c in chosen if c[2]),
                'deferred': job.deferred + deferred})
        return [group for _user, group, _digest in chosen]

    def _party_activity_values(self, chosen, digest_keys):
        """The rows of mail_activity for the chosen groups, their texts
        rendered once per key and language."""
        summaries = {}

        def summary(renderer, row):
            if (row.key, renderer.env.lang) not in summaries:
                summaries[row.key, renderer.env.lang] = \
                    renderer._party_reminder_summary(*json.loads(row.args))
            return summaries[row.key, renderer.env.lang]

        def shown(group, digest):
            return group.rows[:DIGEST_LISTED] if digest else group.rows

        records = defaultdict(set)
        # the renderers read their records' names in the reader's language:
        # read them once per language for all
        by_lang = defaultdict(lambda: defaultdict(set))
        args = defaultdict(list)
        for user, group, digest in chosen:
            lang = user.lang or 'en_US'
            for row in shown(group, digest):
                records[row.res_model].add(row.res_id)
                by_lang[lang][row.res_model].add(row.res_id)
                args[group.renderer, lang].append(json.loads(row.args))
        names, model_ids, paths = {}, {}, {}
        for model, ids in records.items():
            model_ids[model] = self.env['ir.model']._get_id(model)
            found = self.env[model].sudo().browse(list(ids))
            names.update(((model, rid), name) for rid, name in found.name_get())
            if model == 'party.organization':
                paths.update(((model, org.id), org.path) for org in found)
        for lang, models_ids in by_lang.items():
            for model, ids in models_ids.items():
                self.env[model].sudo().with_context(lang=lang).browse(
                    list(ids)).mapped('display_name')
        for (renderer, lang), arg_list in args.items():
            renderer = self.env[renderer].sudo().with_context(lang=lang)
            if hasattr(renderer, '_party_reminder_prefetch'):
                renderer._party_reminder_prefetch(arg_list)

        values = []
        for user, group, digest in chosen:
            renderer = self.env[group.renderer].sudo().with_context(
                lang=user.lang or 'en_US')
            if not digest:
                for row in group.rows:
                    values.append((
                        row.res_id, model_ids[row.res_model],
                        row.res_model, names.get((row.res_model, row.res_id)),
                        row.activity_type_id, summary(renderer, row), None,
                        row.deadline, user.id, row.key))
                continue
            listed = shown(group, digest)
            # filed on the highest organization listed (or the first
            # record): one its user may open
            head = min(listed, key=lambda row: (
                len(paths.get((row.res_model, row.res_id)) or ''), row.res_id))
            note = '<ul>%s</ul>' % ''.join(
                '<li>%s</li>' % html_escape(summary(renderer, row))
                for row in listed)
            more = group.count - len(listed)
            if more > 0:
                note += '<p>%s</p>' % html_escape(self.with_context(
                    lang=renderer.env.lang)._party_digest_more(more))
            values.append((
                head.res_id, model_ids[head.res_model], head.res_model,
                names.get((head.res_model, head.res_id)),
                head.activity_type_id,
                renderer._party_digest_summary(group.count, group.deadline),
                note, group.deadline, user.id,
                digest_keys[user.id, group.renderer]))
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
            table, column = self._party_stamp_column(model, stamp)
            query = "UPDATE {table} SET {column} = %s WHERE id = ANY(%s)"\
                .format(table=table, column=column)
            # a model's table and date field, checked by _party_stamp_column
            cr = self.env.cr
            cr.execute(query, [day, list(ids)])  # pylint: disable=sql-injection
            self.env[model].invalidate_cache([stamp], list(ids))

    @api.model
    def _party_stamp_column(self, model, stamp):
        """The table and column of a stamp: a stored date field."""
        field = self.env[model]._fields.get(stamp)
        if not field or field.type != 'date' or not field.store:
            raise ValueError('%s.%s is not a stored date' % (model, stamp))
        return self.env[model]._table, field.name


def format_day(env, day):
    """A date as its readers write it in a sentence, in env's language:
    2026年12月25日, December 25, 2026."""
    if not isinstance(day, str):
        day = fields.Date.to_string(day)
    return format_date(env, day, date_format='long')


def list_separator(env, semicolon=False):
    """What separates the items of a list in env's language: 、 (or ；
    with `semicolon`) in Chinese, ', ' (or '; ') otherwise. (Odoo exports
    no term of one character once stripped, so `_(", ")` would never be
    translated.)"""
    if (env.lang or '').startswith('zh'):
        return '；' if semicolon else '、'
    return '; ' if semicolon else ', '


def join_list(env, items, semicolon=False):
    """Items of a list as its readers write them: 张伟、李娜."""
    return list_separator(env, semicolon).join(items)
