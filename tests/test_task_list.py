"""Responsibility lists (任务清单、责任到岗): templates, the yearly task list
generated in one step, owners holding the post, overdue tasks, "my tasks",
reminders before the deadline, the metrics, and each role in and out of
scope."""
from datetime import date
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import NO_TRACKING, PartyCase

TODAY = '2026-03-10'


class TaskListCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TaskListCase, cls).setUpClass()
        ref = cls.env.ref
        cls.secretary_role = ref('party_building.position_role_secretary')
        cls.organization_role = ref(
            'party_building.position_role_organization')
        cls.propaganda_role = ref('party_building.position_role_propaganda')
        # the seeded templates are the company's to adapt: the tests use
        # their own
        cls.env['party.task.template'].search([]).write({'active': False})
        Template = cls.env['party.task.template']
        cls.t_lecture = Template.create({
            'name': 'Give a party lecture', 'kind': 'branch',
            'role_id': cls.secretary_role.id, 'frequency': 'year',
            'due_month': 6, 'company_id': False})
        cls.t_meeting = Template.create({
            'name': "Prepare the members' general meeting", 'kind': 'branch',
            'role_id': cls.organization_role.id, 'frequency': 'quarter',
            'company_id': False})
        cls.t_theme = Template.create({
            'name': 'Plan the theme party day', 'kind': 'branch',
            'role_id': cls.propaganda_role.id, 'frequency': 'month',
            'company_id': False})
        cls.t_committee = Template.create({
            'name': 'Committee only', 'kind': 'committee',
            'role_id': cls.secretary_role.id, 'frequency': 'year',
            'company_id': False})
        cls.t_village = Template.create({
            'name': 'Villages only', 'kind': 'branch', 'sector': 'village',
            'role_id': cls.secretary_role.id, 'frequency': 'year',
            'company_id': False})
        # the branch's committee: its secretary is the secretary user, the
        # organization member another user with a login
        cls.organizer = cls.make_user('organizer', 'group_secretary',
                                      cls.branch_a1)
        cls.member_org = cls.make_member('Organizer', cls.branch_a1)
        cls.link(cls.member_a1, cls.secretary)
        cls.link(cls.member_org, cls.organizer)
        cls.term_a1 = cls.elect(cls.branch_a1, [
            (cls.secretary_role, cls.member_a1),
            (cls.organization_role, cls.member_org)])
        cls.elect(cls.branch_a2, [(cls.secretary_role, cls.member_a2)])

    @classmethod
    def link(cls, member, user):
        employee = cls.env['hr.employee'].create({
            'name': member.name, 'user_id': user.id})
        member.employee_id = employee

    @classmethod
    def elect(cls, org, posts):
        term = cls.env['party.term'].create({
            'organization_id': org.id, 'start_date': '2024-01-01',
            'position_ids': [(0, 0, {'role_id': role.id,
                                     'member_id': member.id})
                             for role, member in posts]})
        term.action_start()
        return term

    def setUp(self):
        super(TaskListCase, self).setUp()
        today = patch.object(fields.Date, 'context_today',
                             return_value=TODAY)
        today.start()
        self.addCleanup(today.stop)

    def generate(self, user, orgs, year=2026):
        return self.env['party.task.template'].sudo(user).generate_task_lists(
            [o.id for o in orgs], year, today=date(2026, 3, 10))

    def tasks(self, org):
        return self.env['party.task'].search(
            [('organization_id', '=', org.id)], order='deadline, id')


