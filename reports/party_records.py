"""The printed records of organizational life (台账): the record of a
meeting (会议记录), the member roster of an organization and its subtree
(党员花名册) and the branch's basic information sheet (支部基本情况表).

What the templates show is prepared here, in the reader's language and
time zone, from what the reader may read: the records asked for are
checked before anything is rendered, the members are searched as the
reader (record rules) and read in a few batched queries."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.mail_activity import format_day
from .party_member_ledger import LEDGER_COLUMNS

SIGN_IN_WORDS = ('签到', 'sign')
# Rows of the blank sign-in sheet: at least this many, for late-comers.
SIGN_IN_MIN_ROWS = 12
# The roster's pages in rows of the table (one line each): what a portrait
# A4 page holds, the title block of the first page, an organization's
# heading with the column titles.
ROSTER_PAGE_ROWS = 50
ROSTER_TITLE_ROWS = 5
ROSTER_HEAD_ROWS = 3


class ReportRecordsCommon(models.AbstractModel):
    """What the printed records share with the assessment documents:
    access checks first, dates as the reader writes them; and an empty
    selection refused instead of an empty page."""
    _name = 'report.party_building.records_common'
    _inherit = 'report.party_building.assessment_common'
    _description = 'Printed Records: Common Helpers'

    @api.model
    def _selected(self, model, docids, message):
        if not docids:
            raise UserError(message)
        records = self._readable(model, docids)
        if not records.exists():
            raise UserError(message)
        return records

    @api.model
    def _time(self, value):
        """A UTC datetime as 14:30 in the reader's time zone."""
        return fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(value)).strftime('%H:%M')

    @api.model
    def _local_day(self, value):
        return fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(value)).date()

    @api.model
    def _names(self, names):
        return self._list_separator().join(name for name in names if name)

    @api.model
    def _zh(self):
        return (self.env.lang or '').startswith('zh')

    @api.model
    def _document_values(self, docs, **extra):
        """What a template of these records reads: the common values, the
        records and `extra`."""
        values = self._common_values()
        values.update(doc_ids=docs.ids, doc_model=docs._name, docs=docs,
                      **extra)
        return values

    @api.model
    def _labels(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(
            self.env))


class ReportMeetingRecord(models.AbstractModel):
    _name = 'report.party_building.report_meeting_record'
    _inherit = 'report.party_building.records_common'
    _description = 'Meeting Record'

    @api.model
    def get_report_values(self, docids, data=None):
        docs = self._selected('party.meeting', docids, _(
            "Select the meetings whose record to print."))
        return self._document_values(
            docs, records={doc.id: self._record(doc) for doc in docs})

    def _when(self, meeting):
        """2024年5月20日 14:30—16:30 in the reader's time zone."""
        day = self._local_day(meeting.start)
        text = '%s %s' % (format_day(self.env, day),
                          self._time(meeting.start))
        if meeting.end:
            end_day = self._local_day(meeting.end)
            end = self._time(meeting.end)
            if end_day != day:
                end = '%s %s' % (format_day(self.env, end_day), end)
            text = '%s\u2014%s' % (text, end)
        return text

    def _record(self, meeting):
        """The attendance by kind, the sign-in sheet images and the
        sentences of one meeting's record."""
        # members are named as the meeting's form names them (Odoo reads a
        # many-to-one's name as superuser): a guest of another branch too
        def name(line):
            return line.member_id.sudo().name

        lines = meeting.attendance_ids.sorted(
            lambda a: (a.is_guest, name(a) or ''))
        expected = lines.filtered(lambda a: not a.is_guest)
        present = expected.filtered(lambda a: a.state == 'present')

        def with_reasons(state):
            # 陈刚（外出学习）in Chinese, Chen Gang (studying) otherwise
            pattern = '%s（%s）' if self._zh() else '%s (%s)'
            return self._names(
                pattern % (name(line), line.reason) if line.reason
                else name(line)
                for line in expected.filtered(lambda a: a.state == state))

        sheets = meeting.attachment_ids.filtered(
            lambda a: (a.mimetype or '').startswith('image/') and any(
                word in (a.name or '').lower() for word in SIGN_IN_WORDS))
        images = ['data:%s;base64,%s' % (
            sheet.mimetype, sheet.datas.decode('ascii')
            if isinstance(sheet.datas, bytes) else sheet.datas)
            for sheet in sheets if sheet.datas]
        signers = [name(line) for line in lines]
        rows = max(SIGN_IN_MIN_ROWS, len(signers) + 2)
        rows += rows % 2
        signers += [''] * (rows - len(signers))
        half = rows // 2
        states = self._labels('party.meeting', 'state')
        return {
            'when': self._when(meeting),
            'host': meeting.host_id.sudo().name or '',
            'recorder': meeting.recorder_id.sudo().name or '',
            'expected': len(expected),
            'present': len(present),
            'rate': _("Attendance rate %(rate)s%%") % {
                'rate': ('%.1f' % meeting.attendance_rate).rstrip(
                    '0').rstrip('.')},
            'present_names': self._names(name(line) for line in present),
            'absent_names': with_reasons('absent'),
            'excused_names': with_reasons('excused'),
            'guest_names': self._names(
                name(line) for line in lines if line.is_guest),
            'banner': meeting.state != 'held' and _(
                "This meeting is not recorded as held (%(state)s).") % {
                    'state': states.get(meeting.state, '')},
            'sheets': images,
            'sign_rows': [(index + 1, signers[index], index + half + 1,
                           signers[index + half]) for index in range(half)],
        }


