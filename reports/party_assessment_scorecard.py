"""The scorecard of a branch's assessment (考核评分表), printed as an
official document: what the template shows is prepared here, in the
reader's language, from what the reader may read."""
from odoo import _, api, fields, models

from ..models.mail_activity import format_day, list_separator

CHINESE_NUMERALS = '一二三四五六七八九十'


def points(value):
    """Points as score tables write them: 30, 27.5, 86.45, −5."""
    text = ('%.2f' % (value or 0.0)).rstrip('0').rstrip('.')
    if text in ('-0', ''):
        text = '0'
    return text.replace('-', '\u2212')


def stars_text(stars, top):
    """★★★★☆ for 4 of 5 stars."""
    stars = max(0, min(stars or 0, top))
    return '\u2605' * stars + '\u2606' * (top - stars)


class ReportAssessmentCommon(models.AbstractModel):
    """What both assessment reports share: access checks before anything
    is rendered, numbers and dates as the reader writes them."""
    _name = 'report.party_building.assessment_common'
    _description = 'Assessment Reports: Common Helpers'

    @api.model
    def _readable(self, model, docids):
        """The records, once the reader's right to read each is checked:
        an AccessError here, not a rendering error deep in the template."""
        records = self.env[model].browse(docids)
        records.check_access_rights('read')
        records.check_access_rule('read')
        return records

    @api.model
    def _day(self, value):
        """A date or a UTC datetime as a day in the reader's time zone and
        language (2024年12月20日), or ''."""
        if not value:
            return ''
        if len(value) > 10:
            value = fields.Datetime.context_timestamp(
                self, fields.Datetime.from_string(value)).date()
        return format_day(self.env, value)

    @api.model
    def _section_number(self, index):
        """一、二、… in Chinese, 1. 2. … otherwise."""
        if (self.env.lang or '').startswith('zh') \
                and index <= len(CHINESE_NUMERALS):
            return CHINESE_NUMERALS[index - 1] + '、'
        return '%d.' % index

    @api.model
    def _list_separator(self):
        return list_separator(self.env)

    @api.model
    def _top_stars(self, standard):
        return max(standard.band_ids.filtered(
            lambda b: b.scale == 'star').mapped('stars') or [0])

    @api.model
    def _common_values(self):
        return {
            'points': points,
            'stars_text': stars_text,
            'day': self._day,
            'printed': _("Printed on %(date)s") % {'date': format_day(
                self.env, fields.Date.context_today(self))},
        }


class ReportAssessmentScorecard(models.AbstractModel):
    _name = 'report.party_building.report_assessment_scorecard'
    _inherit = 'report.party_building.assessment_common'
    _description = 'Assessment Scorecard'

    @api.model
    def get_report_values(self, docids, data=None):
        docs = self._readable('party.assessment', docids)
        values = self._common_values()
        values.update({
            'doc_ids': docs.ids,
            'doc_model': 'party.assessment',
            'docs': docs,
            'cards': {doc.id: self._card(doc) for doc in docs},
        })
        return values

    def _card(self, assessment):
        """The sections with their rows and subtotals, and the sentences
        of one assessment's scorecard."""
        sections = []
        for line in assessment.line_ids:
            if not sections or sections[-1]['section'] != line.section_id:
                sections.append({'section': line.section_id, 'lines': []})
            sections[-1]['lines'].append(self._line(line))
        for index, section in enumerate(sections, start=1):
            section['number'] = self._section_number(index)
            counted = [row for row in section['lines']
                       if row['line'].scoring != 'veto']
            for side in ('self', 'review', 'final'):
                section[side] = points(sum(
                    row['line'][side + '_points'] for row in counted))
        states = dict(assessment._fields['state']._description_selection(
            self.env))
        campaign = assessment.campaign_id
        return {
            'sections': sections,
            'subtitle': _("Assessment Scorecard %(year)s") % {
                'year': assessment.year or ''},
            'banner': assessment.state != 'confirmed' and _(
                "Not confirmed yet (%(state)s): the scores may still "
                "change.") % {'state': states.get(assessment.state, '')},
            # the superior organization, named if the reader may read it
            'assessing': campaign.organization_id._name_for_user(
                self.env.user),
            'period': _("%(start)s to %(end)s") % {
                'start': self._day(campaign.date_from),
                'end': self._day(campaign.date_to)},
            'remarks': self._remarks(assessment),
            'top_stars': self._top_stars(assessment.standard_id),
        }

    def _remarks(self, assessment):
        """The sentences under the result: how the final score is made,
        the rank, the veto or cap that limited the rating."""
        standard = assessment.standard_id
        remarks = [_(
            "Final score = self-assessment total × %(self)s%% + review "
            "total × %(review)s%%.") % {
                'self': points(standard.self_weight),
                'review': points(standard.review_weight)}]
        if assessment.state == 'confirmed' and assessment.rank:
            remarks.append(_(
                "Ranked %(rank)d of %(count)d in the campaign.") % {
                    'rank': assessment.rank,
                    'count': assessment.ranked_count})
        if assessment.vetoed:
            items = assessment.line_ids.filtered(
                lambda l: l.scoring == 'veto' and l.review_points)
            remarks.append(_(
                "Veto: %(items)s is triggered, the rating is capped "
                "whatever the score.") % {'items': self._list_separator().join(
                    ' '.join(part for part in (line.code, line.name) if part)
                    for line in items)})
        elif assessment.capped:
            remarks.append(_(
                "A cap of the standard lowered the rating the score "
                "gave."))
        return remarks

    def _line(self, line):
        """What a criterion's row shows: its maximum as the table writes
        it, the points on each side (a veto: triggered or not), notes."""
        criterion = line.criterion_id
        if line.scoring == 'veto':
            maximum = _("Veto item")
            # outside a comprehension: _() finds the language in this frame
            triggered, not_triggered = _("Veto triggered"), \
                _("Veto not triggered")
            cells = {side: triggered if line[side + '_points']
                     else not_triggered for side in ('self', 'review')}
            cells['final'] = cells['review'] \
                if line.state in ('reviewed', 'confirmed') else ''
        else:
            if line.scoring == 'bonus':
                maximum = '+' + points(line.max_points)
            elif line.scoring == 'deduction':
                # the most the item deducts, else what one occurrence does
                maximum = points(-criterion.floor) if criterion.floor \
                    else _("%(points)s each") % {
                        'points': points(-criterion.deduction_points)}
            else:
                maximum = points(line.max_points)
            cells = {side: points(line[side + '_points'])
                     for side in ('self', 'review', 'final')}
            if line.state not in ('reviewed', 'confirmed'):
                cells['final'] = ''
            if line.state == 'draft':
                cells['review'] = ''
        notes = []
        if line.automatic:
            notes.append(_("System data: %(value)s") % {
                'value': line.metric_note or points(line.metric_value)})
        if line.self_comment:
            notes.append(_("Self-assessment comment: %(text)s") % {
                'text': line.self_comment})
        if line.review_comment and line.state != 'draft':
            notes.append(_("Review comment: %(text)s") % {
                'text': line.review_comment})
        return {
            'line': line,
            'maximum': maximum,
            'self': cells['self'],
            'review': cells['review'],
            'final': cells['final'],
            'self_level': line.self_level_id.name or '',
            'review_level': line.review_level_id.name
            if line.state != 'draft' else '',
            'notes': notes,
            'evidence': line.attachment_ids.mapped('name'),
        }
