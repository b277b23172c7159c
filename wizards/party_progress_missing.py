from odoo import _, api, fields, models

from ..models.party_meeting_type import period_bounds
from ..models.party_progress_report import REPORT_PERIODS, period_name


class PartyProgressMissing(models.TransientModel):
    """Who has not reported (未报送): the committees directly below a
    superior committee, for one period, without a submitted progress
    report. Read as the user (record rules applying), in two queries."""
    _name = 'party.progress.missing'
    _description = 'Progress Reports Not Submitted'

    organization_id = fields.Many2one(
        'party.organization', string='Superior Committee', required=True,
        domain=[('kind', '=', 'committee')],
        default=lambda self: self._default_organization(),
        help="The committees directly below this one are expected to "
             "report.")
    period_kind = fields.Selection(
        REPORT_PERIODS, string='Reporting Period', required=True,
        default=lambda self: self.env.user.company_id.party_progress_period)
    date = fields.Date(string='Any Day of the Period', required=True,
                       default=fields.Date.context_today)
    period_label = fields.Char(string='Period', compute='_compute_lists')
    missing_ids = fields.Many2many(
        'party.organization', string='Not Reported',
        compute='_compute_lists',
        help="Committees below without a submitted report for the period "
             "(a draft does not count).")
    report_ids = fields.Many2many(
        'party.progress.report', string='Reports of the Period',
        compute='_compute_lists')

    def _default_organization(self):
        return self.env['party.organization'].search(
            [('kind', '=', 'committee')], order='path', limit=1)

    @api.depends('organization_id', 'period_kind', 'date')
    def _compute_lists(self):
        Org = self.env['party.organization']
        Report = self.env['party.progress.report']
        for wizard in self:
            if not (wizard.organization_id and wizard.period_kind
                    and wizard.date):
                wizard.missing_ids = Org
                wizard.report_ids = Report
                wizard.period_label = False
                continue
            start, _end = period_bounds(
                wizard.period_kind, fields.Date.from_string(wizard.date))
            below = Org.search([
                ('parent_id', '=', wizard.organization_id.id),
                ('kind', '=', 'committee')])
            reports = Report.search([
                ('organization_id', 'in', below.ids),
                ('period_kind', '=', wizard.period_kind),
                ('period_start', '=', fields.Date.to_string(start))])
            submitted = reports.filtered(
                lambda r: r.state == 'submitted').mapped('organization_id')
            wizard.report_ids = reports
            wizard.missing_ids = below - submitted
            wizard.period_label = period_name(self.env, wizard.period_kind,
                                              start)

    @api.multi
    def action_refresh(self):
        """Keep the wizard open on the lists (they are computed)."""
        self.ensure_one()
        return {'type': 'ir.actions.act_window', 'res_model': self._name,
                'res_id': self.id, 'view_mode': 'form', 'target': 'current',
                'name': _("Not Reported")}