class TestGeneration(TaskListCase):

    def test_generate_and_assign(self):
        created = self.generate(self.secretary, self.branch_a1)
        # a lecture, four meetings, twelve theme days; not the committee's
        # nor the villages' templates
        self.assertEqual(created, 17)
        tasks = self.tasks(self.branch_a1)
        self.assertEqual(len(tasks), 17)
        self.assertEqual(set(tasks.mapped('source')), {'responsibility'})
        self.assertEqual(set(tasks.mapped('state')), {'todo'})
        self.assertEqual(set(tasks.mapped('year')), {2026})
        lecture = tasks.filtered(lambda t: t.template_id == self.t_lecture)
        self.assertEqual(lecture.name, 'Give a party lecture (2026)')
        self.assertEqual((lecture.start_date, lecture.deadline),
                         ('2026-01-01', '2026-06-30'))
        self.assertEqual(lecture.member_id, self.member_a1)
        self.assertEqual(lecture.owner_id, self.secretary)
        self.assertEqual(lecture.role_id, self.secretary_role)
        meetings = tasks.filtered(lambda t: t.template_id == self.t_meeting)
        self.assertEqual(meetings.mapped('deadline'), [
            '2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'])
        self.assertEqual(meetings.mapped('owner_id'), self.organizer)
        self.assertEqual(meetings.mapped('member_id'), self.member_org)
        self.assertEqual(meetings[1].name,
                         "Prepare the members' general meeting (2026 Q2)")
        themes = tasks.filtered(lambda t: t.template_id == self.t_theme)
        self.assertEqual(len(themes), 12)
        self.assertEqual(themes[1].deadline, '2026-02-28')
        # nobody holds the post: the post is set, the owner is to be chosen
        self.assertFalse(themes.mapped('member_id'))
        self.assertFalse(themes.mapped('owner_id'))
        self.assertEqual(themes.mapped('role_id'), self.propaganda_role)
        self.assertEqual(set(tasks.mapped('company_id')), {self.company})

    def test_generate_again_adds_only_what_is_missing(self):
        self.generate(self.secretary, self.branch_a1)
        done = self.tasks(self.branch_a1)[0]
        done.sudo(self.secretary).action_done()
        self.assertEqual(self.generate(self.secretary, self.branch_a1), 0)
        self.assertEqual(len(self.tasks(self.branch_a1)), 17)
        self.assertEqual(done.state, 'done')
        # a new template: its tasks come with the next generation
        self.t_committee.kind = 'branch'
        self.assertEqual(self.generate(self.secretary, self.branch_a1), 1)
        # another year is another list
        self.assertEqual(self.generate(self.secretary, self.branch_a1,
                                       2027), 18)

    def test_sector_and_company(self):
        self.branch_a2.sector = 'village'
        self.assertEqual(self.generate(self.officer, self.branch_a2), 18)
        other = self.env['res.company'].create({'name': 'Other Province'})
        self.t_village.company_id = other
        self.assertEqual(self.generate(self.officer, self.branch_a2, 2027),
                         17)

    def test_wizard(self):
        wizard = self.env['party.task.generate'].sudo(self.secretary).create(
            {'organization_ids': [(6, 0, self.branch_a1.ids)],
             'year': 2026})
        action = wizard.action_generate()
        self.assertEqual(action['res_model'], 'party.task')
        self.assertEqual(self.env['party.task'].sudo(
            self.secretary).search_count(action['domain']), 17)
        opened = self.branch_a1.sudo(self.secretary)\
            .action_generate_task_list()
        self.assertEqual(opened['res_model'], 'party.task.generate')

    def test_half_yearly_and_due_month(self):
        self.t_theme.frequency = 'half'
        self.t_lecture.due_month = 2
        self.generate(self.secretary, self.branch_a1)
        tasks = self.tasks(self.branch_a1)
        halves = tasks.filtered(lambda t: t.template_id == self.t_theme)
        self.assertEqual(halves.mapped('name'), [
            'Plan the theme party day (2026, first half)',
            'Plan the theme party day (2026, second half)'])
        self.assertEqual([(t.start_date, t.deadline) for t in halves], [
            ('2026-01-01', '2026-06-30'), ('2026-07-01', '2026-12-31')])
        lecture = tasks.filtered(lambda t: t.template_id == self.t_lecture)
        self.assertEqual(lecture.deadline, '2026-02-28')
        with self.assertRefused(ValidationError, 'from 1 to 12'):
            self.t_lecture.due_month = 13

    def test_bad_year(self):
        with self.assertRefused(Exception, 'year between'):
            self.generate(self.secretary, self.branch_a1, 1900)

    def test_out_of_scope_refused(self):
        with self.assertRefused(AccessError, 'in your scope'):
            self.generate(self.secretary, self.branch_a2)
        with self.assertRefused(AccessError, 'in your scope'):
            self.generate(self.secretary, self.branch_a1 | self.branch_b1)
        with self.assertRefused(AccessError, 'in your scope'):
            self.generate(self.officer, self.branch_b1)
        with self.assertRefused(AccessError):
            self.generate(self.viewer, self.branch_a1)
        self.assertFalse(self.env['party.task'].search(
            [('source', '=', 'responsibility')]))

    def count_queries(self, orgs):
        cr = self.env.cr
        self.env.clear()
        before = cr.sql_log_count
        created = self.generate(self.officer, orgs)
        return cr.sql_log_count - before, created

    def test_fixed_queries_whatever_the_number_of_branches(self):
        """3 branches, then 1,000 in one call: the same statements."""
        cr = self.env.cr
        cr.execute("""
            INSERT INTO party_organization
                   (name, kind, sector, parent_id, company_id, active)
            SELECT 'Bulk ' || n, 'branch', 'enterprise', %s, %s, true
              FROM generate_series(1, 1003) n
         RETURNING id
        """, [self.city_a.id, self.company.id])
        ids = sorted(row[0] for row in cr.fetchall())
        # a committee in some of them: the owners come from one query
        Org = self.env['party.organization']
        for org in Org.browse(ids[:3]):
            member = self.make_member('Sec %d' % org.id, org)
            self.elect(org, [(self.secretary_role, member)])
        self.generate(self.officer, self.branch_a2)
        small, created_small = self.count_queries(Org.browse(ids[:3]))
        large, created_large = self.count_queries(Org.browse(ids[3:]))
        self.assertEqual(created_small, 3 * 17)
        self.assertEqual(created_large, 1000 * 17)
        self.assertEqual(small, large)
        self.assertLessEqual(large, 12)
        lectures = self.env['party.task'].search([
            ('organization_id', 'in', ids[:3]),
            ('template_id', '=', self.t_lecture.id)])
        self.assertEqual(len(lectures.mapped('member_id')), 3)


