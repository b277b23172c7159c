# -*- coding: utf-8 -*-
from odoo import api, fields, models


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

    @api.depends('party_member_ids')
    def _compute_party_member_id(self):
        for employee in self:
            employee.party_member_id = employee.party_member_ids[:1]

    @api.multi
    def action_open_party_member(self):
        self.ensure_one()
        action = self.env.ref('party_building.party_member_action').read()[0]
        action['views'] = [(False, 'form')]
        if self.party_member_id:
            action['res_id'] = self.party_member_id.id
        else:
            action['context'] = {'default_employee_id': self.id}
        return action
