"""Reminders of the daily jobs: written in each recipient's language, over
the type's real period, recognised by a stable key rather than by their
text."""
from datetime import date, timedelta

from odoo import fields

from .test_meetings import MeetingCase
from .test_setup import SetupCase

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
          'August', 'September', 'October', 'November', 'December']


def zh_day(day):
    return '%d年%d月%d日' % (day.year, day.month, day.day)


def en_day(day):
    return '%s %d, %d' % (MONTHS[day.month - 1], day.day, day.year)


class ReminderLanguages(object):
    """An English and a Chinese officer responsible for city_a, with the
    addon's Chinese translation loaded."""

    @classmethod
    def load_chinese(cls):
        cls.env['ir.translation'].load_module_terms(['party_building'],
                                                    ['zh_CN'])
        cls.officer.lang = 'en_US'
        cls.officer_zh = cls.make_user('officer_zh', 'group_officer',
                                       cls.city_a)
        cls.officer_zh.lang = 'zh_CN'

    def activities(self, record, activity_type=None, user=None):
        domain = [('res_model', '=', record._name),
                  ('res_id', '=', record.id)]
        if activity_type:
            domain.append(('activity_type_id', '=', self.env.ref(
                'party_building.%s' % activity_type).id))
        if user:
            domain.append(('user_id', '=', user.id))
        return self.env['mail.activity'].search(domain)


class TestSetupReminders(ReminderLanguages, SetupCase):

    @classmethod
    def setUpClass(cls):
        super(TestSetupReminders, cls).setUpClass()
        cls.load_chinese()

    def overdue_org(self, name='Overdue Branch'):
        org = self.make_org(name, 'branch', self.city_a)
        member = self.add_full_members(org, 1, prefix=name)
        term = self.make_term(org, self.years_ago(4))
        term.write({'position_ids': [(0, 0, {
            'role_id': self.secretary_role.id, 'member_id': member.id})]})
        term.action_start()
        return org, fields.Date.from_string(term.effective_end_date)

    def test_each_officer_in_their_language(self):
        org, end = self.overdue_org()
        self.env['party.organization']._cron_setup_review()
        english = self.activities(org, user=self.officer)
        chinese = self.activities(org, user=self.officer_zh)
        self.assertEqual(len(english), 1)
        self.assertEqual(len(chinese), 1)
        self.assertEqual(
            english.summary, 'The term of Overdue Branch ended on %s: hold '
            'the election' % en_day(end))
        self.assertEqual(
            chinese.summary, 'Overdue Branch本届任期已于%s届满，请及时组织换届选举'
            % zh_day(end))
        self.assertEqual(english.party_reminder_key,
                         chinese.party_reminder_key)

    def test_vacancy_in_chinese(self):
        org = self.make_org('Vacant Branch', 'branch', self.city_a)
        member = self.add_full_members(org, 1)
        term = self.make_term(org, self.years_ago(1))
        term.write({'position_ids': [(0, 0, {
            'role_id': self.secretary_role.id, 'member_id': member.id,
            'end_date': self.days_ago(100)})]})
        term.action_start()
        self.env['party.organization']._cron_setup_review()
        self.assertEqual(
            self.activities(org, user=self.officer_zh).summary,
            'Vacant Branch书记职务自%s起空缺，请及时选配书记' % zh_day(
                fields.Date.from_string(self.days_ago(100))))

    def test_rename_and_language_switch_repeat_nothing(self):
        # reminded again at every run while the shortfall lasts...
        self.company.party_reminder_interval_days = 0
        org, _end = self.overdue_org()
        cron = self.env['party.organization']
        cron._cron_setup_review()
        before = self.activities(org)
        org.name = 'Renamed Branch'
        self.officer_zh.lang = 'en_US'
        self.officer.lang = 'zh_CN'
        cron._cron_setup_review()
        # ...but never while the last reminder is still open
        self.assertEqual(self.activities(org), before)
        # done: the next run reminds again, under the new name and language
        others = before.filtered(lambda a: a.user_id != self.officer)
        (before - others).sudo(self.officer).action_done()
        cron._cron_setup_review()
        again = self.activities(org, user=self.officer)
        self.assertEqual(len(again), 1)
        self.assertIn('Renamed Branch本届任期', again.summary)
        # the other officer's reminder is still open: not repeated
        self.assertEqual(self.activities(org, user=self.officer_zh),
                         others)

    def test_interval_still_applies(self):
        self.company.party_reminder_interval_days = 30
        org, _end = self.overdue_org()
        cron = self.env['party.organization']
        cron._cron_setup_review()
        self.activities(org).unlink()
        # closed, but the interval has not passed: nothing new
        org._remind_officers()
        self.assertFalse(self.activities(org))
        # after it, reminded again
        org._remind_officers(today=self.today + timedelta(days=30))
        self.assertEqual(len(self.activities(org)), 2)

    def test_coverage_gap_in_chinese(self):
        manager_zh = self.make_user('manager_zh', 'group_manager')
        manager_zh.lang = 'zh_CN'
        dept = self.env['hr.department'].create({'name': '财务科'})
        for i in range(3):
            employee = self.env['hr.employee'].create({
                'name': 'Emp %d' % i, 'department_id': dept.id})
            self.make_member('Emp %d' % i, self.branch_b1,
                             employee_id=employee.id, status='full',
                             join_date='2010-01-01', full_date='2011-01-01')
        Department = self.env['hr.department']
        Department.refresh_party_coverage()
        Department.remind_party_coverage_gaps()
        Department.remind_party_coverage_gaps()
        self.assertEqual(
            self.activities(dept, user=manager_zh).mapped('summary'),
            ['财务科有正式党员3名，尚未建立党组织，请按规定及时组建'])
        self.assertEqual(
            self.activities(dept, user=self.manager).mapped('summary'),
            ['财务科 has 3 full party members and no party organization: '
             'form one'])