class TestOwners(TaskListCase):

    def task(self, user=None, **vals):
        Task = self.env['party.task'].sudo(user or self.secretary)
        return Task.create(dict(dict(
            name='Organize the volunteer service',
            organization_id=self.branch_a1.id, source='responsibility'),
            **vals))

    def test_owner_holds_the_post(self):
        task = self.task(role_id=self.organization_role.id,
                         member_id=self.member_org.id,
                         start_date='2026-03-01', deadline='2026-04-30')
        self.assertEqual(task.owner_id, self.organizer)
        # the secretary does not hold the organization post
        with self.assertRefused(ValidationError, 'does not hold the post'):
            self.task(role_id=self.organization_role.id,
                      member_id=self.member_a1.id)
        with self.assertRefused(ValidationError, 'does not hold the post'):
            task.sudo(self.secretary).member_id = self.member_g1
        self.assertEqual(task.member_id, self.member_org)
        # a member of the branch, but of no post in its term
        with self.assertRefused(ValidationError, 'does not hold the post'):
            self.task(role_id=self.propaganda_role.id,
                      member_id=self.member_g1.id)
        with self.assertRefused(ValidationError, 'Choose the post'):
            self.task(member_id=self.member_a1.id)

    def test_post_of_another_term_refused(self):
        """Holding the post in an ended term is not holding it now."""
        self.term_a1.action_end()
        with self.assertRefused(ValidationError, 'does not hold the post'):
            self.task(user=self.env.user, role_id=self.secretary_role.id,
                      member_id=self.member_a1.id)

    def test_deadline_before_start_refused(self):
        with self.assertRefused(ValidationError, 'before its start'):
            self.task(start_date='2026-05-01', deadline='2026-04-30')
        task = self.task(start_date='2026-05-01', deadline='2026-05-01')
        with self.assertRefused(ValidationError, 'before its start'):
            task.sudo(self.secretary).deadline = '2026-04-01'
        self.assertEqual(task.deadline, '2026-05-01')

    def test_done_date_and_overdue(self):
        late = self.task(deadline='2026-03-09')
        due = self.task(deadline='2026-03-10')
        free = self.task()
        self.assertTrue(late.overdue)
        self.assertFalse(due.overdue or free.overdue)
        Task = self.env['party.task'].sudo(self.secretary)
        self.assertEqual(Task.search([('overdue', '=', True)]), late)
        self.assertEqual(Task.search([('overdue', '=', False),
                                      ('id', 'in', (late | due).ids)]), due)
        late.sudo(self.secretary).action_done()
        self.assertEqual(late.done_date, TODAY)
        self.assertFalse(late.overdue)
        late.sudo(self.secretary).state = 'doing'
        self.assertFalse(late.done_date)
        self.assertTrue(late.overdue)
        with self.assertRefused(AccessError, 'cannot be set directly'):
            late.sudo(self.secretary).done_date = '2026-01-01'

    def test_my_tasks(self):
        self.generate(self.secretary, self.branch_a1)
        action = self.env.ref('party_building.party_task_action_mine')
        self.assertIn("'search_default_mine': 1", action.context)
        mine = self.env['party.task'].sudo(self.organizer).search(
            [('owner_id', '=', self.organizer.id)])
        self.assertEqual(len(mine), 4)
        self.assertEqual(mine.mapped('role_id'), self.organization_role)
        # the kanban groups by state
        groups = self.env['party.task'].sudo(self.organizer).read_group(
            [('owner_id', '=', self.organizer.id)], ['state'], ['state'])
        self.assertEqual([(g['state'], g['state_count']) for g in groups],
                         [('todo', 4)])
        menu = self.env.ref('party_building.party_task_menu_mine')
        self.assertIn(menu, self.env['ir.ui.menu'].sudo(
            self.viewer).search([('id', '=', menu.id)]))


