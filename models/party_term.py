from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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


def to_date(value):
    return fields.Date.from_string(value) if value else None


def valid_years(years):
    return isinstance(years, int) and MIN_YEARS <= years <= MAX_YEARS


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
    # not stored: "第N届" must follow the reader's language
    name = fields.Char(compute='_compute_name')
    election_date = fields.Date(track_visibility='onchange')
    start_date = fields.Date(
        required=True, default=fields.Date.context_today,
        track_visibility='onchange')
    years = fields.Integer(
        string='Length (years)', track_visibility='onchange',
        help="Filled from the term lengths configured for the organization's "
             "kind and sector.")
    planned_end_date = fields.Date(
        compute='_compute_planned_end_date', store=True,
        string='Planned End')
    extended_until = fields.Date(
        string='Extended Until', track_visibility='onchange',
        help="End of an approved extension of the term.")
    extension_reference = fields.Char(
        string='Extension Approval', track_visibility='onchange',
        help="Reference of the superior organization's approval.")
    end_date = fields.Date(
        string='Actual End', track_visibility='onchange',
        help="Set when the term ends, usually by the next election.")
    effective_end_date = fields.Date(
        compute='_compute_effective_end_date', store=True, index=True,
        string='End', help="Actual end, else extension, else planned end.")
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

    def _is_officer(self):
        return may_bypass(self.env) or self.user_has_groups(OFFICER)

    def _check_officer(self):
        if not self._is_officer():
            raise AccessError(_(
                "Only officers elect and end terms."))
