from odoo import api, fields, models, tools


class PartyVenueUtilization(models.Model):
    """Hours booked and hours open per venue and month, for the pivot:
    a view over the bookings, nothing copied. A month's bookings are those
    that start in it (UTC); cancelled bookings do not count."""
    _name = 'party.venue.utilization'
    _description = 'Venue Utilization'
    _auto = False
    _order = 'month desc, venue_id'

    venue_id = fields.Many2one('party.venue', string='Venue', readonly=True,
                               auto_join=True)
    organization_id = fields.Many2one('party.organization',
                                      string='Managed by', readonly=True,
                                      auto_join=True)
    area_id = fields.Many2one('party.organization', string='Area',
                              readonly=True)
    company_id = fields.Many2one('res.company', readonly=True)
    kind_id = fields.Many2one('party.venue.kind', string='Venue Kind',
                              readonly=True)
    month = fields.Date(readonly=True)
    hours_booked = fields.Float(string='Hours Booked', readonly=True)
    hours_open = fields.Float(string='Hours Open', readonly=True)
    booking_count = fields.Integer(string='Bookings', readonly=True)
    utilization = fields.Float(
        string='Utilization (%)', readonly=True, group_operator='avg',
        help="Hours booked / hours open in the month.")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # every month from the venue's first booking (or its creation) to
        # its last booking (or this month): months without a booking count
        self.env.cr.execute("""
            CREATE VIEW party_venue_utilization AS
            WITH months AS (
                SELECT v.id AS venue_id, m::date AS month,
                       v.weekly_open_hours / 7.0 * extract(day FROM
                           (m + interval '1 month' - m)) AS hours_open
                  FROM party_venue v
                 CROSS JOIN LATERAL (
                       SELECT min(b.start) AS first, max(b.start) AS last
                         FROM party_venue_booking b
                        WHERE b.venue_id = v.id
                          AND b.state != 'cancelled') span
                 CROSS JOIN LATERAL generate_series(
                       date_trunc('month', LEAST(span.first, v.create_date)),
                       date_trunc('month', GREATEST(span.last,
                                                    now() AT TIME ZONE 'UTC')),
                       interval '1 month') m
                 WHERE v.active
            )
            SELECT row_number() OVER (ORDER BY m.venue_id, m.month) AS id,
                   m.venue_id, v.organization_id, v.area_id, v.company_id,
                   v.kind_id,
                   m.month, COALESCE(b.hours, 0) AS hours_booked,
                   m.hours_open, COALESCE(b.bookings, 0) AS booking_count,
                   CASE WHEN m.hours_open > 0
                        THEN 100.0 * COALESCE(b.hours, 0) / m.hours_open
                        ELSE 0 END AS utilization
              FROM months m
              JOIN party_venue v ON v.id = m.venue_id
              LEFT JOIN (
                   SELECT venue_id, date_trunc('month', start)::date AS month,
                          sum(extract(epoch FROM stop - start)) / 3600.0
                              AS hours,
                          count(*) AS bookings
                     FROM party_venue_booking
                    WHERE state != 'cancelled'
                 GROUP BY venue_id, date_trunc('month', start)) b
                ON b.venue_id = m.venue_id AND b.month = m.month
        """)