class TestMeetingReminders(ReminderLanguages, MeetingCase):

    @classmethod
    def setUpClass(cls):
        super(TestMeetingReminders, cls).setUpClass()
        cls.load_chinese()
        cls.company.party_meeting_reminder_days = 40
        # one activity per reminder here; digests: tests/test_jobs.py
        cls.company.party_reminder_digest_after = 1000

    def remind(self, today):
        self.env['party.meeting.reminder']._cron_remind(today=today)
        return self.activities(self.branch,
                               'mail_activity_type_meeting_reminder')

    def of_type(self, activities, meeting_type, user):
        return activities.filtered(
            lambda a: a.user_id == user and a.party_reminder_key.startswith(
                'party.organization,%d:meeting:%d:' % (self.branch.id,
                                                       meeting_type.id)))

    def test_periods_and_languages(self):
        activities = self.remind(date(2026, 11, 25))
        # monthly: the month
        theme_en = self.of_type(activities, self.theme_day, self.officer)
        theme_zh = self.of_type(activities, self.theme_day, self.officer_zh)
        self.assertEqual(theme_en.summary,
                         'Meeting Branch: hold the Theme Party Day due '
                         'between November 1, 2026 and November 30, 2026')
        self.assertEqual(theme_zh.summary,
                         'Meeting Branch：2026年11月1日至2026年11月30日期间的'
                         '主题党日尚未按规定开展，请及时安排')
        self.assertEqual(theme_zh.date_deadline, '2026-11-30')
        # quarterly: the quarter
        lecture_zh = self.of_type(activities, self.lecture, self.officer_zh)
        self.assertIn('2026年10月1日至2026年12月31日期间的党课',
                      lecture_zh.summary)
        self.assertEqual(lecture_zh.date_deadline, '2026-12-31')
        self.assertIn('between October 1, 2026 and December 31, 2026',
                      self.of_type(activities, self.lecture,
                                   self.officer).summary)

    def test_held_meeting_not_reminded(self):
        self.held(self.theme_day, '2026-11-10 02:00:00')
        activities = self.remind(date(2026, 11, 25))
        self.assertFalse(self.of_type(activities, self.theme_day,
                                      self.officer))
        self.assertTrue(self.of_type(activities, self.lecture, self.officer))

    def test_no_duplicate_then_next_period(self):
        first = self.remind(date(2026, 11, 25))
        self.branch.name = 'Renamed Branch'
        self.officer_zh.lang = 'en_US'
        self.assertEqual(self.remind(date(2026, 11, 26)), first)
        # December: a new month, the same quarter
        december = self.remind(date(2026, 12, 25))
        theme = self.of_type(december, self.theme_day, self.officer_zh)
        self.assertEqual(len(theme), 2)
        new = theme - first
        self.assertEqual(new.summary,
                         'Renamed Branch: hold the Theme Party Day due '
                         'between December 1, 2026 and December 31, 2026')
        self.assertEqual(len(self.of_type(december, self.lecture,
                                          self.officer_zh)), 1)

    def test_second_run_queries_do_not_grow(self):
        def queries_for(count):
            for i in range(count):
                self.make_org('R%d-%d' % (count, i), 'branch', self.city_a)
            cron = self.env['party.meeting.reminder']
            cron._cron_remind(today=date(2026, 11, 25))
            with self.count_queries() as n:
                cron._cron_remind(today=date(2026, 11, 25))
            return n[0]
        queries_for(1)  # warm the caches
        self.assertEqual(queries_for(3), queries_for(30))
