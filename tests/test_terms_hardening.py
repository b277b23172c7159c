"""Terms and their configuration against ordinary logins over RPC: what a
secretary may not do (elect, end, rewrite history, set workflow fields),
bad input refused with a clear message and nothing lost, term lengths,
meeting types and committee posts in several companies."""
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import PartyCase

TRACKING = {'tracking_disable': False, 'mail_notrack': False,
            'mail_create_nolog': False}


class TermCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TermCase, cls).setUpClass()
        cls.secretary_role = cls.env.ref(
            'party_building.position_role_secretary')
        cls.member_role = cls.env.ref('party_building.position_role_member')

    def term(self, org=None, start='2020-01-01', user=None, **vals):
        Term = self.env['party.term']
        if user:
            Term = Term.sudo(user)
        return Term.create(dict(organization_id=(org or self.branch_a1).id,
                                start_date=start, **vals))


class TestElection(TermCase):

    def test_only_officers_elect_and_end(self):
        term = self.term(user=self.secretary)
        with self.assertRefused(AccessError, 'Only officers'):
            term.sudo(self.secretary).action_start()
        self.assertEqual(term.state, 'planned')
        # buttons return True: XML-RPC cannot marshal None
        self.assertIs(term.sudo(self.officer).action_start(), True)
        self.assertEqual(term.state, 'current')
        with self.assertRefused(AccessError, 'Only officers'):
            term.sudo(self.secretary).action_end()
        self.assertEqual(term.state, 'current')
        self.assertIs(term.sudo(self.officer).action_end(), True)
        self.assertEqual(term.state, 'ended')
        self.assertTrue(term.end_date)

    def test_state_is_written_by_the_buttons_only(self):
        term = self.term(user=self.secretary)
        with self.assertRefused(AccessError, 'cannot be set directly'):
            term.sudo(self.secretary).write({'state': 'current'})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            term.sudo(self.officer).write({'state': 'ended'})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.term(self.branch_a1, '2015-01-01', user=self.secretary,
                      state='ended')
        self.assertEqual(term.state, 'planned')

    def test_only_officers_end_terms_by_date(self):
        term = self.term(user=self.secretary)
        with self.assertRefused(AccessError, 'Only officers end terms'):
            term.sudo(self.secretary).end_date = '2021-01-01'
        with self.assertRefused(AccessError, 'Only officers end terms'):
            self.term(self.branch_a1, '2010-01-01', user=self.secretary,
                      end_date='2012-01-01')
        self.assertFalse(term.end_date)

    def test_ended_term_is_history(self):
        term = self.term(user=self.secretary, number=1)
        term.sudo(self.secretary).write({'position_ids': [(0, 0, {
            'member_id': self.member_a1.id,
            'role_id': self.secretary_role.id})]})
        term.sudo(self.officer).action_start()
        term.sudo(self.officer).action_end()
        position = term.position_ids
        for vals in [{'number': 7}, {'start_date': '2019-01-01'},
                     {'years': 5}, {'note': 'Rewritten'},
                     {'position_ids': [(2, position.id)]}]:
            with self.assertRefused(AccessError, 'history'):
                term.sudo(self.secretary).write(vals)
        with self.assertRefused(AccessError, 'history'):
            position.sudo(self.secretary).role_id = self.member_role
        with self.assertRefused(AccessError, 'history'):
            self.env['party.term.position'].sudo(self.secretary).create({
                'term_id': term.id, 'member_id': self.member_g1.id,
                'role_id': self.member_role.id})
        self.assertEqual((term.number, term.start_date, term.position_ids),
                         (1, '2020-01-01', position))
        # an officer corrects it, and the correction is tracked
        term.sudo(self.officer).with_context(**TRACKING).number = 2
        self.assertEqual(term.number, 2)
        tracked = self.env['mail.tracking.value'].search([
            ('mail_message_id', 'in', term.message_ids.ids),
            ('field', '=', 'number')])
        self.assertEqual((tracked.old_value_integer,
                          tracked.new_value_integer), (1, 2))
        self.assertEqual(tracked.mail_message_id.author_id,
                         self.officer.partner_id)
        self.env['party.term.position'].sudo(self.officer).create({
            'term_id': term.id, 'member_id': self.member_g1.id,
            'role_id': self.member_role.id})
        self.assertEqual(len(term.position_ids), 2)
        self.assertIn('added after the term ended',
                      term.message_ids[0].body)

    def test_started_term_stays_with_its_organization(self):
        term = self.term(self.branch_a1, user=self.secretary)
        term.sudo(self.officer).action_start()
        with self.assertRefused(UserError, 'stays with its organization'):
            term.sudo(self.officer).organization_id = self.branch_a2
        self.assertEqual(term.organization_id, self.branch_a1)

    def test_position_term_set_at_creation_only(self):
        own = self.term(self.branch_a1, user=self.secretary)
        other = self.term(self.branch_a1, '2010-01-01', user=self.secretary)
        Position = self.env['party.term.position'].sudo(self.secretary)
        position = Position.create({
            'term_id': own.id, 'member_id': self.member_a1.id,
            'role_id': self.secretary_role.id})
        self.assertEqual(position.term_id, own)
        with self.assertRefused(AccessError, 'cannot be set directly'):
            position.term_id = other
        self.assertEqual(position.term_id, own)

    def test_number_follows_the_last_term(self):
        first = self.term(self.branch_a1, '2010-01-01', user=self.secretary)
        self.assertEqual(first.number, 1)
        self.term(self.branch_a1, '2013-01-01', user=self.secretary,
                  number=6)
        self.assertEqual(
            self.term(self.branch_a1, user=self.secretary).number, 7)
        # per organization
        self.assertEqual(
            self.term(self.branch_a2, user=self.officer).number, 1)
        # the form proposes it too
        new = self.env['party.term'].sudo(self.secretary).new(
            {'organization_id': self.branch_a1.id})
        new._onchange_organization_id()
        self.assertEqual(new.number, 8)


