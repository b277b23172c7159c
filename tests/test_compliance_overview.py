"""The compliance matrix as a grouped overview (party_overview): per
organization it gives what the old per-organization lines gave, per area
the sums of its organizations; drill-down, the level shown, fixed queries,
and the user's scope."""
import os
from datetime import date
from unittest.mock import patch

import polib

from odoo.exceptions import AccessError, UserError, ValidationError

from .test_meetings import MeetingCase

FIGURES = ('organization_count', 'compliant_count', 'required', 'held',
           'missing')


class OverviewCase(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super(OverviewCase, cls).setUpClass()
        # a constructed year around the meeting branch (under city_a)
        cls.big = cls.make_org('Big Branch', 'branch', cls.city_a)
        for i in range(7):
            cls.make_member('Big %d' % i, cls.big, status='full',
                            join_date='2010-01-01', full_date='2011-01-01')
        cls.township = cls.make_org('Township', 'committee', cls.city_a)
        cls.township_branch = cls.make_org('Township Branch', 'branch',
                                           cls.township)
        cls.make_member('Township Member', cls.township_branch,
                        status='full')

    def construct_year(self):
        for month in range(1, 11):  # theme party days, Jan to Oct
            self.held(self.theme_day, '2024-%02d-15 02:00:00' % month)
        for month in (2, 5, 8):
            self.held(self.general, '2024-%02d-20 02:00:00' % month)
        for month in (3, 6, 9, 12):
            self.held(self.lecture, '2024-%02d-25 02:00:00' % month)
        self.held(self.life, '2024-12-28 02:00:00')
        self.held(self.appraisal_type, '2024-12-29 02:00:00')
        self.meeting(self.theme_day, '2024-11-15 02:00:00').action_cancel()
        self.meeting(self.theme_day, '2024-12-15 02:00:00')
        self.held(self.theme_day, '2024-12-31 16:30:00')
        # elsewhere in city_a: every month in the big branch (which must
        # also hold committee meetings), a general meeting four of its
        # seven came to; two in A1
        for month in range(1, 13):
            self.held(self.theme_day, '2024-%02d-10 02:00:00' % month,
                      org=self.big)
        half = self.meeting(self.general, '2024-03-05 02:00:00', org=self.big)
        present = half.attendance_ids.mapped('member_id')[:4]
        half.set_attendance(present.ids)
        half.action_held()
        for month in (4, 5):
            self.held(self.theme_day, '2024-%02d-10 02:00:00' % month,
                      org=self.branch_a1)
        self.held(self.theme_day, '2024-06-10 02:00:00',
                  org=self.township_branch)
        Talk = self.env['party.talk']
        for member in self.full[1:3]:
            Talk.create({'date': '2024-03-01',
                         'organization_id': self.branch.id,
                         'talker_id': self.full[0].id,
                         'member_id': member.id, 'topic': 'Work'})
        # outside the officer's scope
        self.held(self.theme_day, '2024-05-10 02:00:00', org=self.branch_b1)

    def report(self, user=None, within=None, period='year',
               day='2024-06-30'):
        Report = self.env['party.meeting.compliance']
        if user:
            Report = Report.sudo(user)
        vals = {'period': period, 'date': day}
        if within:
            vals['organization_id'] = within.id
        return Report.create(vals)

    def lines(self, report):
        report.action_compute()
        return {(line.organization_id, line.type_id): line
                for line in report.line_ids}

    def listing_limit(self, limit):
        return patch.object(type(self.env['party.meeting.compliance']),
                            '_overview_list_limit', limit)


class TestOracle(OverviewCase):

    def test_organization_level_is_the_old_matrix(self):
        self.construct_year()
        lines = self.lines(self.report(self.viewer, self.branch))
        b = self.branch
        # the expected figures of the per-organization lines
        # (test_meetings.TestComplianceMatrix.test_a_year_of_meetings)
        self.assertEqual(
            {key: (line.required, line.held, line.missing)
             for key, line in lines.items()}, {
                (b, self.general): (4, 3, 1),
                (b, self.lecture): (4, 4, 0),
                (b, self.theme_day): (12, 10, 2),
                (b, self.life): (1, 1, 0),
                (b, self.appraisal_type): (1, 1, 0),
                (b, self.talk_type): (5, 2, 3),
            })
        self.assertTrue(all(line.level == 'organization'
                            and line.organization_count == 1
                            for line in lines.values()))
        self.assertEqual(lines[(b, self.lecture)].compliant_count, 1)
        self.assertEqual(lines[(b, self.lecture)].compliance_rate, 100.0)
        self.assertEqual(lines[(b, self.general)].compliant_count, 0)
        # the facts the reminders read say the same
        facts = self.env['party.meeting.compliance']._compliance_facts(
            [b.id], self.env['party.meeting.type'].search([]),
            date(2024, 1, 1), date(2024, 12, 31))
        self.assertEqual(
            {(self.env['party.organization'].browse(o),
              self.env['party.meeting.type'].browse(t)): (r, h, r - h)
             for o, t, _s, _e, r, h, _rate in facts},
            {key: (line.required, line.held, line.missing)
             for key, line in lines.items()})
        # a quarter judges yearly types on their year
        quarter = self.lines(self.report(self.viewer, b, 'quarter',
                                         '2024-11-01'))
        self.assertEqual(quarter[(b, self.theme_day)].required, 3)
        self.assertEqual(quarter[(b, self.theme_day)].held, 1)
        self.assertEqual(quarter[(b, self.life)].span_start, '2024-01-01')

    def test_areas_are_sums_of_their_organizations(self):
        self.construct_year()
        listed = self.lines(self.report(self.viewer))
        orgs = {org for org, _t in listed}
        self.assertIn(self.township_branch, orgs)
        self.assertNotIn(self.branch_b1, orgs)
        with self.listing_limit(3):
            report = self.report(self.viewer)
            areas = self.lines(report)
        self.assertEqual(report.level, 'area')
        self.assertEqual({org for org, _t in areas},
                         set(self.city_a | self.city_a.child_ids))
        meetings = self.env['party.meeting']
        for (area, meeting_type), line in areas.items():
            if area == self.city_a:
                members = [k for k in listed if k[0] == area
                           and k[1] == meeting_type]
                self.assertEqual(line.level, 'organization')
            else:
                members = [k for k in listed if k[1] == meeting_type
                           and k[0].path.startswith(area.path)]
                self.assertEqual(line.level, 'area')
            expected = {
                'organization_count': len(members),
                'compliant_count': sum(listed[k].compliant_count
                                       for k in members),
                'required': sum(listed[k].required for k in members),
                'held': sum(listed[k].held for k in members),
                'missing': sum(listed[k].missing for k in members)}
            self.assertEqual({f: line[f] for f in FIGURES}, expected,
                             (area.name, meeting_type.name))
            # the attendance of the area: that of all its held meetings
            held = meetings.search([
                ('organization_id', 'in', [k[0].id for k in members]),
                ('type_id', '=', meeting_type.id), ('state', '=', 'held'),
                ('local_date', '>=', line.span_start),
                ('local_date', '<=', line.span_end)])
            rates = held.mapped('attendance_rate')
            self.assertAlmostEqual(
                line.attendance_rate,
                sum(rates) / len(rates) if rates else 0.0)
        self.assertAlmostEqual(
            areas[(self.big, self.general)].attendance_rate, 4 * 100.0 / 7)
        township = areas[(self.township, self.theme_day)]
        self.assertEqual((township.organization_count, township.held,
                          township.missing), (1, 1, 11))


class TestDrillDown(OverviewCase):

    def test_open_an_area(self):
        self.construct_year()
        with self.listing_limit(3):
            report = self.report(self.officer)
            areas = self.lines(report)
            action = areas[(self.township, self.theme_day)].sudo(
                self.officer).action_open_area()
        self.assertEqual(action['target'], 'current')
        self.assertEqual(action['res_model'], 'party.meeting.compliance.line')
        below = self.env['party.meeting.compliance.line'].sudo(
            self.officer).search(action['domain']).mapped('report_id')
        self.assertEqual(below.organization_id, self.township)
        lines = {(line.organization_id, line.type_id): line
                 for line in below.line_ids}
        self.assertEqual(below.level, 'organization')
        # the township committee has too few full members for committee
        # meetings: only its branch has rows
        self.assertEqual(set(org for org, _t in lines), {self.township_branch})
        self.assertEqual(lines[(self.township_branch, self.theme_day)].held,
                         1)
        self.assertIn(self.township.name, action['display_name'])
        # a single organization is not an area
        own = next(line for (org, _t), line in areas.items()
                   if org == self.city_a)
        self.assertEqual(own.level, 'organization')
        with self.assertRefused(UserError, 'Only an area'):
            own.sudo(self.officer).action_open_area()

    def test_another_users_rows_stay_closed(self):
        with self.listing_limit(3):
            areas = self.lines(self.report(self.officer))
        line = areas[(self.township, self.theme_day)]
        with self.assertRefused(AccessError):
            line.sudo(self.viewer).action_open_area()


class TestLevel(OverviewCase):

    def test_listing_up_to_the_limit(self):
        # city_a holds 8 organizations in the viewer's scope
        count = self.env['party.organization'].sudo(self.viewer).search_count(
            [('path', '=like', self.city_a.path + '%')])
        with self.listing_limit(count):
            report = self.report(self.viewer)
            report.action_compute()
            self.assertEqual(report.level, 'organization')
        with self.listing_limit(count - 1):
            report = self.report(self.viewer)
            action = report.action_compute()
            self.assertEqual(report.level, 'area')
        # areas open on the list, where their button is
        self.assertEqual(action['views'][0][1], 'tree')

    def test_limit_as_a_system_parameter(self):
        Param = self.env['ir.config_parameter']
        Param.set_param('party_building.overview_list_limit', '3')
        report = self.report(self.viewer)
        report.action_compute()
        self.assertEqual(report.level, 'area')
        Param.set_param('party_building.overview_list_limit', 'many')
        report = self.report(self.viewer)
        report.action_compute()
        self.assertEqual(report.level, 'organization')

    def test_several_scope_roots_are_the_areas(self):
        user = self.make_user('two_cities', 'group_officer', self.city_a,
                              self.branch_b1, self.branch_a1)
        with self.listing_limit(3):
            report = self.report(user)
            lines = self.lines(report)
        self.assertEqual({org for org, _t in lines},
                         {self.city_a, self.branch_b1})
        self.assertTrue(all(line.level == 'area' for line in lines.values()))

    def test_manager_sees_the_company(self):
        with self.listing_limit(3):
            lines = self.lines(self.report(self.manager))
        self.assertTrue({self.city_a, self.city_b, self.root} <= {
            org for org, _t in lines})


class TestQueries(OverviewCase):

    def test_queries_do_not_grow(self):
        def queries_for(count, limit):
            parent = self.make_org('Parent %d' % count, 'committee',
                                   self.city_a)
            for i in range(count):
                area = self.make_org('Area %d' % i, 'committee', parent)
                org = self.make_org('Org %d' % i, 'branch', area)
                if i % 2:
                    self.held(self.theme_day, '2024-05-15 02:00:00', org=org)
            report = self.report(self.officer, parent, 'month', '2024-05-01')
            report.invalidate_cache()
            with self.listing_limit(limit), self.count_queries() as n:
                report.action_compute()
            theme = report.line_ids.filtered(
                lambda line: line.type_id == self.theme_day)
            self.assertEqual(sum(theme.mapped('organization_count')), count)
            self.assertEqual(sum(theme.mapped('held')), count // 2)
            return n[0], report.level
        queries_for(2, 300)  # warm the caches
        queries_for(2, 1)
        self.assertEqual(queries_for(3, 300), queries_for(30, 300))
        self.assertEqual(queries_for(3, 2), queries_for(30, 2))
        self.assertEqual(queries_for(30, 2)[1], 'area')


class TestScope(OverviewCase):

    def test_no_figures_outside_the_scope(self):
        self.construct_year()
        for limit in (300, 3):
            with self.listing_limit(limit):
                lines = self.lines(self.report(self.officer))
            orgs = self.env['party.organization'].browse(
                [org.id for org, _t in lines])
            self.assertFalse(orgs - self.env['party.organization'].sudo(
                self.officer).search([]))
            self.assertNotIn(self.root, orgs)
            self.assertNotIn(self.city_b, orgs)
        with self.listing_limit(300):
            lines = self.lines(self.report(self.secretary))
        self.assertEqual({org for org, _t in lines},
                         {self.branch_a1, self.group_a1, self.branch})

    def test_within_outside_the_scope(self):
        with self.assertRefused(AccessError, 'access to'):
            self.report(self.officer, self.city_b)
        # in scope when created, out of it since: refused, not named
        report = self.report(self.officer, self.township)
        self.officer.party_organization_ids = self.branch_a1
        with self.assertRaises(AccessError) as refused:
            report.action_compute()
        self.assertIn('within an organization of your scope',
                      str(refused.exception))
        self.assertNotIn(self.township.name, str(refused.exception))
        self.officer.party_organization_ids = self.city_a
        # translated
        po = polib.pofile(os.path.join(os.path.dirname(
            os.path.dirname(__file__)), 'i18n', 'zh_CN.po'))
        self.assertTrue(po.find(
            "The overview can only be opened within an organization of "
            "your scope.").msgstr)

    def test_user_without_scope_sees_nothing(self):
        report = self.report(self.nobody)
        report.action_compute()
        self.assertFalse(report.line_ids)


class TestBadInput(OverviewCase):

    def test_period_and_date(self):
        with self.assertRefused((ValueError, ValidationError)):
            self.report(self.viewer, period='decade')
        with self.assertRefused(ValidationError, 'between'):
            self.report(self.viewer, day='2200-01-01')
        report = self.report(self.viewer)
        # bypassing the field (a stale record, SQL): still a clear refusal
        self.env.cr.execute("UPDATE party_meeting_compliance SET period = "
                            "'decade' WHERE id = %s", [report.id])
        report.invalidate_cache()
        with self.assertRefused(UserError, 'Choose a period'):
            report.action_compute()


class TestHeldMeetingsRead(OverviewCase):

    def test_by_date_and_by_organization_agree(self):
        """A large reach reads the member counts and the period's meetings
        in one pass over their tables, a small one organization by
        organization: the same figures."""
        self.construct_year()
        Report = type(self.env['party.meeting.compliance'])
        figures = {}
        for large in (True, False):
            with self.listing_limit(3), patch.object(
                    Report, '_overview_is_large', lambda self, ov: large):
                lines = self.lines(self.report(self.viewer))
            figures[large] = {
                (org.id, t.id): tuple(line[f] for f in FIGURES)
                + (round(line.attendance_rate, 6),)
                for (org, t), line in lines.items()}
        self.assertTrue(figures[True])
        self.assertEqual(figures[True], figures[False])

    def test_large_is_a_share_of_all_organizations(self):
        report = self.report(self.manager)
        with self.listing_limit(3):
            overview = report._overview_read()
        self.assertEqual(overview.level, 'area')
        self.env.cr.execute("ANALYZE party_organization")
        self.assertTrue(report._overview_is_large(overview, share=0.25))
        self.assertFalse(report._overview_is_large(overview, share=1.5))
        listed = overview._replace(level='organization')
        self.assertFalse(report._overview_is_large(listed, share=0.0))


class TestMemberCounts(OverviewCase):
    """party_member_count follows every change of the members."""

    def assertCountsExact(self):
        self.env.cr.execute("""
            SELECT coalesce(c.organization_id, m.organization_id),
                   coalesce(c.member_count, 0), coalesce(c.full_count, 0),
                   coalesce(m.members, 0), coalesce(m.fulls, 0)
              FROM party_member_count c
              FULL JOIN (SELECT organization_id, count(*) AS members,
                                count(*) FILTER (WHERE status = 'full')
                                    AS fulls
                           FROM party_member WHERE active
                       GROUP BY organization_id) m
                ON m.organization_id = c.organization_id
        """)
        wrong = [row for row in self.env.cr.fetchall()
                 if row[1:3] != row[3:5]]
        self.assertEqual(wrong, [])

    def test_every_change(self):
        self.assertCountsExact()
        member = self.make_member('Counted', self.branch_a2)
        self.assertCountsExact()
        member.write({'status': 'full', 'join_date': '2010-01-01',
                      'full_date': '2011-01-01'})
        self.assertCountsExact()
        member.write({'organization_id': self.branch_b1.id})
        self.assertCountsExact()
        member.write({'active': False})
        self.assertCountsExact()
        member.write({'active': True, 'name': 'Counted again'})
        self.assertCountsExact()
        many = self.env['party.member']
        for i in range(3):
            many |= self.make_member('Many %d' % i, self.group_a1)
        self.env.cr.execute(
            "UPDATE party_member SET organization_id = %s WHERE id IN %s",
            [self.branch_a2.id, tuple(many.ids)])
        self.assertCountsExact()
        (member | many).unlink()
        self.assertCountsExact()
