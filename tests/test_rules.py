"""Work rules (issue 12): inheritance down the tree, versions, templates,
completeness per kind of organization, review reminders and the metrics,
as the least-privileged users."""
import datetime
from unittest.mock import patch

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..models.party_guard import trusted
from .common import PartyCase

TODAY = '2025-06-30'
CODES = ('self_building', 'operations', 'responsibility', 'service',
         'funding')


class RuleCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(RuleCase, cls).setUpClass()
        cls.cat = {code: cls.env.ref('party_building.rule_category_%s'
                                     % code) for code in CODES}
        cls.Rule = cls.env['party.rule']

    @classmethod
    def make_rule(cls, org, code, name=None, effective='2024-01-01',
                  in_force=True, **vals):
        rule = cls.Rule.create(dict(
            name=name or '%s %s' % (org.name if org else 'Template', code),
            category_id=cls.cat[code].id,
            organization_id=org.id if org else False,
            body='<p>Text of the rule</p>', effective_date=effective,
            **vals))
        if in_force:
            rule.action_put_in_force()
        return rule

    def today(self, day=TODAY):
        """fields.Date.context_today returns `day` inside the block."""
        return patch.object(fields.Date, 'context_today', return_value=day)

    def missing(self, org, user=None):
        org = org.sudo(user.id) if user else org
        org.invalidate_cache()
        with self.today():
            return {c.code for c in org.missing_rule_category_ids}

    def in_force(self, org, user=None):
        org = org.sudo(user.id) if user else org
        org.invalidate_cache()
        with self.today():
            return org.rule_in_force_ids


class TestRuleTree(RuleCase):

    @classmethod
    def setUpClass(cls):
        super(TestRuleTree, cls).setUpClass()
        cls.root_rule = cls.make_rule(cls.root, 'self_building')
        cls.city_rule = cls.make_rule(cls.city_a, 'operations')
        cls.branch_rule = cls.make_rule(cls.branch_a1, 'responsibility')
        cls.draft = cls.make_rule(cls.branch_a2, 'service', in_force=False)
        cls.city_b_rule = cls.make_rule(cls.city_b, 'funding')

    def test_inherited_down_the_tree(self):
        self.assertEqual(self.in_force(self.branch_a1),
                         self.root_rule | self.city_rule | self.branch_rule)
        self.assertEqual(self.in_force(self.branch_a2),
                         self.root_rule | self.city_rule)
        self.assertEqual(self.in_force(self.branch_b1),
                         self.root_rule | self.city_b_rule)
        # a party group lives under its branch's rules too
        self.assertEqual(self.in_force(self.group_a1),
                         self.root_rule | self.city_rule | self.branch_rule)

    def test_missing_categories_per_kind(self):
        self.assertEqual(self.missing(self.branch_a1), {'service', 'funding'})
        self.assertEqual(self.missing(self.branch_a2),
                         {'responsibility', 'service', 'funding'})
        self.assertEqual(self.missing(self.city_b),
                         {'operations', 'responsibility', 'service'})
        # party groups need no rules of their own
        self.assertEqual(self.missing(self.group_a1), set())
        # configurable: funding required of committees only
        self.cat['funding'].required_kind_ids = [(6, 0, [self.env.ref(
            'party_building.category_kind_committee').id])]
        self.assertEqual(self.missing(self.branch_a1), {'service'})
        self.assertIn('funding', self.missing(self.city_a))

    def test_not_yet_and_no_longer_in_force(self):
        Org = self.env['party.organization']
        later = self.make_rule(self.branch_a1, 'service', effective='2025-07-01')
        self.assertNotIn(later.id, Org._rule_coverage(
            self.branch_a1.ids, '2025-06-30')[self.branch_a1.id][0])
        self.assertIn(later.id, Org._rule_coverage(
            self.branch_a1.ids, '2025-07-01')[self.branch_a1.id][0])
        with self.today('2025-08-01'):
            self.branch_rule.action_abolish()
        self.assertEqual(self.branch_rule.abolished_date, '2025-08-01')
        self.assertIn(self.branch_rule.id, Org._rule_coverage(
            self.branch_a1.ids, '2025-07-31')[self.branch_a1.id][0])
        self.assertNotIn(self.branch_rule.id, Org._rule_coverage(
            self.branch_a1.ids, '2025-08-01')[self.branch_a1.id][0])

    def test_secretary_sees_rules_above_not_beside(self):
        Rule = self.as_user(self.secretary, 'party.rule')
        seen = Rule.search([])
        self.assertIn(self.root_rule, seen)
        self.assertIn(self.city_rule, seen)
        self.assertIn(self.branch_rule, seen)
        self.assertNotIn(self.draft, seen)
        self.assertNotIn(self.city_b_rule, seen)
        self.assertEqual(self.in_force(self.branch_a1, self.secretary),
                         self.root_rule | self.city_rule | self.branch_rule)
        with self.assertRefused(AccessError):
            Rule.browse(self.city_b_rule.id).read(['name'])
        groups = Rule.read_group([], ['organization_id'], ['organization_id'])
        self.assertNotIn(self.city_b.id, [g['organization_id'][0]
                                          for g in groups])

    def test_query_count_does_not_grow(self):
        """Rules in force and missing categories of a whole scope in a
        fixed number of queries: 3 organizations or 30."""
        Org = self.env['party.organization']
        for i in range(27):
            branch = self.make_org('Extra %d' % i, 'branch', self.city_a)
            if i % 3 == 0:
                self.make_rule(branch, 'service')
        scope = Org.sudo(self.officer.id)
        small = scope.search([('id', 'in', (self.city_a | self.branch_a1
                                            | self.branch_a2).ids)])
        big = scope.search([('parent_id', '=', self.city_a.id)]) \
            | self.city_a.sudo(self.officer.id)
        self.assertEqual((len(small), len(big)), (3, 30))
        names = ['rule_in_force_ids', 'missing_rule_category_ids',
                 'missing_rule_count', 'rule_in_force_count']
        counts = []
        with self.today():
            for orgs in (small, big):
                orgs.invalidate_cache()
                with self.count_queries() as queries:
                    values = orgs.read(names)
                counts.append(queries[0])
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 6)
        by_id = {v['id']: v for v in values}
        self.assertEqual(len(by_id[self.branch_a1.id]['rule_in_force_ids']),
                         3)
        self.assertEqual(by_id[self.branch_a2.id]['missing_rule_count'], 3)


