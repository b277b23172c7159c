"""On-site inspections (督导检查): the visit against the standard's
criteria, a finding that becomes the branch's rectification task, the
re-check that closes it; and every role in and out of scope, over the
ORM as a client would call it."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyCase


class InspectionCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(InspectionCase, cls).setUpClass()
        cls.standard = cls.env.ref('party_building.standard_2019')
        cls.inspector = cls.make_user('inspector', 'group_officer',
                                      cls.city_a)
        cls.outsider = cls.make_user('outsider', 'group_officer', cls.city_b)
        cls.plan = cls.env['party.inspection.plan'].create({
            'name': 'City A 2024', 'year': 2024,
            'organization_id': cls.city_a.id,
            'inspector_ids': [(6, 0, [cls.officer.id, cls.inspector.id])]})

    def new_inspection(self, user=None, org=None, **vals):
        Inspection = self.as_user(user or self.officer, 'party.inspection')
        return Inspection.create(dict({
            'plan_id': self.plan.id,
            'organization_id': (org or self.branch_a1).id,
            'planned_date': '2024-05-06',
            'inspector_ids': [(6, 0, [self.officer.id, self.inspector.id])],
        }, **vals))

    def visit(self, inspection, results=('met',)):
        inspection.action_load_checklist()
        for index, item in enumerate(inspection.item_ids):
            item.write({'result': results[index % len(results)],
                        'note': 'seen'})
        inspection.write({'visit_date': '2024-05-08'})
        inspection.action_done()

    def new_finding(self, inspection, user=None, **vals):
        Finding = self.as_user(user or self.officer,
                               'party.inspection.finding')
        return Finding.create(dict({
            'inspection_id': inspection.id,
            'name': 'No minutes of the members meeting',
            'owner_id': self.secretary.id, 'deadline': '2024-06-30',
            'item_id': inspection.item_ids[:1].id}, **vals))


class TestInspectionChain(InspectionCase):

    def test_visit_checks_the_standard(self):
        inspection = self.new_inspection()
        self.assertEqual(inspection.standard_id, self.standard)
        inspection.action_load_checklist()
        applicable = self.standard.criterion_ids.filtered(
            lambda c: c._applies_to(self.branch_a1))
        self.assertTrue(applicable)
        self.assertEqual(inspection.item_ids.mapped('criterion_id'),
                         applicable)
        # loading again adds nothing
        inspection.action_load_checklist()
        self.assertEqual(len(inspection.item_ids), len(applicable))
        with self.assertRefused(UserError, 'date of the visit'):
            inspection.action_done()
        inspection.write({'visit_date': '2024-05-08'})
        with self.assertRefused(UserError, 'met, partly met or not met'):
            inspection.action_done()
        inspection.item_ids.write({'result': 'partial'})
        inspection.action_done()
        self.assertEqual(inspection.state, 'done')
        self.assertEqual(self.plan.done_count, 1)
        # the record is kept as it was
        with self.assertRefused(UserError, 'no longer change'):
            inspection.item_ids[0].write({'result': 'met'})
        with self.assertRefused(UserError, 'no longer change'):
            inspection.write({'visit_date': '2024-05-09'})
        with self.assertRefused(UserError):
            inspection.unlink()

    def test_finding_task_recheck_chain(self):
        inspection = self.new_inspection()
        self.visit(inspection, ('met', 'not_met'))
        finding = self.new_finding(inspection)
        task = finding.task_id
        self.assertEqual(finding.organization_id, self.branch_a1)
        self.assertEqual((task.organization_id, task.owner_id, task.deadline,
                          task.source, task.inspection_finding_id),
                         (self.branch_a1, self.secretary, '2024-06-30',
                          'inspection', finding))
        # on the branch's form and its task list, seen by its secretary
        self.assertEqual(self.branch_a1.sudo(self.secretary)
                         .inspection_finding_ids, finding)
        self.assertEqual(self.branch_a1.sudo(self.secretary)
                         .inspection_finding_count, 1)
        tasks = self.as_user(self.secretary, 'party.task').search(
            [('source', '=', 'inspection')])
        self.assertEqual(tasks, task)
        # the inspector moves the deadline on the finding, the task follows
        finding.write({'deadline': '2024-07-15'})
        self.assertEqual(task.deadline, '2024-07-15')
        # closing without a re-check is refused, nothing changes
        with self.assertRefused(UserError, 'Re-check'):
            finding.action_close()
        self.assertEqual(finding.state, 'open')
        finding.write({'recheck_date': '2024-07-20',
                       'recheck_note': 'Minutes kept since June'})
        with self.assertRefused(UserError, 'still open'):
            finding.action_close()
        # the secretary does the task, the officer re-checks and closes
        task.sudo(self.secretary).action_done()
        finding.sudo(self.officer).action_close()
        self.assertEqual((finding.state, finding.closed_by_id),
                         ('closed', self.officer))
        self.assertFalse(self.branch_a1.inspection_finding_count)
        self.assertEqual(self.plan.open_finding_count, 0)
        with self.assertRefused(UserError, 'closed'):
            finding.sudo(self.officer).write({'name': 'other'})

    def test_recheck_before_visit_refused(self):
        # the checklist buttons write items: officers only (the items'
        # access rights, which the trusted create keeps)
        planned = self.new_inspection(planned_date='2024-09-01')
        for user in (self.viewer, self.secretary):
            with self.assertRefused(AccessError):
                planned.sudo(user).action_load_checklist()
        self.assertFalse(planned.item_ids)
        planned.action_load_checklist()
        for user in (self.viewer, self.secretary):
            with self.assertRefused(AccessError):
                planned.sudo(user).action_mark_all_met()
        self.assertFalse(planned.item_ids.filtered('result'))
        inspection = self.new_inspection()
        self.visit(inspection)
        finding = self.new_finding(inspection)
        with self.assertRefused(ValidationError, 'after the visit'):
            finding.write({'recheck_date': '2024-05-01'})


class TestInspectionAccess(InspectionCase):
    """Each role in and out of scope, by ORM calls."""

    def test_branch_outside_the_inspector_scope(self):
        # the officer of city A cannot reach branch B1 at all
        with self.assertRefused(AccessError):
            self.new_inspection(org=self.branch_b1, plan_id=False,
                                inspector_ids=[(6, 0, [self.officer.id])])
        # a manager may, but cannot send an inspector of city B to A
        with self.assertRefused(ValidationError, 'outside the inspector'):
            self.new_inspection(user=self.manager, inspector_ids=[
                (6, 0, [self.outsider.id])])
        # nor file a branch of city B under city A's plan
        with self.assertRefused(ValidationError, 'not under'):
            self.new_inspection(user=self.manager, org=self.branch_b1,
                                inspector_ids=[(6, 0, [])])
        self.assertFalse(self.env['party.inspection'].search([]))

    def test_lower_roles_cannot_record(self):
        for user in (self.viewer, self.secretary):
            with self.assertRefused(AccessError):
                self.new_inspection(user=user)
        inspection = self.new_inspection()
        self.visit(inspection)
        finding = self.new_finding(inspection)
        for user in (self.viewer, self.secretary):
            with self.assertRefused(AccessError):
                self.new_finding(inspection, user=user)
            with self.assertRefused(AccessError):
                finding.sudo(user).write({'recheck_note': 'fine',
                                          'recheck_date': '2024-07-01'})
            with self.assertRefused(AccessError):
                finding.sudo(user).action_close()
        # the secretary's task: its deadline and owner are the inspector's
        with self.assertRefused(UserError, 'inspector changes them'):
            finding.task_id.sudo(self.secretary).write(
                {'deadline': '2025-12-31'})
        with self.assertRefused(UserError, 'inspector changes them'):
            finding.task_id.sudo(self.secretary).write({'active': False})
        with self.assertRefused(AccessError):
            finding.task_id.sudo(self.secretary).write(
                {'inspection_finding_id': False})

    def test_workflow_fields_refused(self):
        inspection = self.new_inspection()
        with self.assertRefused(AccessError, 'cannot be set directly'):
            inspection.write({'state': 'done'})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.new_inspection(state='done')
        self.visit(inspection)
        finding = self.new_finding(inspection)
        with self.assertRefused(AccessError, 'cannot be set directly'):
            finding.write({'state': 'closed'})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            self.new_finding(inspection, state='closed')
        with self.assertRefused(AccessError, 'cannot be set directly'):
            finding.write({'organization_id': self.branch_a2.id})
        with self.assertRefused(AccessError, 'cannot be set directly'):
            finding.write({'task_id': False})
        self.assertEqual(finding.state, 'open')

    def test_finding_owner_in_scope(self):
        inspection = self.new_inspection()
        self.visit(inspection)
        outsider_secretary = self.make_user('sec_b1', 'group_secretary',
                                            self.branch_b1)
        with self.assertRefused(ValidationError, 'outside their scope'):
            self.new_finding(inspection, user=self.manager,
                             owner_id=outsider_secretary.id)
        self.assertFalse(self.env['party.task'].search(
            [('source', '=', 'inspection')]))

    def test_out_of_scope_sees_nothing(self):
        inspection = self.new_inspection()
        self.visit(inspection)
        self.new_finding(inspection)
        for user in (self.outsider, self.nobody):
            for model in ('party.inspection', 'party.inspection.item',
                          'party.inspection.finding',
                          'party.inspection.plan'):
                self.assertFalse(self.as_user(user, model).search([]),
                                 '%s sees %s' % (user.login, model))
            with self.assertRefused(AccessError):
                inspection.sudo(user).read(['name'])
            with self.assertRefused(AccessError):
                self.new_finding(inspection, user=user,
                                 owner_id=self.manager.id)
        # the secretary of a sibling branch sees neither
        sibling = self.make_user('sec_a2', 'group_secretary',
                                 self.branch_a2)
        self.assertFalse(self.as_user(sibling, 'party.inspection.finding')
                         .search([]))
        self.assertEqual(self.as_user(self.secretary,
                                      'party.inspection.finding')
                         .search_count([]), 1)
