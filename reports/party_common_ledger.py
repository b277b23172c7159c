"""Spreadsheet ledgers (台账, XLSX through OCA's report_xlsx), streamed.

Every ledger reads its records as the user (access rights, record rules
and field groups apply as on the screens) and writes them with
XlsxWriter's ``constant_memory`` mode, row after row: whatever the number
of records, what is held in memory is one chunk of rows, and the finished
file itself (compressed), never the whole list of records.

A ledger plugs in by inheriting ``report.party_building.ledger_base`` and
giving its title, its columns, the model, domain and order of its records
and how a chunk of records becomes rows (:meth:`_ledger_rows`).
"""
import datetime
import itertools
import tempfile
import unicodedata
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Excel's last row (1,048,576 rows a sheet): a longer ledger goes on over
# as many sheets as it needs, each with the title and headers.
EXCEL_ROWS = 1048576
# records read and written per chunk: one read (a few queries) per chunk
LEDGER_CHUNK = 2000
# rows of the title, the line under it and the headers
HEADER_ROWS = 3
# column widths in characters, as Excel counts them (a CJK character is two)
MIN_WIDTH = 6
MAX_WIDTH = 60
DATE_WIDTH = 11

# kinds of columns and how their cells are written
TEXT, NUMBER, DATE, PERCENT = 'text', 'number', 'date', 'percent'


def text_width(value):
    """The width of `value` in Excel characters: East Asian wide and full
    width characters count twice."""
    return sum(2 if unicodedata.east_asian_width(char) in ('W', 'F') else 1
               for char in value)


class LedgerSheet(object):
    """Writes the rows of a ledger in order over one or more worksheets
    (``constant_memory``: a row once left cannot be written again), with
    the title, a line under it and the frozen headers on each sheet, and
    columns as wide as their longest cell."""

    def __init__(self, workbook, name, title, subtitle, columns,
                 freeze_columns=0):
        self.workbook = workbook
        self.name = name
        self.title = title
        self.subtitle = subtitle
        self.columns = columns  # [(header, kind)]
        self.freeze_columns = freeze_columns
        self.formats = {
            'title': workbook.add_format({'bold': True, 'font_size': 16,
                                          'align': 'center'}),
            'header': workbook.add_format({
                'bold': True, 'border': 1, 'align': 'center',
                'valign': 'vcenter', 'text_wrap': True,
                'bg_color': '#F2F2F2'}),
            TEXT: workbook.add_format({'border': 1}),
            NUMBER: workbook.add_format({'border': 1}),
            DATE: workbook.add_format({'border': 1,
                                       'num_format': 'yyyy-mm-dd'}),
            PERCENT: workbook.add_format({'border': 1,
                                          'num_format': '0.0%'}),
        }
        self.sheet = None
        self.sheets = 0
        self.row = 0
        self.count = 0
        self.widths = []

    def _new_sheet(self):
        self._fit()
        self.sheets += 1
        name = self.name if self.sheets == 1 else '%s (%d)' % (
            self.name, self.sheets)
        self.sheet = sheet = self.workbook.add_worksheet(name[:31])
        last = len(self.columns) - 1
        sheet.merge_range(0, 0, 0, last, self.title, self.formats['title'])
        sheet.merge_range(1, 0, 1, last, self.subtitle)
        self.widths = []
        for col, (header, kind) in enumerate(self.columns):
            sheet.write_string(2, col, header, self.formats['header'])
            self.widths.append(max(text_width(header), MIN_WIDTH,
                                   DATE_WIDTH if kind == DATE else 0))
        sheet.freeze_panes(HEADER_ROWS, self.freeze_columns)
        self.row = HEADER_ROWS

    def write_row(self, values):
        """Writes one row: a value per column (False or None: blank)."""
        if self.sheet is None or self.row >= EXCEL_ROWS:
            self._new_sheet()
        sheet, row, formats = self.sheet, self.row, self.formats
        for col, ((__, kind), value) in enumerate(zip(self.columns, values)):
            style = formats[kind]
            if value is None or value is False or value == '':
                sheet.write_blank(row, col, None, style)
            elif kind == DATE:
                if not isinstance(value, datetime.date):
                    # 'YYYY-MM-DD' as the ORM reads dates: faster than
                    # strptime, a ledger has millions of them
                    value = datetime.date(int(value[:4]), int(value[5:7]),
                                          int(value[8:10]))
                sheet.write_datetime(row, col, value, style)
            elif kind == PERCENT:
                sheet.write_number(row, col, value / 100.0, style)
            elif kind == NUMBER:
                sheet.write_number(row, col, value, style)
                self._widen(col, str(value))
            else:
                sheet.write_string(row, col, value, style)
                self._widen(col, value)
        self.row += 1
        self.count += 1

    def _widen(self, col, value):
        width = text_width(value) + 1
        if width > self.widths[col]:
            self.widths[col] = width

    def _fit(self):
        """Sets the widths of the sheet being left (XlsxWriter writes the
        columns when it closes the book, before the rows it streamed)."""
        if self.sheet is None:
            return
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, min(width, MAX_WIDTH))

    def close(self):
        self._fit()


