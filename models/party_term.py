import re

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .party_guard import DATE_MAX, is_trusted, may_bypass, trusted

TERM_STATES = [
    ('planned', 'Planned'),
    ('current', 'Current'),
    ('ended', 'Ended'),
]
# The Constitution allows 3 to 5 years; places configure their own rules,
# but nothing outside this range is a term length.
MIN_YEARS, MAX_YEARS = 1, 10
OFFICER = 'party_building.group_officer'
# What people type to find a term: "第7届", "第七届", "Term 7", "7", "7届",
# optionally after (part of) the organization's name: "锦园 7",
# "锦园社区党支部 第7届", "..., Term 7" (the display name itself).
TERM_RE = re.compile(
    r'^(?P<organization>.*?)[\s,，]*'
    r'(?:第\s*(?P<chinese>[一二三四五六七八九十]{1,3})\s*届'
    r'|(?:term\s*|第\s*)?(?P<number>\d{1,9})\s*届?)$', re.IGNORECASE)
CHINESE_DIGITS = dict(zip('一二三四五六七八九', range(1, 10)))
POSITIVE_OPERATORS = {'!=': '=', '<>': '=', 'not like': 'like',
                      'not ilike': 'ilike', 'not in': 'in'}


def to_date(value):
    return fields.Date.from_string(value) if value else None


def valid_years(years):
    return isinstance(years, int) and MIN_YEARS <= years <= MAX_YEARS


def chinese_number(text):
    """七 -> 7, 十二 -> 12, 二十 -> 20, 二十三 -> 23; None for anything else
    (terms are counted in tens, not hundreds)."""
    tens, ten, units = text.partition('十')
    if not ten:
        return CHINESE_DIGITS.get(text)
    if (tens and tens not in CHINESE_DIGITS) \
            or (units and units not in CHINESE_DIGITS):
        return None
    return CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(units, 0)


