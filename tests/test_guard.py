"""Walks every model of the addon: the next model cannot forget its record
rules, leave a protected field reachable through a path, or let a client
write a workflow field."""
import ast
import inspect
import textwrap

from odoo.exceptions import AccessError

from ..models.party_guard import GROUP_PREFIX, MODULE
from .common import PartyCase

# States a user sets freely (a task's progress, whether a member came to a
# meeting, which the meeting's lock guards); every other `state` of the
# addon changes only through its buttons.
FREE_STATES = {'party.task', 'party.meeting.attendance'}
# Kept by the database whatever is written (tests/test_review.py).
KEPT_BY_DATABASE = {('party.organization', 'path')}
# Related to the party models, though Odoo's own.
LINKED_MODELS = ('hr.employee', 'hr.department', 'res.users')


class TestEveryModel(PartyCase):

    def party_models(self, transient=False):
        return [model for name, model in sorted(self.env.registry.items())
                if name.startswith('party.') and not model._abstract
                and bool(model._transient) == transient]

    def rules(self, model):
        return self.env['ir.rule'].search(
            [('model_id.model', '=', model._name)])

    def test_scoped_models_have_their_rules(self):
        viewer = self.env.ref('party_building.group_viewer')
        manager = self.env.ref('party_building.group_manager')
        for model in self.party_models():
            rules = self.rules(model)
            if 'company_id' in model._fields:
                self.assertTrue(rules.filtered(
                    lambda r: r['global'] and 'company_id' in r.domain_force),
                    '%s has no multi-company rule' % model._name)
            if 'organization_id' not in model._fields \
                    and model._name != 'party.organization':
                continue
            scope = rules.filtered(lambda r: viewer in r.groups)
            self.assertTrue(scope and all(
                '_party_scope_domain(' in r.domain_force for r in scope),
                '%s has no scope rule' % model._name)
            self.assertTrue(rules.filtered(
                lambda r: manager in r.groups
                and r.domain_force.replace(' ', '') == "[(1,'=',1)]"),
                '%s has no rule for managers' % model._name)
            field = model._fields.get('organization_id')
            if field is not None and not field.related:
                self.assertTrue(field.auto_join, model._name)

    def protected_fields(self):
        """(model name, field name, group) of the fields only a party group
        may use."""
        for name in [m._name for m in self.party_models()] + list(
                LINKED_MODELS):
            model = self.env[name]
            for field in model._fields.values():
                if field.groups and GROUP_PREFIX in field.groups:
                    yield name, field.name, field.groups

    def test_protected_fields_unreachable(self):
        self.assertIn(('party.member', 'id_number',
                       'party_building.group_officer'),
                      list(self.protected_fields()))
        nobody = self.env['res.users'].create({
            'name': 'No Role', 'login': 'test_no_role',
            'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        for model_name, fname, groups in self.protected_fields():
            user = self.viewer if 'group_viewer' not in groups else nobody
            target = self.env[model_name].sudo(user)
            uses = {
                'search': lambda: target.search([(fname, '!=', False)]),
                'order': lambda: target.search([], order=fname),
                'export': lambda: target.search([], limit=1).export_data(
                    [fname]),
            }
            if self.env[model_name]._fields[fname].store:
                uses['read_group'] = lambda: target.read_group(
                    [], [fname], [fname])
            # through every field of every model that links to it
            for name in [m._name for m in self.party_models()] + list(
                    LINKED_MODELS):
                model = self.env[name].sudo(user)
                for link in model._fields.values():
                    if link.relational and link.comodel_name == model_name \
                            and link.store and not link.groups:
                        path = '%s.%s' % (link.name, fname)
                        uses['%s.%s' % (name, path)] = (
                            lambda model=model, path=path: model.search(
                                [(path, '!=', False)]))
            for use, call in uses.items():
                with self.assertRefused(
                        AccessError, msg='%s.%s %s' % (model_name, fname,
                                                       use)):
                    call()

    def test_workflow_fields_not_writable(self):
        """Every field the models write themselves (readonly in the model:
        states, reviews, computed and related fields) is refused to a
        client, on write and on create with a value of its own."""
        checked = 0
        for model in self.party_models():
            Model = self.env[model._name].sudo(self.manager)
            for field in model._fields.values():
                if field.name == 'state' and model._name not in FREE_STATES:
                    self.assertTrue(field.readonly,
                                    '%s.state is writable' % model._name)
                if getattr(field, '_module', None) != MODULE \
                        or (model._name, field.name) in KEPT_BY_DATABASE \
                        or not (field.readonly
                                or getattr(field, 'party_create_only',
                                           False)):
                    continue
                with self.assertRefused(
                        AccessError, 'cannot be set directly',
                        msg='%s.%s' % (model._name, field.name)):
                    Model.browse().write({field.name: False})
                checked += 1
        self.assertGreater(checked, 20)

    def test_buttons_answer_rpc(self):
        """XML-RPC clients fail on a method that returns None, after its
        change is committed: every action_ method returns on every
        path."""
        for model in self.party_models() + self.party_models(True):
            for name in dir(type(model)):
                if not name.startswith('action_'):
                    continue
                source = textwrap.dedent(inspect.getsource(
                    getattr(type(model), name)))
                body = ast.parse(source).body[0].body
                self.assertIsInstance(
                    body[-1], (ast.Return, ast.Raise),
                    '%s.%s can end without a return value'
                    % (model._name, name))
