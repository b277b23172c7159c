"""Members away from home (流动党员): they belong to and count for their own
branch; the host reads who it hosts; attendance at the host's held
meetings counts as theirs, in their own branch's view of their path."""
from odoo.exceptions import AccessError, ValidationError

from .test_transfer import TransferCase


class TestMemberAway(TransferCase):

    def away(self, user=None, member=None, **vals):
        values = dict(member_id=(member or self.member_a1).id,
                      date_start='2025-01-01', place='Shenzhen',
                      host_organization_id=self.branch_b1.id,
                      certificate_number='LD-0001', contact='13800000000')
        values.update(vals)
        return self.as_user(user or self.secretary,
                            'party.member.away').create(values)

    def test_recorded_and_counted_for_the_own_branch(self):
        away = self.away()
        self.assertEqual(away.organization_id, self.branch_a1)
        self.assertEqual(away.host_organization_id, self.branch_b1)
        # the member still belongs to and counts for the own branch
        self.assertEqual(self.member_a1.organization_id, self.branch_a1)
        Member = self.as_user(self.secretary, 'party.member')
        self.assertIn(self.member_a1, Member.search(
            [('branch_id', '=', self.branch_a1.id)]))
        self.env.cr.execute(
            "SELECT organization_id, member_count FROM party_member_count "
            "WHERE organization_id IN %s",
            [(self.branch_a1.id, self.branch_b1.id)])
        counts = dict(self.env.cr.fetchall())
        self.assertEqual(counts.get(self.branch_a1.id), 1)
        self.assertEqual(counts.get(self.branch_b1.id), 1)  # Member B1 only
        self.assertFalse(self.sees_member(self.secretary_b))

    def test_scope(self):
        away = self.away()
        Away = 'party.member.away'
        for user in (self.secretary, self.officer, self.viewer):
            self.assertEqual(self.as_user(user, Away).search([]), away)
        # the host reads it (read only), without the member
        self.assertEqual(self.as_user(self.secretary_b, Away).search([]),
                         away)
        with self.assertRefused(AccessError):
            away.sudo(self.secretary_b).write({'contact': 'x'})
        with self.assertRefused(AccessError):
            away.sudo(self.officer_b).unlink()
        # an unrelated branch sees nothing
        self.assertFalse(self.as_user(self.secretary_a2, Away).search([]))
        # nor may record one for a member it cannot see
        with self.assertRefused(AccessError):
            self.away(user=self.secretary_a2)
        with self.assertRefused(AccessError):
            self.away(user=self.viewer, member=self.member_g1)
        # the own side changes it, the host too
        away.sudo(self.secretary).write({'host_organization_id':
                                         self.branch_a2.id})
        self.assertEqual(away.host_organization_id, self.branch_a2)
        with self.assertRefused(ValidationError, 'another organization'):
            away.sudo(self.secretary).write({'host_organization_id':
                                             self.branch_a1.id})
        with self.assertRefused(AccessError):
            away.sudo(self.secretary_b).write({'host_organization_id':
                                               self.branch_b1.id})

    def test_bad_periods(self):
        self.away(date_end='2025-06-30')
        with self.assertRefused(ValidationError, 'already has a period'):
            self.away(date_start='2025-06-01')
        with self.assertRefused(ValidationError, 'before it starts'):
            self.away(date_start='2025-09-01', date_end='2025-08-01')
        with self.assertRefused(ValidationError, 'branch or party group'):
            self.away(date_start='2025-09-01',
                      host_organization_id=self.city_b.id)
        with self.assertRefused(ValidationError, 'not both'):
            self.away(date_start='2025-09-01', host_name='Outside')
        self.away(date_start='2025-07-01', host_organization_id=False,
                  host_name='Shenzhen Talent Centre Committee')

    def test_attendance_at_the_host_counts(self):
        away = self.away()
        self.member_b1.write({'status': 'full', 'join_date': '2010-01-01',
                              'full_date': '2011-01-01'})
        general = self.env.ref('party_building.meeting_type_general')
        meeting = self.env['party.meeting'].create({
            'name': 'Host meeting', 'type_id': general.id,
            'organization_id': self.branch_b1.id,
            'start': '2025-03-01 02:00:00', 'tz': 'Asia/Shanghai'})
        meeting.set_attendance(meeting.attendance_ids.mapped(
            'member_id').ids)
        self.env['party.meeting.attendance'].create({
            'meeting_id': meeting.id, 'member_id': self.member_a1.id,
            'is_guest': True, 'state': 'present'})
        meeting.action_held()
        away.invalidate_cache()
        self.assertEqual(away.sudo(self.secretary).host_attendance_count, 1)
        path = self.as_user(self.secretary, 'party.member.history').search(
            [('member_id', '=', self.member_a1.id)])
        hosted = path.filtered(lambda e: e.kind == 'away_attendance')
        self.assertEqual(hosted.organization_id, self.branch_a1)
        self.assertEqual(hosted.name, 'Host meeting')
        self.assertIn('away', path.mapped('kind'))
        # outside the period it does not count
        away.sudo(self.secretary).write({'date_end': '2025-02-01'})
        away.invalidate_cache()
        self.assertEqual(away.host_attendance_count, 0)
