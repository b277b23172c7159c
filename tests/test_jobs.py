"""Daily jobs at scale (party.job): flat costs, a bounded number of
activities per run and per person, no repeats, and committed batches that
resume after a failure."""
# the resume test commits on purpose: that is what it checks
# pylint: disable=invalid-commit
from datetime import date

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .concurrency import ConcurrencyCase
from .test_meetings import MeetingCase
from .test_setup import SetupCase

DAY = date(2026, 6, 15)
TAG = 'Job test '


class JobCase(SetupCase):
    """Overdue branches under city_a, whose officer is reminded."""

    @classmethod
    def setUpClass(cls):
        super(JobCase, cls).setUpClass()
        cls.Org = cls.env['party.organization']
        cls.company.write({'party_flag_secretary_vacant': False,
                           'party_reminder_interval_days': 30,
                           'party_reminder_digest_after': 10})
        cls.setup_type = cls.env.ref(
            'party_building.mail_activity_type_setup_reminder')

    def overdue_branches(self, count, parent=None):
        """`count` branches whose 3-year term of 2019 is overdue on DAY."""
        orgs = self.Org
        for i in range(count):
            org = self.make_org('%s%d-%d' % (TAG, count, i), 'branch',
                                parent or self.city_a, sector='enterprise')
            member = self.add_full_members(org, 1, prefix=org.name)
            term = self.make_term(org, '2019-01-01')
            term.write({'position_ids': [(0, 0, {
                'role_id': self.secretary_role.id,
                'member_id': member.id})]})
            term.action_start()
            orgs |= org
        return orgs

    def setup_activities(self, user=None):
        domain = [('activity_type_id', '=', self.setup_type.id),
                  ('res_model', '=', 'party.organization')]
        if user:
            domain.append(('user_id', '=', user.id))
        return self.env['mail.activity'].search(domain)


class TestSetupReviewJob(JobCase):

    def test_queries_do_not_grow_with_organizations(self):
        def queries_for(count, parent):
            orgs = self.overdue_branches(count, parent)
            self.env.cache.invalidate()
            with self.count_queries() as n:
                job = self.Org._cron_setup_review(today=DAY)
            self.assertEqual(job.state, 'done')
            self.assertEqual(len(orgs.mapped('rectification_ids')), count)
            return n[0]
        # each in its own subtree, reminded to its own officer: a digest
        # for the 30, one activity each for the 3
        cities = [self.make_org('City %d' % i, 'committee', self.root)
                  for i in range(4)]
        officers = [self.make_user('officer_%d' % i, 'group_officer', city)
                    for i, city in enumerate(cities)]
        # warm the caches, for single reminders and for a digest
        queries_for(1, cities[0])
        queries_for(25, cities[1])
        city_c, city_d = cities[2:]
        officer_c, officer_d = officers[2:]
        three = queries_for(3, city_c)
        thirty = queries_for(30, city_d)
        self.assertEqual(three, thirty)
        self.assertEqual(len(self.setup_activities(officer_c)), 3)
        self.assertEqual(len(self.setup_activities(officer_d)), 1)

    def test_digest_once_per_person(self):
        orgs = self.overdue_branches(12)
        job = self.Org._cron_setup_review(today=DAY)
        digest = self.setup_activities(self.officer)
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.summary, '12 organizations need their terms '
                         'or secretaries seen to')
        for org in orgs:
            self.assertIn('The term of %s ended on' % org.name, digest.note)
        self.assertEqual(job.digests, 1)
        # filed on an organization the officer may open
        self.assertIn(digest.res_id, orgs.ids)
        self.as_user(self.officer, 'mail.activity').browse(digest.id).read(
            ['summary'])
        # all of them count as reminded: not again within the interval
        self.assertEqual(set(orgs.mapped('term_reminded_on')), {'2026-06-15'})
        self.Org._cron_setup_review(today=DAY)
        self.assertEqual(self.setup_activities(self.officer), digest)
        # done, and the interval passed: one new digest
        digest.sudo(self.officer).action_done()
        self.Org._cron_setup_review(today=date(2026, 7, 20))
        again = self.setup_activities(self.officer)
        self.assertEqual(len(again), 1)
        self.assertNotEqual(again, digest)

    def test_per_run_bound(self):
        self.company.party_reminder_digest_after = 100
        self.env['ir.config_parameter'].set_param(
            'party_building.reminders_per_run', '2')
        orgs = self.overdue_branches(5)
        job = self.Org._cron_setup_review(today=DAY)
        first = self.setup_activities(self.officer)
        self.assertEqual(len(first), 2)
        self.assertEqual((job.reminders, job.deferred), (2, 3))
        # the rest come with the next runs, none twice
        self.Org._cron_setup_review(today=DAY)
        self.Org._cron_setup_review(today=DAY)
        self.Org._cron_setup_review(today=DAY)
        activities = self.setup_activities(self.officer)
        self.assertEqual(len(activities), 5)
        self.assertEqual(sorted(activities.mapped('res_id')), orgs.ids)

    def test_only_changed_rows_are_written(self):
        orgs = self.overdue_branches(3)
        self.Org._cron_setup_review(today=DAY)
        self.env.cr.execute(
            "SELECT id, xmin::text FROM party_organization WHERE id IN %s",
            [tuple(orgs.ids)])
        before = dict(self.env.cr.fetchall())
        self.env.cr.execute(
            "UPDATE party_term SET effective_end_date = '2027-12-31' "
            "WHERE id = %s", [orgs[0].term_ids.id])
        self.env.cache.invalidate()
        # a savepoint: rows written inside get a new transaction id (xmin)
        with self.env.cr.savepoint():
            orgs._refresh_setup_compliance(DAY)
        self.env.cr.execute(
            "SELECT id, xmin::text FROM party_organization WHERE id IN %s",
            [tuple(orgs.ids)])
        after = dict(self.env.cr.fetchall())
        self.assertNotEqual(before[orgs[0].id], after[orgs[0].id])
        self.assertEqual(before[orgs[1].id], after[orgs[1].id])
        self.assertEqual(before[orgs[2].id], after[orgs[2].id])
        self.assertEqual(orgs[0].term_status, 'valid')