class TestBadInput(TermCase):

    def test_term_length_out_of_range(self):
        for years in (0, -5, 100000, 11):
            with self.assertRefused(ValidationError, '1 to 10 years'):
                self.term(user=self.secretary, years=years)
        term = self.term(user=self.secretary, years=5)
        for years in (-5, 100000):
            with self.assertRefused(ValidationError, '1 to 10 years'):
                term.sudo(self.secretary).years = years
        self.assertEqual((term.years, term.planned_end_date),
                         (5, '2024-12-31'))

    def test_implausible_dates(self):
        for day in ('0001-01-01', '9999-12-31'):
            with self.assertRefused(ValidationError, 'between 1900'):
                self.term(start=day, user=self.secretary)
        term = self.term(user=self.secretary)
        for vals in [{'extended_until': '9999-12-31',
                      'extension_reference': 'Approval 1'},
                     {'start_date': '0001-01-01'},
                     {'election_date': '9999-01-01'}]:
            with self.assertRefused(ValidationError, 'between 1900'):
                term.sudo(self.secretary).write(vals)
        with self.assertRefused(ValidationError, 'between 1900'):
            term.sudo(self.officer).end_date = '9999-12-31'
        self.assertEqual((term.start_date, term.extended_until,
                          term.end_date), ('2020-01-01', False, False))

    def test_term_number_counts_from_one(self):
        for number in (0, -3):
            with self.assertRefused(ValidationError, 'enter 1 for the first'):
                self.term(user=self.secretary, number=number)
        term = self.term(user=self.secretary, number=2)
        with self.assertRefused(ValidationError, 'enter 1 for the first'):
            term.sudo(self.secretary).number = -1
        self.assertEqual(term.number, 2)

    def test_appraisal_year(self):
        member = self.make_member('Full A1', self.branch_a1, status='full',
                                  join_date='2010-01-01',
                                  full_date='2011-01-01')
        Appraisal = self.env['party.member.appraisal'].sudo(self.secretary)
        for year in (1, 1948, 2101, 99999):
            with self.assertRefused(ValidationError, 'appraisal year'):
                Appraisal.create({'year': year, 'member_id': member.id,
                                  'organization_id': self.branch_a1.id,
                                  'rating': 'qualified'})
        appraisal = Appraisal.create({
            'year': 2024, 'member_id': member.id,
            'organization_id': self.branch_a1.id, 'rating': 'qualified'})
        with self.assertRefused(ValidationError, 'appraisal year'):
            appraisal.year = 3024
        self.assertEqual(appraisal.year, 2024)

    def test_training_hours(self):
        Training = self.env['party.secretary.training'].sudo(self.secretary)
        values = {'member_id': self.member_a1.id, 'course': 'Party history',
                  'date': '2024-03-01'}
        for hours in (float('nan'), float('inf'), -8.0, 0.0, 1001.0):
            with self.assertRefused(ValidationError):
                Training.create(dict(values, hours=hours))
        training = Training.create(dict(values, hours=8))
        with self.assertRefused(ValidationError):
            training.hours = float('nan')
        self.assertEqual(training.hours, 8)

    def test_one_term_length_per_kind_and_sector(self):
        Length = self.env['party.term.length'].sudo(self.manager)
        Length.create({'kind': 'branch', 'years': 4})
        with self.assertRefused(ValidationError, 'already a term length'):
            Length.create({'kind': 'branch', 'years': 2})
        with self.assertRefused(ValidationError, 'already a term length'):
            Length.create({'kind': 'committee', 'company_id': False,
                           'years': 2})  # the seeded shared row
        # the database holds it too, whatever the path
        with mute_logger('odoo.sql_db'), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute("""
                    INSERT INTO party_term_length (kind, years, company_id)
                    VALUES ('branch', 2, %s)""", [self.company.id])
        row = Length.create({'kind': 'branch', 'sector': 'school',
                             'years': 4})
        with self.assertRefused(ValidationError, 'already a term length'):
            row.sector = False
        self.assertEqual(Length.search_count([('kind', '=', 'branch')]), 2)
        self.assertEqual(row.sector, 'school')
        # over RPC the database's refusal is translated the same way
        self.assertIn('party_term_length_kind_sector_uniq',
                      self.registry._sql_error)


