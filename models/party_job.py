"""Daily jobs at province scale: one mechanism for every job of the addon.

A job is a list of stages; a stage works through its records in batches
(by id, after the position where the last batch stopped). When a cron runs
it, each batch is committed together with the run's new position, so that

- no transaction grows with the province: a batch is bounded;
- no worker call does: a call stops once its time budget is spent, and the
  cron's next call resumes the run where it stopped, also after a crash or
  a killed worker;
- no lock is held on more than one batch's rows.

Reminders the stages find are queued on the run (party.job.reminder) and
delivered by its last stage, user by user: each user gets a few activities,
or one digest when many are due (mail.activity._party_deliver).
"""
import logging
import time
from collections import OrderedDict

from odoo import api, fields, models

from .mail_activity import DIGEST_LISTED, Reminder, ReminderGroup
from .party_guard import trusted

_logger = logging.getLogger(__name__)

# Seconds of work per worker call and job. Odoo 11 runs every due job of a
# database in one cron worker cycle, and kills the cycle after
# limit_time_cpu (60 s) or limit_time_real (120 s) by default.
SECONDS_PARAM = 'party_building.job_seconds'
DEFAULT_SECONDS = 20
# Activities one run may create at most; reminders beyond stay due and
# come with the next run.
REMINDERS_PARAM = 'party_building.reminders_per_run'
DEFAULT_REMINDERS = 20000
# Users whose queued reminders are delivered in one batch.
SEND_BATCH = 200