class ReportMemberRoster(models.AbstractModel):
    """党员花名册 of the selected organizations, each with its subtree:
    one table per organization in the order of the tree, the columns of
    the XLSX ledger the reader may read."""
    _name = 'report.party_building.report_member_roster'
    _inherit = 'report.party_building.records_common'
    _description = 'Party Member Roster'

    @api.model
    def get_report_values(self, docids, data=None):
        docs = self._selected('party.organization', docids, _(
            "Select the organizations whose roster to print."))
        return self._document_values(
            docs, rosters={doc.id: self._roster(doc) for doc in docs})

    def _columns(self):
        """(key, header) as the XLSX ledger has them, without the
        organization (each table is one organization's): ID numbers only
        for those who may read them."""
        member = self.env['party.member']
        headers = {
            'sequence': _("No."),
            'status': _("Member Category"),
            'mobile': _("Contact Phone"),
        }
        columns = []
        for key in LEDGER_COLUMNS:
            if key == 'organization_id':
                continue
            field = member._fields.get(key)
            if field is not None and field.groups \
                    and not self.user_has_groups(field.groups):
                continue
            columns.append((key, headers.get(key)
                            or field._description_string(self.env)))
        return columns

    def _roster(self, organization):
        columns = self._columns()
        names = [key for key, __ in columns
                 if key != 'sequence'] + ['organization_id']
        members = self.env['party.member'].search(
            [('organization_id.path', '=like',
              (organization.path or '') + '%')])
        if not members:
            raise UserError(_(
                "%(organization)s has no members you may read: there is no "
                "roster to print.") % {'organization': organization.name})
        # one batched read of every column (the record rules were applied
        # by the search), then the organizations in the order of the tree
        rows = members.read(names)
        org_ids = {row['organization_id'][0] for row in rows}
        orgs = self.env['party.organization'].search_read(
            [('id', 'in', list(org_ids))], ['name', 'path'])
        order = {org['id']: (org['path'] or '', org['id']) for org in orgs}
        org_names = {org['id']: org['name'] for org in orgs}
        selections = {key: self._labels('party.member', key)
                      for key in ('gender', 'education', 'status')}
        groups = {}
        for row in rows:
            cells = []
            for key, __ in columns:
                value = row.get(key)
                if key in selections:
                    value = selections[key].get(value, '')
                elif key in ('birth_date', 'join_date', 'full_date'):
                    value = value and value.replace('-', '.') or ''
                cells.append(value or '')
            groups.setdefault(row['organization_id'][0], []).append(
                (row['name'] or '', cells))
        tables = []
        full = probationary = 0
        status = [key for key, __ in columns].index('status')
        full_label = selections['status']['full']
        for org_id in sorted(groups, key=lambda i: order.get(i, ('', i))):
            members_rows = sorted(groups[org_id], key=lambda r: r[0])
            body = []
            for number, (__, cells) in enumerate(members_rows, start=1):
                cells[0] = number
                body.append(cells)
                if cells[status] == full_label:
                    full += 1
                else:
                    probationary += 1
            tables.append({
                'name': org_names.get(org_id, ''),
                'count': _("%(count)d members") % {'count': len(body)},
                'rows': body,
            })
        return {
            'columns': columns,
            'tables': tables,
            'pages': self._paginate(tables),
            'summary': _(
                "%(total)d members: %(full)d full members, %(probationary)d "
                "probationary members, in %(orgs)d organizations.") % {
                    'total': full + probationary, 'full': full,
                    'probationary': probationary, 'orgs': len(tables)},
            'wide': [key for key, __ in columns],
        }

    def _paginate(self, tables):
        """The tables cut into pages, each page a list of (table, rows,
        continued): wkhtmltopdf here repeats no table head and splits
        rows across pages, so the pages are made here, each row one line
        high, each page with the column titles."""
        pages, page, room = [], [], ROSTER_PAGE_ROWS - ROSTER_TITLE_ROWS
        for table in tables:
            rows, continued = table['rows'], False
            while rows:
                if room < ROSTER_HEAD_ROWS + 1:
                    pages.append(page)
                    page, room = [], ROSTER_PAGE_ROWS
                fits = room - ROSTER_HEAD_ROWS
                page.append((table, rows[:fits], continued))
                room -= ROSTER_HEAD_ROWS + len(rows[:fits])
                rows, continued = rows[fits:], True
        if page:
            pages.append(page)
        return pages


