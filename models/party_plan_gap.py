from odoo import api, fields, models, tools


class PartyOrganizationCategory(models.Model):
    _inherit = 'party.organization.category'

    plan_required = fields.Boolean(
        string='Implementation Plan Required', default=True,
        help="For a sector: every committee files an implementation plan "
             "for this category of branch with its superior.")


class PartyPlanGap(models.Model):
    """For each committee under a superior and each category of branch
    that needs a plan, whether the committee has filed one: the rows are
    the plans still missing (read from the organizations and the plans,
    never stored)."""
    _name = 'party.plan.gap'
    _description = 'Implementation Plan Not Filed'
    _auto = False
    _order = 'superior_id, organization_id, category_id'

    organization_id = fields.Many2one(
        'party.organization', string='Reporting Committee', readonly=True,
        auto_join=True)
    superior_id = fields.Many2one('party.organization', string='Filed With',
                                  readonly=True)
    category_id = fields.Many2one('party.organization.category',
                                  string='Branch Category', readonly=True)
    company_id = fields.Many2one('res.company', readonly=True)
    plan_id = fields.Many2one('party.plan', string='Latest Plan',
                              readonly=True)
    state = fields.Selection([
        ('none', 'No Plan'),
        ('draft', 'Draft'),
        ('submitted', 'Submitted'),
        ('returned', 'Returned'),
    ], string='Status', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # ids: a committee and a category, as one number (categories are a
        # short list of configuration)
        self.env.cr.execute("""
            CREATE VIEW party_plan_gap AS
            SELECT o.id * 1000 + c.id AS id, o.id AS organization_id,
                   o.parent_id AS superior_id, c.id AS category_id,
                   o.company_id, latest.id AS plan_id,
                   COALESCE(latest.state, 'none') AS state
              FROM party_organization o
              JOIN party_organization_category c
                ON c.category_type = 'sector' AND c.active
               AND c.plan_required
              LEFT JOIN LATERAL (
                   SELECT p.id, p.state FROM party_plan p
                    WHERE p.organization_id = o.id
                      AND p.branch_category_id = c.id
                 ORDER BY p.id DESC LIMIT 1) latest ON TRUE
             WHERE o.active AND o.kind = 'committee'
               AND o.parent_id IS NOT NULL
               AND NOT EXISTS (
                   SELECT 1 FROM party_plan f
                    WHERE f.organization_id = o.id
                      AND f.branch_category_id = c.id
                      AND f.state = 'filed')
        """)

    @api.model
    def action_open(self):
        """The plans not filed with the user's organizations: the
        committees directly below them (a manager: below the top
        organizations)."""
        roots = self.env.user.party_organization_ids
        if self.env.user.has_group('party_building.group_manager'):
            superiors = self.env['party.organization'].search(
                [('parent_id', '=', False)])
        else:
            superiors = roots
        action = self.env.ref(
            'party_building.party_plan_gap_action').read()[0]
        action['domain'] = [('superior_id', 'in', superiors.ids)]
        return action
