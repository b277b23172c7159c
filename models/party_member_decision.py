"""Decisions on a member's membership: conversion of a probationary member
to full membership (预备党员转正), extension of the probation (延长预备期),
cancellation of probationary membership (取消预备党员资格), and the changes
of membership status (党籍状态): lost contact (失联), stopped membership
(停止党籍), back in good standing, withdrawal (退党), removal (除名),
expulsion (开除党籍), death.

A decision is recorded once, with its date and the decision it rests on,
and applies itself to the member: the member's status, dates and standing
follow from these records only (party_guard refuses them to clients). A
decision is never changed nor deleted: a mistake is corrected by the next
decision, and the history stays.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_guard import may_bypass, to_day, trusted
from .party_member import ENDED

PROBATION_KINDS = ('conversion', 'extension', 'cancellation')
KINDS = [
    ('conversion', 'Conversion to Full Membership'),
    ('extension', 'Extension of Probation'),
    ('cancellation', 'Cancellation of Probationary Membership'),
    ('lost_contact', 'Lost Contact'),
    ('stopped', 'Membership Stopped'),
    ('restored', 'Back in Good Standing'),
    ('withdrawn', 'Withdrawal from the Party'),
    ('removed', 'Removal from the Party'),
    ('expelled', 'Expulsion from the Party'),
    ('deceased', 'Death'),
]
# kind: (standings the member may have before, standing after)
STANDING_CHANGES = {
    'lost_contact': (('good',), 'lost_contact'),
    'stopped': (('good', 'lost_contact'), 'stopped'),
    'restored': (('lost_contact', 'stopped'), 'good'),
    'withdrawn': (('good', 'lost_contact', 'stopped'), 'withdrawn'),
    'removed': (('good', 'lost_contact', 'stopped'), 'removed'),
    'expelled': (('good', 'lost_contact', 'stopped'), 'expelled'),
    'deceased': (('good', 'lost_contact', 'stopped'), 'deceased'),
    'cancellation': (('good',), 'cancelled'),
}
EXTENSION_MIN, EXTENSION_MAX = 6, 12


def is_general_meeting(meeting_type):
    """A members' general meeting (党员大会): the type whose quorum is the
    majority of the full members."""
    return meeting_type.quorum == 'members_majority'


class PartyMemberDecision(models.Model):
    _name = 'party.member.decision'
    _description = 'Membership Decision'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'date desc, id desc'

    member_id = fields.Many2one(
        'party.member', string='Member', required=True, index=True,
        ondelete='restrict', auto_join=True, party_create_only=True,
        domain=[('active', '=', True)])
    kind = fields.Selection(KINDS, string='Decision On', required=True,
                            index=True, party_create_only=True)
    date = fields.Date(
        required=True, index=True, party_create_only=True,
        help="Conversion: the full membership date; otherwise the date of "
             "the decision.")
    decision = fields.Char(
        required=True, party_create_only=True,
        help="The decision it rests on: who decided, when, its reference "
             "(e.g. approval of the party committee, 2024-07-01, no. 12).")
    reason = fields.Text(party_create_only=True)
    meeting_id = fields.Many2one(
        'party.meeting', string="Members' General Meeting",
        ondelete='restrict', party_create_only=True,
        help="The held members' general meeting of the member's branch "
             "that decided the conversion, extension or cancellation.")
    extension_months = fields.Integer(
        string='Extension (Months)', party_create_only=True,
        help="Six months at least, one year at most; once.")
    attempts = fields.Text(
        string='Attempts to Reach', party_create_only=True,
        help="Lost contact: how the branch tried to reach the member.")
    # organization_id: the member's organization when decided (set by
    # create); the decision stays with it when the member moves

    @api.model
    def default_get(self, fields_list):
        values = super(PartyMemberDecision, self).default_get(fields_list)
        member = self.env['party.member'].browse(values.get('member_id'))
        if member.exists() and 'organization_id' in fields_list:
            values['organization_id'] = member.organization_id.id
        return values

    @api.onchange('member_id')
    def _onchange_member_id(self):
        self.organization_id = self.member_id.organization_id

    @api.onchange('meeting_id')
    def _onchange_meeting_id(self):
        if self.meeting_id and not self.date:
            self.date = self.meeting_id.local_date

    @api.multi
    def name_get(self):
        labels = dict(self._fields['kind']._description_selection(self.env))
        return [(d.id, '%s %s' % (labels.get(d.kind, ''), d.date or ''))
                for d in self]

    @api.model
    def create(self, vals):
        """Check the decision against the member and the rules, then apply
        it to the member, in one transaction: refused, nothing is saved."""
        member = self.env['party.member'].browse(vals.get('member_id'))
        if not member.exists():
            raise UserError(_("Choose the member the decision is about."))
        # the member must be in the user's scope, and writable there
        member.check_access_rights('write')
        member.check_access_rule('write')
        vals = dict(vals, organization_id=member.organization_id.id)
        record = super(PartyMemberDecision, self).create(vals)
        record._apply()
        return record

    @api.multi
    def write(self, vals):
        if not may_bypass(self.env):
            for name in vals:
                field = self._fields.get(name)
                if field is not None and self._party_locked(field):
                    self._party_refuse_workflow(field)
        if not may_bypass(self.env) and set(vals) - {
                'message_follower_ids', 'activity_ids', 'message_ids'}:
            raise UserError(_(
                "A recorded decision is kept as it is: record a new "
                "decision to change the member's status."))
        return super(PartyMemberDecision, self).write(vals)

    @api.multi
    def unlink(self):
        if not may_bypass(self.env):
            raise UserError(_(
                "Decisions on membership are kept in the member's history "
                "and cannot be deleted."))
        return super(PartyMemberDecision, self).unlink()

    @api.multi
    def action_close(self):
        """The dialog's button: the decision was recorded on saving."""
        return {'type': 'ir.actions.act_window_close'}

    # -- the rules -----------------------------------------------------------

    def _apply(self):
        self.ensure_one()
        member = self.member_id
        day = to_day(self.date)
        today = fields.Date.from_string(fields.Date.context_today(self))
        if day > today:
            raise ValidationError(_("A decision cannot be dated in the "
                                    "future."))
        if not (self.decision or '').strip():
            raise ValidationError(_(
                "Enter the decision: who decided, when, and its reference."))
        if member.join_date and day < to_day(member.join_date):
            raise ValidationError(_(
                "%(name)s joined on %(date)s: a decision cannot be dated "
                "earlier.") % {'name': member.name, 'date': member.join_date})
        later = self.sudo().search_count([
            ('member_id', '=', member.id), ('id', '!=', self.id),
            ('date', '>', self.date)])
        if later:
            raise ValidationError(_(
                "%s has a decision dated later: decisions are recorded in "
                "the order of their dates.") % member.name)
        if self.kind in PROBATION_KINDS:
            self._check_probation(member, day)
        if self.kind in ('stopped', 'withdrawn', 'removed', 'expelled',
                         'cancellation', 'extension') \
                and not (self.reason or '').strip():
            raise ValidationError(_("Enter the reason for the decision."))
        if self.kind == 'lost_contact' and not (self.attempts or '').strip():
            raise ValidationError(_(
                "Enter how the branch tried to reach the member: a member "
                "is recorded as lost contact after being sought."))
        values = {}
        if self.kind == 'conversion':
            values.update(status='full', full_date=self.date)
        elif self.kind == 'extension':
            values['probation_extension_months'] = self.extension_months
        if self.kind in STANDING_CHANGES:
            before, after = STANDING_CHANGES[self.kind]
            if member.standing not in before:
                labels = dict(member._fields['standing']
                              ._description_selection(self.env))
                raise UserError(_(
                    "%(name)s's membership status is \"%(standing)s\": "
                    "this decision does not apply.") % {
                        'name': member.name,
                        'standing': labels[member.standing]})
            values.update(standing=after, standing_date=self.date)
            if after in ENDED:
                values['active'] = False
        trusted(member).write(values)
        member.message_post(body=_("%(decision)s recorded: %(text)s") % {
            'decision': self.display_name, 'text': self.decision})

    def _check_probation(self, member, day):
        if member.status != 'probationary':
            raise UserError(_(
                "%s is not a probationary member: the probation was already "
                "decided.") % member.name)
        if member.standing != 'good':
            raise UserError(_(
                "%s is not in good standing: record the status first.")
                % member.name)
        if not member.join_date:
            raise UserError(_(
                "%s has no joining date: the probation runs from it.")
                % member.name)
        meeting = self.meeting_id.sudo()
        if not meeting:
            raise ValidationError(_(
                "Choose the members' general meeting of the branch that "
                "decided."))
        if meeting.organization_id != member.branch_id \
                or not is_general_meeting(meeting.type_id):
            raise ValidationError(_(
                "The decision on %(name)s is taken by a members' general "
                "meeting of %(branch)s, not by %(meeting)s.") % {
                    'name': member.name, 'branch': member.branch_id.name,
                    'meeting': meeting.name})
        if meeting.state != 'held':
            raise ValidationError(_(
                "%s has not been held: record the decision once the meeting "
                "has taken place and is marked held.") % meeting.name)
        end = member._probation_end()
        meeting_day = to_day(meeting.local_date)
        if self.kind != 'cancellation' and meeting_day < to_day(end):
            raise UserError(_(
                "The probation of %(name)s lasts until %(date)s: the "
                "members' general meeting decides at its end, not on "
                "%(meeting_date)s.") % {
                    'name': member.name, 'date': end,
                    'meeting_date': meeting.local_date})
        if day < meeting_day:
            raise ValidationError(_(
                "The decision cannot be dated before the meeting that "
                "decided it (%s).") % meeting.local_date)
        if self.kind == 'extension':
            if member.probation_extension_months:
                raise UserError(_(
                    "The probation of %s was already extended: it can be "
                    "extended once only.") % member.name)
            if not EXTENSION_MIN <= self.extension_months <= EXTENSION_MAX:
                raise ValidationError(_(
                    "The probation is extended by six months at least and "
                    "one year at most (6 to 12 months)."))
