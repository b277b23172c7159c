"""The venue metrics of the quality-standard system (see
party_assessment_metric): a fixed number of statements whatever the number
of organizations. A venue serves the organizations it names and those
below them; its state is today's (venues keep no history of states)."""
from odoo import api, models

# (org_id, venue_id, state, completeness, weekly_open_hours) of the active
# venues serving each organization of %(ids)s or one above it: the
# ancestors are read from the organization's own path.
SERVING_SQL = """
    serving AS (
        SELECT DISTINCT o.id AS org_id, v.id AS venue_id, v.state,
               v.completeness, v.weekly_open_hours
          FROM party_organization o
          JOIN party_venue_organization_rel r
            ON r.organization_id = ANY(
               string_to_array(rtrim(o.path, '/'), '/')::integer[])
          JOIN party_venue v ON v.id = r.venue_id AND v.active
         WHERE o.id = ANY(%(ids)s::integer[])
    )
"""


class PartyAssessmentMetric(models.Model):
    _inherit = 'party.assessment.metric'

    @api.model
    def _metric_venue_in_use(self, org_ids, date_from, date_to,
                             meeting_type):
        """1 if a venue in use serves the organization (or one above it);
        note: the venues' count."""
        rows = self._metric_rows("WITH " + SERVING_SQL + """
            SELECT org_id, count(*) FROM serving
             WHERE state = 'in_use' GROUP BY org_id
        """, {'ids': org_ids})
        return {org_id: (1.0, str(count)) for org_id, count in rows}

    @api.model
    def _metric_venue_equipment(self, org_ids, date_from, date_to,
                                meeting_type):
        """The equipment completeness (0 to 1) of the best equipped venue
        in use serving the organization."""
        rows = self._metric_rows("WITH " + SERVING_SQL + """
            SELECT org_id, max(completeness) FROM serving
             WHERE state = 'in_use' GROUP BY org_id
        """, {'ids': org_ids})
        return {org_id: (min(best or 0.0, 100.0) / 100.0,
                         '%.0f%%' % (best or 0.0))
                for org_id, best in rows}

    @api.model
    def _metric_venue_utilization(self, org_ids, date_from, date_to,
                                  meeting_type):
        """Hours booked / hours open (0 to 1) over the period, of the
        venues in use serving the organization; note: the hours booked."""
        rows = self._metric_rows("WITH " + SERVING_SQL + """,
            venues AS (
                SELECT DISTINCT venue_id, weekly_open_hours FROM serving
                 WHERE state = 'in_use'
            ),
            booked AS (
                SELECT b.venue_id,
                       sum(extract(epoch FROM b.stop - b.start)) / 3600.0
                           AS hours
                  FROM party_venue_booking b
                  JOIN venues ON venues.venue_id = b.venue_id
                 WHERE b.state != 'cancelled'
                   AND b.start >= %(date_from)s::date
                   AND b.start < %(date_to)s::date + 1
              GROUP BY b.venue_id
            )
            SELECT s.org_id, COALESCE(sum(booked.hours), 0),
                   sum(s.weekly_open_hours) / 7.0
                       * (%(date_to)s::date - %(date_from)s::date + 1)
              FROM serving s
              LEFT JOIN booked ON booked.venue_id = s.venue_id
             WHERE s.state = 'in_use'
          GROUP BY s.org_id
        """, {'ids': org_ids, 'date_from': date_from, 'date_to': date_to})
        return {org_id: (min(booked / open_hours, 1.0) if open_hours else 0.0,
                         '%.1f' % booked)
                for org_id, booked, open_hours in rows}

    @api.model
    def _metric_venue_funding_warnings(self, org_ids, date_from, date_to,
                                       meeting_type):
        """The number of venues serving the organization that carry a
        funding warning (over budget, borrowed money, duplicate building,
        area above the norm)."""
        rows = self._metric_rows("WITH " + SERVING_SQL + """
            SELECT org_id, venue_id FROM serving
        """, {'ids': org_ids})
        warned = set()
        found = self.env['party.venue']._warning_ids(
            list({venue_id for __, venue_id in rows}))
        for ids in found.values():
            warned |= ids
        counts = {}
        for org_id, venue_id in rows:
            if venue_id in warned:
                counts[org_id] = counts.get(org_id, 0) + 1
        return {org_id: (float(count), '') for org_id, count in
                counts.items()}