class PartyLedgerBase(models.AbstractModel):
    """A ledger of one model's records, streamed (see the module)."""
    _name = 'report.party_building.ledger_base'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Party Ledger (XLSX)'

    _ledger_model = None
    # records per chunk: one read per chunk, whatever the ledger's size
    _ledger_chunk = LEDGER_CHUNK
    _ledger_freeze_columns = 2

    # -- what a ledger gives -------------------------------------------------

    def _ledger_title(self):
        raise NotImplementedError()

    def _ledger_columns(self):
        """[(key, header, kind)] of the columns this user may read."""
        raise NotImplementedError()

    def _ledger_domain(self, data):
        """The records of the ledger when none are selected: the user's
        whole scope (the record rules add it)."""
        return []

    def _ledger_order(self):
        """The order of the rows; None: the model's own."""
        return None

    def _ledger_empty_message(self):
        return _("There is nothing to put in this ledger: no record of "
                 "your scope was selected or found.")

    def _ledger_subtitle(self, count):
        return _("Printed on %(date)s by %(user)s: %(count)s rows") % {
            'date': fields.Date.context_today(self),
            'user': self.env.user.name, 'count': count}

    def _ledger_rows(self, records, columns):
        """The rows (lists of values, one per column) of a chunk of
        records, in their order."""
        raise NotImplementedError()

    # -- report_xlsx ---------------------------------------------------------

    def get_workbook_options(self):
        # rows are flushed to a temporary file as they are written
        return {'constant_memory': True, 'strings_to_formulas': False,
                'strings_to_urls': False}

    def _get_objs_for_report(self, docids, data):
        # only the ids: the records are read chunk by chunk
        records = super(PartyLedgerBase, self)._get_objs_for_report(
            docids, data)
        return records.browse(records.ids)

    def create_xlsx_report(self, docids, data):
        selection = self._get_objs_for_report(docids, data)
        with tempfile.TemporaryFile() as output:
            workbook = self._ledger_workbook(output)
            self.generate_xlsx_report(workbook, data, selection)
            workbook.close()
            output.seek(0)
            return output.read(), 'xlsx'

    def _ledger_workbook(self, output):
        import xlsxwriter
        return xlsxwriter.Workbook(output, self.get_workbook_options())

    def generate_xlsx_report(self, workbook, data, selection):
        model = self.env[self._ledger_model]
        model.check_access_rights('read')
        if selection:
            # a selection out of the user's scope is refused, not dropped
            selection.check_access_rule('read')
            domain = [('id', 'in', selection.ids)]
        else:
            domain = self._ledger_domain(data)
        count = model.search_count(domain)
        if not count:
            raise UserError(self._ledger_empty_message())
        columns = self._ledger_columns()
        title = self._ledger_title()
        sheet = LedgerSheet(
            workbook, title, title, self._ledger_subtitle(count),
            [(header, kind) for __, header, kind in columns],
            self._ledger_freeze_columns)
        number = itertools.count(1)
        for ids in self._ledger_chunks(model, domain, self._ledger_order()):
            records = model.browse(ids)
            for values in self._ledger_rows(records, columns):
                sheet.write_row([
                    next(number) if key == 'sequence' else value
                    for (key, __, ___), value in zip(columns, values)])
            # a chunk read is a chunk forgotten: bounded memory
            model.invalidate_cache()
        sheet.close()

    # -- reading in chunks ---------------------------------------------------

    @api.model
    def _ledger_chunks(self, model, domain, order):
        """Lists of ids of `model`'s records matching `domain` that the user
        may read, in `order`, `_ledger_chunk` at a time: one statement with
        the ORM's where clause (record rules included), read through a
        server-side cursor so that neither PostgreSQL's client nor Python
        holds all the ids."""
        query = model._where_calc(domain)
        model._apply_ir_rules(query, 'read')
        order_by = model._generate_order_by(order, query)
        from_clause, where_clause, params = query.get_sql()
        statement = 'SELECT "%s".id FROM %s WHERE %s %s' % (
            model._table, from_clause, where_clause or 'TRUE', order_by)
        # a named cursor of the request's connection and transaction: the
        # same snapshot as the count above
        cursor = self.env.cr._cnx.cursor(
            'party_ledger_%s' % uuid.uuid4().hex)
        try:
            cursor.itersize = self._ledger_chunk
            # the clauses come from the ORM, the values are parameters
            cursor.execute(statement, params)  # pylint: disable=sql-injection
            while True:
                rows = cursor.fetchmany(self._ledger_chunk)
                if not rows:
                    break
                yield [row[0] for row in rows]
        finally:
            cursor.close()

    # -- helpers for the ledgers ---------------------------------------------

    def _ledger_selections(self, model, names):
        """{field: {value: label}} in the user's language."""
        return {name: dict(model._fields[name]._description_selection(
            self.env)) for name in names}

    def _ledger_label(self, model, name):
        return model._fields[name]._description_string(self.env)

    def _ledger_may_read(self, model, name):
        field = model._fields[name]
        return not field.groups or self.user_has_groups(field.groups)
