from odoo import api, fields, models, tools


class PartyVenueGap(models.Model):
    """What each venue lacks against its kind's equipment standard: a
    view, one row per venue and missing item, for the lists and pivots of
    gaps per venue and per area of the tree."""
    _name = 'party.venue.gap'
    _description = 'Equipment Gap'
    _auto = False
    _order = 'organization_id, venue_id, item_id'

    venue_id = fields.Many2one('party.venue', string='Venue', readonly=True,
                               auto_join=True)
    organization_id = fields.Many2one('party.organization',
                                      string='Managed by', readonly=True,
                                      auto_join=True)
    parent_id = fields.Many2one('party.organization', string='Area',
                                readonly=True,
                                help="The organization above the one that "
                                     "manages the venue.")
    company_id = fields.Many2one('res.company', readonly=True)
    kind_id = fields.Many2one('party.venue.kind', string='Venue Kind',
                              readonly=True)
    item_id = fields.Many2one('party.venue.equipment.item', string='Item',
                              readonly=True)
    required = fields.Integer(readonly=True)
    held = fields.Integer(string='Usable', readonly=True)
    missing = fields.Integer(readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW party_venue_gap AS
            SELECT v.id::bigint * 1000000 + q.item_id AS id,
                   v.id AS venue_id, v.organization_id, o.parent_id,
                   v.company_id, v.kind_id, q.item_id,
                   q.quantity AS required, COALESCE(h.held, 0) AS held,
                   q.quantity - COALESCE(h.held, 0) AS missing
              FROM party_venue v
              JOIN party_organization o ON o.id = v.organization_id
              JOIN party_venue_requirement q ON q.kind_id = v.kind_id
              LEFT JOIN (
                   SELECT venue_id, item_id, sum(quantity) AS held
                     FROM party_venue_equipment
                    WHERE condition != 'broken'
                 GROUP BY venue_id, item_id) h
                ON h.venue_id = v.id AND h.item_id = q.item_id
             WHERE v.active AND v.state != 'closed'
               AND COALESCE(h.held, 0) < q.quantity
        """)
