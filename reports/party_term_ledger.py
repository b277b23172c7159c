from odoo import _, fields, models

from .party_common_ledger import DATE, NUMBER, TEXT


class PartyTermLedger(models.AbstractModel):
    """换届台账: the terms of the organizations of the user's scope, by
    organization in tree order, latest first, with when each ends and, for
    a running term, the days left on the day of printing (or the day
    ``data['date']`` names)."""
    _name = 'report.party_building.term_ledger'
    _inherit = 'report.party_building.ledger_base'
    _description = 'Terms Ledger'
    _ledger_model = 'party.term'

    def _ledger_title(self):
        return _("Terms and Expiry Ledger")

    def _ledger_empty_message(self):
        return _("There are no terms to put in the ledger: none of your "
                 "scope was selected or found.")

    def _ledger_day(self, data):
        day = (data or {}).get('date') or fields.Date.context_today(self)
        return fields.Date.from_string(day)

    def generate_xlsx_report(self, workbook, data, selection):
        self = self.with_context(party_ledger_day=self._ledger_day(data))
        return super(PartyTermLedger, self).generate_xlsx_report(
            workbook, data, selection)

    def _ledger_columns(self):
        term = self.env['party.term']
        label = self._ledger_label
        return [
            ('sequence', _("No."), NUMBER),
            ('organization_id', label(term, 'organization_id'), TEXT),
            ('name', label(term, 'number'), TEXT),
            ('election_date', label(term, 'election_date'), DATE),
            ('start_date', label(term, 'start_date'), DATE),
            ('years', label(term, 'years'), NUMBER),
            ('planned_end_date', label(term, 'planned_end_date'), DATE),
            ('extended_until', label(term, 'extended_until'), DATE),
            ('extension_reference', label(term, 'extension_reference'),
             TEXT),
            ('end_date', label(term, 'end_date'), DATE),
            ('effective_end_date', label(term, 'effective_end_date'), DATE),
            ('state', label(term, 'state'), TEXT),
            ('days_left', _("Days Left"), NUMBER),
        ]

    def _ledger_rows(self, terms, columns):
        states = self._ledger_selections(terms, ['state'])['state']
        day = self.env.context['party_ledger_day']
        names = [key for key, __, ___ in columns
                 if key not in ('sequence', 'days_left')]
        for values in terms.read(names):
            end = values['effective_end_date']
            values['days_left'] = (
                (fields.Date.from_string(end) - day).days
                if values['state'] == 'current' and end else None)
            values['organization_id'] = values['organization_id'] and \
                values['organization_id'][1]
            values['state'] = states.get(values['state'], '')
            yield [values.get(key) for key, __, ___ in columns]
