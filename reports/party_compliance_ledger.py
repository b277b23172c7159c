from odoo import _, api, models
from odoo.exceptions import UserError

from .party_common_ledger import DATE, NUMBER, PERCENT, TEXT


class PartyComplianceLedger(models.AbstractModel):
    """组织生活落实情况台账: the rows of a compliance matrix the user
    computed for a period (an area or an organization by meeting type),
    as the screen shows them. The rows are the user's own (a matrix is
    readable by whoever computed it only) and were counted within the
    user's scope."""
    _name = 'report.party_building.compliance_ledger'
    _inherit = 'report.party_building.ledger_base'
    _description = 'Organizational Life Compliance Ledger'
    _ledger_model = 'party.meeting.compliance.line'
    _ledger_freeze_columns = 3

    def _ledger_domain(self, data):
        # a matrix is computed for a period first: nothing selected, nothing
        # to print
        return [('id', 'in', [])]

    def _ledger_empty_message(self):
        return _("There is no compliance matrix to put in the ledger: "
                 "compute the matrix of a period, then download it or "
                 "select its rows.")

    def generate_xlsx_report(self, workbook, data, selection):
        if selection:
            selection.check_access_rule('read')
            report = selection[:1].report_id
            start, end = report._period()
            values = {'start': start, 'end': end}
            if report.organization_id:
                values['within'] = report.organization_id.display_name
                title = _("Organizational Life %(start)s to %(end)s: "
                          "%(within)s") % values
            else:
                title = _("Organizational Life %(start)s to %(end)s") \
                    % values
            self = self.with_context(party_ledger_title=title)
        return super(PartyComplianceLedger, self).generate_xlsx_report(
            workbook, data, selection)

    def _ledger_title(self):
        return self.env.context.get('party_ledger_title') \
            or _("Organizational Life Compliance")

    def _ledger_columns(self):
        line = self.env['party.meeting.compliance.line']
        label = self._ledger_label
        return [
            ('sequence', _("No."), NUMBER),
            ('organization_id', label(line, 'organization_id'), TEXT),
            ('level', label(line, 'level'), TEXT),
            ('type_id', label(line, 'type_id'), TEXT),
            ('span_start', label(line, 'span_start'), DATE),
            ('span_end', label(line, 'span_end'), DATE),
            ('organization_count', label(line, 'organization_count'),
             NUMBER),
            ('compliant_count', label(line, 'compliant_count'), NUMBER),
            ('compliance_rate', label(line, 'compliance_rate'), PERCENT),
            ('required', label(line, 'required'), NUMBER),
            ('held', label(line, 'held'), NUMBER),
            ('missing', label(line, 'missing'), NUMBER),
            ('attendance_rate', label(line, 'attendance_rate'), PERCENT),
        ]

    def _ledger_rows(self, lines, columns):
        levels = self._ledger_selections(lines, ['level'])['level']
        names = [key for key, __, ___ in columns if key != 'sequence']
        for values in lines.read(names):
            for key in ('organization_id', 'type_id'):
                values[key] = values[key] and values[key][1]
            values['level'] = levels.get(values['level'], '')
            yield [values.get(key) for key, __, ___ in columns]


class PartyMeetingCompliance(models.TransientModel):
    _inherit = 'party.meeting.compliance'

    @api.multi
    def action_ledger_xlsx(self):
        """Computes the matrix of the period and downloads it as a
        spreadsheet ledger."""
        self.ensure_one()
        self.action_compute()
        lines = self.line_ids
        if not lines:
            raise UserError(_(
                "No organization of your scope was required to hold "
                "meetings in this period: there is no ledger to download."))
        return self.env.ref(
            'party_building.party_compliance_ledger_report').report_action(
                lines)
