from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .party_guard import may_bypass

OFFICER = 'party_building.group_officer'


class PartyTermPosition(models.Model):
    """A member holding a committee post during (part of) a term. The posts
    of an ended term are history: officers correct them, and the
    correction is logged on the term."""
    _name = 'party.term.position'
    _description = 'Committee Position'
    _inherit = ['mail.thread']
    _order = 'term_id, role_sequence, start_date, id'

    term_id = fields.Many2one(
        'party.term', string='Term', required=True, index=True,
        ondelete='cascade', auto_join=True, party_create_only=True)
    organization_id = fields.Many2one(
        'party.organization', auto_join=True,
        related='term_id.organization_id', store=True, readonly=True,
        index=True)
    company_id = fields.Many2one(
        'res.company', related='term_id.company_id', store=True,
        readonly=True, index=True)
    member_id = fields.Many2one(
        'party.member', string='Member', required=True, index=True,
        ondelete='restrict', track_visibility='onchange')
    role_id = fields.Many2one(
        'party.position.role', string='Post', required=True,
        ondelete='restrict', track_visibility='onchange')
    role_sequence = fields.Integer(related='role_id.sequence', store=True,
                                   readonly=True)
    is_secretary = fields.Boolean(related='role_id.is_secretary', store=True,
                                  readonly=True)
    start_date = fields.Date(track_visibility='onchange',
                             help="Empty: from the start of the term.")
    end_date = fields.Date(track_visibility='onchange',
                           help="Empty: until the end of the term.")

    @api.constrains('member_id', 'term_id')
    def _check_member(self):
        for position in self.sudo():
            org_path = position.term_id.organization_id.path
            if not (position.member_id.organization_id.path or '').startswith(
                    org_path):
                raise ValidationError(_(
                    "%s is not a member of %s, so cannot hold a post in its "
                    "committee.") % (position.member_id.name,
                                     position.term_id.organization_id.name))

    @api.constrains('role_id', 'term_id')
    def _check_role_company(self):
        for position in self.sudo():
            if not position.role_id.applies_to_company(
                    position.term_id.company_id):
                raise ValidationError(_(
                    "The post %s belongs to another company: choose a post "
                    "of the organization's company.") % position.role_id.name)

    @api.constrains('start_date', 'end_date', 'term_id')
    def _check_dates(self):
        for position in self.sudo():
            term = position.term_id
            start = position.start_date or term.start_date
            # a term without an end has a wrong length, refused on the term
            end = position.end_date or term.effective_end_date or start
            if end < start:
                raise ValidationError(_(
                    "The post of %s ends before it starts.")
                    % position.member_id.name)
            if start < term.start_date or (
                    term.effective_end_date
                    and end > term.effective_end_date):
                raise ValidationError(_(
                    "The post of %s must lie within %s (%s to %s).") % (
                        position.member_id.name, term.name, term.start_date,
                        term.effective_end_date))

    @api.model
    def create(self, vals):
        if isinstance(vals.get('term_id'), int):
            self._check_term_open(self.env['party.term'].browse(
                vals['term_id']))
        position = super(PartyTermPosition, self).create(vals)
        position._log_correction(_("Committee post added after the term "
                                   "ended: %s, %s."))
        return position

    @api.multi
    def write(self, vals):
        self._check_term_open(self.mapped('term_id'))
        return super(PartyTermPosition, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_term_open(self.mapped('term_id'))
        self._log_correction(_("Committee post removed after the term "
                               "ended: %s, %s."))
        return super(PartyTermPosition, self).unlink()

    def _check_term_open(self, terms):
        """Below officers, the committee of an ended term is read-only."""
        if may_bypass(self.env) or self.user_has_groups(OFFICER):
            return
        if terms.filtered(lambda t: t.state == 'ended'):
            raise AccessError(_(
                "An ended term is the organization's history: only officers "
                "correct its committee."))

    def _log_correction(self, message):
        """An officer's correction of an ended term's committee goes to the
        term's history: the post's own tracking is not on the term."""
        for position in self.filtered(lambda p: p.term_id.state == 'ended'):
            position.term_id.sudo().message_post(
                body=message % (position.role_id.name,
                                position.member_id.name),
                author_id=self.env.user.partner_id.id)
