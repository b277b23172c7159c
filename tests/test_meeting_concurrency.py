"""Two users recording one meeting at the same time, in two real
transactions (see concurrency.py): the second is retried by Odoo and
succeeds, instead of failing with "Unable to use a closed cursor"."""
# they commit on purpose: the other transaction must see the data
# pylint: disable=invalid-commit
import logging

from .concurrency import ConcurrencyCase

TAG = 'Concurrency meeting '


class TestMeetingConcurrency(ConcurrencyCase):

    def setUp(self):
        super(TestMeetingConcurrency, self).setUp()
        self.addCleanup(self.remove_data)
        Org = self.env['party.organization']
        root = Org.create({'name': TAG + 'root', 'kind': 'committee'})
        self.branch = Org.create({'name': TAG + 'branch', 'kind': 'branch',
                                  'parent_id': root.id})
        self.members = self.env['party.member']
        for i in range(4):
            self.members |= self.env['party.member'].create({
                'name': TAG + str(i), 'organization_id': self.branch.id,
                'status': 'full', 'join_date': '2010-01-01',
                'full_date': '2011-01-01'})
        self.meeting = self.env['party.meeting'].create({
            'name': TAG, 'organization_id': self.branch.id,
            'type_id': self.env.ref('party_building.meeting_type_general').id,
            'start': '2024-01-10 10:00:00', 'tz': 'Asia/Shanghai'})
        self.cr.commit()
        self.start_waiting()

    def remove_data(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM party_meeting WHERE name LIKE %s",
                       [TAG + '%'])
            cr.execute("DELETE FROM party_member WHERE name LIKE %s",
                       [TAG + '%'])
            cr.execute("DELETE FROM party_organization WHERE name LIKE %s "
                       "AND parent_id IS NOT NULL", [TAG + '%'])
            cr.execute("DELETE FROM party_organization WHERE name LIKE %s",
                       [TAG + '%'])

    def counts(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT present_count, state FROM party_meeting "
                       "WHERE id = %s", [self.meeting.id])
            return cr.fetchone()

    def test_attendance_recorded_twice_at_once(self):
        self.meeting.set_attendance(self.members[:3].ids)
        with self.assertLogs('odoo.service.model', logging.INFO) as logs:
            thread, result = self.rpc_in_thread(
                'party.meeting', 'set_attendance', [self.meeting.id],
                self.members[:2].ids)
            self.finish(thread, logs)
        self.assertEqual(result, {'value': True})
        self.assertEqual(self.counts(), (2, 'planned'))

    def test_held_while_a_line_is_edited(self):
        self.meeting.set_attendance(self.members.ids)
        self.cr.commit()
        self.meeting.attendance_ids[:1].write({'state': 'absent'})
        with self.assertLogs('odoo.service.model', logging.INFO) as logs:
            thread, result = self.rpc_in_thread(
                'party.meeting', 'action_held', [self.meeting.id])
            self.finish(thread, logs)
        # judged on the attendance as committed: three of four present
        self.assertEqual(result, {'value': True})
        self.assertEqual(self.counts(), (3, 'held'))
