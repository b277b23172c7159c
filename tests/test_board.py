"""The boards (数据可视化): each figure equals the same count made another
way (plain searches as the user and Python), for each role on constructed
data; the scope holds over the model call; the click-through opens exactly
the records counted; a fixed number of queries whatever the number of
organizations."""
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common_assessment import AssessmentCase
from .test_meetings import MeetingCase

TODAY = '2024-05-15'


def on_day(day=TODAY):
    """fields.Date.context_today answers `day`: the board's today."""
    return patch.object(fields.Date, 'context_today', return_value=day)


def figures(data):
    """{(section key, item key): item}"""
    return {(section['key'], item['key']): item
            for section in data['sections'] for item in section['items']}


class BoardCase(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super(BoardCase, cls).setUpClass()
        cls.company.party_probation_months = 12

    def board(self, user):
        with on_day():
            return self.env['party.board'].sudo(user.id).board_data()

    def opened(self, user, item):
        """The records the figure's window action shows to `user`."""
        action = item['action']
        self.assertEqual(action['type'], 'ir.actions.act_window')
        return self.env[action['res_model']].sudo(user.id).search(
            action['domain'])

    def assertOpens(self, user, item, records=None):
        opened = self.opened(user, item)
        self.assertEqual(len(opened), item['value'], item['label'])
        if records is not None:
            self.assertEqual(opened, records, item['label'])

    def construct(self):
        """May 2024 in the meeting branch (secretary's and city_a's), and
        one of each elsewhere."""
        # this month's theme party days: two held, one planned, one in April
        self.may_days = self.held(self.theme_day, '2024-05-06 02:00:00') \
            | self.held(self.theme_day, '2024-05-10 02:00:00')
        self.meeting(self.theme_day, '2024-05-20 02:00:00')
        self.held(self.theme_day, '2024-04-10 02:00:00')
        # this quarter's general meeting, three of five present, one excused
        general = self.meeting(self.general, '2024-04-20 02:00:00')
        members = general.attendance_ids.mapped('member_id')
        general.set_attendance(members[:3].ids,
                               excused={members[3].id: 'Ill'})
        general.action_held()
        self.general_meeting = general
        # last year's meeting: not this year's attendance
        self.held(self.lecture, '2023-11-10 02:00:00')
        # in Branch A1 (the secretary's) and B1 (outside city_a)
        self.held(self.theme_day, '2024-05-08 02:00:00', org=self.branch_a1)
        self.held(self.theme_day, '2024-05-09 02:00:00', org=self.branch_b1)
        Task = self.env['party.task']
        self.tasks = {
            'late': Task.create({'name': 'Late', 'deadline': '2024-05-01',
                                 'organization_id': self.branch.id}),
            'doing': Task.create({'name': 'Doing', 'state': 'doing',
                                  'organization_id': self.branch_a1.id}),
            'done': Task.create({'name': 'Done', 'state': 'done',
                                 'organization_id': self.branch.id}),
            'other': Task.create({'name': 'Other', 'deadline': '2024-01-01',
                                  'organization_id': self.branch_b1.id}),
        }
        Case = self.env['party.rectification']
        self.cases = Case.create({'organization_id': self.branch_a2.id,
                                  'reason': 'No meetings'}) \
            | Case.create({'organization_id': self.branch_b1.id,
                           'reason': 'No secretary'})
        # probation over (joined more than 12 months ago), ending within
        # three months, and not yet
        self.due = self.make_member('Due', self.branch_a1,
                                    join_date='2023-04-01') \
            | self.make_member('Due B', self.branch_b1,
                               join_date='2023-05-15')
        self.soon = self.make_member('Soon', self.branch,
                                     join_date='2023-07-01')
        self.make_member('Not Yet', self.branch, join_date='2024-01-10')
        self.env['party.organization'].search([])._refresh_setup_compliance(
            today=fields.Date.from_string(TODAY))


class TestSecretaryBoard(BoardCase):

    def test_branch_figures(self):
        self.construct()
        data = self.board(self.secretary)
        self.assertEqual((data['role'], data['board']),
                         ('secretary', 'branch'))
        got = figures(data)
        self.assertEqual([s['key'] for s in data['sections']],
                         ['life', 'attendance', 'tasks', 'terms',
                          'conversions'])
        # meetings due: counted here from the meetings the secretary reads
        Meeting = self.env['party.meeting'].sudo(self.secretary.id)
        held = Meeting.search([('state', '=', 'held')])
        theme = got[('life', 'type_%d' % self.theme_day.id)]
        may = held.filtered(lambda m: m.type_id == self.theme_day
                            and '2024-05-01' <= m.local_date <= '2024-05-31')
        self.assertEqual(len(may), 3)  # two in the branch, one in A1
        self.assertEqual(theme['value'], 3)
        # one theme party day a month in each of the two branches
        self.assertEqual((theme['total'], theme['done'], theme['missing']),
                         (2, 2, 0))
        self.assertEqual(theme['span'], ['2024-05-01', '2024-05-31'])
        self.assertOpens(self.secretary, theme, may)
        general = got[('life', 'type_%d' % self.general.id)]
        self.assertEqual(general['span'], ['2024-04-01', '2024-06-30'])
        self.assertEqual((general['value'], general['total'],
                          general['missing']), (1, 2, 1))
        self.assertOpens(self.secretary, general, self.general_meeting)
        self.assertEqual(general['percent'], 50)
        # attendance this year, guests aside, from the attendance lines
        lines = self.env['party.meeting.attendance'].sudo(
            self.secretary.id).search([]).filtered(
                lambda a: a.meeting_id.state == 'held' and not a.is_guest
                and a.meeting_date >= '2024-01-01')
        for state in ('present', 'absent', 'excused'):
            item = got[('attendance', state)]
            self.assertEqual(item['value'], len(lines.filtered(
                lambda a: a.state == state)), state)
            self.assertOpens(self.secretary, item)
        self.assertEqual(got[('attendance', 'absent')]['value'], 1)
        self.assertEqual(got[('attendance', 'excused')]['value'], 1)
        self.assertEqual(got[('attendance', 'present')]['total'], len(lines))
        # open tasks: the secretary's two branches only
        self.assertEqual(got[('tasks', 'late')]['value'], 1)
        self.assertOpens(self.secretary, got[('tasks', 'late')],
                         self.tasks['late'])
        self.assertOpens(self.secretary, got[('tasks', 'doing')],
                         self.tasks['doing'])
        self.assertEqual(got[('tasks', 'todo')]['value'], 1)
        # terms: no term recorded anywhere; the branch, A1 and its group
        orgs = self.env['party.organization'].sudo(self.secretary.id).search(
            [])
        self.assertEqual(got[('terms', 'term_none')]['value'], len(
            orgs.filtered(lambda o: o.term_status == 'none')))
        self.assertOpens(self.secretary, got[('terms', 'term_none')])
        # members to convert: the secretary's, not B1's
        self.assertOpens(self.secretary,
                         got[('conversions', 'conversion_due')],
                         self.due[0])
        self.assertOpens(self.secretary,
                         got[('conversions', 'conversion_soon')], self.soon)

    def test_talks_figure_opens_its_talks(self):
        """A member talked with twice counts once on the bar, and the figure
        is the talks the click lists: both."""
        self.construct()
        Talk = self.env['party.talk']
        talks = Talk.browse()
        for member, day in [(self.full[1], '2024-03-01'),
                            (self.full[1], '2024-05-02'),
                            (self.full[2], '2024-05-03')]:
            talks |= Talk.create({
                'date': day, 'organization_id': self.branch.id,
                'talker_id': self.full[0].id, 'member_id': member.id,
                'topic': 'Work and study'})
        Talk.create({'date': '2023-12-31', 'organization_id': self.branch.id,
                     'talker_id': self.full[0].id,
                     'member_id': self.full[3].id, 'topic': 'Last year'})
        talk = figures(self.board(self.secretary))[
            ('life', 'type_%d' % self.talk_type.id)]
        self.assertEqual(talk['value'], 3)
        self.assertEqual(talk['done'], 2)
        self.assertOpens(self.secretary, talk, talks)

    def test_viewer_gets_the_branch_board_of_their_scope(self):
        self.construct()
        got = figures(self.board(self.viewer))
        # city_a: the meeting branch and A1, not B1
        self.assertEqual(got[('tasks', 'late')]['value'], 1)
        self.assertEqual(got[('conversions', 'conversion_due')]['value'], 1)
        self.assertEqual(
            got[('life', 'type_%d' % self.theme_day.id)]['value'], 3)

    def test_refused_without_a_party_role(self):
        stranger = self.env['res.users'].create({
            'name': 'Stranger', 'login': 'stranger',
            'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        with self.assertRefused(AccessError):
            self.board(stranger)

    def test_no_organizations(self):
        data = self.board(self.nobody)
        self.assertEqual(data['board'], 'scope')
        for item in figures(data).values():
            self.assertEqual(item['value'], 0, item['label'])


class TestOfficerBoard(BoardCase):

    def test_scope_figures(self):
        self.construct()
        data = self.board(self.officer)
        self.assertEqual((data['role'], data['board']), ('officer', 'scope'))
        got = figures(data)
        Org = self.env['party.organization'].sudo(self.officer.id)
        orgs = Org.search([])
        self.assertNotIn(self.branch_b1, orgs)
        # setup shortfalls by kind, from the organizations one by one
        checks = {
            'committee_incomplete': lambda o: o.kind != 'group'
            and not o.committee_complete,
            'secretary_vacant': lambda o: o.secretary_vacancy_long,
            'too_few': lambda o: o.size_advice == 'joint_branch',
            'too_many': lambda o: o.size_advice in ('general_branch',
                                                    'committee'),
            'weak_lax': lambda o: o.weak_lax,
            'term_expiring': lambda o: o.term_status == 'expiring',
            'term_overdue': lambda o: o.term_status == 'overdue',
            'term_none': lambda o: o.term_status == 'none',
        }
        for key, check in checks.items():
            item = got[('shortfalls', key)]
            self.assertOpens(self.officer, item, orgs.filtered(check))
        self.assertEqual(got[('shortfalls', 'weak_lax')]['value'], 1)
        # no term recorded anywhere (party groups elect none)
        self.assertEqual(got[('shortfalls', 'term_none')]['value'],
                         len(orgs.filtered(lambda o: o.kind != 'group')))
        # weak and lax cases: A2's, not B1's
        self.assertOpens(self.officer, got[('rectifications', 'flagged')],
                         self.cases[0])
        self.assertEqual(got[('rectifications', 'rectifying')]['value'], 0)
        # meeting completion: few organizations, listed one by one
        areas = {key: item for (section, key), item in got.items()
                 if section == 'areas'}
        branch = areas['area_%d' % self.branch.id]
        self.assertEqual(branch['label'], self.branch.name)
        Meeting = self.env['party.meeting'].sudo(self.officer.id)
        in_spans = Meeting.search([
            ('organization_id', '=', self.branch.id),
            ('state', '=', 'held')]).filtered(
                lambda m: m.type_id.period == 'month'
                and m.local_date >= '2024-05-01'
                or m.type_id.period == 'quarter'
                and m.local_date >= '2024-04-01'
                or m.type_id.period == 'year')
        self.assertEqual(branch['value'], 3)
        self.assertOpens(self.officer, branch, in_spans)
        a1 = areas['area_%d' % self.branch_a1.id]
        self.assertEqual(a1['value'], 1)
        self.assertOpens(self.officer, a1)
        self.assertNotIn('area_%d' % self.branch_b1.id, areas)
        # the totals by type, over the whole scope
        theme = got[('life', 'type_%d' % self.theme_day.id)]
        self.assertEqual(theme['value'], 3)
        branches = orgs.filtered(lambda o: o.kind == 'branch')
        self.assertEqual(theme['total'], len(branches))

    def test_areas_for_a_larger_scope(self):
        self.construct()
        # more than the board lists one by one: city_a's children as areas
        for i in range(12):
            self.make_org('Extra %d' % i, 'branch', self.city_a)
        township = self.make_org('Township', 'committee', self.city_a)
        deep = self.make_org('Deep Branch', 'branch', township)
        self.held(self.theme_day, '2024-05-11 02:00:00', org=deep)
        got = figures(self.board(self.officer))
        area = got[('areas', 'area_%d' % township.id)]
        self.assertTrue(area['whole'])
        # the deep branch, without members, owes one meeting of each type
        # but talks and committee meetings: five, one held
        self.assertEqual((area['value'], area['total'], area['missing']),
                         (1, 5, 4))
        self.assertEqual(area['percent'], 20)
        self.assertOpens(self.officer, area)
        # each child of the scope's root is an area; the root itself owes
        # nothing (no committee without full members) and is left out
        self.assertTrue(got[('areas', 'area_%d' % self.branch.id)]['whole'])
        self.assertEqual(got[('areas', 'area_%d' % self.branch.id)]['value'],
                         3)
        self.assertNotIn(('areas', 'area_%d' % self.city_a.id), got)
        self.assertNotIn(('areas', 'area_%d' % deep.id), got)

    def test_manager_sees_the_company(self):
        self.construct()
        data = self.board(self.manager)
        self.assertEqual((data['role'], data['board']), ('manager', 'scope'))
        got = figures(data)
        self.assertOpens(self.manager, got[('rectifications', 'flagged')],
                         self.cases)
        self.assertEqual(
            got[('life', 'type_%d' % self.theme_day.id)]['value'], 4)
        self.assertEqual(got[('shortfalls', 'term_none')]['value'],
                         self.env['party.organization'].search_count(
                             [('kind', '!=', 'group')]))

    def test_secretary_gets_no_more_over_rpc(self):
        """The board follows the groups of the caller, whatever is sent:
        the method takes no scope, and the secretary's figures are the
        secretary's."""
        self.construct()
        Board = self.env['party.board'].sudo(self.secretary.id)
        with self.assertRaises(TypeError), on_day():
            Board.board_data(self.city_a.id)
        with on_day():
            data = Board.with_context(
                party_board_role='manager').board_data()
        self.assertEqual(data['board'], 'branch')
        got = figures(data)
        self.assertFalse([key for key in got if key[0] in (
            'shortfalls', 'areas', 'rectifications', 'assessments')])
        self.assertEqual(got[('tasks', 'late')]['value'], 1)
        # the overview mixin's public entry point is refused
        with self.assertRefused(UserError):
            Board.browse([self.city_a.id]).action_compute()


class TestBoardQueries(BoardCase):

    def grow(self, parent, count):
        for i in range(count):
            org = self.make_org('Grown %s %d' % (parent.name, i), 'branch',
                                parent)
            self.make_member('Grown member %d' % i, org, status='full')
            self.held(self.theme_day, '2024-05-%02d 02:00:00' % (i % 28 + 1),
                      org=org)

    def queries(self, user):
        Board = self.env['party.board'].sudo(user.id)
        with on_day():
            Board.board_data()  # caches (groups, translations) warm
            self.env.clear()
            with self.count_queries() as count:
                Board.board_data()
        return count[0]

    def test_fixed_number_of_queries(self):
        self.construct()
        township = self.make_org('Township', 'committee', self.city_a)
        self.grow(township, 2)
        self.grow(self.city_a, 13)  # above the listing: areas
        few = {user.login: self.queries(user)
               for user in (self.secretary, self.officer, self.manager)}
        self.grow(township, 25)
        self.grow(self.branch_b1.parent_id, 10)
        more = {user.login: self.queries(user)
                for user in (self.secretary, self.officer, self.manager)}
        self.assertEqual(few, more)


class TestAssessmentProgress(AssessmentCase):

    def test_open_campaigns_by_state(self):
        campaign = self.generate()
        other = self.generate(user=self.manager, org=self.city_b,
                              name='Campaign B')
        assessments = campaign.assessment_ids
        self.assertTrue(assessments)
        # one submitted, as the secretary would
        self.env.cr.execute(
            "UPDATE party_assessment SET state = 'submitted' WHERE id = %s",
            [self.assessment_of(campaign, self.branch_a1).id])
        self.env.clear()
        with on_day():
            data = self.env['party.board'].sudo(
                self.officer.id).board_data()
        got = figures(data)
        item = got[('assessments', 'campaign_%d' % campaign.id)]
        self.assertNotIn(('assessments', 'campaign_%d' % other.id), got)
        Assessment = self.env['party.assessment'].sudo(self.officer.id)
        mine = Assessment.search([('campaign_id', '=', campaign.id)])
        self.assertEqual(item['total'], len(mine))
        parts = {part['key']: part for part in item['parts']}
        for state in ('draft', 'submitted', 'reviewed', 'confirmed'):
            expected = mine.filtered(lambda a: a.state == state)
            self.assertEqual(parts[state]['value'], len(expected), state)
            self.assertEqual(Assessment.search(
                parts[state]['action']['domain']), expected)
        self.assertEqual(parts['submitted']['value'], 1)
        # a closed campaign is not shown
        self.env.cr.execute(
            "UPDATE party_assessment_campaign SET state = 'closed' "
            "WHERE id = %s", [campaign.id])
        self.env.clear()
        with on_day():
            data = self.env['party.board'].sudo(
                self.officer.id).board_data()
        self.assertNotIn(('assessments', 'campaign_%d' % campaign.id),
                         figures(data))
