# -*- coding: utf-8 -*-
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyTermPosition(models.Model):
    """A member holding a committee post during (part of) a term."""
    _name = 'party.term.position'
    _description = 'Committee Position'
    _inherit = ['mail.thread']
    _order = 'term_id, role_sequence, start_date, id'

    term_id = fields.Many2one(
        'party.term', string='Term', required=True, index=True,
        ondelete='cascade', auto_join=True)
    organization_id = fields.Many2one(
        'party.organization', auto_join=True, related='term_id.organization_id', store=True,
        readonly=True, index=True)
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

    @api.constrains('start_date', 'end_date', 'term_id')
    def _check_dates(self):
        for position in self.sudo():
            term = position.term_id
            start = position.start_date or term.start_date
            end = position.end_date or term.effective_end_date
            if end < start:
                raise ValidationError(_(
                    "The post of %s ends before it starts.")
                    % position.member_id.name)
            if start < term.start_date or end > term.effective_end_date:
                raise ValidationError(_(
                    "The post of %s must lie within %s (%s to %s).") % (
                        position.member_id.name, term.name, term.start_date,
                        term.effective_end_date))
