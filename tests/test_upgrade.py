"""Record rules are noupdate data: an upgraded database must still have the
rules of the source. These tests run on the fresh test database and, through
scripts/test_upgrade.sh, on a database installed at an older version and
upgraded (where the data of a real secretary must still serve her)."""
import os

from lxml import etree

from odoo.modules.module import (get_module_path,
                                 load_information_from_description_file)
from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import safe_eval

from ..migrations.noupdate_rules import rewrite_noupdate_rules
from .common import NO_TRACKING

MODULE = 'party_building'
# what scripts/test_upgrade.sh creates before the upgrade
UPGRADE_SECRETARY = 'upgrade_secretary'


def commands_to_ids(commands):
    """The ids a list of x2many commands leaves in an empty relation."""
    ids = []
    for command in commands:
        if command[0] == 4:
            ids.append(command[1])
        elif command[0] == 6:
            ids = list(command[2])
        elif command[0] == 5:
            ids = []
        else:
            raise AssertionError('unexpected command %r' % (command,))
    return set(ids)


class TestRulesMatchSource(TransactionCase):

    def ref_id(self, xmlid):
        if '.' not in xmlid:
            xmlid = '%s.%s' % (MODULE, xmlid)
        return self.env.ref(xmlid).id

    def source_rules(self):
        """{xmlid: expected values} from the manifest's XML data files."""
        path = get_module_path(MODULE)
        manifest = load_information_from_description_file(MODULE, path)
        rules = {}
        for filename in manifest['data']:
            if not filename.endswith('.xml'):
                continue
            doc = etree.parse(os.path.join(path, filename))
            for record in doc.iterfind('.//record[@model="ir.rule"]'):
                xmlid = record.get('id')
                if '.' not in xmlid:
                    xmlid = '%s.%s' % (MODULE, xmlid)
                fields = {f.get('name'): f for f in record.iterfind('field')}
                context = {'ref': self.ref_id}
                groups = fields.get('groups')
                expected = {
                    'file': filename,
                    'model_id': self.ref_id(fields['model_id'].get('ref')),
                    'domain_force': (fields['domain_force'].text or '').strip()
                    if 'domain_force' in fields else None,
                    'groups': commands_to_ids(
                        safe_eval(groups.get('eval'), context))
                    if groups is not None else set(),
                }
                # Odoo computes `global` from the groups; a source that says
                # otherwise would be wrong too
                expected['global'] = not expected['groups']
                if 'global' in fields:
                    self.assertEqual(
                        bool(safe_eval(fields['global'].get('eval'), context)),
                        expected['global'],
                        '%s: global contradicts its groups' % xmlid)
                rules[xmlid] = expected
        self.assertTrue(rules, 'no record rules found in the source')
        return rules

    def db_rules(self):
        """{xmlid: ir.rule} for every rule with an xmlid of the module."""
        data = self.env['ir.model.data'].search([
            ('module', '=', MODULE), ('model', '=', 'ir.rule')])
        return {'%s.%s' % (MODULE, d.name): self.env['ir.rule'].browse(
            d.res_id) for d in data}

    def assertRulesMatchSource(self):
        source, db = self.source_rules(), self.db_rules()
        self.assertEqual(set(db) - set(source), set(),
                         'rules deleted from the source linger')
        self.assertEqual(set(source) - set(db), set(), 'rules missing')
        for xmlid, expected in sorted(source.items()):
            rule = db[xmlid]
            self.assertTrue(rule.exists(), '%s: record is gone' % xmlid)
            self.assertEqual(rule.model_id.id, expected['model_id'], xmlid)
            self.assertEqual((rule.domain_force or '').strip()
                             if expected['domain_force'] is not None
                             else rule.domain_force,
                             expected['domain_force'],
                             '%s: domain differs from %s' % (
                                 xmlid, expected['file']))
            self.assertEqual(set(rule.groups.ids), expected['groups'],
                             '%s: groups differ from %s' % (
                                 xmlid, expected['file']))
            self.assertEqual(rule['global'], expected['global'],
                             '%s: global flag' % xmlid)
            self.assertTrue(rule.active, '%s: inactive' % xmlid)

    def test_rules_match_source(self):
        self.assertRulesMatchSource()

    def test_rewrite_restores_outdated_rules(self):
        """What an old database looks like: a domain, groups and
        permissions changed, a rule the source no longer has. The
        migration helper puts everything back."""
        db = self.db_rules()
        scoped = db['%s.party_member_rule_scope' % MODULE]
        scoped.write({
            'domain_force': "[('organization_id.path', '=like', 'x%')]",
            'groups': [(4, self.env.ref('base.group_user').id)],
            'perm_read': False,
        })
        global_rule = next(rule for rule in db.values() if rule['global'])
        global_rule.write({'groups': [(4, self.env.ref(
            '%s.group_viewer' % MODULE).id)]})
        self.assertFalse(global_rule['global'])
        gone = self.env['ir.rule'].create({
            'name': 'A rule an older version had',
            'model_id': self.env.ref(
                '%s.model_party_member' % MODULE).id,
            'groups': [(4, self.env.ref('%s.group_viewer' % MODULE).id)],
            'domain_force': '[(1, "=", 1)]',
        })
        self.env['ir.model.data'].create({
            'module': MODULE, 'name': 'party_member_rule_removed',
            'model': 'ir.rule', 'res_id': gone.id, 'noupdate': True})

        rewritten, deleted = rewrite_noupdate_rules(self.env.cr, MODULE)

        self.assertEqual(deleted, ['party_member_rule_removed'])
        self.assertFalse(gone.exists())
        self.assertIn('party_member_rule_scope', rewritten)
        self.env['ir.rule'].invalidate_cache()
        self.assertTrue(scoped.perm_read)
        self.assertTrue(global_rule['global'])
        self.assertRulesMatchSource()


