"""The transfers' metric of the quality-standard system (see
party_assessment_metric): one statement whatever the number of
organizations."""
from odoo import api, models


class PartyAssessmentMetric(models.Model):
    _inherit = 'party.assessment.metric'

    @api.model
    def _metric_transfer_overdue(self, org_ids, date_from, date_to,
                                 meeting_type):
        """The transfers of membership within the system, sent or to be
        received by the organization, that at date_to had been pending
        longer than the company's waiting limit (still pending then, or
        decided later)."""
        rows = self._metric_rows("""
            SELECT given.id, count(*)
              FROM unnest(%(ids)s::integer[]) AS given(id)
              JOIN party_member_transfer t
                ON given.id IN (t.from_organization_id, t.to_organization_id)
              JOIN res_company c ON c.id = t.company_id
             WHERE t.kind = 'internal' AND t.state != 'cancelled'
               AND t.request_date + c.party_transfer_reminder_days
                   <= %(day)s::date
               AND (t.state = 'pending' OR t.decision_date > %(day)s::date)
          GROUP BY given.id
        """, {'ids': org_ids, 'day': date_to})
        return {org_id: (float(count), '') for org_id, count in rows}
