from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PartyRuleAdopt(models.TransientModel):
    """Adopt rule templates as an organization's own rules, in force from
    today, in one step: by default the templates of the categories the
    organization still lacks."""
    _name = 'party.rule.adopt'
    _description = 'Adopt Rule Templates'

    organization_id = fields.Many2one(
        'party.organization', string='Organization', required=True)
    missing_rule_category_ids = fields.Many2many(
        'party.rule.category', string='Missing Categories',
        related='organization_id.missing_rule_category_ids')
    template_ids = fields.Many2many(
        'party.rule', 'party_rule_adopt_template_rel', 'wizard_id',
        'rule_id', string='Templates',
        domain=[('is_template', '=', True), ('state', '=', 'in_force')])

    @api.model
    def create(self, vals):
        # the form sends the templates it lists with their values: the
        # wizard only links them
        if vals.get('template_ids'):
            vals = dict(vals, template_ids=self._link_commands(
                vals['template_ids']))
        return super(PartyRuleAdopt, self).create(vals)

    @api.multi
    def write(self, vals):
        if vals.get('template_ids'):
            vals = dict(vals, template_ids=self._link_commands(
                vals['template_ids']))
        return super(PartyRuleAdopt, self).write(vals)

    @staticmethod
    def _link_commands(commands):
        """The many2many commands, those that would change the templates
        (create, update, delete) turned into mere links or dropped."""
        result = []
        for command in commands:
            if isinstance(command, (list, tuple)) and command:
                if command[0] in (1, 4) and len(command) > 1:
                    result.append((4, command[1]))
                elif command[0] in (3, 5, 6):
                    result.append(tuple(command))
            elif isinstance(command, int):
                result.append((4, command))
        return result

    @api.onchange('organization_id')
    def _onchange_organization(self):
        """The templates of the missing categories."""
        missing = self.organization_id.missing_rule_category_ids
        self.template_ids = self.env['party.rule'].search([
            ('is_template', '=', True), ('state', '=', 'in_force'),
            ('category_id', 'in', missing.ids)]) if missing else False

    @api.multi
    def action_adopt(self):
        self.ensure_one()
        if not self.template_ids:
            raise UserError(_("Choose the templates to adopt."))
        rules = self.env['party.rule']._adopt(self.organization_id,
                                              self.template_ids)
        action = self.env.ref('party_building.party_rule_action').read()[0]
        action['domain'] = [('id', 'in', rules.ids)]
        action['context'] = {}
        if not rules:
            return {'type': 'ir.actions.act_window_close'}
        return action