class TestVersions(RuleCase):

    def test_new_version_supersedes(self):
        v1 = self.make_rule(self.branch_a1, 'operations', name='Meeting rules')
        self.assertEqual(v1.lineage_id, v1)
        self.assertEqual(v1.next_review_date, '2025-01-01')
        Rule = self.as_user(self.secretary, 'party.rule')
        mine = Rule.browse(v1.id)
        with self.assertRefused(UserError, 'new version'):
            mine.write({'body': '<p>Changed in place</p>'})
        action = mine.action_new_version()
        v2 = Rule.browse(action['res_id'])
        self.assertEqual((v2.version, v2.previous_id, v2.lineage_id,
                          v2.state), (2, v1, v1, 'draft'))
        # asking again opens the same draft
        self.assertEqual(mine.action_new_version()['res_id'], v2.id)
        v2.write({'body': '<p>Second text</p>',
                  'effective_date': '2025-03-01'})
        v2.action_put_in_force()
        v1.invalidate_cache()
        self.assertEqual((v1.state, v1.abolished_date),
                         ('abolished', '2025-03-01'))
        self.assertEqual(v2.state, 'in_force')
        self.assertIn('Superseded by version 2',
                      ' '.join(v1.message_ids.mapped('body')))
        self.assertEqual(v2.version_ids, v1 | v2)
        # the old version stays readable, its text as it was
        self.assertIn('Text of the rule', mine.body)
        coverage = self.env['party.organization']._rule_coverage
        self.assertEqual(coverage(self.branch_a1.ids, '2025-02-28')[
            self.branch_a1.id][0], v1.ids)
        self.assertEqual(coverage(self.branch_a1.ids, '2025-03-01')[
            self.branch_a1.id][0], v2.ids)
        # a version is made from the latest one only
        with self.assertRefused(UserError, 'latest'):
            mine.action_new_version()
        with self.assertRefused(UserError):
            mine.write({'abolished_date': '2026-01-01'})
        with self.assertRefused(UserError, 'kept'):
            mine.unlink()

    def test_two_versions_in_force_refused(self):
        v1 = self.make_rule(self.branch_a1, 'operations')
        v2 = self.Rule.browse(v1.action_new_version()['res_id'])
        # a second draft of the same version, as a concurrent user would
        v3 = trusted(v1).copy({'version': 3, 'previous_id': v1.id})
        v2.action_put_in_force()
        with self.assertRefused(UserError, 'one version in force'):
            v3.action_put_in_force()
        self.assertEqual(v3.state, 'draft')
        # the database keeps it so whatever the path
        with self.assertRaises(psycopg2.IntegrityError), \
                mute_logger('odoo.sql_db'), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE party_rule SET state = 'in_force' WHERE id = %s",
                [v3.id])

    def test_successor_before_predecessor_refused(self):
        v1 = self.make_rule(self.branch_a1, 'operations',
                            effective='2025-05-01')
        v2 = self.Rule.browse(v1.action_new_version()['res_id'])
        v2.effective_date = '2025-04-01'
        with self.assertRefused(UserError, 'cannot take effect before'):
            v2.action_put_in_force()
        self.assertEqual((v1.state, v2.state), ('in_force', 'draft'))


