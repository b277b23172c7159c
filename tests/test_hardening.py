"""Attacks over the model layer, as an ordinary login would send them over
XML-RPC, each refused; and the legitimate path beside each."""
from odoo.exceptions import AccessError, ValidationError

from ..models.party_guard import trusted

from .common import NO_TRACKING, PartyCase

ID = '11010519491231002X'


class TestIdNumbers(PartyCase):

    def setUp(self):
        super(TestIdNumbers, self).setUp()
        self.member_a1.sudo(self.officer).id_number = ID
        self.training = self.env['party.secretary.training'].create({
            'member_id': self.member_a1.id, 'course': 'Course',
            'hours': 8, 'date': '2024-03-01'})

    def test_id_number_through_a_joined_path(self):
        # secretary training and appraisal join their member (auto_join):
        # a prefix search there used to reveal the number digit by digit
        for user in (self.viewer, self.secretary):
            for model in ('party.secretary.training',
                          'party.secretary.appraisal',
                          'party.meeting.attendance', 'party.term.position'):
                Model = self.as_user(user, model)
                with self.assertRefused(AccessError, 'ID Number'):
                    Model.search([('member_id.id_number', '=like', '110%')])
                with self.assertRefused(AccessError, 'ID Number'):
                    Model.read_group(
                        [('member_id.id_number', '=like', '110%')],
                        ['member_id'], ['member_id'])
        # officers may
        Training = self.as_user(self.officer, 'party.secretary.training')
        self.assertEqual(
            Training.search([('member_id.id_number', '=like', '110%')]),
            self.training)

    def test_id_number_from_the_context(self):
        Member = self.as_user(self.secretary, 'party.member')
        with self.assertRefused(AccessError, 'ID Number'):
            Member.with_context(default_id_number=ID).create(
                {'name': 'Probe', 'organization_id': self.branch_a1.id})
        self.assertEqual(
            self.env['party.member'].search_count([('id_number', '=', ID)]),
            1)

    def test_malformed_id_numbers(self):
        Member = self.as_user(self.officer, 'party.member')
        for bad in ('123', '1101051949123100', ID + '1', 12345, '1' * 18):
            with self.assertRefused(ValidationError, 'ID number|ID Number',
                                    msg=bad):
                Member.browse(self.member_a2.id).write({'id_number': bad})
        # spaces and a lower-case check character are normalized
        Member.browse(self.member_a1.id).write({'id_number': False})
        Member.browse(self.member_a2.id).write({'id_number': ' %sx ' % ID[:-1]})
        self.assertEqual(self.member_a2.id_number, ID)


class TestMembershipHidden(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestMembershipHidden, cls).setUpClass()
        cls.hr_user = cls.env['res.users'].create({
            'name': 'HR Clerk', 'login': 'test_hr_clerk',
            'email': 'hr@example.com',
            'groups_id': [(6, 0, [cls.env.ref('hr.group_hr_manager').id])]})
        cls.department = cls.env['hr.department'].create({'name': 'Unit'})
        cls.employee = cls.env['hr.employee'].create(
            {'name': 'Member Emp', 'department_id': cls.department.id})
        cls.member_b1.employee_id = cls.employee

    def test_read_group_on_membership(self):
        Employee = self.env['hr.employee'].sudo(self.hr_user)
        for domain in ([('party_member_ids', '!=', False)],
                       [('party_member_ids', 'in', [self.member_b1.id])],
                       [('party_member_ids.status', '=', 'probationary')]):
            with self.assertRefused(AccessError, msg=domain):
                Employee.read_group(domain, ['department_id'],
                                    ['department_id'])
            with self.assertRefused(AccessError, msg=domain):
                Employee.search(domain)
        # a party user sees only the members of their scope
        Employee = self.env['hr.employee'].sudo(self.viewer)
        self.assertFalse(Employee.read_group(
            [('party_member_ids', '!=', False)], ['department_id'],
            ['department_id']))
        self.assertFalse(Employee.search(
            [('party_member_ids', 'in', [self.member_b1.id])]))

    def test_membership_not_revealed_by_the_button(self):
        with self.assertRefused(AccessError, 'party-building users'):
            self.employee.sudo(self.hr_user).action_open_party_member()
        # in scope, the button opens the member
        self.officer.party_organization_ids |= self.city_b
        action = self.employee.sudo(self.officer).action_open_party_member()
        self.assertEqual(action['res_id'], self.member_b1.id)

    def test_department_counts_need_a_party_role(self):
        Department = self.env['hr.department'].sudo(self.hr_user)
        with self.assertRefused(AccessError):
            Department.search([('party_full_member_count', '>', 0)])
        with self.assertRefused(AccessError):
            Department.search([('party_coverage_gap', '=', True)])

    def test_deleting_a_member_employee_says_nothing(self):
        self.employee.sudo(self.hr_user).unlink()
        self.assertTrue(self.member_b1.exists())
        self.assertFalse(self.member_b1.employee_id)


