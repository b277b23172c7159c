"""Transfers of membership (组织关系转接): a member's organizational
relation moves out of one organization into another with an introduction
letter (介绍信).

- Within the system: requested by the sending side (a secretary or officer
  whose scope holds the member), accepted or refused with a reason by the
  receiving side (whose scope holds the destination, possibly in another
  officer's scope). The member moves only on acceptance, written by the
  transfer itself.
- Into the system from outside: the receiving side records the letter and
  registers the new member, linked to it.
- Out of the system: the sending side records the destination and the
  letter; the member is archived.

The receiving side reads the transfer, never the member, until it accepts:
the transfer carries the member's basic data, copied when it is requested.
"""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .mail_activity import format_day
from .party_guard import may_bypass, to_day, trusted
from .party_organization import MEMBER_KINDS

# The member's data the receiving side reads on the transfer.
SNAPSHOT = ('gender', 'birth_date', 'ethnicity', 'education', 'status',
            'join_date', 'full_date', 'mobile', 'native_place', 'job_post')

TRANSFER_KINDS = [
    ('internal', 'Within the System'),
    ('in', 'Into the System'),
    ('out', 'Out of the System'),
]


class PartyMemberTransfer(models.Model):
    _name = 'party.member.transfer'
    _description = 'Transfer of Membership'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'request_date desc, id desc'

    name = fields.Char(string='Reference', compute='_compute_name')
    kind = fields.Selection(TRANSFER_KINDS, string='Transfer', required=True,
                            default='internal', party_create_only=True,
                            track_visibility='onchange')
    state = fields.Selection([
        ('pending', 'Pending'),
        ('done', 'Completed'),
        ('refused', 'Refused'),
        ('cancelled', 'Cancelled'),
    ], default='pending', required=True, readonly=True, index=True,
        track_visibility='onchange')
    member_id = fields.Many2one(
        'party.member', string='Member', index=True, ondelete='restrict',
        party_create_only=True,
        help="The member transferred; for a transfer into the system, the "
             "member registered from it.")
    member_name = fields.Char(
        string='Member Name', party_create_only=True,
        help="The member's name as the letter gives it.")
    from_organization_id = fields.Many2one(
        'party.organization', string='From Organization', readonly=True,
        index=True, auto_join=True, ondelete='restrict',
        help="The organization the member belonged to when the transfer "
             "was requested.")
    to_organization_id = fields.Many2one(
        'party.organization', string='To Organization', index=True,
        auto_join=True, ondelete='restrict', party_create_only=True,
        context={'party_transfer_destination': True},
        help="The party branch or party group that receives the member.")
    # the two sides the record rules read, always set (auto_join makes
    # inner joins): the sending side is the sender, or the receiver itself
    # for a transfer into the system; the receiving side the receiver, or
    # the sender itself for a transfer out of the system
    sending_side_id = fields.Many2one(
        'party.organization', string='Sending Side', readonly=True,
        index=True, auto_join=True, ondelete='restrict')
    receiving_side_id = fields.Many2one(
        'party.organization', string='Receiving Side', readonly=True,
        index=True, auto_join=True, ondelete='restrict')
    external_organization = fields.Char(
        string='Outside Organization',
        help="Into the system: the organization the member comes from; out "
             "of the system: the organization the member goes to.")
    company_id = fields.Many2one('res.company', readonly=True, index=True)
    letter_number = fields.Char(string='Letter Number',
                                track_visibility='onchange',
                                help="The number of the introduction letter "
                                     "(介绍信).")
    letter_date = fields.Date(string='Letter Date')
    valid_until = fields.Date(
        string='Valid Until',
        help="The letter's validity; by default the letter's date plus the "
             "months configured (commonly 3).")
    request_date = fields.Date(
        string='Requested On', readonly=True, index=True,
        default=fields.Date.context_today)
    decision_date = fields.Date(string='Decided On', readonly=True)
    requested_by = fields.Many2one('res.users', string='Requested By',
                                   readonly=True)
    decided_by = fields.Many2one('res.users', string='Decided By',
                                 readonly=True)
    reason = fields.Text(string='Reason for the Transfer')
    refusal_reason = fields.Text(string='Refusal Reason', readonly=True)
    # the member's data, copied when requested (read by the receiving side)
    gender = fields.Selection([('male', 'Male'), ('female', 'Female')],
                              party_create_only=True)
    birth_date = fields.Date(party_create_only=True)
    ethnicity = fields.Char(party_create_only=True)
    education = fields.Selection('_selection_education',
                                 party_create_only=True)
    status = fields.Selection('_selection_status', string='Membership',
                              party_create_only=True)
    join_date = fields.Date(string='Joining Date', party_create_only=True)
    full_date = fields.Date(string='Full Membership Date',
                            party_create_only=True)
    mobile = fields.Char(party_create_only=True)
    native_place = fields.Char(string='Native Place', party_create_only=True)
    job_post = fields.Char(string='Job or Post', party_create_only=True)
    overdue = fields.Boolean(compute='_compute_overdue',
                             search='_search_overdue',
                             string='Waiting Too Long')
    is_sender = fields.Boolean(compute='_compute_sides',
                               search='_search_is_sender',
                               string='Outgoing')
    is_receiver = fields.Boolean(compute='_compute_sides',
                                 search='_search_is_receiver',
                                 string='Incoming')

    @api.model
    def _selection_education(self):
        return self.env['party.member']._fields[
            'education']._description_selection(self.env)

    @api.model
    def _selection_status(self):
        return self.env['party.member']._fields[
            'status']._description_selection(self.env)

    @api.depends('member_name', 'kind')
    def _compute_name(self):
        labels = dict(self._fields['kind']._description_selection(self.env))
        for transfer in self:
            transfer.name = '%s: %s' % (labels.get(transfer.kind, ''),
                                        transfer.member_name or '')

    def _compute_overdue(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for transfer in self:
            days = transfer.sudo().company_id.party_transfer_reminder_days \
                or self.env.user.company_id.party_transfer_reminder_days
            transfer.overdue = transfer.state == 'pending' \
                and transfer.request_date and fields.Date.from_string(
                    transfer.request_date) + timedelta(days=days) <= today

    def _search_overdue(self, operator, value):
        today = fields.Date.from_string(fields.Date.context_today(self))
        days = self.env.user.company_id.party_transfer_reminder_days
        limit = fields.Date.to_string(today - timedelta(days=days))
        domain = ['&', ('state', '=', 'pending'),
                  ('request_date', '<=', limit)]
        if (operator == '=') != bool(value):
            return ['!'] + domain
        return domain

    def _compute_sides(self):
        Org = self.env['party.organization']
        orgs = self.mapped('from_organization_id') \
            | self.mapped('to_organization_id')
        readable = set(Org.search([('id', 'in', orgs.ids)]).ids) \
            if orgs else set()
        for transfer in self:
            transfer.is_sender = transfer.from_organization_id.id in readable
            transfer.is_receiver = transfer.to_organization_id.id in readable

    def _search_side(self, field, operator, value):
        domain = self.env.user._party_scope_domain(field + '.path')
        if (operator == '=') != bool(value):
            return ['!'] + domain
        return domain

    def _search_is_sender(self, operator, value):
        return self._search_side('from_organization_id', operator, value)

    def _search_is_receiver(self, operator, value):
        return self._search_side('to_organization_id', operator, value)

    # -- creation -------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        res = super(PartyMemberTransfer, self).default_get(fields_list)
        member_id = self.env.context.get('party_transfer_member_id')
        if member_id and 'member_id' in fields_list:
            res['member_id'] = member_id
        return res

    @api.onchange('member_id')
    def _onchange_member_id(self):
        if self.member_id:
            self.member_name = self.member_id.name

    @api.onchange('letter_date')
    def _onchange_letter_date(self):
        if self.letter_date:
            self.valid_until = self._default_valid_until(self.letter_date)

    def _default_valid_until(self, letter_date):
        months = self.env.user.company_id.party_transfer_letter_months
        return fields.Date.to_string(
            to_day(letter_date) + relativedelta(months=months))

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if not self.env.user.has_group('party_building.group_secretary'):
            raise AccessError(_(
                "Only secretaries and officers request transfers."))
        kind = vals.get('kind') or 'internal'
        # the destination may lie outside the sender's organizations: checked
        # here, then written by the transfer itself
        destination = vals.pop('to_organization_id', False)
        if kind == 'in':
            self._check_kind_in(vals, destination)
        else:
            member = self.env['party.member'].browse(vals.get('member_id'))
            if not member:
                raise ValidationError(_("Choose the member to transfer."))
            # the member must be readable by the user (the sending side)
            member.check_access_rule('write')
            self._check_member_free(member)
            vals['member_name'] = member.name
            for name in SNAPSHOT:
                vals[name] = member[name] or False
            if kind == 'internal':
                self._check_destination(member, destination)
            else:
                destination = False
                if not (vals.get('external_organization') or '').strip():
                    raise ValidationError(_(
                        "Enter the organization the member goes to."))
        if not vals.get('letter_number') and kind != 'internal':
            raise ValidationError(_("Enter the introduction letter's number."))
        if vals.get('letter_date') and not vals.get('valid_until'):
            vals['valid_until'] = self._default_valid_until(
                vals['letter_date'])
        # the user's values pass the guard here; the sides and the
        # requester are the transfer's own, written with them (the record
        # rules need the sides from the start)
        values = self._add_missing_default_values(vals)
        member = self.env['party.member'].browse(values.get('member_id'))
        values.update(
            requested_by=self.env.uid,
            request_date=fields.Date.context_today(self),
            company_id=(member.sudo().organization_id.company_id.id
                        if member else self.env['party.organization']
                        .browse(destination).sudo().company_id.id)
            or self.env.user.company_id.id,
            from_organization_id=member.sudo().organization_id.id or False,
            to_organization_id=destination or False)
        values.update(
            sending_side_id=values['from_organization_id'] or destination,
            receiving_side_id=destination or values['from_organization_id'])
        record = super(PartyMemberTransfer, trusted(self)).create(values)
        record = record.with_env(self.env)
        record._check_dates()
        return record

    def _check_kind_in(self, vals, destination):
        if vals.get('member_id'):
            raise ValidationError(_(
                "A transfer into the system registers a new member: do not "
                "choose an existing one."))
        if not (vals.get('member_name') or '').strip():
            raise ValidationError(_("Enter the name of the member coming "
                                    "in."))
        if not (vals.get('external_organization') or '').strip():
            raise ValidationError(_(
                "Enter the organization the member comes from."))
        org = self.env['party.organization'].browse(destination or ())
        if not org:
            raise ValidationError(_(
                "Choose the party branch or party group receiving the "
                "member."))
        # the receiving side records it: the destination is in its scope
        if not self.env['party.organization'].search_count(
                [('id', '=', org.id)]):
            raise AccessError(_(
                "You may record transfers into your own organizations "
                "only."))
        self._check_holds_members(org)

    def _check_holds_members(self, org):
        org = org.sudo()
        if not org.exists() or not org.active \
                or org.kind not in MEMBER_KINDS:
            raise ValidationError(_(
                "%s cannot hold members: choose a party branch or a party "
                "group.") % (org.name or _('This organization')))
        if org.company_id and org.company_id not in \
                self.env.user.company_ids:
            raise ValidationError(_(
                "%s belongs to another company.") % org.name)

    def _check_destination(self, member, destination):
        if not isinstance(destination, int) or not destination:
            raise ValidationError(_(
                "Choose the party branch or party group receiving the "
                "member."))
        org = self.env['party.organization'].browse(destination)
        self._check_holds_members(org)
        if org == member.sudo().organization_id:
            raise ValidationError(_(
                "%(member)s already belongs to %(org)s: choose another "
                "organization.") % {'member': member.name,
                                    'org': org.sudo().name})

    def _check_member_free(self, member):
        other = self.sudo().search([('member_id', '=', member.id),
                                    ('state', '=', 'pending')], limit=1)
        if other:
            raise UserError(_(
                "A transfer of %(member)s is already in progress "
                "(requested on %(date)s): accept, refuse or cancel it "
                "first.") % {'member': member.name,
                             'date': other.request_date})

    @api.constrains('letter_date', 'valid_until')
    def _check_dates(self):
        for transfer in self.sudo():
            if transfer.letter_date and transfer.valid_until \
                    and transfer.valid_until < transfer.letter_date:
                raise ValidationError(_(
                    "The letter cannot be valid until a day before its "
                    "date."))

    @api.multi
    def write(self, vals):
        if not may_bypass(self.env):
            for transfer in self:
                if transfer.state != 'pending':
                    raise UserError(_(
                        "This transfer is closed: it cannot be changed."))
                side = transfer.is_receiver if transfer.kind == 'in' \
                    else transfer.is_sender
                if not side:
                    raise AccessError(_(
                        "Only the side that recorded a transfer changes its "
                        "letter."))
        return super(PartyMemberTransfer, self).write(vals)

    @api.multi
    def unlink(self):
        if not may_bypass(self.env) and self.filtered(
                lambda t: t.state == 'done'):
            raise UserError(_(
                "A completed transfer is part of the member's path: it "
                "cannot be deleted."))
        return super(PartyMemberTransfer, self).unlink()

    # -- workflow -------------------------------------------------------------

    def _check_pending(self):
        for transfer in self:
            if transfer.state != 'pending':
                raise UserError(_(
                    "The transfer of %s is no longer pending.")
                    % transfer.member_name)

    def _check_secretary(self):
        if not self.env.user.has_group('party_building.group_secretary'):
            raise AccessError(_(
                "Only secretaries and officers decide on transfers."))

    def _check_receiver(self):
        self._check_secretary()
        for transfer in self:
            if not transfer.is_receiver:
                raise AccessError(_(
                    "%(org)s is not one of your organizations: only its "
                    "side accepts or refuses the transfer of "
                    "%(member)s.") % {
                        'org': transfer.sudo().to_organization_id.name,
                        'member': transfer.member_name})

    def _check_sender(self):
        self._check_secretary()
        for transfer in self:
            if not transfer.is_sender:
                raise AccessError(_(
                    "Only the sending side may do this on the transfer of "
                    "%s.") % transfer.member_name)

    def _close(self, state, **values):
        values.update(state=state, decided_by=self.env.uid,
                      decision_date=fields.Date.context_today(self))
        trusted(self).write(values)
        self.sudo().activity_ids.unlink()

    @api.multi
    def action_accept(self):
        """The receiving side accepts: the member moves."""
        self._check_pending()
        if self.filtered(lambda t: t.kind != 'internal'):
            raise UserError(_(
                "Only a transfer within the system is accepted by its "
                "receiving side."))
        self._check_receiver()
        for transfer in self:
            member = transfer.member_id.sudo()
            if member.organization_id != transfer.from_organization_id:
                raise UserError(_(
                    "%s has moved since the transfer was requested: cancel "
                    "it and request a new one.") % transfer.member_name)
            self._check_holds_members(transfer.to_organization_id)
            # the member is not yet in the receiver's scope: the transfer
            # writes the move, after the checks above
            trusted(member.with_context(
                party_acting_uid=self.env.uid)).write(
                {'organization_id': transfer.to_organization_id.id})
            transfer._close('done')
            transfer.message_post(body=_(
                "Accepted: %(member)s now belongs to %(org)s.") % {
                    'member': transfer.member_name,
                    'org': transfer.to_organization_id.name})
        return True

    @api.multi
    def action_refuse(self, reason=None):
        """The receiving side refuses, saying why."""
        self._check_pending()
        self._check_receiver()
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(_("Enter the reason for the refusal."))
        self._close('refused', refusal_reason=reason.strip())
        return True

    @api.multi
    def action_refuse_dialog(self):
        self.ensure_one()
        self._check_pending()
        self._check_receiver()
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'party.member.transfer.refuse',
            'view_mode': 'form', 'target': 'new',
            'context': {'default_transfer_id': self.id},
        }

    @api.multi
    def action_cancel(self):
        """The sending side withdraws its request."""
        self._check_pending()
        self._check_sender()
        self._close('cancelled')
        return True

    @api.multi
    def action_complete(self):
        """Into the system: register the new member from the letter; out of
        the system: archive the member."""
        self._check_pending()
        self._check_secretary()
        for transfer in self:
            if transfer.kind == 'in':
                transfer._complete_in()
            elif transfer.kind == 'out':
                transfer._check_sender()
                member = transfer.member_id
                member.check_access_rule('write')
                trusted(member).write({'active': False})
                transfer._close('done')
                member.message_post(body=_(
                    "Transferred out of the system to %(org)s, letter "
                    "%(letter)s.") % {
                        'org': transfer.external_organization,
                        'letter': transfer.letter_number})
            else:
                raise UserError(_(
                    "A transfer within the system is completed by the "
                    "receiving side's acceptance."))
        return True

    def _complete_in(self):
        values = {name: self[name] for name in SNAPSHOT
                  if self[name] and name in self.env['party.member']._fields}
        values.update(name=self.member_name,
                      organization_id=self.to_organization_id.id)
        member = self.env['party.member'].create(values)
        trusted(self).write({'member_id': member.id})
        self._close('done')
        member.message_post(body=_(
            "Transferred into the system from %(org)s, letter "
            "%(letter)s.") % {'org': self.external_organization,
                              'letter': self.letter_number})

    @api.multi
    def action_open_history(self):
        """The member's path as the user may read it: a sending side keeps
        the events that happened in its organizations."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _("Member's Path"),
            'res_model': 'party.member.history',
            'view_mode': 'tree',
            'domain': [('member_id', '=', self.member_id.id)],
        }

    # -- reminders ------------------------------------------------------------

    @api.model
    def _cron_remind(self, today=None):
        """Daily: each transfer pending for more than the configured days
        reminds the receiving side (its secretaries, else the responsible
        officers) and whoever requested it, once while it stays open. A
        fixed number of queries whatever the number of transfers. `today`
        (a date) for tests."""
        today = today or fields.Date.from_string(
            fields.Date.context_today(self))
        self.env.cr.execute("""
            SELECT t.id, t.to_organization_id, t.requested_by,
                   t.request_date + c.party_transfer_reminder_days
              FROM party_member_transfer t
              JOIN res_company c ON c.id = t.company_id
             WHERE t.state = 'pending' AND t.kind = 'internal'
               AND t.request_date + c.party_transfer_reminder_days <= %s
          ORDER BY t.id
        """, [today])
        rows = self.env.cr.fetchall()
        if not rows:
            return True
        org_ids = sorted({row[1] for row in rows})
        secretaries = self.env['party.meeting.reminder']._secretary_users(
            org_ids, today)
        Org = self.env['party.organization'].sudo()
        officers = Org.browse(
            [i for i in org_ids if i not in secretaries])\
            ._responsible_officers()
        Users = self.env['res.users'].sudo()
        activity_type = self.env.ref(
            'party_building.mail_activity_type_transfer_reminder')
        reminders = []
        for transfer_id, org_id, requester, due in rows:
            users = Users.browse(secretaries[org_id]) \
                if org_id in secretaries else officers.get(org_id, Users)
            if requester:
                users |= Users.browse(requester)
            reminders.append((
                self.sudo().browse(transfer_id),
                'party.member.transfer,%d:waiting' % transfer_id, users,
                due, (transfer_id,)))
        self.env['mail.activity']._party_remind(
            activity_type, reminders, self.sudo(),
            day=fields.Date.to_string(today))
        return True

    @api.model
    def _party_reminder_summary(self, transfer_id):
        transfer = self.sudo().browse(transfer_id)
        return _("Transfer of %(member)s to %(org)s waiting since "
                 "%(date)s") % {
                     'member': transfer.member_name,
                     'org': transfer.to_organization_id.name,
                     'date': format_day(self.env, transfer.request_date)}


class PartyMemberTransferRefuse(models.TransientModel):
    _name = 'party.member.transfer.refuse'
    _description = 'Refuse a Transfer'

    transfer_id = fields.Many2one('party.member.transfer', required=True,
                                  ondelete='cascade')
    reason = fields.Text(string='Refusal Reason', required=True)

    @api.multi
    def action_refuse(self):
        self.ensure_one()
        self.transfer_id.action_refuse(self.reason)
        return {'type': 'ir.actions.act_window_close'}


class PartyOrganization(models.Model):
    _inherit = 'party.organization'

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        """A transfer's destination may lie in another officer's scope: the
        sending side finds any active party branch or party group of its
        company by name (their names only)."""
        if self.env.context.get('party_transfer_destination') \
                and self.env.user.has_group('party_building.group_secretary'):
            domain = [('kind', 'in', MEMBER_KINDS),
                      ('company_id', 'in',
                       self.env.user.company_ids.ids + [False]),
                      ('name', operator, name or '')]
            orgs = self.sudo().search(domain, limit=limit)
            return orgs.name_get()
        return super(PartyOrganization, self).name_search(
            name=name, args=args, operator=operator, limit=limit)