class TestBadInput(RuleCase):

    def test_abolished_before_effective(self):
        Rule = self.as_user(self.secretary, 'party.rule')
        before = self.Rule.search_count([])
        with self.assertRefused(ValidationError, 'before it takes effect'):
            Rule.create({'name': 'Backwards', 'organization_id':
                         self.branch_a1.id, 'category_id':
                         self.cat['service'].id, 'effective_date':
                         '2025-05-01', 'abolished_date': '2025-04-30'})
        self.assertEqual(self.Rule.search_count([]), before)
        rule = Rule.create({'name': 'Forward', 'organization_id':
                            self.branch_a1.id, 'category_id':
                            self.cat['service'].id, 'body': '<p>x</p>',
                            'effective_date': '2025-05-01'})
        with self.assertRefused(ValidationError, 'before it takes effect'):
            rule.write({'abolished_date': '2025-01-01'})
        self.assertFalse(rule.abolished_date)
        rule.action_put_in_force()
        with self.today('2025-04-01'), \
                self.assertRefused(ValidationError, 'before it takes effect'):
            rule.action_abolish()
        self.assertEqual(rule.state, 'in_force')

    def test_review_interval_positive(self):
        Rule = self.as_user(self.secretary, 'party.rule')
        before = self.Rule.search_count([])
        for value in (0, -3):
            with self.assertRefused(ValidationError, 'number of months'):
                Rule.create({'name': 'No review', 'review_interval': value,
                             'organization_id': self.branch_a1.id,
                             'category_id': self.cat['service'].id})
        self.assertEqual(self.Rule.search_count([]), before)
        rule = Rule.create({'name': 'Reviewed', 'organization_id':
                            self.branch_a1.id,
                            'category_id': self.cat['service'].id})
        with self.assertRefused(ValidationError, 'number of months'):
            rule.write({'review_interval': 0})
        self.assertEqual(rule.review_interval, 12)
        # PostgreSQL keeps it too
        with self.assertRaises(psycopg2.IntegrityError), \
                mute_logger('odoo.sql_db'), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE party_rule SET review_interval = 0 "
                                "WHERE id = %s", [rule.id])

    def test_put_in_force_needs_text(self):
        rule = self.Rule.sudo(self.secretary.id).create({
            'name': 'Empty', 'organization_id': self.branch_a1.id,
            'category_id': self.cat['service'].id})
        with self.assertRefused(UserError, 'Write the text'):
            rule.action_put_in_force()
        self.assertEqual(rule.state, 'draft')


