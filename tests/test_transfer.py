"""Transfers of membership (组织关系转接): requested by the sending side,
accepted or refused by the receiving side in another officer's scope; into
and out of the system with the introduction letter; reminders and the
metric of transfers waiting too long."""
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyCase
from ..models.party_guard import trusted


class TransferCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TransferCase, cls).setUpClass()
        cls.member_a1.write({'gender': 'female', 'birth_date': '1990-05-04',
                             'ethnicity': 'Han', 'status': 'full',
                             'join_date': '2012-07-01',
                             'full_date': '2013-07-01',
                             'native_place': 'Hangzhou'})
        # the receiving side: another officer's scope
        cls.secretary_b = cls.make_user('secretary_b', 'group_secretary',
                                        cls.branch_b1)
        cls.officer_b = cls.make_user('officer_b', 'group_officer',
                                      cls.city_b)
        cls.viewer_b = cls.make_user('viewer_b', 'group_viewer', cls.city_b)
        cls.secretary_a2 = cls.make_user('secretary_a2', 'group_secretary',
                                         cls.branch_a2)

    def request(self, user=None, member=None, to=None, **vals):
        return self.as_user(user or self.secretary,
                            'party.member.transfer').create(dict(
                                kind='internal',
                                member_id=(member or self.member_a1).id,
                                to_organization_id=(to or self.branch_b1).id,
                                letter_number='PA-2025-017', **vals))

    def sees_member(self, user, member=None):
        member = member or self.member_a1
        return bool(self.as_user(user, 'party.member').search(
            [('id', '=', member.id)]))


class TestTransferWithinSystem(TransferCase):

    def test_sent_and_accepted_across_scopes(self):
        transfer = self.request(letter_date='2025-03-01')
        self.assertEqual(transfer.state, 'pending')
        self.assertEqual(transfer.from_organization_id, self.branch_a1)
        self.assertEqual(transfer.requested_by, self.secretary)
        self.assertEqual(transfer.valid_until, '2025-06-01')
        # the receiver reads the request and the member's data it needs,
        # not the member
        incoming = self.as_user(self.secretary_b, 'party.member.transfer')\
            .search([('is_receiver', '=', True), ('state', '=', 'pending')])
        self.assertEqual(incoming, transfer)
        data = incoming.read(['member_name', 'gender', 'birth_date',
                              'status', 'join_date', 'native_place',
                              'from_organization_id'])[0]
        self.assertEqual((data['member_name'], data['gender'],
                          data['birth_date'], data['status'],
                          data['native_place']),
                         ('Member A1', 'female', '1990-05-04', 'full',
                          'Hangzhou'))
        self.assertFalse(self.sees_member(self.secretary_b))
        with self.assertRaises(AccessError):
            self.member_a1.sudo(self.secretary_b).read(['name'])
        # the sender lists it as outgoing
        outgoing = self.as_user(self.secretary, 'party.member.transfer')\
            .search([('is_sender', '=', True)])
        self.assertEqual(outgoing, transfer)
        self.assertFalse(self.as_user(self.secretary, 'party.member.transfer')
                         .search([('is_receiver', '=', True)]))
        # others see nothing
        for user in (self.secretary_a2, self.nobody):
            self.assertFalse(self.as_user(user, 'party.member.transfer')
                             .search([]), user.login)
        # the sender cannot accept it for the receiver
        with self.assertRefused(AccessError, 'not one of your'):
            transfer.sudo(self.secretary).action_accept()
        with self.assertRefused(AccessError, 'not one of your'):
            transfer.sudo(self.officer).action_accept()
        # the receiver accepts: the member moves
        transfer.sudo(self.secretary_b).action_accept()
        self.assertEqual(transfer.state, 'done')
        self.assertEqual(transfer.decided_by, self.secretary_b)
        self.assertEqual(self.member_a1.organization_id, self.branch_b1)
        self.assertTrue(self.sees_member(self.secretary_b))
        self.assertTrue(self.sees_member(self.officer_b))
        self.assertFalse(self.sees_member(self.secretary))
        self.assertFalse(self.sees_member(self.officer))
        # the sender keeps the transfer and the member's path in its scope
        mine = self.as_user(self.secretary, 'party.member.transfer').search(
            [('member_id', '=', self.member_a1.id)])
        self.assertEqual(mine, transfer)
        action = mine.action_open_history()
        path = self.as_user(self.secretary, 'party.member.history').search(
            action['domain'])
        self.assertEqual(path.mapped('kind'), ['transfer_out'])
        self.assertEqual(path.organization_id, self.branch_a1)
        self.assertEqual(path.name, transfer.name)
        # the receiver's side of the path
        path_b = self.as_user(self.secretary_b, 'party.member.history')\
            .search(action['domain'])
        self.assertEqual(path_b.mapped('kind'), ['transfer_in'])
        # done: nobody changes it any more
        with self.assertRefused(UserError, 'no longer pending'):
            transfer.sudo(self.secretary_b).action_accept()
        with self.assertRefused(UserError, 'closed'):
            transfer.sudo(self.secretary).write({'letter_number': 'X'})
        with self.assertRefused(UserError, 'cannot be deleted'):
            transfer.sudo(self.officer).unlink()

    def test_officer_of_the_receiving_county_accepts(self):
        transfer = self.request()
        transfer.sudo(self.officer_b).action_accept()
        self.assertEqual(self.member_a1.organization_id, self.branch_b1)

    def test_within_the_scope(self):
        # an officer over both sides sends and accepts
        transfer = self.request(user=self.officer, to=self.branch_a2)
        self.assertTrue(transfer.sudo(self.officer).is_receiver)
        self.assertTrue(self.sees_member(self.secretary_a2) is False)
        transfer.sudo(self.secretary_a2).action_accept()
        self.assertEqual(self.member_a1.organization_id, self.branch_a2)
        self.assertTrue(self.sees_member(self.secretary_a2))
        self.assertFalse(self.sees_member(self.secretary))

    def test_refused_with_a_reason(self):
        transfer = self.request()
        with self.assertRefused(ValidationError, 'reason'):
            transfer.sudo(self.secretary_b).action_refuse('  ')
        wizard = self.env['party.member.transfer.refuse'].sudo(
            self.secretary_b).create({'transfer_id': transfer.id,
                                      'reason': 'Wrong branch'})
        wizard.action_refuse()
        self.assertEqual((transfer.state, transfer.refusal_reason),
                         ('refused', 'Wrong branch'))
        self.assertEqual(self.member_a1.organization_id, self.branch_a1)
        # a new request is possible once refused
        self.request(to=self.branch_a2)

    def test_cancelled_by_the_sender_only(self):
        transfer = self.request()
        with self.assertRefused(AccessError, 'sending side'):
            transfer.sudo(self.secretary_b).action_cancel()
        transfer.sudo(self.secretary).action_cancel()
        self.assertEqual(transfer.state, 'cancelled')
        self.assertEqual(self.member_a1.organization_id, self.branch_a1)

    def test_viewers_only_read(self):
        transfer = self.request()
        for viewer in (self.viewer, self.viewer_b):
            self.assertEqual(self.as_user(viewer, 'party.member.transfer')
                             .search([]), transfer)
            with self.assertRefused(AccessError):
                transfer.sudo(viewer).action_accept()
            with self.assertRefused(AccessError):
                transfer.sudo(viewer).action_cancel()
            with self.assertRefused(AccessError):
                transfer.sudo(viewer).write({'letter_number': 'X'})
        with self.assertRefused(AccessError):
            self.request(user=self.viewer, member=self.member_a2)


