from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import PartyCase

VALID_ID = '11010519491231002X'


class TestMember(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestMember, cls).setUpClass()
        cls.employee = cls.env['hr.employee'].create({
            'name': 'Zhang Wei', 'work_phone': '0731-8888001',
            'mobile_phone': '13800000001', 'work_email': 'zw@example.com'})

    def test_one_member_per_employee(self):
        self.make_member('Zhang Wei', self.branch_a1,
                         employee_id=self.employee.id)
        with mute_logger('odoo.sql_db'), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.make_member('Zhang Wei Again', self.branch_a2,
                                 employee_id=self.employee.id)

    def test_member_from_employee_takes_contact_data(self):
        member = self.env['party.member'].sudo(self.secretary).create({
            'employee_id': self.employee.id,
            'organization_id': self.branch_a1.id})
        self.assertEqual(member.name, 'Zhang Wei')
        self.assertEqual(member.mobile, '13800000001')
        self.assertEqual(member.email, 'zw@example.com')
        # explicit values win over the employee's
        other = self.env['hr.employee'].create({'name': 'Li Na',
                                                'mobile_phone': '1'})
        member = self.make_member('Li Na (party name)', self.branch_a1,
                                  employee_id=other.id, mobile='2')
        self.assertEqual((member.name, member.mobile),
                         ('Li Na (party name)', '2'))

    def test_onchange_employee(self):
        member = self.env['party.member'].new({'employee_id':
                                               self.employee.id})
        member._onchange_employee_id()
        self.assertEqual(member.name, 'Zhang Wei')
        self.assertEqual(member.phone, '0731-8888001')

    def test_employee_shows_member(self):
        member = self.make_member('Zhang Wei', self.branch_a1,
                                  employee_id=self.employee.id)
        employee = self.employee.sudo(self.secretary)
        self.assertEqual(employee.party_member_id, member)
        action = employee.action_open_party_member()
        self.assertEqual(action['res_id'], member.id)
        fresh = self.env['hr.employee'].create({'name': 'New Hire'})
        action = fresh.sudo(self.secretary).action_open_party_member()
        self.assertEqual(action['context']['default_employee_id'], fresh.id)

    def test_date_order(self):
        with self.assertRefused(ValidationError, 'application date'):
            self.make_member('X', self.branch_a1, application_date='2020-05-01',
                             join_date='2020-04-01')
        with self.assertRefused(ValidationError, 'later than'):
            self.make_member('X', self.branch_a1, status='full',
                             join_date='2020-05-01', full_date='2020-05-01')
        with self.assertRefused(ValidationError, 'future'):
            self.make_member('X', self.branch_a1, join_date='2999-01-01')
        member = self.make_member('Y', self.branch_a1,
                                  application_date='2019-01-01',
                                  join_date='2020-01-01')
        with self.assertRefused(ValidationError, 'later than'):
            member.write({'status': 'full', 'full_date': '2019-06-01'})
        self.assertEqual(member.status, 'probationary')

    def test_status_values(self):
        with self.assertRefused(ValidationError, 'still a probationary'):
            self.make_member('X', self.branch_a1, join_date='2020-01-01',
                             full_date='2021-01-01')
        member = self.make_member('X', self.branch_a1, status='full',
                                  join_date='2020-01-01',
                                  full_date='2021-01-01')
        self.assertEqual(member.status, 'full')
        with self.assertRefused(ValueError):
            self.make_member('Y', self.branch_a1, status='honorary')

    def test_member_only_in_branch_or_group(self):
        with self.assertRefused(ValidationError, 'party branch or a party'):
            self.make_member('X', self.city_a)
        self.assertEqual(self.member_g1.branch_id, self.branch_a1)
        self.assertEqual(self.member_a1.branch_id, self.branch_a1)

    def test_id_number(self):
        member = self.env['party.member'].sudo(self.officer).create({
            'name': 'X', 'organization_id': self.branch_a1.id,
            'id_number': VALID_ID.lower() + ' '})
        self.assertEqual(member.id_number, VALID_ID)
        with self.assertRefused(ValidationError, 'not a valid'):
            member.write({'id_number': '110105194912310021'})  # bad check
        with self.assertRefused(ValidationError, 'not a valid'):
            member.write({'id_number': '1101051949'})
        self.assertEqual(member.id_number, VALID_ID)

    def test_import_reports_the_wrong_field(self):
        Member = self.env['party.member'].sudo(self.secretary)
        fields = ['name', 'organization_id', 'status', 'join_date']
        result = Member.load(fields, [
            ['Imported One', 'Branch A1', 'Full Member', '2010-01-01'],
        ])
        self.assertFalse(result['messages'], result['messages'])
        self.assertEqual(Member.browse(result['ids']).organization_id,
                         self.branch_a1)
        for row, field in [
            (['Bad Status', 'Branch A1', 'Honorary', '2010-01-01'], 'status'),
            (['Bad Org', 'No Such Branch', 'Full Member', '2010-01-01'],
             'organization_id'),
            (['Bad Date', 'Branch A1', 'Full Member', 'yesterday'],
             'join_date'),
        ]:
            result = Member.load(fields, [row])
            self.assertFalse(result['ids'], row)
            self.assertEqual(result['messages'][0]['field'], field, row)
        # a constraint failure names the member and what to fix
        result = Member.load(fields, [['Future', 'Branch A1', 'Full Member',
                                       '2099-01-01']])
        self.assertFalse(result['ids'])
        self.assertIn('future', result['messages'][0]['message'])
        # an implausible date is refused before it reaches any computation
        result = Member.load(fields, [['Far', 'Branch A1', 'Full Member',
                                       '2999-01-01']])
        self.assertFalse(result['ids'])
        self.assertIn('between 1900-01-01 and 2100-12-31',
                      result['messages'][0]['message'])