class TestUpgradedData(TransactionCase):
    """The records scripts/test_upgrade.sh made as users of the old version
    still serve their secretary after the upgrade: she reads her committee
    posts and training and records new ones inside their parent form."""

    def setUp(self):
        super(TestUpgradedData, self).setUp()
        self.secretary = self.env['res.users'].search(
            [('login', '=', UPGRADE_SECRETARY)])
        if not self.secretary:
            if os.environ.get('PARTY_UPGRADE_CHECK'):
                self.fail('the upgraded database lacks the user %s'
                          % UPGRADE_SECRETARY)
            self.skipTest('only on a database upgraded by '
                          'scripts/test_upgrade.sh')
        self.env = self.env(user=self.secretary.id,
                            context=dict(self.env.context, **NO_TRACKING))

    def test_secretary_reads_posts_and_training(self):
        member = self.env['party.member'].search(
            [('name', '=', 'Upgrade Secretary')])
        self.assertEqual(len(member), 1)
        branch = member.organization_id
        self.assertEqual(branch.name, 'Upgrade Branch One')
        positions = self.env['party.term.position'].search([])
        self.assertTrue(positions)
        self.assertEqual(positions.mapped('term_id.organization_id'), branch)
        positions.read(['member_id', 'role_id', 'term_id'])
        self.assertIn(member, positions.mapped('member_id'))
        trainings = self.env['party.secretary.training'].search([])
        self.assertEqual(trainings.mapped('member_id'), member)
        trainings.read(['course', 'hours', 'date'])
        # nothing of the sibling branch
        self.assertFalse(self.env['party.organization'].search(
            [('name', '=', 'Upgrade Branch Two')]))
        self.assertFalse(self.env['party.member'].search(
            [('name', '=', 'Upgrade Member Two')]))

    def test_secretary_records_post_and_training(self):
        member = self.env['party.member'].search(
            [('name', '=', 'Upgrade Secretary')])
        member.write({'training_ids': [(0, 0, {
            'course': 'Course after the upgrade', 'hours': 4,
            'date': '2024-05-01'})]})
        self.assertIn('Course after the upgrade',
                      member.training_ids.mapped('course'))
        term = self.env['party.term'].search(
            [('organization_id', '=', member.organization_id.id)], limit=1)
        colleague = self.env['party.member'].search(
            [('name', '=', 'Upgrade Member One')])
        term.write({'position_ids': [(0, 0, {
            'member_id': colleague.id,
            'role_id': self.env.ref(
                '%s.position_role_organization' % MODULE).id})]})
        self.assertIn(colleague, term.position_ids.mapped('member_id'))