class TestScope(TaskListCase):

    def test_roles_in_and_out_of_scope(self):
        self.generate(self.manager, self.branch_a1 | self.branch_a2
                      | self.branch_b1)
        Task = self.env['party.task']
        own = Task.sudo(self.secretary).search([])
        self.assertEqual(own.mapped('organization_id'), self.branch_a1)
        self.assertEqual(
            Task.sudo(self.officer).search([]).mapped('organization_id'),
            self.branch_a1 | self.branch_a2)
        foreign = self.tasks(self.branch_a2)[0]
        with self.assertRefused(AccessError):
            foreign.sudo(self.secretary).write({'state': 'done'})
        with self.assertRefused(AccessError):
            foreign.sudo(self.secretary).read(['name'])
        with self.assertRefused(AccessError):
            Task.sudo(self.secretary).create({
                'name': 'x', 'organization_id': self.branch_b1.id})
        with self.assertRefused(AccessError):
            own[0].sudo(self.secretary).write(
                {'organization_id': self.branch_a2.id})
        with self.assertRefused(AccessError):
            own[0].sudo(self.viewer).write({'state': 'done'})
        # the member of another branch cannot be made owner
        with self.assertRefused((AccessError, ValidationError)):
            own[0].sudo(self.secretary).write(
                {'member_id': self.member_b1.id})
        with self.assertRefused(AccessError):
            self.env['party.task.template'].sudo(self.officer).create({
                'name': 'x', 'role_id': self.secretary_role.id})
        self.assertEqual(own[0].sudo(self.viewer).name, own[0].name)