class PartyJob(models.Model):
    """One run of a daily job: where it stands and what it cost."""
    _name = 'party.job'
    _description = 'Daily Job Run'
    _order = 'day desc, id desc'
    _rec_name = 'code'

    code = fields.Selection([
        ('setup_review', 'Setup Review and Reminders'),
        ('meeting_reminders', 'Organizational Life Reminders'),
    ], string='Job', required=True, readonly=True, index=True)
    day = fields.Date(required=True, readonly=True, index=True,
                      help="The day the run reviews.")
    state = fields.Selection([('running', 'Running'), ('done', 'Done')],
                             required=True, default='running', readonly=True)
    stage = fields.Char(readonly=True,
                        help="The stage the next batch belongs to.")
    position = fields.Integer(
        readonly=True, help="The last id the stage has worked through.")
    calls = fields.Integer(string='Worker Calls', readonly=True)
    batches = fields.Integer(readonly=True)
    records = fields.Integer(string='Records Worked', readonly=True)
    seconds = fields.Float(string='Working Time (s)', readonly=True,
                           digits=(16, 1))
    max_batch_seconds = fields.Float(
        string='Longest Batch (s)', readonly=True, digits=(16, 2),
        help="The longest transaction of the run.")
    max_call_seconds = fields.Float(
        string='Longest Worker Call (s)', readonly=True, digits=(16, 1),
        help="Odoo kills a cron worker after 120 s by default.")
    reminders = fields.Integer(string='Activities Created', readonly=True)
    digests = fields.Integer(readonly=True,
                             help="Activities that sum up many reminders.")
    deferred = fields.Integer(
        string='Reminders Deferred', readonly=True,
        help="Reminders left for the next run because this run reached its "
             "limit of activities.")
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)
    last_error = fields.Text(readonly=True)

    # -- running -------------------------------------------------------------

    @api.model
    def _run(self, code, stages, day, commit=False):
        """Work on the run of job `code` for `day` (a date).

        `stages`: [(name, step)]; step(job, position) works through one
        batch of records after `position` and returns (new position,
        records worked), or None when its stage has nothing left. The
        delivery of the run's queued reminders follows as the last stage.

        With `commit` (the crons), each batch is committed with the run's
        position and the call stops after its time budget; the next call
        resumes the day's run, and once it is done the day's later calls do
        nothing. Without (tests, code calling the job directly), a whole new
        run works in the current transaction. Returns the run."""
        Job = trusted(self.sudo())
        job = Job.browse()
        if commit:
            job = Job.search([('code', '=', code), ('day', '=', day)],
                             limit=1)
            if job.state == 'done':
                return job
        stages = list(stages) + [('send', self._send_step)]
        names = [name for name, _step in stages]
        if not job:
            job = Job.create({'code': code, 'day': day, 'stage': names[0],
                              'started_at': fields.Datetime.now()})
        job.write({'calls': job.calls + 1})
        self._commit(commit)
        budget = self._budget() if commit else None
        started, batches_before = time.monotonic(), job.batches
        index = names.index(job.stage) if job.stage in names else 0
        while index < len(stages):
            if budget is not None and job.batches > batches_before \
                    and time.monotonic() - started >= budget:
                break
            batch_start = time.monotonic()
            try:
                result = stages[index][1](job, job.position)
            except Exception as error:  # pylint: disable=broad-except
                if not commit:
                    raise
                # the batch is lost, the run's position is not: the next
                # call tries it again
                self.env.cr.rollback()
                self.env.clear()
                _logger.exception('Daily job %s of %s failed in stage %s',
                                  code, day, names[index])
                job.write({'last_error': '%s: %s' % (names[index], error)})
                self._commit(commit)
                return job
            elapsed = time.monotonic() - batch_start
            values = {'batches': job.batches + 1,
                      'max_call_seconds': max(job.max_call_seconds,
                                              time.monotonic() - started),
                      'seconds': job.seconds + elapsed,
                      'max_batch_seconds': max(job.max_batch_seconds,
                                               elapsed)}
            if result is None:
                index += 1
                values.update(position=0, stage=names[index]
                              if index < len(names) else False)
            else:
                values.update(position=result[0],
                              records=job.records + result[1])
            if index == len(stages):
                values.update(state='done',
                              finished_at=fields.Datetime.now())
            job.write(values)
            self._commit(commit)
        return job

    def _commit(self, commit):
        if commit:
            # the point of the mechanism: a batch is done once committed
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _budget(self):
        return max(self._number_param(SECONDS_PARAM, DEFAULT_SECONDS, float),
                   0.0)

    def _number_param(self, key, default, kind):
        """A system parameter read as a number, its default if unset or
        not a number."""
        value = self.env['ir.config_parameter'].sudo().get_param(key)
        try:
            return kind(value) if value else default
        except ValueError:
            return default

    # -- reminders -----------------------------------------------------------

    def _reminder_room(self):
        """How many more activities this run may create."""
        limit = self._number_param(REMINDERS_PARAM, DEFAULT_REMINDERS, int)
        return max(limit - self.reminders, 0)

    def _queue_reminders(self, rows):
        """Queue reminder rows (mail_activity.Reminder) on this run, each
        (key, user) once."""
        self.ensure_one()
        if not rows:
            return
        columns = [list(column) for column in zip(*rows)]
        self.env.cr.execute("""
            INSERT INTO party_job_reminder
                   (job_id, user_id, key, res_model, res_id, deadline,
                    activity_type_id, renderer, args, stamp)
            SELECT %s, v.*
              FROM unnest(%s::integer[], %s::varchar[], %s::varchar[],
                          %s::integer[], %s::date[], %s::integer[],
                          %s::varchar[], %s::text[], %s::varchar[]) AS v
            ON CONFLICT DO NOTHING
        """, [self.id] + columns)

    @api.model
    def _send_step(self, job, position):
        """Deliver the queued reminders of the next users. Whatever a user
        has queued, only the few an activity or a digest shows are read:
        the counts, deadlines and stamps of the rest stay in SQL."""
        cr = self.env.cr
        if not position:
            # what is still open is not reminded again
            cr.execute("""
                DELETE FROM party_job_reminder q USING mail_activity a
                 WHERE q.job_id = %s AND a.party_reminder_key = q.key
                   AND a.user_id = q.user_id
            """, [job.id])
        cr.execute("""
            SELECT DISTINCT user_id FROM party_job_reminder
             WHERE job_id = %s AND user_id > %s
          ORDER BY user_id LIMIT %s
        """, [job.id, position, SEND_BATCH])
        user_ids = [row[0] for row in cr.fetchall()]
        if not user_ids:
            return None
        users = self.env['res.users'].sudo().browse(user_ids)
        # a digest lists DIGEST_LISTED; single activities up to the limit
        shown = max([DIGEST_LISTED] + users.mapped(
            'company_id.party_reminder_digest_after')) + 1
        cr.execute("""
            SELECT user_id, key, res_model, res_id, deadline,
                   activity_type_id, renderer, args, stamp, total, first
              FROM (SELECT q.*,
                           row_number() OVER w AS n,
                           count(*) OVER (PARTITION BY user_id, renderer)
                               AS total,
                           min(deadline) OVER (PARTITION BY user_id, renderer)
                               AS first
                      FROM party_job_reminder q
                     WHERE job_id = %s AND user_id = ANY(%s)
                    WINDOW w AS (PARTITION BY user_id, renderer
                                 ORDER BY deadline, res_id, id)) x
             WHERE n <= %s
          ORDER BY user_id, renderer, n
        """, [job.id, user_ids, shown])
        groups = OrderedDict()
        for row in cr.fetchall():
            group = groups.setdefault((row[0], row[6]), ReminderGroup(
                row[0], row[6], [], row[9], row[10], row[9]))
            group.rows.append(Reminder(*row[:9]))
        delivered = self.env['mail.activity']._party_deliver(
            list(groups.values()), job.day, job)
        self._stamp_delivered(job, delivered)
        cr.execute("""DELETE FROM party_job_reminder
                       WHERE job_id = %s AND user_id = ANY(%s)""",
                   [job.id, user_ids])
        return user_ids[-1], sum(group.total for group in groups.values())

    def _stamp_delivered(self, job, delivered):
        """Stamp the records of the delivered reminders: in SQL for the
        users who got all of theirs (a digest counts many more than it
        lists), from the rows for those the run's limit cut short."""
        Activity = self.env['mail.activity']
        Activity._party_stamp([row for group in delivered
                               if group.count < group.total
                               for row in group.rows], job.day)
        digests = [group for group in delivered
                   if group.count == group.total]
        if not digests:
            return
        cr = self.env.cr
        pairs = [[group.user_id for group in digests],
                 [group.renderer for group in digests]]
        cr.execute("""
            SELECT DISTINCT q.res_model, q.stamp
              FROM party_job_reminder q
              JOIN unnest(%s::integer[], %s::varchar[]) AS d(user_id, renderer)
                ON d.user_id = q.user_id AND d.renderer = q.renderer
             WHERE q.job_id = %s AND q.stamp IS NOT NULL
        """, pairs + [job.id])
        for model, stamp in cr.fetchall():
            table, column = Activity._party_stamp_column(model, stamp)
            query = """
                UPDATE {table} SET {column} = %s
                 WHERE id IN (
                       SELECT q.res_id FROM party_job_reminder q
                         JOIN unnest(%s::integer[], %s::varchar[])
                              AS d(user_id, renderer)
                           ON d.user_id = q.user_id
                          AND d.renderer = q.renderer
                        WHERE q.job_id = %s AND q.res_model = %s
                          AND q.stamp = %s)
            """.format(table=table, column=column)
            # a model's table and date field, checked by _party_stamp_column
            cr.execute(query,  # pylint: disable=sql-injection
                       [job.day] + pairs + [job.id, model, stamp])
            self.env[model].invalidate_cache([stamp])


class PartyJobReminder(models.Model):
    """A reminder a run found, waiting for the run's delivery stage. Only
    the jobs write and read these, in SQL."""
    _name = 'party.job.reminder'
    _description = 'Queued Reminder'
    _log_access = False

    job_id = fields.Many2one('party.job', required=True, ondelete='cascade',
                             readonly=True)
    user_id = fields.Many2one('res.users', required=True, readonly=True,
                              ondelete='cascade')
    key = fields.Char(required=True, readonly=True)
    res_model = fields.Char(string='Document Model', required=True,
                            readonly=True)
    res_id = fields.Integer(string='Document ID', required=True,
                            readonly=True)
    deadline = fields.Date(required=True, readonly=True)
    activity_type_id = fields.Many2one('mail.activity.type', readonly=True,
                                       ondelete='cascade')
    renderer = fields.Char(string='Written By', required=True,
                           readonly=True)
    args = fields.Text(string='Text Arguments', readonly=True)
    stamp = fields.Char(string='Stamp Field', readonly=True)

    @api.model_cr
    def init(self):
        # each (key, user) once per run; the delivery reads by user
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS party_job_reminder_unique
                ON party_job_reminder (job_id, user_id, key)
        """)
