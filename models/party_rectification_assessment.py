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
        cr = self.env.cr
        org_ids = [assessment.organization_id.id for _t, assessment in found]
        cr.execute("""SELECT DISTINCT organization_id FROM party_rectification
                       WHERE organization_id IN %s AND state != 'cleared'
                   """, [tuple(org_ids)])
        open_orgs = {row[0] for row in cr.fetchall()}
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
        if not rows:
            return 0
        # what party.rectification's create would store, as
        # party.organization._flag_weak_lax does
        columns = [list(column) for column in zip(*rows)]
        cr.execute("""
            INSERT INTO party_rectification
                   (organization_id, company_id, trigger, reason, name,
                    flag_date, state, state_sequence, create_uid, write_uid,
                    create_date, write_date)
            SELECT v.*, %s, 'flagged', 0, %s, %s, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM unnest(%s::integer[], %s::integer[], %s::varchar[],
                          %s::text[], %s::varchar[]) AS v
        """, [today, self.env.uid, self.env.uid] + columns)
        cr.execute("UPDATE party_organization SET weak_lax = true "
                   "WHERE id = ANY(%s)", [columns[0]])
        self.env['party.organization'].invalidate_cache(
            ['weak_lax', 'rectification_ids'], columns[0])
        return len(rows)