class TestWorkflowFields(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestWorkflowFields, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **NO_TRACKING))
        cls.case = cls.env['party.rectification'].create({
            'organization_id': cls.branch_a1.id, 'reason': 'Weak'})
        cls.theme_day = cls.env.ref('party_building.meeting_type_theme_day')

    def test_rectification_cleared_only_by_officer_review(self):
        Case = self.as_user(self.secretary, 'party.rectification')
        case = Case.browse(self.case.id)
        for vals in ({'state': 'cleared'},
                     {'cleared_by_id': self.secretary.id},
                     {'cleared_date': '2024-01-01'},
                     {'trigger': 'term_overdue'}):
            with self.assertRefused(AccessError, 'cannot be set directly',
                                    msg=vals):
                case.write(vals)
        with self.assertRefused(AccessError, 'officer'):
            case.action_clear()
        # the officer clears it after the review
        case = self.case.sudo(self.officer)
        case.review_note = 'Rectified'
        self.assertIs(case.action_clear(), True)
        self.assertEqual((case.state, case.cleared_by_id),
                         ('cleared', self.officer))

    def test_created_in_a_state_refused(self):
        Case = self.as_user(self.officer, 'party.rectification')
        with self.assertRefused(AccessError, 'cannot be set directly'):
            Case.create({'organization_id': self.branch_a1.id,
                         'reason': 'x', 'state': 'cleared'})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            Case.with_context(default_state='cleared').create(
                {'organization_id': self.branch_a1.id, 'reason': 'x'})
        # the defaults, as the form sends them, are fine
        case = Case.create({'organization_id': self.branch_a1.id,
                            'reason': 'x', 'state': 'flagged'})
        self.assertEqual(case.state, 'flagged')

    def meeting(self, user, **vals):
        return self.env['party.meeting'].sudo(user).create(dict(
            name='Theme Day', type_id=self.theme_day.id,
            organization_id=self.branch_a1.id,
            start='2024-05-01 02:00:00', tz='Asia/Shanghai', **vals))

    def test_meeting_held_only_through_the_button(self):
        meeting = self.meeting(self.secretary)
        with self.assertRefused(AccessError, 'cannot be set directly'):
            meeting.write({'state': 'held'})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.meeting(self.secretary, state='held')
        with self.assertRefused(AccessError, 'cannot be set directly'):
            meeting.write({'present_count': 10, 'attendance_rate': 100})
        self.assertIs(meeting.action_held(), True)
        self.assertEqual(meeting.state, 'held')

    def test_attendance_cannot_move_into_a_held_meeting(self):
        held = self.meeting(self.secretary)
        held.action_held()
        planned = self.meeting(self.secretary)
        line = planned.attendance_ids[:1]
        with self.assertRefused(AccessError):
            line.write({'meeting_id': held.id})
        self.assertEqual(line.meeting_id, planned)

    def test_attendees_filled_only_by_who_may_change_the_meeting(self):
        meeting = self.meeting(self.secretary)
        meeting.attendance_ids.unlink()
        with self.assertRefused(AccessError):
            meeting.sudo(self.viewer).action_fill_attendees()
        self.assertFalse(meeting.attendance_ids)
        self.assertIs(meeting.action_fill_attendees(), True)
        self.assertTrue(meeting.attendance_ids)

    def test_eligibility_check_cannot_be_switched_off(self):
        meeting = self.meeting(self.secretary)
        # member A2 is in the secretary's scope, not in the meeting's branch
        self.secretary.party_organization_ids |= self.branch_a2
        Attendance = self.as_user(self.secretary, 'party.meeting.attendance')
        # the key the code once read to skip the check
        with self.assertRefused(ValidationError, 'guest'):
            Attendance.with_context(party_attendees_eligible=True).create({
                'meeting_id': meeting.id, 'member_id': self.member_a2.id})

    def test_scope_not_granted_by_creating_organizations(self):
        Org = self.as_user(self.secretary, 'party.organization')
        with self.assertRefused(AccessError):
            Org.create({'name': 'Mine', 'kind': 'group',
                        'parent_id': self.branch_a1.id,
                        'responsible_user_ids': [(4, self.nobody.id)]})
        with self.assertRefused(AccessError):
            Org.with_context(
                default_responsible_user_ids=[self.nobody.id]).create(
                    {'name': 'Mine', 'kind': 'group',
                     'parent_id': self.branch_a1.id})
        self.assertFalse(self.env['party.member'].sudo(self.nobody).search(
            [('organization_id', '=', self.branch_a1.id)]))

    def test_member_status_changes_through_the_conversion(self):
        member = self.make_member('Probationer', self.branch_a1,
                                  join_date='2020-03-01')
        as_secretary = member.sudo(self.secretary)
        for vals in ({'status': 'full'}, {'full_date': '2021-03-02'},
                     {'status': 'full', 'full_date': '2021-03-02'}):
            with self.assertRefused(AccessError, 'cannot be set directly',
                                    msg=vals):
                as_secretary.write(vals)
        # the conversion is a decision of the branch's members' general
        # meeting (tests/test_lifecycle_probation.py): a viewer may not
        # record it, a secretary may
        meeting = self.env['party.meeting'].create({
            'name': 'General meeting',
            'type_id': self.env.ref('party_building.meeting_type_general').id,
            'organization_id': self.branch_a1.id,
            'start': '2021-03-02 02:00:00', 'tz': 'Asia/Shanghai'})
        trusted(meeting).write({'state': 'held'})
        Wizard = self.env['party.member.conversion'].with_context(
            active_id=member.id)
        with self.assertRefused(AccessError):
            Wizard.sudo(self.viewer).create({
                'meeting_id': meeting.id, 'full_date': '2021-03-02',
                'decision': 'x'}).action_confirm()
        Wizard.sudo(self.secretary).create({
            'meeting_id': meeting.id, 'full_date': '2021-03-02',
            'decision': 'General meeting 2021-03-02; approved'})\
            .action_confirm()
        self.assertEqual((member.status, member.full_date),
                         ('full', '2021-03-02'))
        # a roster is imported with the status it has
        imported = self.as_user(self.secretary, 'party.member').create({
            'name': 'Veteran', 'organization_id': self.branch_a1.id,
            'status': 'full', 'join_date': '1990-01-01',
            'full_date': '1991-01-01'})
        self.assertEqual(imported.status, 'full')