class ReportBranchSheet(models.AbstractModel):
    """支部基本情况表 of the selected organizations."""
    _name = 'report.party_building.report_branch_sheet'
    _inherit = 'report.party_building.records_common'
    _description = 'Branch Basic Information Sheet'

    @api.model
    def get_report_values(self, docids, data=None):
        docs = self._selected('party.organization', docids, _(
            "Select the organizations whose basic information to print."))
        return self._document_values(docs, sheets=self._sheets(docs))

    def _sheets(self, docs):
        kinds = self._labels('party.organization', 'kind')
        sectors = self._labels('party.organization', 'sector')
        # the confirmed ratings of all of them, as the reader may read them
        ratings = {}
        for assessment in self.env['party.assessment'].search(
                [('organization_id', 'in', docs.ids),
                 ('state', '=', 'confirmed')], order='year desc, id desc'):
            ratings.setdefault(assessment.organization_id.id, []).append({
                'year': assessment.year,
                'campaign': assessment.campaign_id.name,
                'score': assessment.final_score,
                'stars': assessment.star_band_id.name or '',
                'grade': assessment.grade_band_id.name or '',
                'rank': assessment.rank and _(
                    "%(rank)d of %(count)d") % {
                        'rank': assessment.rank,
                        'count': assessment.ranked_count} or '',
            })
        venues = self._sheet_venues(docs)
        sheets = {}
        for org in docs:
            term = org.current_term_id
            if term:
                ends = term.extended_until or term.planned_end_date
                term_text = _(
                    "Term %(number)d, %(start)s to %(end)s") % {
                        'number': term.number,
                        'start': self._day(term.start_date),
                        'end': self._day(ends) if ends else ''}
                if term.extended_until:
                    term_text += _(" (extended, approval %(ref)s)") % {
                        'ref': term.extension_reference or ''}
            else:
                term_text = _("No current term")
            committee = [{
                'role': position.role_id.name or '',
                'name': position.member_id.sudo().name or '',
                'since': self._day(position.start_date),
            } for position in org.committee_position_ids.sorted(
                lambda p: (p.role_sequence, p.id))]
            sheets[org.id] = {
                'kind': kinds.get(org.kind, ''),
                'sector': sectors.get(org.sector, ''),
                'parent': org.parent_id._name_for_user(self.env.user)
                if org.parent_id else '',
                'units': self._names(org.department_ids.mapped('name')),
                'founded': self._day(org.founding_date),
                'term': term_text,
                'election': self._day(term.election_date) if term else '',
                'committee': committee,
                'secretary': org.secretary_id.sudo().name or '',
                'full': org.full_member_count,
                'probationary': org.probationary_member_count,
                'total': org.member_count,
                'ratings': ratings.get(org.id, []),
                'venues': venues.get(org.id, []),
            }
        return sheets

    def _sheet_venues(self, docs):
        """{organization id: its venues}: those serving it or an
        organization above it (a community's centre serves its branches), as
        the reader may read them, one search for all."""
        ancestors = {org.id: [int(i) for i in (org.path or '').split('/')
                              if i] for org in docs}
        states = self._labels('party.venue', 'state')
        found = self.env['party.venue'].search(
            [('organization_ids', 'in',
              sorted({i for ids in ancestors.values() for i in ids}))],
            order='name, id')
        venues = {}
        for org_id, ids in ancestors.items():
            venues[org_id] = [{
                'name': venue.name,
                'kind': venue.kind_id.name or '',
                'state': states.get(venue.state, ''),
                'area': '%.0f' % venue.area,
                'capacity': venue.capacity,
                'completeness': '%.0f%%' % venue.completeness,
            } for venue in found
                # the ids only (the reader may not read an organization
                # above their scope that a venue serves)
                if set(venue.sudo().organization_ids.ids) & set(ids)]
        return venues


