"""The summary of a campaign (考核结果汇总): how the confirmed ratings are
distributed over the star bands and the grades, and the ranking. The
distribution is one grouped read whatever the number of branches; the
ranking prints its head and its tail when the campaign is large."""
from odoo import _, api, models
from odoo.exceptions import AccessError

from .party_assessment_scorecard import points

# Ranked rows printed at most: beyond, the first and the last half of
# them (the lowest ranked are the ones the summary is read for).
RANKING_ROWS = 200
# Rows printed under one set of column titles, kept on one page: a page
# starts with the titles, whatever its length.
CHUNK_ROWS = 20


class ReportAssessmentCampaignSummary(models.AbstractModel):
    _name = 'report.party_building.report_assessment_campaign_summary'
    _inherit = 'report.party_building.assessment_common'
    _description = 'Assessment Campaign Summary'

    @api.model
    def get_report_values(self, docids, data=None):
        docs = self._readable('party.assessment.campaign', docids)
        self._check_whole_scope(docs)
        values = self._common_values()
        values.update({
            'doc_ids': docs.ids,
            'doc_model': 'party.assessment.campaign',
            'docs': docs,
            'summaries': {doc.id: self._summary(doc) for doc in docs},
        })
        return values

    @api.model
    def _check_whole_scope(self, campaigns):
        """The summary counts and ranks every branch of the scope: it is
        for those who may read the scope, not for a branch that reads the
        campaign of its own assessment."""
        roots = campaigns.mapped('organization_id')
        if roots.search_count([('id', 'in', roots.ids)]) < len(roots):
            raise AccessError(_(
                "The summary of a campaign is printed by those responsible "
                "for its whole scope."))

    def _summary(self, campaign):
        Assessment = self.env['party.assessment']
        confirmed = [('campaign_id', '=', campaign.id),
                     ('state', '=', 'confirmed')]
        # one grouped read gives both scales and the average
        groups = Assessment.read_group(
            confirmed, ['star_band_id', 'grade_band_id', 'final_score'],
            ['star_band_id', 'grade_band_id'], lazy=False)
        counts = {'star': {}, 'grade': {}}
        total = 0
        score_sum = 0.0
        for group in groups:
            count = group['__count']
            total += count
            score_sum += (group['final_score'] or 0.0) * count
            for scale in ('star', 'grade'):
                band = group[scale + '_band_id']
                if band:
                    counts[scale][band[0]] = \
                        counts[scale].get(band[0], 0) + count
        standard = campaign.standard_id
        distribution = {}
        for scale in ('star', 'grade'):
            bands = standard.band_ids.filtered(
                lambda b, scale=scale: b.scale == scale).sorted(
                    lambda b: -b.min_score)
            distribution[scale] = [{
                'band': band,
                'count': counts[scale].get(band.id, 0),
                'percent': self._percent(counts[scale].get(band.id, 0),
                                         total),
            } for band in bands]
        ranking, omitted = self._ranking(confirmed, total)
        lowest = max([row.rank for row in ranking] or [0])
        rows = list(ranking)
        if omitted:
            # False stands for the rows left out
            rows.insert(RANKING_ROWS // 2, False)
        unconfirmed = campaign.assessment_count - total
        return {
            'period': _("%(start)s to %(end)s") % {
                'start': self._day(campaign.date_from),
                'end': self._day(campaign.date_to)},
            'unconfirmed_note': _(
                "%(count)d assessments are not confirmed yet: they are "
                "neither counted nor ranked.") % {'count': unconfirmed},
            'omitted_note': _(
                "… %(count)d organizations ranked in between are left "
                "out …") % {'count': omitted},
            'confirmed': total,
            'assessed': campaign.assessment_count,
            'unconfirmed': unconfirmed,
            'average': points(round(score_sum / total, 2)) if total else '',
            'distribution': distribution,
            'chunks': [rows[start:start + CHUNK_ROWS]
                       for start in range(0, len(rows), CHUNK_ROWS)],
            'lowest_rank': lowest,
            'top_stars': self._top_stars(standard),
        }

    @api.model
    def _percent(self, count, total):
        return '%.1f%%' % (100.0 * count / total) if total else '\u2014'

    def _ranking(self, domain, total):
        """(the confirmed assessments to print, best first; how many are
        left out in the middle)."""
        Assessment = self.env['party.assessment']
        if total <= RANKING_ROWS:
            return Assessment.search(domain, order='rank, id'), 0
        half = RANKING_ROWS // 2
        head = Assessment.search(domain, order='rank, id', limit=half)
        tail = Assessment.search(domain, order='rank desc, id desc',
                                 limit=half)
        return head | tail.sorted(lambda a: (a.rank, a.id)), \
            total - RANKING_ROWS
