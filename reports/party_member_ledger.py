from odoo import _, fields, models

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
    every member of the user's scope."""
    _name = 'report.party_building.member_ledger'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Party Members Ledger'

    def _get_objs_for_report(self, docids, data):
        members = super(PartyMemberLedger, self)._get_objs_for_report(
            docids, data)
        if not members:
            # from the menu: the whole scope, as the record rules allow
            members = members.search([])
        # as the tree: branch by branch, then by name
        return members.sorted(lambda m: (m.organization_id.path or '',
                                         m.name or '', m.id))

    def _ledger_columns(self):
        """(key, header) of the columns this user may read: ID numbers
        only for officers."""
        member = self.env['party.member']
        headers = {
            'sequence': _("No."),
            'status': _("Member Category"),
            'organization_id': _("Organization of Membership"),
            'mobile': _("Contact Phone"),
        }
        columns = []
        for key in LEDGER_COLUMNS:
            field = member._fields.get(key)
            if field is not None and field.groups \
                    and not self.user_has_groups(field.groups):
                continue
            columns.append((key, headers.get(key)
                            or field._description_string(self.env)))
        return columns

    def generate_xlsx_report(self, workbook, data, members):
        columns = self._ledger_columns()
        sheet = workbook.add_worksheet(_("Party Members Ledger"))
        title = workbook.add_format({'bold': True, 'font_size': 16,
                                     'align': 'center'})
        header = workbook.add_format({'bold': True, 'border': 1,
                                      'align': 'center', 'bg_color': '#F2F2F2'})
        cell = workbook.add_format({'border': 1})
        date = workbook.add_format({'border': 1, 'num_format': 'yyyy-mm-dd'})
        today = fields.Date.context_today(self)
        last = len(columns) - 1
        sheet.merge_range(0, 0, 0, last, _("Party Members Ledger"), title)
        sheet.merge_range(1, 0, 1, last, _(
            "Printed on %(date)s by %(user)s, %(count)s members") % {
                'date': today, 'user': self.env.user.name,
                'count': len(members)})
        for col, (key, label) in enumerate(columns):
            sheet.write(2, col, label, header)
            sheet.set_column(col, col, 20 if key in (
                'id_number', 'organization_id') else 12)
        sheet.freeze_panes(3, 2)
        selections = {
            key: dict(members._fields[key]._description_selection(self.env))
            for key in SELECTION_COLUMNS}
        for row, member in enumerate(members, start=3):
            for col, (key, __) in enumerate(columns):
                if key == 'sequence':
                    sheet.write_number(row, col, row - 2, cell)
                elif key in DATE_COLUMNS:
                    if member[key]:
                        sheet.write_datetime(
                            row, col, fields.Datetime.from_string(
                                member[key]), date)
                    else:
                        sheet.write_blank(row, col, None, cell)
                elif key in SELECTION_COLUMNS:
                    sheet.write_string(
                        row, col, selections[key].get(member[key], ''), cell)
                elif key == 'organization_id':
                    sheet.write_string(row, col, member.organization_id.name,
                                       cell)
                else:
                    sheet.write_string(row, col, member[key] or '', cell)