class TestReminders(TaskListCase):

    def activities(self, user=None):
        domain = [('res_model', '=', 'party.task'),
                  ('activity_type_id', '=', self.env.ref(
                      'party_building.mail_activity_type_task_reminder').id)]
        if user:
            domain.append(('user_id', '=', user.id))
        return self.env['mail.activity'].search(domain)

    def test_owners_reminded_once_before_the_deadline(self):
        self.company.party_task_reminder_days = 7
        self.generate(self.secretary, self.branch_a1)
        Task = self.env['party.task']
        # 2026-03-25: the first meeting (organizer, 03-31) is due within 7
        # days; the theme days have no owner; the lecture is far
        Task._cron_remind(today=date(2026, 3, 25))
        reminded = self.activities()
        self.assertEqual(reminded.mapped('user_id'), self.organizer)
        self.assertEqual(len(reminded), 1)
        meeting = reminded.mapped(lambda a: Task.browse(a.res_id))
        self.assertEqual(meeting.deadline, '2026-03-31')
        self.assertEqual(meeting.reminded_on, '2026-03-25')
        self.assertEqual(reminded.date_deadline, '2026-03-31')
        self.assertIn("Prepare the members' general meeting (2026 Q1)",
                      reminded.summary)
        # the next day: still open, not again
        Task._cron_remind(today=date(2026, 3, 26))
        self.assertEqual(len(self.activities()), 1)
        # done tasks are not reminded; the organizer sees the activity
        self.assertEqual(self.activities(self.organizer).sudo(
            self.organizer).read(['summary'])[0]['summary'],
            reminded.summary)
        lecture = self.tasks(self.branch_a1).filtered(
            lambda t: t.template_id == self.t_lecture)
        lecture.sudo(self.secretary).action_done()
        Task._cron_remind(today=date(2026, 6, 25))
        self.assertFalse(self.activities(self.secretary))

    def test_summary_in_chinese(self):
        self.env['res.lang'].load_lang('zh_CN')
        self.organizer.lang = 'zh_CN'
        self.generate(self.secretary, self.branch_a1)
        self.env['party.task']._cron_remind(today=date(2026, 3, 25))
        summary = self.activities(self.organizer).summary
        self.assertIn('Branch A1', summary)
        self.assertIn('2026年3月31日', summary)


class TestMetrics(TaskListCase):

    def metric(self, code, org, date_from='2026-01-01',
               date_to='2026-12-31'):
        metric = self.env.ref('party_building.metric_%s' % code)
        return metric._compute_values([org.id], date_from, date_to)[org.id]

    def test_done_on_time_and_overdue(self):
        Task = self.env['party.task'].with_context(**NO_TRACKING)

        def task(deadline, done_on=None, **vals):
            record = Task.create(dict(dict(
                name='T %s' % deadline, organization_id=self.branch_a1.id,
                source='responsibility', deadline=deadline), **vals))
            if done_on:
                with patch.object(fields.Date, 'context_today',
                                  return_value=done_on):
                    record.action_done()
            return record
        task('2026-02-28', '2026-02-20')       # on time
        task('2026-03-31', '2026-03-31')       # on time, the last day
        task('2026-04-30', '2026-05-03')       # late
        task('2026-05-31')                     # open, overdue by 06-30
        task('2026-06-30')                     # due on the last day: open
        task('2026-05-31', state='cancelled')  # not counted
        task('2026-05-31', source='rectification')   # own metric
        task('2026-09-30')                     # after the period
        self.assertEqual(
            self.metric('task_list_on_time', self.branch_a1,
                        date_to='2026-06-30'), (0.4, '2/5'))
        # late tasks done after date_to were still overdue at date_to
        self.assertEqual(
            self.metric('task_overdue', self.branch_a1,
                        date_to='2026-05-01'), (1.0, ''))
        self.assertEqual(
            self.metric('task_overdue', self.branch_a1,
                        date_to='2026-06-30'), (1.0, ''))
        self.assertEqual(self.metric('task_list_on_time', self.branch_a2),
                         (0.0, ''))
