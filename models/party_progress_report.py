"""Progress reports upward (进展情况报送): a city or sector committee files,
month by month or quarter by quarter (the company's setting), a report on
its whole subtree, prefilled from the live figures the boards and overviews
already compute (setup compliance, meeting completion, assessment progress,
weak-and-lax cases), with a narrative. Submitting freezes the figures as
they were at that moment: a snapshot that is never recomputed, and the
report can no longer be changed. The superior sees who has not reported
(party.progress.missing).

The figures are read as the filing user (record rules applying) in a fixed
number of queries, whatever the size of the subtree: they reuse the
aggregates of party.board and of the compliance computation
(party_meeting_compliance) on an overview of one area, the committee's
subtree.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_board import SHORTFALLS, TERMS
from .party_guard import trusted
from .party_meeting_type import period_bounds
from .party_overview import Overview

REPORT_PERIODS = [
    ('month', 'Monthly'),
    ('quarter', 'Quarterly'),
]
STATES = [
    ('draft', 'Draft'),
    ('submitted', 'Reported'),
]
# the organization figures of the board kept in the report: field, key
ORG_FIGURES = [
    ('committee_incomplete_count', 'committee_incomplete'),
    ('secretary_vacant_count', 'secretary_vacant'),
    ('weak_lax_count', 'weak_lax'),
    ('term_overdue_count', 'term_overdue'),
    ('term_none_count', 'term_none'),
]


def period_name(env, kind, start):
    """'2026 Q3' or '2026-07' in the user's language."""
    if kind == 'quarter':
        return _("%(year)s Q%(quarter)s") % {
            'year': start.year, 'quarter': (start.month - 1) // 3 + 1}
    return '%d-%02d' % (start.year, start.month)


class PartyProgressReport(models.Model):
    _name = 'party.progress.report'
    _description = 'Progress Report'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'period_start desc, organization_id, id desc'

    organization_id = fields.Many2one(
        string='Committee Reporting', party_create_only=True,
        domain=[('kind', '=', 'committee')],
        help="The city or sector committee reporting on everything below "
             "it.")
    name = fields.Char(compute='_compute_name', store=True)
    period_kind = fields.Selection(
        REPORT_PERIODS, string='Reporting Period', required=True,
        party_create_only=True,
        default=lambda self: self.env.user.company_id.party_progress_period)
    date = fields.Date(
        string='Any Day of the Period', required=True,
        party_create_only=True, default=fields.Date.context_today)
    period_start = fields.Date(compute='_compute_period', store=True,
                               string='From', index=True)
    period_end = fields.Date(compute='_compute_period', store=True,
                             string='To')
    state = fields.Selection(STATES, required=True, default='draft',
                             readonly=True, track_visibility='onchange')
    narrative = fields.Html(
        help="The committee's account of the period: what was done, "
             "problems found, next steps.")
    submitted_by_id = fields.Many2one('res.users', string='Submitted By',
                                      readonly=True)
    submitted_on = fields.Datetime(readonly=True)
    figures_on = fields.Datetime(
        string='Figures As Of', readonly=True,
        help="When the figures were read from the live data. Once the "
             "report is submitted they are kept as they were then.")
    # -- the figures (written by the report's own methods only) ------------
    organization_count = fields.Integer(string='Organizations',
                                        readonly=True)
    branch_count = fields.Integer(string='Branches', readonly=True)
    setup_shortfall_count = fields.Integer(
        string='Organizations with Setup Shortfalls', readonly=True)
    committee_incomplete_count = fields.Integer(
        string='Committee Incomplete', readonly=True)
    secretary_vacant_count = fields.Integer(
        string='Secretary Vacant Too Long', readonly=True)
    weak_lax_count = fields.Integer(string='Weak and Lax', readonly=True)
    term_overdue_count = fields.Integer(string='Term Overdue',
                                        readonly=True)
    term_none_count = fields.Integer(string='No Term', readonly=True)
    meetings_required = fields.Integer(string='Meetings Required',
                                       readonly=True)
    meetings_held = fields.Integer(string='Meetings Held', readonly=True)
    meetings_missing = fields.Integer(string='Meetings Missing',
                                      readonly=True)
    meeting_completion = fields.Float(
        string='Meeting Completion (%)', readonly=True, digits=(16, 1),
        help="Required meetings (and talks) done, in percent of those "
             "required in the period.")
    assessment_count = fields.Integer(string='Assessments', readonly=True)
    assessment_confirmed_count = fields.Integer(
        string='Assessments Confirmed', readonly=True)
    assessment_progress = fields.Float(
        string='Assessment Progress (%)', readonly=True, digits=(16, 1),
        help="Assessments confirmed, in percent of the assessments of the "
             "campaigns running in the period.")
    rectification_opened_count = fields.Integer(
        string='Weak and Lax Cases Opened', readonly=True)
    rectification_cleared_count = fields.Integer(
        string='Weak and Lax Cases Cleared', readonly=True)
    rectification_open_count = fields.Integer(
        string='Weak and Lax Cases Open at Period End', readonly=True)
    inspection_count = fields.Integer(string='Inspections Done',
                                      readonly=True)
    finding_open_count = fields.Integer(string='Findings Open',
                                        readonly=True)
    line_ids = fields.One2many('party.progress.report.line', 'report_id',
                               string='Meetings by Type', readonly=True)

    _sql_constraints = [
        # the Python check below says it in words; this one holds under
        # concurrent filing
        ('period_uniq', 'unique (organization_id, period_kind, period_start)',
         'This committee already has a report for that period.'),
    ]

    @api.depends('organization_id.name', 'period_kind', 'period_start')
    def _compute_name(self):
        for report in self:
            if not report.period_start:
                report.name = report.organization_id.name
                continue
            report.name = '%s %s' % (
                report.organization_id.name or '', period_name(
                    self.env, report.period_kind,
                    fields.Date.from_string(report.period_start)))

    @api.depends('period_kind', 'date')
    def _compute_period(self):
        for report in self:
            if report.period_kind and report.date:
                start, end = period_bounds(
                    report.period_kind, fields.Date.from_string(report.date))
                report.period_start = fields.Date.to_string(start)
                report.period_end = fields.Date.to_string(end)

    @api.constrains('organization_id')
    def _check_committee(self):
        for report in self:
            if report.organization_id.kind != 'committee':
                raise ValidationError(_(
                    "Progress reports are filed by party committees: choose "
                    "a committee as the reporting organization."))

    # -- CRUD ------------------------------------------------------------------

    @api.model
    def create(self, vals):
        self._check_may_file()
        self._check_single_for_period(vals)
        report = super(PartyProgressReport, self).create(vals)
        report._refresh_figures()
        return report

    @api.multi
    def write(self, vals):
        self._check_draft()
        return super(PartyProgressReport, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_draft()
        return super(PartyProgressReport, self).unlink()

    def _check_may_file(self):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only officers file progress reports."))

    def _check_draft(self):
        submitted = self.filtered(lambda r: r.state == 'submitted')
        if submitted:
            raise UserError(_(
                "The progress report %s is submitted: its figures and "
                "narrative are kept as they were and cannot be changed.")
                % submitted[0].name)

    def _check_single_for_period(self, vals):
        """Refuse a second report of a committee for a period, in words,
        before the database's unique constraint would."""
        kind = vals.get('period_kind') \
            or self.env.user.company_id.party_progress_period
        day = vals.get('date') or fields.Date.context_today(self)
        org_id = vals.get('organization_id')
        if kind not in dict(REPORT_PERIODS) or not isinstance(org_id, int) \
                or not self.env['party.organization'].search_count(
                    [('id', '=', org_id)]):
            # the guard and the constraints refuse these with their words
            return
        try:
            start, _end = period_bounds(kind, fields.Date.from_string(day))
        except (TypeError, ValueError):
            return
        # the other report may be out of the user's reach only if the
        # committee is: the link check refuses that one first
        if self.sudo().search_count([
                ('organization_id', '=', org_id),
                ('period_kind', '=', kind),
                ('period_start', '=', fields.Date.to_string(start))]):
            raise UserError(_(
                "This committee already has a progress report for "
                "%(period)s: open that one instead of filing a second.") % {
                    'period': period_name(self.env, kind, start)})

    # -- actions ---------------------------------------------------------------

    @api.multi
    def action_refresh(self):
        """Read the figures again from the live data (drafts only)."""
        self._check_may_file()
        self._check_draft()
        self._refresh_figures()
        return True

    @api.multi
    def action_submit(self):
        """Read the figures a last time and freeze them with the report."""
        self._check_may_file()
        self._check_draft()
        for report in self:
            report._refresh_figures()
            trusted(report).write({
                'state': 'submitted', 'submitted_by_id': self.env.uid,
                'submitted_on': fields.Datetime.now()})
        return True

    # -- the figures -----------------------------------------------------------

    def _refresh_figures(self):
        """Write the live figures of each report's subtree and period."""
        for report in self:
            # a user may only file for what they can read (the record rules
            # also limit every figure below to the user's scope)
            report.check_access_rule('write')
            figures = report._progress_figures()
            lines = figures.pop('lines')
            trusted(report).write(dict(
                figures, figures_on=fields.Datetime.now()))
            report._write_lines(lines)

    def _write_lines(self, lines):
        """Replace the report's lines (its own, written here only) in two
        statements, however many meeting types there are."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute("DELETE FROM party_progress_report_line "
                   "WHERE report_id = %s", [self.id])
        columns = ['type_id', 'organization_count', 'compliant_count',
                   'required', 'held', 'missing']
        if lines:
            cr.execute("""
                INSERT INTO party_progress_report_line
                    (report_id, type_id, organization_count, compliant_count,
                     required, held, missing, create_uid, write_uid,
                     create_date, write_date)
                SELECT %s, l.*, %s, %s, now() at time zone 'UTC',
                       now() at time zone 'UTC'
                  FROM unnest(%s::integer[], %s::integer[], %s::integer[],
                              %s::integer[], %s::integer[], %s::integer[]) l
            """, [self.id, self.env.uid, self.env.uid] + [
                [line[column] for line in lines] for column in columns])
        self.invalidate_cache(['line_ids'], self.ids)

    def _progress_figures(self):
        """{field: value} of the report's figures plus 'lines': a fixed
        number of queries whatever the number of organizations below."""
        self.ensure_one()
        org = self.organization_id
        start = fields.Date.from_string(self.period_start)
        end = fields.Date.from_string(self.period_end)
        figures = {}
        figures.update(self._progress_setup_figures(org))
        figures.update(self._progress_meeting_figures(org, start, end))
        figures.update(self._progress_assessment_figures(org, start, end))
        figures.update(self._progress_rectification_figures(org, start, end))
        figures.update(self._progress_inspection_figures(org, start, end))
        return figures

    @staticmethod
    def _subtree_domain(org, field='path'):
        return [(field, '=like', org.path + '%')]

    def _progress_setup_figures(self, org):
        """Setup compliance as of the last daily review (the board's
        conditions), in one aggregate over the subtree."""
        Org = self.env['party.organization']
        query = Org._where_calc(self._subtree_domain(org))
        Org._apply_ir_rules(query, 'read')
        from_clause, where, params = query.get_sql()
        conditions = SHORTFALLS + TERMS
        columns = ', '.join(['count(*)', "count(*) FILTER (WHERE "
                             "party_organization.kind = 'branch')",
                             "count(*) FILTER (WHERE "
                             "party_organization.setup_shortfall)"] + [
            'count(*) FILTER (WHERE %s)' % condition
            for _key, condition, _domain in conditions])
        sql = "SELECT %s FROM %s WHERE %s" % (columns, from_clause,
                                              where or 'TRUE')
        # the conditions are the board's constants, the clauses from the
        # ORM, values as parameters
        self.env.cr.execute(sql, params)  # pylint: disable=sql-injection
        row = self.env.cr.fetchone()
        counts = {key: row[3 + i]
                  for i, (key, _c, _d) in enumerate(conditions)}
        figures = {'organization_count': row[0], 'branch_count': row[1],
                   'setup_shortfall_count': row[2]}
        for name, key in ORG_FIGURES:
            figures[name] = counts[key]
        return figures

    def _progress_meeting_figures(self, org, start, end):
        """Meetings required, held and missing in the period over the
        subtree, by meeting type: the compliance computation of the
        matrix and the board, on one area (the subtree)."""
        Board = self.env['party.board']
        types = self.env['party.meeting.type'].search([])
        figures = {'meetings_required': 0, 'meetings_held': 0,
                   'meetings_missing': 0, 'meeting_completion': 0.0,
                   'lines': []}
        if not types:
            return figures
        overview = Overview('area', [(org.id, org.path)],
                            [(org.id, org.path, True)])
        sql, params, _spans = Board._compliance_totals_sql(
            overview, types, start, end)
        # SQL from the overview mixin and constants, values as parameters
        rows = Board._compliance_execute(sql + """
            SELECT type_id, organization_count, compliant_count, required,
                   held, missing
              FROM totals
        """, params)
        per_member = {t.id for t in types if t.per_member}
        for type_id, orgs, compliant, required, held, missing in rows:
            figures['lines'].append({
                'type_id': type_id, 'organization_count': orgs or 0,
                'compliant_count': compliant or 0,
                'required': required or 0, 'held': held or 0,
                'missing': missing or 0})
            figures['meetings_required'] += required or 0
            figures['meetings_missing'] += missing or 0
            if type_id not in per_member:
                figures['meetings_held'] += held or 0
        required = figures['meetings_required']
        figures['meeting_completion'] = round(
            100.0 * (required - figures['meetings_missing']) / required,
            1) if required else 100.0
        return figures

    def _progress_assessment_figures(self, org, start, end):
        """The assessments of the subtree in the campaigns running in the
        period: how many, how many confirmed (one grouped read)."""
        groups = self.env['party.assessment'].read_group(
            self._subtree_domain(org, 'organization_id.path') + [
                ('campaign_id.date_from', '<=', fields.Date.to_string(end)),
                ('campaign_id.date_to', '>=', fields.Date.to_string(start))],
            ['state'], ['state'])
        counts = {g['state']: g['state_count'] for g in groups}
        total = sum(counts.values())
        confirmed = counts.get('confirmed', 0)
        return {'assessment_count': total,
                'assessment_confirmed_count': confirmed,
                'assessment_progress': round(100.0 * confirmed / total, 1)
                if total else 0.0}

    def _progress_rectification_figures(self, org, start, end):
        """Weak-and-lax cases of the subtree opened and cleared in the
        period, and open at its end (one aggregate)."""
        Case = self.env['party.rectification']
        query = Case._where_calc(self._subtree_domain(
            org, 'organization_id.path'))
        Case._apply_ir_rules(query, 'read')
        from_clause, where, params = query.get_sql()
        sql = """
            SELECT count(*) FILTER (WHERE party_rectification.flag_date
                                    BETWEEN %%s AND %%s),
                   count(*) FILTER (WHERE party_rectification.state = 'cleared'
                                    AND party_rectification.cleared_date
                                    BETWEEN %%s AND %%s),
                   count(*) FILTER (WHERE party_rectification.flag_date <= %%s
                                    AND (party_rectification.state != 'cleared'
                                         OR party_rectification.cleared_date
                                            > %%s))
              FROM %s WHERE %s
        """ % (from_clause, where or 'TRUE')
        start, end = fields.Date.to_string(start), fields.Date.to_string(end)
        # the clauses come from the ORM, values as parameters
        self.env.cr.execute(  # pylint: disable=sql-injection
            sql, [start, end, start, end, end, end] + params)
        opened, cleared, still_open = self.env.cr.fetchone()
        return {'rectification_opened_count': opened,
                'rectification_cleared_count': cleared,
                'rectification_open_count': still_open}

    def _progress_inspection_figures(self, org, start, end):
        """Inspections of the subtree visited in the period, and their
        findings open at its end (one aggregate each, as the user)."""
        start, end = fields.Date.to_string(start), fields.Date.to_string(end)
        done = self.env['party.inspection'].search_count(
            self._subtree_domain(org, 'organization_id.path') + [
                ('state', '=', 'done'), ('visit_date', '>=', start),
                ('visit_date', '<=', end)])
        # a finding dates from its visit; open at the end of the period
        # unless closed by then
        still_open = self.env['party.inspection.finding'].search_count(
            self._subtree_domain(org, 'organization_id.path') + [
                ('inspection_id.visit_date', '<=', end),
                '|', ('state', '!=', 'closed'), ('closed_date', '>', end)])
        return {'inspection_count': done, 'finding_open_count': still_open}


class PartyProgressReportLine(models.Model):
    """A report's meeting figures for one meeting type, frozen with it."""
    _name = 'party.progress.report.line'
    _description = 'Progress Report Meetings by Type'
    _order = 'report_id, type_id'

    report_id = fields.Many2one('party.progress.report', required=True,
                                ondelete='cascade', index=True,
                                auto_join=True, readonly=True)
    type_id = fields.Many2one('party.meeting.type', string='Meeting Type',
                              readonly=True)
    organization_count = fields.Integer(string='Organizations',
                                        readonly=True)
    compliant_count = fields.Integer(string='Compliant', readonly=True)
    required = fields.Integer(readonly=True)
    held = fields.Integer(readonly=True)
    missing = fields.Integer(readonly=True)
