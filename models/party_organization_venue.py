from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_venue import COVERED_SQL


class PartyOrganization(models.Model):
    """Each organization shows its venues; a scope's organizations without
    a venue in use are found by one search."""
    _inherit = 'party.organization'

    venue_ids = fields.Many2many(
        'party.venue', 'party_venue_organization_rel', 'organization_id',
        'venue_id', string='Venues', readonly=True,
        help="The venues that serve this organization by name.")
    venue_count = fields.Integer(string='Venue Count',
                                 compute='_compute_venue_count')
    has_venue_in_use = fields.Boolean(
        string='Has a Venue in Use', compute='_compute_has_venue_in_use',
        search='_search_has_venue_in_use',
        help="A venue in use serves it, or serves an organization above "
             "it.")

    def _compute_venue_count(self):
        for organization in self:
            organization.venue_count = len(organization.venue_ids)

    def _compute_has_venue_in_use(self):
        ids = [i for i in self.ids if isinstance(i, int)]
        covered = set()
        if ids:
            query = COVERED_SQL + " AND o.id = ANY(%s)"
            self.env.cr.execute(query, [ids])  # pylint: disable=sql-injection
            covered = {row[0] for row in self.env.cr.fetchall()}
        for organization in self:
            organization.has_venue_in_use = organization.id in covered

    def _search_has_venue_in_use(self, operator, value):
        if operator not in ('=', '!='):
            raise UserError(_("Unsupported search on the venues."))
        positive = (operator == '=') == bool(value)
        return [('id', 'inselect' if positive else 'not inselect',
                 (COVERED_SQL, []))]

    @api.multi
    def action_venues(self):
        self.ensure_one()
        action = self.env.ref('party_building.party_venue_action').read()[0]
        action['domain'] = [('organization_ids', 'in', self.ids)]
        action['context'] = {'default_organization_id': self.id}
        return action