class TestJobAccess(JobCase):
    """The runs are the managers' to read; nobody writes them, and the
    queued reminders (recipients, texts) are the jobs' own."""

    def test_runs_only_read_by_managers(self):
        job = self.Org._cron_setup_review(today=DAY)
        for user in (self.viewer, self.secretary, self.officer):
            for model in ('party.job', 'party.job.reminder'):
                with self.assertRefused(AccessError, msg=user.login):
                    self.as_user(user, model).search([])
        Job = self.as_user(self.manager, 'party.job')
        self.assertEqual(Job.search([('id', '=', job.id)]).state, 'done')
        with self.assertRefused(AccessError):
            Job.browse(job.id).write({'state': 'running'})
        with self.assertRefused(AccessError):
            Job.create({'code': 'setup_review', 'day': '2026-06-16'})
        with self.assertRefused(AccessError):
            Job.browse(job.id).unlink()
        with self.assertRefused(AccessError):
            self.as_user(self.manager, 'party.job.reminder').create({
                'job_id': job.id, 'user_id': self.manager.id, 'key': 'x',
                'res_model': 'party.organization', 'res_id': self.root.id,
                'deadline': '2026-06-30', 'renderer': 'party.organization'})


class TestMeetingReminderJob(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super(TestMeetingReminderJob, cls).setUpClass()
        cls.company.party_meeting_reminder_days = 40
        cls.company.party_reminder_digest_after = 10

    def test_queries_do_not_grow_with_organizations(self):
        Reminder = self.env['party.meeting.reminder']

        def queries_for(count):
            city = self.make_org('R-City %d' % count, 'committee', self.root)
            self.make_user('r_officer_%d' % count, 'group_officer', city)
            for i in range(count):
                self.make_org('R%d-%d' % (count, i), 'branch', city)
            self.env.cache.invalidate()
            with self.count_queries() as n:
                Reminder._cron_remind(today=date(2026, 11, 25))
            return n[0]
        # warm the caches, for single reminders and for a digest
        queries_for(1)
        queries_for(25)
        self.assertEqual(queries_for(3), queries_for(30))

    def test_digest_for_many_and_no_repeat(self):
        city = self.make_org('Digest City', 'committee', self.root)
        officer = self.make_user('digest_officer', 'group_officer', city)
        for i in range(4):
            self.make_org('Digest %d' % i, 'branch', city)
        Reminder = self.env['party.meeting.reminder']
        job = Reminder._cron_remind(today=date(2026, 11, 25))
        mine = self.env['mail.activity'].search([
            ('user_id', '=', officer.id)])
        # four branches, each missing several types: one digest
        self.assertEqual(len(mine), 1)
        self.assertRegex(mine.summary, r'^\d+ required meetings are still to '
                         r'be held, the first by November 30, 2026$')
        self.assertIn('Digest 3: hold the', mine.note)
        self.assertGreaterEqual(job.digests, 1)
        Reminder._cron_remind(today=date(2026, 11, 26))
        self.assertEqual(self.env['mail.activity'].search([
            ('user_id', '=', officer.id)]), mine)


class TestJobResume(ConcurrencyCase):
    """The cron's way: each batch committed. A batch that fails (here: the
    rectifications are locked by another transaction longer than the job
    waits) is lost, the run's position is not; the next call resumes, and
    nothing is done twice."""

    def setUp(self):
        super(TestJobResume, self).setUp()
        self.addCleanup(self.remove_data)
        env = self.env
        Param = env['ir.config_parameter']
        # one batch per worker call
        Param.set_param('party_building.job_seconds', '0')
        env.ref('base.main_company').write({
            'party_flag_secretary_vacant': False,
            'party_flag_term_overdue': True,
            'party_reminder_digest_after': 10})
        Org = env['party.organization']
        root = Org.create({'name': TAG + 'root', 'kind': 'committee'})
        self.officer = env['res.users'].create({
            'name': TAG + 'officer', 'login': 'job_test_officer',
            'email': 'job_test_officer@example.com',
            'groups_id': [(6, 0, [
                env.ref('base.group_user').id,
                env.ref('party_building.group_officer').id])],
            'party_organization_ids': [(6, 0, [root.id])]})
        self.orgs = Org
        secretary = env.ref('party_building.position_role_secretary')
        for i in range(3):
            org = Org.create({'name': '%s%d' % (TAG, i), 'kind': 'branch',
                              'sector': 'enterprise', 'parent_id': root.id})
            member = env['party.member'].create({
                'name': TAG + str(i), 'organization_id': org.id,
                'status': 'full', 'join_date': '2010-01-01',
                'full_date': '2011-01-01'})
            term = env['party.term'].create({
                'organization_id': org.id, 'start_date': '2019-01-01',
                'position_ids': [(0, 0, {'role_id': secretary.id,
                                         'member_id': member.id})]})
            term.action_start()
            self.orgs |= org
        self.cr.commit()

    def remove_data(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM ir_config_parameter WHERE key = "
                       "'party_building.job_seconds'")
            cr.execute("DELETE FROM party_job")
            cr.execute("DELETE FROM mail_activity WHERE user_id IN "
                       "(SELECT id FROM res_users WHERE login = "
                       "'job_test_officer')")
            cr.execute("""DELETE FROM party_rectification WHERE
                          organization_id IN (SELECT id FROM
                          party_organization WHERE name LIKE %s)""",
                       [TAG + '%'])
            for table in ('party_term_position', 'party_term'):
                # tables of this test's own data, not input
                cr.execute(  # pylint: disable=sql-injection
                    "DELETE FROM %s WHERE organization_id IN (SELECT id "
                    "FROM party_organization WHERE name LIKE %%s)" % table,
                    [TAG + '%'])
            cr.execute("DELETE FROM party_member WHERE name LIKE %s",
                       [TAG + '%'])
            cr.execute("DELETE FROM party_organization WHERE name LIKE %s "
                       "AND parent_id IS NOT NULL", [TAG + '%'])
            cr.execute("DELETE FROM party_organization WHERE name LIKE %s",
                       [TAG + '%'])
            cr.execute("DELETE FROM res_users WHERE login = "
                       "'job_test_officer'")

    def committed_job(self):
        with self.registry.cursor() as cr:
            cr.execute("""SELECT state, stage, batches, calls, last_error
                            FROM party_job WHERE code = 'setup_review'""")
            return cr.fetchall()

    def committed_count(self, table, where=''):
        with self.registry.cursor() as cr:
            # this test's own table and condition
            cr.execute(  # pylint: disable=sql-injection
                "SELECT count(*) FROM %s WHERE organization_id IN %%s %s"
                % (table, where), [tuple(self.orgs.ids)])
            return cr.fetchone()[0]

    def test_interrupted_run_resumes_without_duplicates(self):
        Org = self.env['party.organization']
        self.cr.execute("SET lock_timeout = '300ms'")
        calls = 0
        failed = False
        while True:
            job = Org._cron_setup_review(today=DAY, commit=True)
            calls += 1
            self.env.clear()
            state, stage, batches, job_calls, error = \
                self.committed_job()[0]
            # what a call did is committed: another transaction sees it
            self.assertEqual(job_calls, calls)
            if state == 'done':
                break
            self.assertLess(calls, 30)
            if stage == 'flag' and not failed:
                # the flag batch cannot insert: it fails and is retried
                other, _env = self.other_cursor()
                other.execute("LOCK TABLE party_rectification IN EXCLUSIVE "
                              "MODE")
                with mute_logger('odoo.addons.party_building.models.'
                                 'party_job'):
                    Org._cron_setup_review(today=DAY, commit=True)
                calls += 1
                other.rollback()
                failed = True
                self.env.clear()
                after = self.committed_job()[0]
                self.assertEqual(after[:3], (state, stage, batches))
                self.assertIn('flag', after[4])
                self.assertEqual(
                    self.committed_count('party_rectification'), 0)
        self.assertTrue(failed)
        self.assertEqual(job.state, 'done')
        self.assertGreater(job.batches, 5)
        self.assertEqual(self.committed_count('party_rectification'), 3)
        with self.registry.cursor() as cr:
            cr.execute("""SELECT res_id, count(*) FROM mail_activity
                           WHERE user_id = %s GROUP BY res_id""",
                       [self.officer.id])
            per_org = dict(cr.fetchall())
        self.assertEqual(per_org, {org.id: 1 for org in self.orgs})
        # done for the day: later calls do nothing
        again = Org._cron_setup_review(today=DAY, commit=True)
        self.assertEqual(again, job)
        self.assertEqual(self.committed_job()[0][3], calls)
