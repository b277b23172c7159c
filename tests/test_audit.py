"""The audit trail (痕迹化): OCA auditlog records every change of members,
meetings, attendance, terms and assessments with old and new values; only
party managers read it, for their companies; a bulk change costs a fixed
number of queries."""
from odoo.exceptions import AccessError

from .common import PartyCase
from .test_meetings import MeetingCase
from .test_member import VALID_ID

OTHER_ID = '110105198001010016'


class AuditCase(PartyCase):

    def logs(self, record, user=None):
        Log = self.env['auditlog.log']
        if user:
            Log = Log.sudo(user)
        return Log.search([('model_id.model', '=', record._name),
                           ('res_id', '=', record.id)])

    def changes(self, record, field_name, user=None):
        return [(line.old_value_text, line.new_value_text)
                for log in self.logs(record, user)
                for line in log.line_ids
                if line.field_id.name == field_name]


class TestMemberTrail(AuditCase):

    def test_rules_subscribed(self):
        for name in ('member', 'meeting', 'attendance', 'term', 'assessment',
                     'assessment_line'):
            rule = self.env.ref('party_building.auditlog_rule_%s' % name)
            self.assertEqual(rule.state, 'subscribed', name)
            self.assertIn(self.env.ref('party_building.group_manager'),
                          rule.action_id.groups_id, name)

    def test_officer_change_is_logged_for_the_manager(self):
        member = self.member_a1.sudo(self.officer)
        member.write({'id_number': VALID_ID})
        member.write({'id_number': OTHER_ID})
        # the organization changes through a transfer of membership, which
        # the officer, in scope of both sides, requests and accepts
        transfer = self.env['party.member.transfer'].sudo(self.officer) \
            .create({'kind': 'internal', 'member_id': self.member_a1.id,
                     'to_organization_id': self.branch_a2.id,
                     'letter_number': 'PA-2025-018'})
        transfer.action_accept()
        logs = self.logs(self.member_a1, self.manager)
        self.assertEqual(len(logs), 3)
        self.assertEqual(logs.mapped('user_id'), self.officer)
        self.assertEqual(set(logs.mapped('method')), {'write'})
        self.assertEqual(logs.mapped('company_id'), self.company)
        self.assertEqual(logs.mapped('name'), ['Member A1'] * 3)
        self.assertEqual(
            set(self.changes(self.member_a1, 'id_number', self.manager)),
            {(False, VALID_ID), (VALID_ID, OTHER_ID)})
        self.assertEqual(
            self.changes(self.member_a1, 'organization_id', self.manager),
            [(str((self.branch_a1.id, self.branch_a1.display_name)),
              str((self.branch_a2.id, self.branch_a2.display_name)))])
        # as the trail shows them: names, not ids
        moved = logs.sudo(self.manager).mapped('line_ids').filtered(
            lambda l: l.field_name == 'organization_id')
        self.assertEqual((moved.party_old_value, moved.party_new_value),
                         (self.branch_a1.display_name,
                          self.branch_a2.display_name))

    def test_nobody_else_reads_the_trail(self):
        self.member_a1.sudo(self.officer).write({'id_number': VALID_ID})
        for user in (self.viewer, self.secretary, self.officer):
            with self.assertRaises(AccessError, msg=user.login):
                self.env['auditlog.log'].sudo(user).search([])
            with self.assertRaises(AccessError, msg=user.login):
                self.env['auditlog.log.line'].sudo(user).search_read(
                    [], ['old_value_text'])

    def test_other_company_logs_hidden(self):
        other = self.env['res.company'].create({'name': 'Other Company'})
        org = self.env['party.organization'].create({
            'name': 'Other Committee', 'kind': 'committee',
            'code': 'T-OTHER', 'company_id': other.id})
        branch = self.make_org('Other Branch', 'branch', org,
                               company_id=other.id)
        member = self.make_member('Other Member', branch)
        member.write({'id_number': VALID_ID})
        self.assertEqual(self.logs(member).company_id, other)
        self.assertFalse(self.logs(member, self.manager))
        self.member_a1.sudo(self.officer).write({'id_number': VALID_ID})
        self.assertTrue(self.logs(self.member_a1, self.manager))

    def test_unlink_logged(self):
        member = self.make_member('Passing Member', self.branch_a1)
        member.sudo(self.officer).write({'active': False})
        self.env['party.member'].browse(member.id).unlink()
        methods = self.logs(member, self.manager).mapped('method')
        self.assertEqual(sorted(methods), ['unlink', 'write'])


class TestAttendanceTrail(MeetingCase, AuditCase):

    def test_attendance_logged_in_fixed_queries(self):
        def queries_for(count):
            org = self.make_org('Audit Branch %d' % count, 'branch',
                                self.city_a)
            members = self.env['party.member']
            for i in range(count):
                members |= self.make_member('M%d-%d' % (count, i), org)
            meeting = self.meeting(self.theme_day, '2024-05-01 02:00:00',
                                   org=org)
            meeting.invalidate_cache()
            with self.count_queries() as n:
                meeting.set_attendance(members[::2].ids,
                                       excused={members[1].id: 'Away'})
            lines = meeting.attendance_ids
            logged = self.env['auditlog.log'].search([
                ('model_id.model', '=', 'party.meeting.attendance'),
                ('res_id', 'in', lines.ids)])
            self.assertEqual(len(logged), count)
            return n[0]
        queries_for(4)  # warm the caches
        self.assertEqual(queries_for(10), queries_for(60))

    def test_secretary_change_names_the_member(self):
        meeting = self.meeting(self.theme_day, '2024-05-01 02:00:00',
                               user=self.secretary)
        line = meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.full[0])
        line.sudo(self.secretary).write({'state': 'excused',
                                         'reason': 'Ill'})
        self.assertEqual(self.changes(line, 'reason', self.manager),
                         [(False, 'Ill')])
        state = self.logs(line, self.manager).line_ids.filtered(
            lambda l: l.field_name == 'state')
        labels = dict(line._fields['state'].selection)
        self.assertEqual(state.party_new_value, labels['excused'])
        log = self.logs(line, self.manager)
        self.assertEqual(log.user_id, self.secretary)
        self.assertEqual(log.name, '%s · Meeting' % self.full[0].name)