class TestDailyJobsUpgraded(TransactionCase):
    """The crons are noupdate data: on an upgraded database too they resume
    the day's run every 10 minutes, and the compliance columns that changed
    every day are gone."""

    def test_crons_resume_in_batches(self):
        for xmlid, code in (
                ('ir_cron_setup_review',
                 'model._cron_setup_review(commit=True)'),
                ('ir_cron_meeting_reminders',
                 'model._cron_remind(commit=True)')):
            cron = self.env.ref('%s.%s' % (MODULE, xmlid))
            self.assertEqual(cron.code.strip(), code, xmlid)
            self.assertEqual((cron.interval_number, cron.interval_type),
                             (10, 'minutes'), xmlid)

    def test_daily_columns_dropped(self):
        self.env.cr.execute("""
            SELECT column_name FROM information_schema.columns
             WHERE table_name = 'party_organization'
               AND column_name IN ('secretary_vacant_days',
                                   'setup_checked_on')""")
        self.assertEqual(self.env.cr.fetchall(), [])

    def test_member_counts_filled(self):
        """party_member_count, new in 11.0.1.5.0, is filled from the
        members an upgraded database already holds."""
        self.env.cr.execute("""
            SELECT organization_id, count(*),
                   count(*) FILTER (WHERE status = 'full')
              FROM party_member WHERE active GROUP BY organization_id
            EXCEPT
            SELECT organization_id, member_count, full_count
              FROM party_member_count""")
        self.assertEqual(self.env.cr.fetchall(), [])


class TestAuditTrailUpgraded(TransactionCase):
    """The audit trail's rules (noupdate, new in 11.0.1.7.0) are subscribed
    on an upgraded database too (its migration), so a change is logged."""

    def test_rules_subscribed_and_logging(self):
        rule = self.env.ref('%s.auditlog_rule_member' % MODULE)
        self.assertEqual(rule.state, 'subscribed')
        self.assertTrue(rule.action_id)
        member = self.env['party.member'].search([], limit=1)
        if not member:
            org = self.env['party.organization'].create(
                {'name': 'Audit Upgrade Branch', 'kind': 'branch'})
            member = self.env['party.member'].create(
                {'name': 'Audit Upgrade Member', 'organization_id': org.id})
        member.write({'mobile': '13900000099'})
        logs = self.env['auditlog.log'].search([
            ('model_id.model', '=', 'party.member'),
            ('res_id', '=', member.id), ('method', '=', 'write')])
        self.assertIn('13900000099', logs.mapped('line_ids.new_value_text'))


class TestPlansUpgraded(TransactionCase):
    """Implementation plans (11.0.1.7.0): the seeded "other" sector needs no
    plan on an upgraded database too (its migration), the others do."""

    def test_other_sector_needs_no_plan(self):
        other = self.env.ref('%s.category_sector_other' % MODULE)
        self.assertFalse(other.plan_required)
        self.assertTrue(self.env.ref(
            '%s.category_sector_village' % MODULE).plan_required)