class TestTransferBadInput(TransferCase):

    def count(self):
        return self.env['party.member.transfer'].search_count([])

    def test_refusals(self):
        before = self.count()
        with self.assertRefused(ValidationError, 'already belongs'):
            self.request(to=self.branch_a1)
        with self.assertRefused(ValidationError, 'cannot hold members'):
            self.request(to=self.city_b)
        with self.assertRefused(ValidationError, 'receiving'):
            self.as_user(self.secretary, 'party.member.transfer').create({
                'member_id': self.member_a1.id})
        # a member outside the sender's scope
        with self.assertRefused(AccessError):
            self.request(member=self.member_b1, to=self.branch_a2)
        self.assertEqual(self.count(), before)
        self.request()
        with self.assertRefused(UserError, 'already in progress'):
            self.request(to=self.branch_a2)
        self.assertEqual(self.count(), before + 1)

    def test_archived_destination(self):
        closed = self.make_org('Closed Branch', 'branch', self.city_b)
        closed.active = False
        with self.assertRefused(ValidationError, 'cannot hold members'):
            self.request(to=closed)

    def test_direct_write_of_the_organization(self):
        for user in (self.secretary, self.officer, self.manager):
            with self.assertRefused(UserError, 'transfer of membership'):
                self.member_a1.sudo(user).write(
                    {'organization_id': self.branch_a2.id})
        self.assertEqual(self.member_a1.organization_id, self.branch_a1)
        # other fields, and the same organization, are still written
        self.member_a1.sudo(self.secretary).write({
            'organization_id': self.branch_a1.id, 'job_post': 'Teacher'})
        self.assertEqual(self.member_a1.job_post, 'Teacher')
        # creation anywhere in scope still works
        member = self.as_user(self.secretary, 'party.member').create({
            'name': 'New', 'organization_id': self.group_a1.id})
        self.assertEqual(member.branch_id, self.branch_a1)

    def test_workflow_fields_over_the_orm(self):
        transfer = self.request()
        for values in ({'state': 'done'},
                       {'to_organization_id': self.branch_a2.id},
                       {'from_organization_id': self.branch_a2.id},
                       {'member_id': self.member_g1.id},
                       {'decided_by': self.secretary.id},
                       {'status': 'probationary'}):
            with self.assertRefused(AccessError, 'cannot be set directly',
                                    msg=str(values)):
                transfer.sudo(self.secretary).write(values)
        # the receiver does not change the sender's letter
        with self.assertRefused(AccessError, 'recorded'):
            transfer.sudo(self.secretary_b).write({'letter_number': 'X'})
        # nor a client creates a transfer already accepted
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.request(member=self.member_g1, state='done')
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.request(member=self.member_g1,
                         from_organization_id=self.branch_b1.id)
        self.assertEqual(self.member_a1.organization_id, self.branch_a1)

    def test_member_moved_meanwhile(self):
        transfer = self.request()
        trusted(self.member_a1).write({'organization_id': self.branch_a2.id})
        with self.assertRefused(UserError, 'has moved'):
            transfer.sudo(self.secretary_b).action_accept()
        self.assertEqual(self.member_a1.organization_id, self.branch_a2)

    def test_destination_search_names_only(self):
        """The sender finds the destination by name across scopes; the
        organization itself stays unreadable."""
        Org = self.as_user(self.secretary, 'party.organization')
        found = dict(Org.with_context(party_transfer_destination=True)
                     .name_search('Branch B1'))
        self.assertIn(self.branch_b1.id, found)
        self.assertNotIn(self.city_b.id, dict(
            Org.with_context(party_transfer_destination=True)
            .name_search('City B')))
        self.assertFalse(Org.name_search('Branch B1'))
        with self.assertRaises(AccessError):
            self.branch_b1.sudo(self.secretary).read(['name'])
        # a viewer gets nothing across scopes
        self.assertFalse(self.as_user(self.viewer, 'party.organization')
                         .with_context(party_transfer_destination=True)
                         .name_search('Branch B1'))


