from odoo.exceptions import AccessError, UserError, ValidationError

from .common_lifecycle import LifecycleCase


class TestProbation(LifecycleCase):
    """Conversion, extension and cancellation of a probationary member,
    with their dates, recorded by the branch's secretary."""

    @classmethod
    def setUpClass(cls):
        super(TestProbation, cls).setUpClass()
        cls.probationer = cls.make_member('Probationer', cls.branch_a1,
                                          join_date='2023-03-01')

    def decide(self, member=None, user=None, **vals):
        return self.env['party.member.decision'].sudo(
            (user or self.secretary).id).create(dict({
                'member_id': (member or self.probationer).id,
                'kind': 'conversion', 'decision': 'Approved, ref. 12'},
                **vals))

    def test_conversion_at_the_end_of_the_probation(self):
        member = self.probationer
        self.assertEqual(member.probation_end, '2024-03-01')
        early = self.held_meeting('2024-02-29')
        on_time = self.held_meeting('2024-03-01')
        planned = self.held_meeting('2024-03-05', held=False)
        theme = self.held_meeting('2024-03-05', meeting_type=self.theme_day)
        self.secretary.party_organization_ids |= self.branch_a2
        elsewhere = self.held_meeting('2024-03-05', org=self.branch_a2)
        for vals, exception, regex in (
                ({'meeting_id': early.id, 'date': '2024-03-01'}, UserError,
                 'lasts until 2024-03-01'),
                ({'meeting_id': planned.id, 'date': '2024-03-05'},
                 ValidationError, 'not been held'),
                ({'meeting_id': theme.id, 'date': '2024-03-05'},
                 ValidationError, 'general meeting of Branch A1'),
                ({'meeting_id': elsewhere.id, 'date': '2024-03-05'},
                 ValidationError, 'general meeting of Branch A1'),
                ({'date': '2024-03-05'}, ValidationError, 'meeting'),
                ({'meeting_id': on_time.id, 'date': '2024-02-28'},
                 ValidationError, 'before the meeting'),
                ({'meeting_id': on_time.id, 'date': '2024-03-01',
                  'decision': ' '}, ValidationError, 'decision')):
            with self.assertRefused(exception, regex, msg=vals):
                self.decide(**vals)
            self.assertEqual(member.status, 'probationary')
        self.assertFalse(self.env['party.member.decision'].search([]))
        decision = self.decide(meeting_id=on_time.id, date='2024-03-01')
        self.assertEqual((member.status, member.full_date),
                         ('full', '2024-03-01'))
        self.assertEqual(decision.organization_id, self.branch_a1)
        with self.assertRefused(UserError, 'not a probationary'):
            self.decide(meeting_id=on_time.id, date='2024-03-02')
        # kept as recorded
        with self.assertRefused(AccessError, 'cannot be set directly'):
            decision.sudo(self.secretary).write({'date': '2024-03-02'})
        with self.assertRefused(UserError, 'kept as it is'):
            decision.sudo(self.secretary).write(
                {'organization_id': self.branch_a1.id})
        with self.assertRefused(UserError, 'cannot be deleted'):
            decision.sudo(self.manager).unlink()
        self.assertIn('decision', member.sudo(self.secretary)
                      .history_ids.mapped('kind'))

    def test_extension_once_six_to_twelve_months(self):
        member = self.probationer
        meeting = self.held_meeting('2024-03-02')
        for months in (5, 13, 0):
            with self.assertRefused(ValidationError, '6 to 12', msg=months):
                self.decide(kind='extension', meeting_id=meeting.id,
                            date='2024-03-02', extension_months=months,
                            reason='Not yet qualified')
        with self.assertRefused(ValidationError, 'reason'):
            self.decide(kind='extension', meeting_id=meeting.id,
                        date='2024-03-02', extension_months=6)
        self.decide(kind='extension', meeting_id=meeting.id,
                    date='2024-03-02', extension_months=6,
                    reason='Not yet qualified')
        member.invalidate_cache()
        self.assertEqual((member.probation_extension_months,
                          member.probation_end, member.status),
                         (6, '2024-09-01', 'probationary'))
        later = self.held_meeting('2024-09-02')
        with self.assertRefused(UserError, 'once'):
            self.decide(kind='extension', meeting_id=later.id,
                        date='2024-09-02', extension_months=6,
                        reason='Again')
        with self.assertRefused(UserError, 'lasts until 2024-09-01'):
            self.decide(meeting_id=self.held_meeting('2024-08-31').id,
                        date='2024-08-31')
        self.decide(meeting_id=later.id, date='2024-09-02')
        self.assertEqual((member.status, member.full_date),
                         ('full', '2024-09-02'))

    def test_extension_by_a_year_at_most(self):
        meeting = self.held_meeting('2024-03-01')
        self.decide(kind='extension', meeting_id=meeting.id,
                    date='2024-03-01', extension_months=12, reason='R')
        self.probationer.invalidate_cache()
        self.assertEqual(self.probationer.probation_end, '2025-03-01')

    def test_cancellation_archives_the_member(self):
        meeting = self.held_meeting('2024-01-10')
        with self.assertRefused(ValidationError, 'reason'):
            self.decide(kind='cancellation', meeting_id=meeting.id,
                        date='2024-01-10')
        # decided when unqualified, before the end too
        self.decide(kind='cancellation', meeting_id=meeting.id,
                    date='2024-01-10', reason='Unqualified')
        member = self.probationer.with_context(active_test=False)
        self.assertEqual((member.active, member.standing, member.status,
                          member.standing_date),
                         (False, 'cancelled', 'probationary', '2024-01-10'))
        self.assertTrue(member.exists())

    def test_conversion_wizard(self):
        meeting = self.held_meeting('2024-03-04')
        Wizard = self.env['party.member.conversion'].with_context(
            active_id=self.probationer.id)
        with self.assertRefused(AccessError):
            Wizard.sudo(self.viewer).create({
                'meeting_id': meeting.id, 'full_date': '2024-03-04',
                'decision': 'x'}).action_confirm()
        wizard = Wizard.sudo(self.secretary).create({
            'meeting_id': meeting.id, 'full_date': '2024-03-04',
            'decision': 'Approved 2024-03-20'})
        self.assertEqual(wizard.probation_end, '2024-03-01')
        wizard.action_confirm()
        self.assertEqual(self.probationer.status, 'full')

    def test_status_and_dates_never_written_directly(self):
        member = self.probationer.sudo(self.officer)
        for vals in ({'status': 'full'}, {'full_date': '2024-03-02'},
                     {'join_date': '2023-01-01'}, {'standing': 'deceased'},
                     {'standing_date': '2024-01-01'},
                     {'probation_extension_months': 12},
                     {'applicant_id': False}):
            with self.assertRefused(AccessError, 'cannot be set directly',
                                    msg=vals):
                member.write(vals)
        # rosters still register existing members with their status
        veteran = self.as_user(self.secretary, 'party.member').create({
            'name': 'Veteran', 'organization_id': self.branch_a1.id,
            'status': 'full', 'join_date': '1990-01-01',
            'full_date': '1991-01-01', 'standing': 'lost_contact',
            'standing_date': '2020-01-01'})
        self.assertEqual((veteran.status, veteran.standing),
                         ('full', 'lost_contact'))

    def test_scope_and_roles(self):
        meeting = self.held_meeting('2024-03-01')
        with self.assertRefused(AccessError):
            self.decide(user=self.viewer, meeting_id=meeting.id,
                        date='2024-03-01')
        outsider = self.make_member('Outsider', self.branch_b1,
                                    join_date='2023-03-01')
        with self.assertRefused(AccessError):
            self.decide(member=outsider, meeting_id=meeting.id,
                        date='2024-03-01')
        with self.assertRefused(AccessError):
            self.decide(member=outsider, user=self.officer, kind='deceased',
                        date='2024-03-01')
        decision = self.decide(meeting_id=meeting.id, date='2024-03-01')
        Decision = self.env['party.member.decision']
        self.assertEqual(Decision.sudo(self.viewer).search([]), decision)
        self.assertFalse(Decision.sudo(self.nobody).search([]))
        other = self.decide(member=outsider, user=self.manager,
                            kind='deceased', date='2024-03-01')
        self.assertNotIn(other, Decision.sudo(self.officer).search([]))
        # an organization given by the client is ignored: the member's
        self.assertEqual(other.organization_id, self.branch_b1)