class TestTemplates(RuleCase):

    @classmethod
    def setUpClass(cls):
        super(TestTemplates, cls).setUpClass()
        cls.templates = {code: cls.make_rule(False, code,
                                             name='Model rule %s' % code)
                         for code in ('service', 'funding')}
        cls.make_rule(cls.branch_a1, 'self_building')
        cls.make_rule(cls.branch_a1, 'operations')
        cls.make_rule(cls.branch_a1, 'responsibility')

    def test_secretary_adopts_templates_in_one_step(self):
        self.assertEqual(self.missing(self.branch_a1, self.secretary),
                         {'service', 'funding'})
        Wizard = self.as_user(self.secretary, 'party.rule.adopt')
        action = self.branch_a1.sudo(
            self.secretary.id).action_adopt_rule_templates()
        self.assertEqual(action['context']['default_organization_id'],
                         self.branch_a1.id)
        wizard = Wizard.with_context(action['context']).create({})
        with self.today():
            wizard._onchange_organization()
            self.assertEqual(set(wizard.template_ids.ids),
                             {t.id for t in self.templates.values()})
            wizard.action_adopt()
        adopted = self.Rule.search([('organization_id', '=',
                                     self.branch_a1.id),
                                    ('template_id', '!=', False)])
        self.assertEqual(len(adopted), 2)
        self.assertEqual(set(adopted.mapped('state')), {'in_force'})
        self.assertEqual(set(adopted.mapped('effective_date')), {TODAY})
        self.assertEqual(self.missing(self.branch_a1, self.secretary),
                         set())
        # adopting again adds nothing
        with self.today():
            self.Rule.sudo(self.secretary.id)._adopt(
                self.branch_a1, self.templates['service'])
        self.assertEqual(self.Rule.search_count([
            ('organization_id', '=', self.branch_a1.id),
            ('template_id', '!=', False)]), 2)
        # the templates themselves are unchanged
        self.assertTrue(all(t.is_template and t.state == 'in_force'
                            for t in self.templates.values()))

    def test_adopt_out_of_scope_refused(self):
        before = self.Rule.search_count([])
        with self.assertRefused(AccessError):
            self.as_user(self.secretary, 'party.rule.adopt').create({
                'organization_id': self.branch_a2.id,
                'template_ids': [(6, 0, self.templates['service'].ids)],
            }).action_adopt()
        with self.assertRefused(AccessError):
            self.Rule.sudo(self.secretary.id)._adopt(
                self.branch_a2, self.templates['service'])
        self.assertEqual(self.Rule.search_count([]), before)

    def test_only_managers_write_templates(self):
        Rule = self.as_user(self.secretary, 'party.rule')
        template = Rule.browse(self.templates['service'].id)
        self.assertTrue(template.name)
        with self.assertRefused(AccessError):
            template.write({'review_interval': 6})
        with self.assertRefused(UserError, 'only managers'):
            Rule.create({'name': 'My template',
                         'category_id': self.cat['service'].id})
        own = Rule.create({'name': 'Mine', 'organization_id':
                           self.branch_a1.id,
                           'category_id': self.cat['service'].id})
        with self.assertRefused(UserError, 'only managers'):
            own.write({'organization_id': False})
        self.as_user(self.manager, 'party.rule').create({
            'name': 'Manager template', 'category_id': self.cat['service'].id})