class TestLinksStayInScope(PartyCase):
    """Odoo 11 reads linked names as superuser: a link to a record outside
    the user's scope would reveal it."""

    @classmethod
    def setUpClass(cls):
        super(TestLinksStayInScope, cls).setUpClass()
        cls.theme_day = cls.env.ref('party_building.meeting_type_theme_day')
        cls.meeting = cls.env['party.meeting'].create({
            'name': 'Theme Day', 'type_id': cls.theme_day.id,
            'organization_id': cls.branch_a1.id,
            'start': '2024-05-01 02:00:00', 'tz': 'Asia/Shanghai'})
        cls.foreign_case = cls.env['party.rectification'].create({
            'organization_id': cls.branch_b1.id, 'reason': 'Weak'})
        cls.foreign_meeting = cls.env['party.meeting'].create({
            'name': 'Elsewhere', 'type_id': cls.theme_day.id,
            'organization_id': cls.branch_b1.id,
            'start': '2024-05-01 02:00:00', 'tz': 'Asia/Shanghai'})

    def test_links_out_of_scope_refused(self):
        sec = self.secretary
        meeting = self.meeting.sudo(sec)
        attacks = [
            lambda: meeting.write({'host_id': self.member_b1.id}),
            lambda: meeting.write({'recorder_id': self.member_b1.id}),
            lambda: self.env['party.meeting.attendance'].sudo(sec).create({
                'meeting_id': self.meeting.id,
                'member_id': self.member_b1.id, 'is_guest': True}),
            lambda: self.env['party.talk'].sudo(sec).create({
                'organization_id': self.branch_a1.id,
                'talker_id': self.member_a1.id,
                'member_id': self.member_b1.id, 'topic': 'x'}),
            lambda: self.env['party.talk'].sudo(sec).create({
                'organization_id': self.branch_a1.id,
                'talker_id': self.member_b1.id,
                'member_id': self.member_a1.id, 'topic': 'x'}),
            lambda: self.env['party.task'].sudo(sec).create({
                'name': 'x', 'organization_id': self.branch_a1.id,
                'rectification_id': self.foreign_case.id}),
            lambda: self.env['party.member.appraisal'].sudo(sec).create({
                'organization_id': self.branch_a1.id, 'year': 2024,
                'member_id': self.member_a1.id, 'rating': 'qualified',
                'meeting_id': self.foreign_meeting.id}),
            lambda: self.env['party.meeting.compliance.line'].sudo(
                sec).create({
                    'report_id': self.env['party.meeting.compliance'].sudo(
                        sec).create({}).id,
                    'organization_id': self.branch_b1.id}),
        ]
        for attack in attacks:
            # the compliance line's organization is not writable at all
            with self.assertRefused(AccessError,
                                    'access to|cannot be set directly'):
                attack()
        self.assertFalse(self.meeting.host_id)
        # in scope, the same works
        meeting.write({'host_id': self.member_a1.id})
        self.assertEqual(meeting.host_id, self.member_a1)

    def test_export_of_out_of_scope_records(self):
        Member = self.as_user(self.secretary, 'party.member')
        with self.assertRefused(AccessError):
            Member.browse(self.member_b1.id).export_data(['id'])
        with self.assertRefused(AccessError):
            Member.browse(self.member_a1.id).export_data(
                ['organization_id/parent_id/id'])
        rows = Member.browse(self.member_a1.id).export_data(
            ['name', 'organization_id/id'])['datas']
        self.assertEqual(rows[0][0], 'Member A1')


