"""Organizational life in practice: attendance by exception, meetings held
only once they have started, the lock said before typing, the compliance
matrix by the addon's own rules, a branch's appraisal at once, and how
years, hours and rates read."""
from datetime import date, datetime, timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .test_meetings import MeetingCase


def from_now(days):
    """A meeting start relative to the moment the test runs."""
    return fields.Datetime.to_string(datetime.utcnow() + timedelta(days=days))


class TestAttendanceByException(MeetingCase):

    def test_all_present_then_exceptions(self):
        meeting = self.meeting(self.general, from_now(-1),
                               user=self.secretary)
        Attendance = self.env['party.meeting.attendance']
        guest = Attendance.create({'meeting_id': meeting.id,
                                   'member_id': self.member_b1.id,
                                   'is_guest': True, 'state': 'absent'})
        # everyone starts absent: one click marks the expected present
        meeting = meeting.sudo(self.secretary)
        self.assertEqual(set(meeting.attendance_ids.mapped('state')),
                         {'absent'})
        self.assertIs(meeting.action_all_present(), True)
        self.assertEqual(meeting.present_count, 5)
        self.assertEqual(guest.state, 'absent')  # guests one by one
        # then the exceptions, row by row as in the form
        line = meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.full[3])
        line.write({'state': 'excused', 'reason': 'Ill'})
        meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.probationary).state = 'absent'
        self.assertEqual((meeting.present_count, meeting.expected_count),
                         (3, 5))
        self.assertAlmostEqual(meeting.attendance_rate, 60.0)
        meeting.action_held()
        self.assertEqual(meeting.state, 'held')

    def test_all_present_refused_to_viewer_and_on_held(self):
        meeting = self.meeting(self.theme_day, from_now(-1))
        with self.assertRefused(AccessError):
            meeting.sudo(self.viewer).action_all_present()
        self.assertEqual(meeting.present_count, 0)
        meeting.action_all_present()
        meeting.action_held()
        with self.assertRefused(AccessError, 'locked'):
            meeting.sudo(self.secretary).action_all_present()


class TestHeldOnlyOnceStarted(MeetingCase):

    def test_future_meeting_refused(self):
        meeting = self.meeting(self.theme_day, from_now(30),
                               user=self.secretary).sudo(self.secretary)
        meeting.action_all_present()
        with self.assertRefused(UserError, 'once it has taken place'):
            meeting.action_held()
        self.assertEqual(meeting.state, 'planned')
        # once the date has come (moved to the past), it can be held
        meeting.start = from_now(-30)
        self.assertIs(meeting.action_held(), True)
        self.assertEqual(meeting.state, 'held')


class TestLockShownBeforeTyping(MeetingCase):

    def form_arch(self, user):
        view = self.env['party.meeting'].sudo(user).fields_view_get(
            view_type='form')
        return etree.fromstring(view['arch'])

    def test_held_meeting_locked_for_secretary(self):
        meeting = self.meeting(self.theme_day, from_now(-2),
                               user=self.secretary)
        meeting.sudo(self.secretary).action_all_present()
        self.assertFalse(meeting.sudo(self.secretary).is_locked)
        meeting.sudo(self.secretary).action_held()
        self.assertTrue(self.env['party.meeting'].sudo(
            self.secretary).browse(meeting.id).is_locked)
        self.assertFalse(self.env['party.meeting'].sudo(
            self.officer).browse(meeting.id).is_locked)
        # the server refuses as before
        with self.assertRefused(AccessError, 'locked'):
            meeting.sudo(self.secretary).place = 'Elsewhere'
        # the form says so and makes every field of the record read-only
        arch = self.form_arch(self.secretary)
        banner = arch.xpath("//div[contains(@class, 'alert')]")
        self.assertIn('locked', ' '.join(banner[0].itertext()))
        for name in ('name', 'type_id', 'organization_id', 'start', 'place',
                     'attendance_ids', 'minutes', 'attachment_ids'):
            node = arch.xpath("//field[@name='%s']" % name)[0]
            self.assertIn('"is_locked"', node.get('modifiers'), name)

        # officers see why they may still correct it
        def shown(arch):
            # a node of another group stays in the view, marked invisible
            return len(arch.xpath("//div[contains(@class, 'alert')]"
                                  "[not(@invisible='1')]"))
        self.assertEqual(shown(self.form_arch(self.officer)), 2)
        self.assertEqual(shown(arch), 1)