class TestTransferInAndOut(TransferCase):

    def test_into_the_system(self):
        Transfer = self.as_user(self.secretary_b, 'party.member.transfer')
        with self.assertRefused(ValidationError, 'letter'):
            Transfer.create({'kind': 'in', 'member_name': 'Newcomer',
                             'to_organization_id': self.branch_b1.id,
                             'external_organization': 'Army unit 1'})
        with self.assertRefused(AccessError, 'own organizations'):
            Transfer.create({'kind': 'in', 'member_name': 'Newcomer',
                             'to_organization_id': self.branch_a1.id,
                             'external_organization': 'Army unit 1',
                             'letter_number': 'J-1'})
        transfer = Transfer.create({
            'kind': 'in', 'member_name': 'Newcomer', 'gender': 'male',
            'status': 'full', 'join_date': '2015-07-01',
            'full_date': '2016-07-01', 'to_organization_id': self.branch_b1.id,
            'external_organization': 'Army unit 1', 'letter_number': 'J-1',
            'letter_date': '2025-02-01'})
        self.assertEqual(transfer.valid_until, '2025-05-01')
        self.assertFalse(transfer.member_id)
        # the sending side (none in the system) and others do not see it
        self.assertFalse(self.as_user(self.secretary, 'party.member.transfer')
                         .search([]))
        transfer.action_complete()
        member = transfer.member_id
        self.assertEqual((member.name, member.organization_id, member.status,
                          member.join_date),
                         ('Newcomer', self.branch_b1, 'full', '2015-07-01'))
        self.assertEqual(member.transfer_ids, transfer)
        self.assertEqual(transfer.state, 'done')
        self.assertEqual(self.as_user(self.secretary_b, 'party.member.history')
                         .search([('member_id', '=', member.id)])
                         .mapped('kind'), ['transfer_in'])

    def test_out_of_the_system(self):
        Transfer = self.as_user(self.secretary, 'party.member.transfer')
        with self.assertRefused(ValidationError, 'goes to'):
            Transfer.create({'kind': 'out', 'member_id': self.member_a1.id,
                             'letter_number': 'C-9'})
        transfer = Transfer.create({
            'kind': 'out', 'member_id': self.member_a1.id,
            'external_organization': 'Other Province Committee',
            'letter_number': 'C-9'})
        with self.assertRefused(UserError, 'acceptance'):
            self.request(member=self.member_g1).action_complete()
        transfer.action_complete()
        self.assertFalse(self.member_a1.active)
        self.assertEqual(transfer.state, 'done')
        self.assertEqual(transfer.external_organization,
                         'Other Province Committee')
        self.assertFalse(self.sees_member(self.secretary))
        # archived, not lost
        self.assertTrue(self.as_user(self.secretary, 'party.member')
                        .with_context(active_test=False).search(
                            [('id', '=', self.member_a1.id)]))


