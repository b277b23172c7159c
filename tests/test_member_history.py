from odoo.exceptions import AccessError

from .common import PartyCase


class TestMemberHistory(PartyCase):
    """The member's path reads the records of the other work, each in the
    scope of the organization where it happened."""

    @classmethod
    def setUpClass(cls):
        super(TestMemberHistory, cls).setUpClass()
        Talk = cls.env['party.talk']
        cls.talk = Talk.create({
            'organization_id': cls.branch_a1.id, 'date': '2025-03-01',
            'talker_id': cls.member_g1.id, 'member_id': cls.member_a1.id,
            'topic': 'Study plan'})
        cls.training = cls.env['party.secretary.training'].create({
            'member_id': cls.member_a1.id, 'course': 'Secretary course',
            'hours': 8, 'date': '2024-05-02'})

    def test_path_lists_events_newest_first(self):
        history = self.member_a1.sudo(self.secretary).history_ids
        self.assertEqual(history.mapped('kind'), ['talk', 'training'])
        self.assertEqual(history.mapped('date'), ['2025-03-01', '2024-05-02'])
        self.assertEqual(history[0].name, self.talk.display_name)
        self.assertEqual(history[0].organization_id, self.branch_a1)

    def test_path_scoped_and_read_only(self):
        History = self.env['party.member.history']
        other = self.env['party.talk'].create({
            'organization_id': self.branch_b1.id, 'date': '2025-04-01',
            'talker_id': self.make_member('Talker B1', self.branch_b1).id,
            'member_id': self.member_b1.id, 'topic': 'Elsewhere'})
        self.assertTrue(History.search([('res_model', '=', 'party.talk'),
                                        ('res_id', '=', other.id)]))
        seen = History.sudo(self.officer).search([])
        self.assertTrue(seen)
        self.assertNotIn(self.branch_b1, seen.mapped('organization_id'))
        with self.assertRaises(AccessError):
            History.sudo(self.manager).create({'kind': 'talk'})

    def _path_queries(self, member, talks):
        for day in range(1, talks + 1):
            self.env['party.talk'].create({
                'organization_id': self.branch_a1.id,
                'date': '2025-01-%02d' % day,
                'talker_id': self.member_a1.id,
                'member_id': member.id, 'topic': 'Talk %d' % day})
        member = member.sudo(self.secretary)
        member.invalidate_cache()
        with self.count_queries() as queries:
            self.assertEqual(len(member.history_ids.mapped('name')), talks)
        return queries[0]

    def test_path_of_a_member_costs_fixed_queries(self):
        self._path_queries(self.make_member('Warm-up', self.branch_a1), 1)
        self.assertEqual(self._path_queries(self.member_g1, 2),
                         self._path_queries(
            self.make_member('Member A1b', self.branch_a1), 20))

    def test_path_lists_meetings_attended_once_held(self):
        meeting = self.env['party.meeting'].create({
            'name': 'Theme day', 'organization_id': self.branch_a1.id,
            'type_id': self.env.ref(
                'party_building.meeting_type_theme_day').id,
            'start': '2025-06-01 02:00:00', 'tz': 'Asia/Shanghai'})
        meeting.set_attendance(self.member_a1.ids)
        History = self.env['party.member.history'].sudo(self.secretary)
        attended = [('member_id', '=', self.member_a1.id),
                    ('kind', '=', 'attendance')]
        self.assertFalse(History.search(attended))
        meeting.action_held()
        event = History.search(attended)
        self.assertEqual((event.date, event.organization_id),
                         ('2025-06-01', self.branch_a1))