class ReportLifeLedger(models.AbstractModel):
    """组织生活台账: the held meetings among those selected (the list
    filtered to a period and an organization), organization by
    organization, type by type, with their dates and attendance."""
    _name = 'report.party_building.report_life_ledger'
    _inherit = 'report.party_building.records_common'
    _description = 'Organizational Life Ledger'

    @api.model
    def get_report_values(self, docids, data=None):
        meetings = self._selected('party.meeting', docids, _(
            "Select the held meetings of the period to list."))
        held = meetings.filtered(lambda m: m.state == 'held')
        if not held:
            raise UserError(_(
                "None of the selected meetings is held: the ledger lists "
                "held meetings only."))
        return self._document_values(held, ledgers=self._ledgers(held))

    def _ledgers(self, meetings):
        lines = self.env['party.meeting.attendance'].search(
            [('meeting_id', 'in', meetings.ids), ('is_guest', '=', False),
             ('state', '!=', 'present')])
        away = {}
        # outside a comprehension: _() finds the language in this frame
        patterns = {
            ('excused', True): _("%(name)s (excused: %(reason)s)"),
            ('excused', False): _("%(name)s (excused)"),
            ('absent', True): _("%(name)s (absent: %(reason)s)"),
            ('absent', False): _("%(name)s (absent)"),
        }
        for line in lines:
            away.setdefault(line.meeting_id.id, []).append(
                patterns[line.state, bool(line.reason)] % {
                    'name': line.member_id.sudo().name,
                    'reason': line.reason})
        ledgers = []
        for org in meetings.mapped('organization_id').sorted(
                lambda o: (o.path or '', o.id)):
            mine = meetings.filtered(lambda m: m.organization_id == org)
            days = sorted(mine.mapped('local_date'))
            types = []
            for kind in mine.mapped('type_id').sorted(
                    lambda t: (t.sequence, t.id)):
                rows = []
                for number, meeting in enumerate(mine.filtered(
                        lambda m: m.type_id == kind).sorted(
                            lambda m: (m.start, m.id)), start=1):
                    rows.append({
                        'number': number,
                        'day': self._day(meeting.local_date),
                        'topic': meeting.name,
                        'host': meeting.host_id.sudo().name or '',
                        'expected': meeting.expected_count,
                        'present': meeting.present_count,
                        'rate': ('%.1f' % meeting.attendance_rate).rstrip(
                            '0').rstrip('.') + '%',
                        'away': self._names(away.get(meeting.id, [])),
                    })
                types.append({'name': _("%(type)s (%(count)d held)") % {
                    'type': kind.name, 'count': len(rows)}, 'rows': rows})
            ledgers.append({
                'organization': org.name,
                'period': _("Meetings held from %(start)s to %(end)s") % {
                    'start': self._day(days[0]), 'end': self._day(days[-1])},
                'types': types,
            })
        return ledgers