class TestRuleSecurity(RuleCase):

    @classmethod
    def setUpClass(cls):
        super(TestRuleSecurity, cls).setUpClass()
        cls.city_rule = cls.make_rule(cls.city_a, 'operations')
        cls.a2_rule = cls.make_rule(cls.branch_a2, 'service')
        cls.b1_rule = cls.make_rule(cls.branch_b1, 'service')

    def test_viewer_reads_only(self):
        Rule = self.as_user(self.viewer, 'party.rule')
        self.assertEqual(Rule.search([('id', 'in', (
            self.city_rule | self.a2_rule | self.b1_rule).ids)]),
            self.city_rule | self.a2_rule)
        with self.assertRefused(AccessError):
            Rule.browse(self.a2_rule.id).write({'review_interval': 3})
        with self.assertRefused(AccessError):
            Rule.create({'name': 'x', 'organization_id': self.city_a.id,
                         'category_id': self.cat['service'].id})
        with self.assertRefused(AccessError):
            Rule.browse(self.a2_rule.id).action_abolish()
        self.assertEqual(self.a2_rule.state, 'in_force')

    def test_secretary_out_of_scope(self):
        Rule = self.as_user(self.secretary, 'party.rule')
        with self.assertRefused(AccessError):
            Rule.create({'name': 'x', 'organization_id': self.branch_a2.id,
                         'category_id': self.cat['service'].id})
        # the committee's rule applies to the branch: read, not changed
        city = Rule.browse(self.city_rule.id)
        self.assertTrue(city.name)
        for call in (lambda: city.action_abolish(),
                     lambda: city.action_mark_reviewed(),
                     lambda: city.action_new_version(),
                     lambda: city.write({'review_interval': 1}),
                     lambda: city.unlink()):
            with self.assertRefused((AccessError, UserError)):
                call()
        self.assertEqual(self.city_rule.state, 'in_force')
        # a rule beside the branch is not even read
        with self.assertRefused(AccessError):
            Rule.browse(self.a2_rule.id).action_abolish()
        own = Rule.create({'name': 'Own', 'organization_id':
                           self.branch_a1.id,
                           'category_id': self.cat['service'].id,
                           'body': '<p>x</p>'})
        # workflow fields only through the buttons
        for values in ({'state': 'in_force'}, {'version': 7},
                       {'previous_id': self.city_rule.id},
                       {'last_review_date': '2025-01-01'}):
            with self.assertRefused(AccessError, 'cannot be set directly'):
                own.write(values)
        with self.assertRefused(AccessError):
            own.write({'organization_id': self.branch_b1.id})
        with self.assertRefused(AccessError):
            Rule.with_context(default_state='in_force').create({
                'name': 'Sneaky', 'organization_id': self.branch_a1.id,
                'category_id': self.cat['service'].id})

    def test_officer_manages_the_scope(self):
        Rule = self.as_user(self.officer, 'party.rule')
        rule = Rule.browse(self.a2_rule.id)
        with self.today():
            rule.action_mark_reviewed()
        self.assertEqual(rule.next_review_date, '2026-06-30')
        with self.assertRefused(AccessError):
            Rule.browse(self.b1_rule.id).action_mark_reviewed()
        nobody = self.as_user(self.nobody, 'party.rule')
        self.assertFalse(nobody.search([('organization_id', '!=', False)]))


