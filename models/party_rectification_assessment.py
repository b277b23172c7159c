"""The assessment results feed the weak and lax review (the trigger the
branch-setup work left open): the lowest ranked branches of a closed
campaign and those rated in the lowest band, as the company's settings
say."""
from odoo import api, fields, models

from .party_organization_setup import REFRESH_BATCH


class PartyRectification(models.Model):
    _inherit = 'party.rectification'

    trigger = fields.Selection(selection_add=[
        ('assessment_lowest', 'Lowest Ranked in an Assessment'),
        ('assessment_backward', 'Lowest Rating in an Assessment'),
    ])

    @api.model
    def _flag_from_assessments(self, found, today):
        """Open a rectification for each (trigger, assessment) of `found`
        whose organization has none open, in one statement per batch,
        without creation noise in the chatter. Returns how many were
        opened."""
        opened = 0
        for start in range(0, len(found), REFRESH_BATCH):
            opened += self._flag_assessment_batch(
                found[start:start + REFRESH_BATCH], today)
        return opened

    def _flag_assessment_batch(self, found, today):
        open_orgs = self._open_organization_ids(
            [assessment.organization_id.id for _t, assessment in found])
        rows = []
        for trigger, assessment in found:
            org = assessment.organization_id
            if org.id in open_orgs:
                continue
            company = org.company_id
            # a record everyone reads: in the company's language
            reason = assessment.with_context(
                lang=company.partner_id.lang or self.env.lang)\
                ._weak_lax_assessment_reason(trigger)
            rows.append((org.id, company.id, trigger, reason,
                         '%s %s' % (org.name, fields.Date.to_string(today))))
        return self._flag_in_bulk(rows, today)
