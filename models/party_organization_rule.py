from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PartyOrganization(models.Model):
    """The work rules in force for each organization -- its own and those
    issued above it -- and the required categories it still lacks."""
    _inherit = 'party.organization'

    rule_in_force_ids = fields.Many2many(
        'party.rule', compute='_compute_rules_in_force',
        string='Rules in Force',
        help="The rules this organization issued and those issued by the "
             "organizations above it, in force today.")
    rule_in_force_count = fields.Integer(
        compute='_compute_rules_in_force', string='Rules in Force Count')
    missing_rule_category_ids = fields.Many2many(
        'party.rule.category', compute='_compute_rules_in_force',
        string='Missing Rule Categories',
        help="Categories required for this kind of organization with no "
             "rule in force, issued here or above.")
    missing_rule_count = fields.Integer(
        compute='_compute_rules_in_force',
        string='Missing Rule Category Count')

    def _compute_rules_in_force(self):
        today = fields.Date.context_today(self)
        coverage = self._rule_coverage(self.ids, today)
        for org in self:
            rule_ids, required, covered = coverage.get(
                org.id, ([], [], set()))
            missing = [c for c in required if c not in covered]
            org.rule_in_force_ids = [(6, 0, rule_ids)]
            org.rule_in_force_count = len(rule_ids)
            org.missing_rule_category_ids = [(6, 0, missing)]
            org.missing_rule_count = len(missing)

    @api.model
    def _rule_coverage(self, org_ids, day):
        """{org id: (rule ids in force on `day`, required category ids,
        covered category ids)} for the organizations `org_ids`, read as
        given (the caller has checked its access to them): three
        queries, whatever their number. A rule is in force on a day from
        its effective date until the day it is abolished (a superseded
        version on the day its successor takes effect)."""
        ids = [int(i) for i in org_ids if i]
        if not ids:
            return {}
        cr = self.env.cr
        cr.execute("""SELECT id, path, kind FROM party_organization
                       WHERE id = ANY(%s)""", [ids])
        orgs = cr.fetchall()
        chain = {org_id: [int(i) for i in (path or '').strip('/').split('/')
                          if i]
                 for org_id, path, _kind in orgs}
        issuers = sorted({i for ancestors in chain.values()
                          for i in ancestors})
        cr.execute("""
            SELECT r.id, r.organization_id, r.category_id
              FROM party_rule r
              JOIN party_rule_category c ON c.id = r.category_id
             WHERE r.organization_id = ANY(%s) AND r.state != 'draft'
               AND r.effective_date <= %s
               AND (r.abolished_date IS NULL OR r.abolished_date > %s)
          ORDER BY c.sequence, c.id, r.name, r.id
        """, [issuers, day, day])
        by_issuer = {}
        for rule_id, issuer_id, category_id in cr.fetchall():
            by_issuer.setdefault(issuer_id, []).append(
                (rule_id, category_id))
        required = self.env['party.rule.category']._required_by_kind()
        result = {}
        for org_id, _path, kind in orgs:
            rules = [rule for issuer in chain[org_id]
                     for rule in by_issuer.get(issuer, [])]
            result[org_id] = ([rule_id for rule_id, _c in rules],
                              required.get(kind, []),
                              {category_id for _r, category_id in rules})
        return result

    @api.multi
    def action_adopt_rule_templates(self):
        """The wizard that adopts templates of the missing categories in
        one step."""
        self.ensure_one()
        if not self.missing_rule_category_ids and not self.env[
                'party.rule'].search_count([('is_template', '=', True),
                                            ('state', '=', 'in_force')]):
            raise UserError(_("There is no rule template to adopt."))
        return {
            'type': 'ir.actions.act_window',
            'name': _('Adopt Rule Templates'),
            'res_model': 'party.rule.adopt',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_organization_id': self.id},
        }

    @api.multi
    def action_view_rules_in_force(self):
        self.ensure_one()
        action = self.env.ref('party_building.party_rule_action').read()[0]
        action['domain'] = [('id', 'in', self.rule_in_force_ids.ids)]
        action['context'] = {'default_organization_id': self.id}
        return action
