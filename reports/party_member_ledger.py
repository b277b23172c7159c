from odoo import _, fields, models

from .party_common_ledger import DATE, NUMBER, TEXT

# Columns of the ledger, in the order rosters keep them: a member field,
# or a key the report fills itself. The headers are those the import
# recognises, so that a ledger can be corrected and imported back.
LEDGER_COLUMNS = (
    'sequence', 'name', 'gender', 'ethnicity', 'birth_date', 'id_number',
    'education', 'join_date', 'full_date', 'status', 'organization_id',
    'mobile',
)
DATE_COLUMNS = ('birth_date', 'join_date', 'full_date')
SELECTION_COLUMNS = ('gender', 'education', 'status')


class PartyMemberLedger(models.AbstractModel):
    """党员名册: one row per member, in the user's language, to be handed
    on as it is. Printed for the selected members, or from the menu for
    every member of the user's scope, in roster order (organization by
    organization in tree order, then by name), streamed chunk by chunk: a
    province's millions of members are never one list of records."""
    _name = 'report.party_building.member_ledger'
    _inherit = 'report.party_building.ledger_base'
    _description = 'Party Members Ledger'
    _ledger_model = 'party.member'

    def _ledger_title(self):
        return _("Party Members Ledger")

    def _ledger_empty_message(self):
        return _("There are no members to put in the ledger: none of your "
                 "scope was selected or found.")

    def _ledger_subtitle(self, count):
        return _("Printed on %(date)s by %(user)s, %(count)s members") % {
            'date': self._ledger_today(), 'user': self.env.user.name,
            'count': count}

    def _ledger_today(self):
        return fields.Date.context_today(self)

    def _ledger_columns(self):
        """(key, header, kind) of the columns this user may read: ID
        numbers only for officers."""
        member = self.env['party.member']
        headers = {
            'sequence': _("No."),
            'status': _("Member Category"),
            'organization_id': _("Organization of Membership"),
            'mobile': _("Contact Phone"),
        }
        columns = []
        for key in LEDGER_COLUMNS:
            if key in member._fields and not self._ledger_may_read(member,
                                                                   key):
                continue
            kind = NUMBER if key == 'sequence' else \
                DATE if key in DATE_COLUMNS else TEXT
            columns.append((key, headers.get(key)
                            or self._ledger_label(member, key), kind))
        return columns

    def _ledger_rows(self, members, columns):
        names = [key for key, __, ___ in columns if key != 'sequence']
        selections = self._ledger_selections(members, SELECTION_COLUMNS)
        # one read per chunk, as the user: record rules and field groups
        for values in members.read(names):
            row = []
            for key, __, ___ in columns:
                value = values.get(key)
                if key in SELECTION_COLUMNS:
                    value = selections[key].get(value, '')
                elif key == 'organization_id':
                    value = value and value[1]
                row.append(value)
            yield row
