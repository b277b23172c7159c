# -*- coding: utf-8 -*-
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

TERM_STATES = [
    ('planned', 'Planned'),
    ('current', 'Current'),
    ('ended', 'Ended'),
]


def to_date(value):
    return fields.Date.from_string(value) if value else None


class PartyTerm(models.Model):
    """A term (届) of an organization's committee, from its election to the
    next one."""
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
        string='Term Number', required=True, default=1,
        track_visibility='onchange', help="The N of the N-th term.")
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
        track_visibility='onchange')
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
        for term in self:
            start = to_date(term.start_date)
            if start and term.years:
                term.planned_end_date = fields.Date.to_string(
                    start + relativedelta(years=term.years, days=-1))
            else:
                term.planned_end_date = False

    @api.depends('end_date', 'extended_until', 'planned_end_date')
    def _compute_effective_end_date(self):
        for term in self:
            term.effective_end_date = (term.end_date or term.extended_until
                                       or term.planned_end_date)

    @api.constrains('start_date', 'end_date', 'extended_until',
                    'extension_reference', 'planned_end_date')
    def _check_dates(self):
        for term in self.sudo():
            if term.end_date and term.end_date < term.start_date:
                raise ValidationError(_(
                    "%s of %s: the end cannot be before the start.")
                    % (term.name, term.organization_id.name))
            if not term.extended_until:
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
        for term in self.sudo().filtered(lambda t: t.state != 'planned'):
            others = self.sudo().search([
                ('organization_id', '=', term.organization_id.id),
                ('id', '!=', term.id),
                ('state', '!=', 'planned'),
            ])
            for other in others:
                if (other.start_date <= term.effective_end_date
                        and term.start_date <= other.effective_end_date):
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
                self.organization_id)

    @api.model
    def create(self, vals):
        if vals.get('organization_id') and not vals.get('years'):
            organization = self.env['party.organization'].browse(
                vals['organization_id'])
            vals['years'] = self.env['party.term.length'].years_for(
                organization)
        return super(PartyTerm, self).create(vals)

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
                previous.write({
                    'state': 'ended',
                    'end_date': fields.Date.to_string(
                        to_date(term.start_date) - relativedelta(days=1)),
                })
            term.state = 'current'
        self.mapped('organization_id').refresh_setup_compliance()

    @api.multi
    def action_end(self):
        today = fields.Date.context_today(self)
        for term in self.filtered(lambda t: t.state == 'current'):
            term.write({'state': 'ended', 'end_date': today})
        self.mapped('organization_id').refresh_setup_compliance()