class TestLifecycleUpgraded(TransactionCase):
    """Members' lifecycle (11.0.1.8.0): the members of an upgraded database
    are in good standing, the counts follow the new rule (its migration
    recounts them), and a member who lost contact leaves the counts."""

    def counts(self, org_id):
        self.env.cr.execute("""SELECT member_count, full_count
                                 FROM party_member_count
                                WHERE organization_id = %s""", [org_id])
        return self.env.cr.fetchone()

    def test_standing_and_counts(self):
        Member = self.env['party.member'].with_context(active_test=False)
        # upgraded: the old version's members; a fresh database: none yet
        self.assertFalse(Member.search([('standing', '!=', 'good')]))
        self.env.cr.execute("""
            SELECT organization_id, count(*),
                   count(*) FILTER (WHERE status = 'full')
              FROM party_member
             WHERE active AND standing NOT IN ('lost_contact', 'stopped')
          GROUP BY organization_id
            EXCEPT
            SELECT organization_id, member_count, full_count
              FROM party_member_count""")
        self.assertEqual(self.env.cr.fetchall(), [])
        member = Member.search([('active', '=', True),
                                ('status', '=', 'full')], limit=1)
        if not member:
            org = self.env['party.organization'].create(
                {'name': 'Lifecycle Upgrade Branch', 'kind': 'branch'})
            member = Member.create({
                'name': 'Lifecycle Upgrade Member', 'organization_id': org.id,
                'status': 'full', 'join_date': '2010-07-01',
                'full_date': '2011-07-01'})
        before = self.counts(member.organization_id.id)
        self.env['party.member.decision'].create({
            'member_id': member.id, 'kind': 'lost_contact',
            'date': '2024-06-01', 'decision': 'Branch committee, 12',
            'attempts': 'Phone, visits'})
        self.assertEqual(member.standing, 'lost_contact')
        self.assertEqual(self.counts(member.organization_id.id),
                         (before[0] - 1, before[1] - 1))


class TestServiceUpgraded(TransactionCase):
    """Education and service (11.0.1.8.0): the survey app came with the
    upgrade, and the party lecture and theme party day count study hours
    on an upgraded database too (its migration)."""

    def test_study_types_and_survey(self):
        survey = self.env['ir.module.module'].search(
            [('name', '=', 'survey')])
        self.assertEqual(survey.state, 'installed')
        for xmlid, counts in (('meeting_type_lecture', True),
                              ('meeting_type_theme_day', True),
                              ('meeting_type_general', False)):
            self.assertEqual(self.env.ref('%s.%s' % (MODULE, xmlid))
                             .counts_study_hours, counts, xmlid)


class TestYearTotalsUpgraded(TransactionCase):
    """Yearly study and service totals (11.0.1.10.0): the upgraded database
    has the triggers (the module's load creates them), its records are
    summed (the migration), and what its users record from then on moves
    the totals."""

    def test_totals_kept(self):
        self.env.cr.execute("""
            SELECT tgrelid::regclass::text FROM pg_trigger
             WHERE tgname = 'party_member_year' ORDER BY 1""")
        self.assertEqual([row[0] for row in self.env.cr.fetchall()], [
            'party_meeting', 'party_meeting_attendance',
            'party_meeting_type', 'party_service_record',
            'party_study_record'])
        Year = self.env['party.member.year']
        self.assertEqual(Year._mismatches(), [])
        member = self.env['party.member'].search([('active', '=', True)],
                                                 limit=1)
        if not member:
            org = self.env['party.organization'].create(
                {'name': 'Totals Upgrade Branch', 'kind': 'branch'})
            member = self.env['party.member'].create(
                {'name': 'Totals Upgrade Member', 'organization_id': org.id})
        totals = self.env['party.service.totals']._member_totals(
            member.ids, '2024-01-01', '2024-12-31')[member.id]
        self.env['party.study.record'].create({
            'member_id': member.id, 'name': 'After the upgrade',
            'kind': 'online', 'date': '2024-05-01', 'hours': 2.5})
        self.env['party.service.record'].create({
            'member_id': member.id, 'name': 'After the upgrade',
            'date': '2024-05-02', 'hours': 1.5})
        after = self.env['party.service.totals']._member_totals(
            member.ids, '2024-01-01', '2024-12-31')[member.id]
        self.assertEqual((after[0] - totals[0], after[2] - totals[2],
                          after[3] - totals[3]), (2.5, 1.5, 1))
        self.assertEqual(Year._mismatches(), [])