class TestCompanies(TermCase):

    @classmethod
    def setUpClass(cls):
        super(TestCompanies, cls).setUpClass()
        cls.company_b = cls.env['res.company'].create({'name': 'Company B'})
        Org = cls.env['party.organization']
        cls.root_b = Org.create({'name': 'B Committee', 'kind': 'committee',
                                 'code': 'T-B', 'company_id': cls.company_b.id})
        cls.village_b = cls.make_org('B Village Branch', 'branch', cls.root_b,
                                     sector='village',
                                     company_id=cls.company_b.id)
        cls.enterprise_b = cls.make_org(
            'B Enterprise Branch', 'branch', cls.root_b, sector='enterprise',
            company_id=cls.company_b.id)
        cls.manager_b = cls.env['res.users'].create({
            'name': 'Test manager B', 'login': 'test_manager_b',
            'email': 'test_manager_b@example.com',
            'company_id': cls.company_b.id,
            'company_ids': [(6, 0, [cls.company_b.id])],
            'groups_id': [(6, 0, [
                cls.env.ref('base.group_user').id,
                cls.env.ref('party_building.group_manager').id])]})

    def test_seeded_lengths_apply_to_every_company(self):
        self.assertEqual(self.term(self.village_b).years, 5)
        self.assertEqual(self.term(self.enterprise_b).years, 3)
        self.assertEqual(self.term(self.root_b).years, 5)

    def test_own_lengths_take_precedence(self):
        village_a = self.make_org('A Village Branch', 'branch', self.city_a,
                                  sector='village')
        Length = self.env['party.term.length'].sudo(self.manager_b)
        own = Length.create({'sector': 'village', 'years': 4})
        self.assertEqual(own.company_id, self.company_b)
        self.assertEqual(self.term(self.village_b).years, 4)
        self.assertEqual(self.term(village_a).years, 5)
        # a company's rows are its own
        self.assertNotIn(own, self.env['party.term.length'].sudo(
            self.manager).search([]))

    def test_no_silent_fallback(self):
        self.env['party.term.length'].search([]).unlink()
        with self.assertRefused(ValidationError, 'No term length'):
            self.term(self.enterprise_b)
        self.assertEqual(self.term(self.enterprise_b, years=4).years, 4)

    def test_meeting_types_and_posts_by_company(self):
        Type = self.env['party.meeting.type']
        Role = self.env['party.position.role']
        shared_type = self.env.ref('party_building.meeting_type_theme_day')
        shared_role = self.secretary_role
        self.assertFalse(shared_type.company_id or shared_role.company_id)
        type_a = Type.create({'name': 'A Study Session'})
        role_a = Role.create({'name': 'A Liaison'})
        self.assertEqual((type_a.company_id, role_a.company_id),
                         (self.company, self.company))
        type_b = Type.sudo(self.manager_b).create({'name': 'B Study Session'})
        role_b = Role.sudo(self.manager_b).create({'name': 'B Liaison'})
        self.assertEqual(type_b.company_id, self.company_b)
        types_b = Type.sudo(self.manager_b).search([])
        roles_b = Role.sudo(self.manager_b).search([])
        self.assertIn(shared_type, types_b)
        self.assertIn(type_b, types_b)
        self.assertNotIn(type_a, types_b)
        self.assertIn(shared_role, roles_b)
        self.assertNotIn(role_a, roles_b)
        self.assertNotIn(type_b, Type.sudo(self.officer).search([]))
        # a type applies to its own company's organizations only
        self.assertTrue(shared_type.applies_to(self.village_b))
        self.assertTrue(type_b.applies_to(self.village_b))
        self.assertFalse(type_b.applies_to(self.branch_a1))
        # a committee post of another company cannot be held
        member = self.make_member('B Member', self.village_b)
        term = self.term(self.village_b)
        with self.assertRefused(ValidationError, 'another company'):
            self.env['party.term.position'].create({
                'term_id': term.id, 'member_id': member.id,
                'role_id': role_a.id})
        with self.assertRefused(AccessError):
            self.env['party.term.position'].sudo(self.manager_b).create({
                'term_id': term.id, 'member_id': member.id,
                'role_id': role_a.id})
        self.env['party.term.position'].sudo(self.manager_b).create({
            'term_id': term.id, 'member_id': member.id,
            'role_id': role_b.id})
        self.assertEqual(term.position_ids.role_id, role_b)
