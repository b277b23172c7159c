from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    # Political status is sensitive: only party-building users see it.
    party_member_ids = fields.One2many(
        'party.member', 'employee_id', string='Party Member Records',
        groups='party_building.group_viewer')
    party_member_id = fields.Many2one(
        'party.member', string='Party Member',
        compute='_compute_party_member_id',
        groups='party_building.group_viewer')

    def _where_calc(self, domain, active_test=True):
        """A search on the member link would tell who is a party member:
        the guard (party_guard) lets only party users use it, and here it
        stays within their scope, for search and read_group alike."""
        if self._uid != SUPERUSER_ID:
            domain = [self._scoped_member_leaf(leaf) for leaf in domain]
        return super(HrEmployee, self)._where_calc(
            domain, active_test=active_test)

    @api.model
    def _scoped_member_leaf(self, leaf):
        if not (isinstance(leaf, (list, tuple)) and isinstance(leaf[0], str)
                and leaf[0].split('.')[0] in ('party_member_ids',
                                              'party_member_id')):
            return leaf
        if not self.env.user.has_group('party_building.group_viewer'):
            raise AccessError(_(
                "Only party-building users may search employees by party "
                "membership."))
        field, operator, value = leaf
        path = field.split('.', 1)
        member_domain = [('employee_id', '!=', False)]
        if len(path) == 2:
            member_domain.append((path[1], operator, value))
        elif value is False and operator in ('=', '!='):
            # "is (not) a member": only the members the user may see count
            employees = self.env['party.member'].search(
                member_domain).mapped('employee_id')
            return ('id', 'not in' if operator == '=' else 'in',
                    employees.ids)
        else:
            member_domain.append(('id', operator, value))
        employees = self.env['party.member'].search(
            member_domain).mapped('employee_id')
        return ('id', 'in', employees.ids)

    @api.depends('party_member_ids')
    def _compute_party_member_id(self):
        for employee in self:
            employee.party_member_id = employee.party_member_ids[:1]

    @api.multi
    def action_open_party_member(self):
        self.ensure_one()
        # the answer (a member id or none) tells who is a party member
        if not self.env.user.has_group('party_building.group_viewer'):
            raise AccessError(_(
                "Only party-building users may open employees' party member "
                "records."))
        action = self.env.ref('party_building.party_member_action').read()[0]
        action['views'] = [(False, 'form')]
        if self.party_member_id:
            action['res_id'] = self.party_member_id.id
        else:
            action['context'] = {'default_employee_id': self.id}
        return action