class TestTransferReminders(TransferCase):

    def test_waiting_too_long(self):
        transfer = self.request()
        self.env.cr.execute(
            "UPDATE party_member_transfer SET request_date = '2025-01-01' "
            "WHERE id = %s", [transfer.id])
        transfer.invalidate_cache()
        Transfer = self.env['party.member.transfer']
        Activity = self.env['mail.activity']
        domain = [('res_model', '=', 'party.member.transfer'),
                  ('res_id', '=', transfer.id)]
        Transfer._cron_remind(today=datetime.date(2025, 1, 30))
        self.assertFalse(Activity.search(domain))
        Transfer._cron_remind(today=datetime.date(2025, 1, 31))
        users = Activity.search(domain).mapped('user_id')
        # the receiving side's officer (no secretary in post) and the
        # requester
        self.assertEqual(users, self.officer_b | self.secretary)
        Transfer._cron_remind(today=datetime.date(2025, 2, 5))
        self.assertEqual(len(Activity.search(domain)), 2)
        # the overdue filter, then closing clears the reminders
        self.assertIn(transfer, Transfer.sudo(self.secretary_b).search(
            [('overdue', '=', True)]))
        transfer.sudo(self.secretary_b).action_accept()
        self.assertFalse(Activity.search(domain))

    def test_metric(self):
        metric = self.env.ref('party_building.metric_transfer_overdue')
        early = self.request()
        late = self.request(member=self.member_g1, to=self.branch_a2)
        self.env.cr.execute(
            "UPDATE party_member_transfer SET request_date = %s WHERE id = %s",
            ['2023-11-01', early.id])
        self.env.cr.execute(
            "UPDATE party_member_transfer SET request_date = %s WHERE id = %s",
            ['2023-12-15', late.id])
        orgs = [self.branch_a1.id, self.branch_b1.id, self.branch_a2.id,
                self.city_a.id]
        values = metric._compute_values(orgs, '2023-01-01', '2023-12-31')
        self.assertEqual(values[self.branch_a1.id][0], 1.0)
        self.assertEqual(values[self.branch_b1.id][0], 1.0)
        self.assertEqual(values[self.branch_a2.id][0], 0.0)
        self.assertEqual(values[self.city_a.id][0], 0.0)
        # decided after the period: still waiting on its last day
        early.sudo(self.secretary_b).action_accept()
        values = metric._compute_values(orgs, '2023-01-01', '2023-12-31')
        self.assertEqual(values[self.branch_b1.id][0], 1.0)


class TestPersonCategory(TransferCase):

    def test_configuration(self):
        category = self.env.ref('party_building.member_category_retired')
        self.member_a1.sudo(self.secretary).person_category_id = category
        self.assertEqual(self.member_a1.person_category_id, category)
        with self.assertRefused(AccessError):
            self.as_user(self.officer, 'party.member.category').create(
                {'name': 'Soldier'})
        self.as_user(self.manager, 'party.member.category').create(
            {'name': 'Soldier'})


class TestTransferQueries(TransferCase):

    def list_queries(self, count):
        members = self.env['party.member'].browse([
            self.make_member('Q%d-%d' % (count, i), self.branch_a2).id
            for i in range(count)])
        for member in members:
            self.request(user=self.officer, member=member)
        Transfer = self.as_user(self.secretary_b, 'party.member.transfer')
        self.env.clear()
        with self.count_queries() as n:
            rows = Transfer.search_read(
                [('is_receiver', '=', True)],
                ['member_name', 'from_organization_id', 'state', 'overdue',
                 'is_sender', 'is_receiver'])
        self.assertTrue(all(row['is_receiver'] for row in rows))
        return n[0], len(rows)

    def test_incoming_list_costs_fixed_queries(self):
        self.list_queries(1)
        few, seen_few = self.list_queries(3)
        many, seen_many = self.list_queries(15)
        self.assertEqual((seen_few, seen_many), (4, 19))
        self.assertEqual(few, many)
