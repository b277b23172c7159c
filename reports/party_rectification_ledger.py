from odoo import _, models

from .party_common_ledger import DATE, NUMBER, TEXT


class PartyRectificationLedger(models.AbstractModel):
    """软弱涣散整顿台账: the rectifications of the user's scope, open ones
    first (the screen's order), with why each was flagged, its plan's
    tasks done and planned, and the review that cleared it."""
    _name = 'report.party_building.rectification_ledger'
    _inherit = 'report.party_building.ledger_base'
    _description = 'Rectifications Ledger'
    _ledger_model = 'party.rectification'

    def _ledger_title(self):
        return _("Weak and Lax Rectification Ledger")

    def _ledger_empty_message(self):
        return _("There are no rectifications to put in the ledger: none "
                 "of your scope was selected or found.")

    def _ledger_columns(self):
        case = self.env['party.rectification']
        label = self._ledger_label
        return [
            ('sequence', _("No."), NUMBER),
            ('organization_id', label(case, 'organization_id'), TEXT),
            ('flag_date', _("Flagged on"), DATE),
            ('trigger', label(case, 'trigger'), TEXT),
            ('reason', label(case, 'reason'), TEXT),
            ('state', label(case, 'state'), TEXT),
            ('task_count', label(case, 'task_count'), NUMBER),
            ('review_note', label(case, 'review_note'), TEXT),
            ('cleared_by_id', label(case, 'cleared_by_id'), TEXT),
            ('cleared_date', _("Cleared on"), DATE),
        ]

    def _ledger_rows(self, cases, columns):
        selections = self._ledger_selections(cases, ['trigger', 'state'])
        names = ['organization_id', 'flag_date', 'trigger', 'reason', 'state',
                 'task_count', 'review_note', 'cleared_by_id', 'cleared_date']
        for values in cases.read(names):
            for key in ('organization_id', 'cleared_by_id'):
                values[key] = values[key] and values[key][1]
            for key in ('trigger', 'state'):
                values[key] = selections[key].get(values[key], '')
            yield [values.get(key) for key, __, ___ in columns]