class TestBadInput(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestBadInput, cls).setUpClass()
        cls.theme_day = cls.env.ref('party_building.meeting_type_theme_day')

    def meeting(self):
        return self.env['party.meeting'].sudo(self.secretary).create({
            'name': 'Theme Day', 'type_id': self.theme_day.id,
            'organization_id': self.branch_a1.id,
            'start': '2024-05-01 02:00:00', 'tz': 'Asia/Shanghai'})

    def test_sizes_dates_and_numbers(self):
        Org = self.as_user(self.secretary, 'party.organization')
        with self.assertRefused(ValidationError, 'at most 500'):
            Org.create({'name': 'x' * 1000000, 'kind': 'group',
                        'parent_id': self.branch_a1.id})
        for start in ('0001-01-01 00:00:00', '9999-12-31 00:00:00', 'soon'):
            with self.assertRefused(ValidationError, 'between', msg=start):
                self.meeting().write({'start': start})
        Member = self.as_user(self.secretary, 'party.member')
        for vals in ({'birth_date': '1492-10-12'},
                     {'birth_date': '2030-01-01'}):
            with self.assertRefused(ValidationError, msg=vals):
                Member.browse(self.member_a1.id).write(vals)
        # the joining date is set on registration, then by the decisions
        with self.assertRefused(AccessError, 'cannot be set directly'):
            Member.browse(self.member_a1.id).write(
                {'join_date': '2999-01-01'})
        for vals in ({'join_date': '2999-01-01'},
                     {'birth_date': '2000-01-01', 'join_date': '1999-01-01'}):
            with self.assertRefused(ValidationError, msg=vals):
                Member.create(dict(vals, name='New',
                                   organization_id=self.branch_a1.id))
        Training = self.as_user(self.secretary, 'party.secretary.training')
        with self.assertRefused(ValidationError, 'number'):
            Training.create({'member_id': self.member_a1.id, 'course': 'x',
                             'hours': float('nan'), 'date': '2024-01-01'})

    def test_set_attendance_arguments(self):
        meeting = self.meeting()
        member = meeting.attendance_ids[:1].member_id
        for present, excused in ((None, 'x'), ([{}], None), (['a'], None),
                                 ([], {'x': 'ill'}), ([], {member.id: ''}),
                                 ([], {member.id: 5}), ([True], None)):
            with self.assertRefused(ValidationError, 'Attendance',
                                    msg=(present, excused)):
                meeting.set_attendance(present, excused)
        # keys arrive as strings over JSON-RPC: still recorded
        self.assertIs(meeting.set_attendance([], {str(member.id): 'Ill'}),
                      True)
        line = meeting.attendance_ids.filtered(
            lambda a: a.member_id == member)
        self.assertEqual((line.state, line.reason), ('excused', 'Ill'))


class TestMeetingFiles(PartyCase):

    def test_files_uploaded_in_a_new_meeting_follow_it(self):
        sec = self.secretary
        sheet = self.env['ir.attachment'].sudo(sec).create({
            'name': 'sign-in.pdf', 'datas': 'UERG', 'datas_fname': 'x.pdf',
            'res_model': 'party.meeting', 'res_id': 0})
        stranger = self.env['res.users'].create({
            'name': 'Stranger', 'login': 'test_stranger',
            'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        meeting = self.env['party.meeting'].sudo(sec).create({
            'name': 'Theme Day',
            'type_id': self.env.ref(
                'party_building.meeting_type_theme_day').id,
            'organization_id': self.branch_a1.id,
            'start': '2024-05-01 02:00:00', 'tz': 'Asia/Shanghai',
            'attachment_ids': [(6, 0, [sheet.id])]})
        self.assertEqual((sheet.res_model, sheet.res_id),
                         ('party.meeting', meeting.id))
        with self.assertRefused(AccessError):
            sheet.sudo(stranger).read(['name'])
        self.assertEqual(sheet.sudo(sec).read(['name'])[0]['name'],
                         'sign-in.pdf')