class PartyTerm(models.Model):
    """A term (届) of an organization's committee, from its election to the
    next one. Electing and ending terms is the officers' work; an ended term
    is history, corrected by officers only (and tracked)."""
    _name = 'party.term'
    _description = 'Term'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'organization_id, start_date desc, id desc'

    organization_id = fields.Many2one(
        'party.organization', auto_join=True, string='Organization', required=True,
        index=True, ondelete='restrict', track_visibility='onchange',
        domain=[('kind', '!=', 'group')])
    company_id = fields.Many2one(
        'res.company', related='organization_id.company_id', store=True,
        readonly=True, index=True)
    number = fields.Integer(
        string='Term Number', required=True,
        track_visibility='onchange',
        help="The N of the N-th term.")
    # not stored: "第N届" must follow the reader's language. The display name
    # adds the organization (name_get); both are searched by _search_name.
    name = fields.Char(compute='_compute_name', search='_search_name')
    election_date = fields.Date(track_visibility='onchange')
    start_date = fields.Date(
        required=True, default=fields.Date.context_today,
        track_visibility='onchange')
    years = fields.Integer(
        string='Length (years)', track_visibility='onchange',
        help="Filled from the term lengths configured for the organization's "
             "kind and sector.")
    # Three dates a worker tells apart: when the term is due to end, until
    # when an approved extension runs, and when it really ended; the fourth
    # is the one that counts for reminders, calendar and timeline.
    planned_end_date = fields.Date(
        compute='_compute_planned_end_date', store=True,
        string='Planned End',
        help="Start plus the length of the term: when the term is due to "
             "end without an extension.")
    extended_until = fields.Date(
        string='Extended Until', track_visibility='onchange',
        help="End of an approved extension of the term.")
    extension_reference = fields.Char(
        string='Extension Approval', track_visibility='onchange',
        help="Reference of the superior organization's approval.")
    end_date = fields.Date(
        string='Actual End', track_visibility='onchange',
        help="The day the term really ended: set when the next term is "
             "elected or an officer ends it; empty while the term runs.")
    effective_end_date = fields.Date(
        compute='_compute_effective_end_date', store=True, index=True,
        string='Term Ends (with Extension)',
        help="The planned end, or the end of the approved extension; for "
             "an ended term, the day it really ended.")
    state = fields.Selection(
        TERM_STATES, required=True, default='planned', index=True,
        readonly=True, track_visibility='onchange')
    position_ids = fields.One2many(
        'party.term.position', 'term_id', string='Committee')
    note = fields.Text()

    _sql_constraints = [
        ('one_current', "EXCLUDE (organization_id WITH =) "
                        "WHERE (state = 'current')",
         'This organization already has a current term: end it, or elect '
         'the new term, which ends it.'),
    ]

    @api.depends('number')
    def _compute_name(self):
        for term in self:
            term.name = _('Term %d') % term.number

    def _search_name(self, operator, value):
        """Terms by organization name and/or number, as in their display
        name, so that "第7届", "Term 7", "7" or "锦园 7" find them."""
        if operator in ('in', 'not in'):
            values = value if isinstance(value, (list, tuple)) else [value]
            domain = expression.OR(
                [self._name_domain('=', item) for item in values]) \
                or [('id', '=', 0)]
        else:
            domain = self._name_domain(
                POSITIVE_OPERATORS.get(operator, operator), value)
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            return ['!'] + expression.normalize_domain(domain)
        return domain

    @api.depends('start_date', 'years')
    def _compute_planned_end_date(self):
        # a length outside the allowed range is refused by _check_years;
        # until then there is no planned end (and no overflow)
        for term in self:
            start = to_date(term.start_date)
            if start and valid_years(term.years):
                term.planned_end_date = fields.Date.to_string(
                    start + relativedelta(years=term.years, days=-1))
            else:
                term.planned_end_date = False

    @api.depends('end_date', 'extended_until', 'planned_end_date')
    def _compute_effective_end_date(self):
        for term in self:
            term.effective_end_date = (term.end_date or term.extended_until
                                       or term.planned_end_date)

    @api.constrains('years')
    def _check_years(self):
        for term in self:
            if not valid_years(term.years):
                raise ValidationError(_(
                    "The length of a term is %d to %d years: enter the "
                    "length of %s.") % (MIN_YEARS, MAX_YEARS, term.name))

    @api.constrains('number')
    def _check_number(self):
        if any(term.number < 1 for term in self):
            raise ValidationError(_(
                "The term number counts the terms: enter 1 for the first "
                "term, 2 for the second..."))

    @api.constrains('start_date', 'end_date', 'extended_until',
                    'extension_reference', 'planned_end_date')
    def _check_dates(self):
        for term in self.sudo():
            if term.end_date and term.end_date < term.start_date:
                raise ValidationError(_(
                    "%s of %s: the end cannot be before the start.")
                    % (term.name, term.organization_id.name))
            # without a planned end the length is wrong: _check_years says so
            if not term.extended_until or not term.planned_end_date:
                continue
            if term.extended_until <= term.planned_end_date:
                raise ValidationError(_(
                    "%s of %s: an extension must end after the planned end "
                    "(%s).") % (term.name, term.organization_id.name,
                                term.planned_end_date))
            months = term.company_id.party_term_extension_months
            limit = to_date(term.planned_end_date) + relativedelta(
                months=months)
            if to_date(term.extended_until) > limit:
                raise ValidationError(_(
                    "%s of %s: an extension may last at most %d months, "
                    "until %s.") % (term.name, term.organization_id.name,
                                    months, fields.Date.to_string(limit)))
            if not term.extension_reference:
                raise ValidationError(_(
                    "%s of %s: an extension needs the reference of its "
                    "approval.") % (term.name, term.organization_id.name))

    @api.constrains('state', 'start_date', 'effective_end_date',
                    'organization_id')
    def _check_overlap(self):
        """Current and ended terms of an organization never overlap (one
        current term: see _sql_constraints). Planned terms are checked when
        they start."""
        open_end = fields.Date.to_string(DATE_MAX)
        for term in self.sudo().filtered(lambda t: t.state != 'planned'):
            others = self.sudo().search([
                ('organization_id', '=', term.organization_id.id),
                ('id', '!=', term.id),
                ('state', '!=', 'planned'),
            ])
            for other in others:
                if (other.start_date <= (term.effective_end_date or open_end)
                        and term.start_date <= (other.effective_end_date
                                                or open_end)):
                    raise ValidationError(_(
                        "%s of %s overlaps %s (%s to %s): terms of one "
                        "organization cannot overlap.") % (
                            term.name, term.organization_id.name, other.name,
                            other.start_date, other.effective_end_date))

    @api.constrains('organization_id')
    def _check_organization_kind(self):
        if any(term.sudo().organization_id.kind == 'group' for term in self):
            raise ValidationError(_(
                "Party groups have no terms: record the term of their "
                "branch."))

    @api.onchange('organization_id', 'start_date')
    def _onchange_organization_id(self):
        if self.organization_id:
            self.years = self.env['party.term.length'].years_for(
                self.organization_id) or self.years
            if not getattr(self, '_origin', self).id:
                self.number = self._next_number(self.organization_id)

    @api.model
    def create(self, vals):
        if vals.get('organization_id'):
            organization = self.env['party.organization'].browse(
                vals['organization_id'])
            # 0 is a value (refused by _check_years), not a missing one
            if vals.get('years') is None or vals['years'] is False:
                years = self.env['party.term.length'].years_for(organization)
                if not years:
                    raise ValidationError(_(
                        "No term length is configured for %s: enter the "
                        "length of the term, or ask a manager to configure "
                        "the term lengths.") % organization.name)
                vals['years'] = years
            if vals.get('number') is None or vals['number'] is False:
                vals['number'] = self._next_number(organization)
        if vals.get('end_date') and not self._is_officer():
            raise AccessError(_(
                "Only officers end terms: leave the actual end empty."))
        return super(PartyTerm, self).create(vals)

    @api.multi
    def write(self, vals):
        if not self._is_officer():
            if self.filtered(lambda t: t.state == 'ended'):
                raise AccessError(_(
                    "An ended term is the organization's history: only "
                    "officers correct it."))
            if 'end_date' in vals:
                raise AccessError(_(
                    "Only officers end terms: leave the actual end empty."))
        if 'organization_id' in vals and not is_trusted(self.env) \
                and self.filtered(lambda t: t.state != 'planned'
                                  and t.organization_id.id
                                  != vals['organization_id']):
            raise UserError(_(
                "A term that has started stays with its organization."))
        return super(PartyTerm, self).write(vals)

    @api.multi
    def unlink(self):
        if any(term.state != 'planned' for term in self):
            raise UserError(_(
                "Only planned terms can be deleted; current and ended terms "
                "are the organization's history."))
        return super(PartyTerm, self).unlink()

    @api.multi
    def name_get(self):
        # "第N届" alone is ambiguous across organizations. Translated here,
        # not in the comprehension: _() finds the language in this frame.
        label = _('%(organization)s, Term %(number)d')
        return [(term.id, label % {'organization': term.organization_id.name,
                                   'number': term.number}) for term in self]

    @api.multi
    def action_start(self):
        """Elect this term: the organization's current term ends the day
        before this one starts."""
        self._check_officer()
        for term in self:
            if term.state != 'planned':
                raise UserError(_("Only a planned term can start."))
            previous = self.search([
                ('organization_id', '=', term.organization_id.id),
                ('state', '=', 'current')])
            if previous:
                if previous.start_date >= term.start_date:
                    raise UserError(_(
                        "%s starts before the current %s: correct the start "
                        "date.") % (term.name, previous.name))
                trusted(previous).write({
                    'state': 'ended',
                    'end_date': fields.Date.to_string(
                        to_date(term.start_date) - relativedelta(days=1)),
                })
            trusted(term).write({'state': 'current'})
        self.mapped('organization_id').refresh_setup_compliance()
        return True

    @api.multi
    def action_end(self):
        self._check_officer()
        today = fields.Date.context_today(self)
        for term in self.filtered(lambda t: t.state == 'current'):
            if term.start_date > today:
                raise UserError(_(
                    "%s has not started yet: it cannot end today.")
                    % term.name)
            trusted(term).write({'state': 'ended', 'end_date': today})
        self.mapped('organization_id').refresh_setup_compliance()
        return True

    @api.model
    def _next_number(self, organization):
        """The number of the organization's next term: its last term's
        number plus one (1 for its first term). Counted over all its terms,
        whoever may read them."""
        last = self.sudo().search([('organization_id', '=', organization.id)],
                                  order='number desc', limit=1)
        return (last.number or 0) + 1

    @api.model
    def _name_domain(self, operator, value):
        if value is False or value is None or value == '':
            # every term has a name; an empty pattern matches them all
            return [] if 'like' in operator else [('id', '=', 0)]
        # PostgreSQL refuses NUL characters in a text: they cannot match
        text = str(value).replace('\x00', '').strip()
        if operator not in ('=', 'like', 'ilike', '=like', '=ilike'):
            return [('organization_id.name', operator, text)]
        domain = [('organization_id.name', operator, text)]
        match = TERM_RE.match(text) if len(text) <= 200 else None
        number = match and (chinese_number(match.group('chinese'))
                            if match.group('chinese')
                            else int(match.group('number')))
        if number:
            by_number = [('number', '=', number)]
            organization = match.group('organization').strip(' ,，')
            if organization:
                by_number.append(
                    ('organization_id.name', operator, organization))
            domain = expression.OR([domain, by_number])
        # the caller inserts this domain as is: make its ANDs explicit
        return expression.normalize_domain(domain)

    def _is_officer(self):
        return may_bypass(self.env) or self.user_has_groups(OFFICER)

    def _check_officer(self):
        if not self._is_officer():
            raise AccessError(_(
                "Only officers elect and end terms."))