class TestReviewReminders(RuleCase):

    def activities(self, rule):
        return self.env['mail.activity'].search([
            ('res_model', '=', 'party.rule'), ('res_id', '=', rule.id)])

    def test_reminded_once_per_interval(self):
        rule = self.make_rule(self.branch_a1, 'operations',
                              effective='2024-03-01', review_interval=12)
        self.assertEqual(rule.next_review_date, '2025-03-01')
        Rule = self.env['party.rule']
        Rule._cron_remind(today=datetime.date(2025, 1, 15))
        self.assertFalse(self.activities(rule), "too early")
        Rule._cron_remind(today=datetime.date(2025, 2, 10))
        activity = self.activities(rule)
        self.assertEqual(len(activity), 1)
        # no secretary with a login in post: the officers of the scope
        self.assertEqual(activity.user_id, self.officer)
        self.assertEqual(activity.date_deadline, '2025-03-01')
        self.assertIn(rule.name, activity.summary)
        self.assertEqual(activity.party_reminder_key,
                         'party.rule,%d:review:2025-03-01' % rule.id)
        self.assertEqual(rule.review_reminded_on, '2025-02-10')
        Rule._cron_remind(today=datetime.date(2025, 2, 11))
        activity.unlink()
        Rule._cron_remind(today=datetime.date(2025, 3, 5))
        self.assertFalse(self.activities(rule), "once per review date")
        # reviewed: the next review a year on, reminded again before it
        with self.today('2025-03-10'):
            rule.sudo(self.officer.id).action_mark_reviewed()
        self.assertEqual(rule.next_review_date, '2026-03-10')
        self.assertEqual(rule.last_review_date, '2025-03-10')
        Rule._cron_remind(today=datetime.date(2026, 2, 20))
        self.assertEqual(len(self.activities(rule)), 1)
        # marking it reviewed closes the reminder
        with self.today('2026-02-21'):
            rule.sudo(self.officer.id).action_mark_reviewed()
        self.assertFalse(self.activities(rule))

    def test_secretary_in_post_reminded(self):
        """The secretary holding the post in the issuing organization's
        current term, through the login of their employee, gets it."""
        employee = self.env['hr.employee'].create({
            'name': 'Secretary A1', 'user_id': self.secretary.id})
        self.member_a1.write({'employee_id': employee.id, 'status': 'full',
                              'join_date': '2010-01-01',
                              'full_date': '2011-01-01'})
        term = self.env['party.term'].create({
            'organization_id': self.branch_a1.id,
            'start_date': '2023-01-01',
            'position_ids': [(0, 0, {
                'role_id': self.env.ref(
                    'party_building.position_role_secretary').id,
                'member_id': self.member_a1.id})]})
        term.action_start()
        rule = self.make_rule(self.branch_a1, 'funding',
                              effective='2024-06-01', review_interval=6)
        self.env['party.rule']._cron_remind(today=datetime.date(2024, 11, 20))
        activity = self.activities(rule)
        self.assertEqual(activity.user_id, self.secretary)
        self.assertEqual(activity.date_deadline, '2024-12-01')
        # the secretary works on it as any reader of the rule would
        self.assertEqual(self.env['mail.activity'].sudo(self.secretary.id)
                         .search([('res_model', '=', 'party.rule')]),
                         activity)

    def test_templates_and_abolished_not_reminded(self):
        template = self.make_rule(False, 'service', effective='2024-01-01',
                                  review_interval=6)
        abolished = self.make_rule(self.branch_a1, 'service',
                                   effective='2024-01-01',
                                   review_interval=6)
        with self.today('2024-02-01'):
            abolished.action_abolish()
        self.env['party.rule']._cron_remind(today=datetime.date(2024, 7, 1))
        self.assertFalse(self.activities(template))
        self.assertFalse(self.activities(abolished))


class TestRuleMetrics(RuleCase):

    def test_required_categories_in_force(self):
        self.make_rule(self.root, 'self_building', effective='2024-01-01')
        self.make_rule(self.city_a, 'operations', effective='2024-01-01')
        self.make_rule(self.branch_a1, 'service', effective='2024-09-01')
        Metric = self.env['party.assessment.metric']
        ratio = self.env.ref('party_building.metric_rule_categories')
        missing = self.env.ref(
            'party_building.metric_rule_categories_missing')
        ids = (self.branch_a1 | self.branch_b1 | self.group_a1).ids
        values = ratio._compute_values(ids, '2024-01-01', '2024-12-31')
        self.assertEqual(values[self.branch_a1.id][0], 0.6)
        self.assertEqual(values[self.branch_b1.id][0], 0.2)
        self.assertEqual(values[self.group_a1.id], (1.0, ''))
        self.assertIn('Funding', values[self.branch_a1.id][1])
        # over an earlier period the branch's own rule was not in force yet
        earlier = missing._compute_values(ids, '2024-01-01', '2024-06-30')
        self.assertEqual(earlier[self.branch_a1.id][0], 3)
        self.assertEqual(earlier[self.branch_b1.id][0], 4)
        # a fixed number of queries, for 3 organizations or 30
        more = [self.make_org('M %d' % i, 'branch', self.city_b).id
                for i in range(27)]
        counts = []
        for org_ids in (ids, ids + more):
            Metric.invalidate_cache()
            with self.count_queries() as queries:
                ratio._compute_values(org_ids, '2024-01-01', '2024-12-31')
            counts.append(queries[0])
        self.assertEqual(counts[0], counts[1])