class TestMatrixByTheRules(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super(TestMatrixByTheRules, cls).setUpClass()
        ref = cls.env.ref
        cls.gb_committee = ref(
            'party_building.meeting_type_general_branch_committee')
        cls.party_committee = ref(
            'party_building.meeting_type_party_committee')
        cls.company.party_committee_min_full_members = 7
        cls.big = cls.make_org('Big Branch', 'branch', cls.city_a)
        for i in range(7):
            cls.make_member('Big %d' % i, cls.big, status='full',
                            join_date='2010-01-01', full_date='2011-01-01')
        cls.general_branch = cls.make_org('General Branch', 'general_branch',
                                          cls.city_a)

    def rows(self, org):
        types = self.env['party.meeting.type'].search([])
        return {(o, t) for o, t, _s, _e, _r, _h, _rate
                in self.env['party.meeting.compliance']._compliance_rows(
                    org, types, date(2024, 1, 1), date(2024, 12, 31))}

    def test_small_branch_holds_no_committee_meeting(self):
        # four full members: a secretary, no committee (the setup rule)
        self.assertNotIn((self.branch, self.committee_meeting),
                         self.rows(self.branch))
        self.assertIn((self.branch, self.theme_day), self.rows(self.branch))
        self.assertIn((self.big, self.committee_meeting),
                      self.rows(self.big))

    def test_committee_meeting_named_per_kind(self):
        committee_types = set(self.committee_meeting | self.gb_committee
                              | self.party_committee)
        self.assertEqual(
            {t for _o, t in self.rows(self.city_a)} & committee_types,
            {self.party_committee})
        self.assertEqual(
            {t for _o, t in self.rows(self.big)} & committee_types,
            {self.committee_meeting})
        zh = self.env['party.meeting.type'].with_context(lang='zh_CN')
        if self.env['res.lang'].search([('code', '=', 'zh_CN')]):
            self.assertEqual(zh.browse(self.party_committee.id).name,
                             '党委会')
            self.assertEqual(zh.browse(self.committee_meeting.id).name,
                             '支委会')
        with self.assertRefused(ValidationError, 'not held by'):
            self.meeting(self.committee_meeting, '2024-05-01 02:00:00',
                         org=self.city_a)
        self.assertTrue(self.meeting(self.party_committee,
                                     '2024-05-01 02:00:00', org=self.city_a))

    def test_matrix_replaces_the_wizard(self):
        report = self.env['party.meeting.compliance'].sudo(
            self.secretary).create({'period': 'month', 'date': '2024-05-01'})
        action = report.action_compute()
        self.assertEqual(action['target'], 'main')
        self.assertIn('Nothing to show', action['help'])
        tree = self.env.ref(
            'party_building.party_meeting_compliance_line_view_tree')
        arch = etree.fromstring(tree.arch)
        self.assertEqual(arch.get('create'), 'false')
        self.assertEqual(arch.xpath("//field[@name='attendance_rate']")[0]
                         .get('widget'), 'party_percent')


class TestAppraisalBatch(MeetingCase):

    def batch(self, user, **vals):
        Batch = self.env['party.appraisal.batch'].sudo(user)
        # as the form does: the onchange lists the members, then it saves
        values = dict(Batch.default_get(list(Batch._fields)),
                      organization_id=self.branch.id, year=2024)
        values.update(vals)
        batch = Batch.new(values)
        batch._onchange_fill()
        return Batch.create(dict(values, year=batch.year,
                                 organization_id=batch.organization_id.id,
                                 line_ids=[(0, 0, {
                                     'member_id': line.member_id.id,
                                     'rating': line.rating})
                                     for line in batch.line_ids]))

    def test_secretary_records_a_branch(self):
        meeting = self.held(self.appraisal_type, '2024-12-20 02:00:00')
        batch = self.batch(self.secretary, meeting_id=meeting.id)
        self.assertEqual(batch.year, 2024)
        # every full member, the probationary one not
        self.assertEqual(batch.line_ids.mapped('member_id'), self.full)
        self.assertEqual(set(batch.line_ids.mapped('rating')), {'qualified'})
        batch.line_ids[0].rating = 'excellent'
        action = batch.action_record()
        appraisals = self.env['party.member.appraisal'].search(
            [('organization_id', '=', self.branch.id), ('year', '=', 2024)])
        self.assertEqual(set(action['domain'][0][2]), set(appraisals.ids))
        self.assertEqual(sorted(appraisals.mapped('rating')),
                         ['excellent', 'qualified', 'qualified',
                          'qualified'])
        self.assertEqual(appraisals.mapped('meeting_id'), meeting)
        # a second batch lists no one; a duplicate added by hand is refused
        again = self.batch(self.secretary)
        self.assertFalse(again.line_ids)
        again.line_ids = [(0, 0, {'member_id': self.full[0].id,
                                  'rating': 'basic'})]
        with self.assertRefused(UserError, 'Already appraised for 2024: '
                                           'Full 0'):
            again.action_record()
        with self.assertRefused(UserError, 'List the members'):
            self.batch(self.secretary, year=2024).action_record()

    def test_scope_and_roles(self):
        # a branch outside the secretary's scope: refused, nothing written
        other = self.make_member('Other Full', self.branch_a2,
                                 status='full', join_date='2010-01-01',
                                 full_date='2011-01-01')
        Batch = self.env['party.appraisal.batch'].sudo(self.secretary)
        with self.assertRefused(AccessError):
            Batch.create({'organization_id': self.branch_a2.id,
                          'year': 2024, 'line_ids': [(0, 0, {
                              'member_id': other.id,
                              'rating': 'qualified'})]}).action_record()
        with self.assertRefused(AccessError):
            self.batch(self.viewer).action_record()
        self.assertFalse(self.env['party.member.appraisal'].search(
            [('member_id', 'in', (self.full | other).ids)]))


class TestHowNumbersRead(MeetingCase):

    def arch(self, xmlid):
        return etree.fromstring(self.env.ref(xmlid).arch)

    def test_years_without_separator(self):
        for xmlid in ('party_member_appraisal_view_tree',
                      'party_secretary_appraisal_view_tree',
                      'party_appraisal_batch_view_form'):
            node = self.arch('party_building.' + xmlid).xpath(
                "//field[@name='year']")[0]
            self.assertEqual(node.get('widget'), 'party_year', xmlid)

    def test_training_hours_plain(self):
        """Hours are a quantity, not a time of day (float_time showed
        "00:00")."""
        views = self.env['ir.ui.view'].search(
            [('model', 'in', ['party.organization', 'party.member',
                              'party.secretary.training'])])
        for view in views:
            for node in etree.fromstring(view.arch).xpath(
                    "//field[contains(@name, 'hours')]"):
                self.assertNotEqual(node.get('widget'), 'float_time',
                                    view.xml_id)

    def test_widgets_are_loaded(self):
        assets = self.env.ref('party_building.assets_backend')
        self.assertIn('party_widgets.js', assets.arch)
