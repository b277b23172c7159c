"""Members away from home (流动党员): periods a member lives or works
elsewhere, with where, the organization hosting the member's
organizational life there (in or outside the system), the activity
certificate (流动党员活动证) and a contact. The member still belongs to, and
counts for, their own branch; attendance at the host's meetings in the
system counts as theirs (the member's path shows it to their own branch).
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .party_guard import may_bypass, trusted
from .party_organization import MEMBER_KINDS


class PartyMemberAway(models.Model):
    _name = 'party.member.away'
    _description = 'Member Away from Home'
    _inherit = ['mail.thread']
    _order = 'date_start desc, id desc'

    member_id = fields.Many2one('party.member', string='Member',
                                required=True, index=True,
                                ondelete='cascade', party_create_only=True)
    organization_id = fields.Many2one(
        'party.organization', related='member_id.organization_id',
        store=True, readonly=True, index=True, auto_join=True,
        string='Own Organization')
    company_id = fields.Many2one(
        'res.company', related='member_id.company_id', store=True,
        readonly=True, index=True)
    date_start = fields.Date(string='Away From', required=True,
                             track_visibility='onchange')
    date_end = fields.Date(string='Away Until', track_visibility='onchange',
                           help="Empty while the member is still away.")
    place = fields.Char(string='Where', required=True,
                        help="Where the member lives or works meanwhile.")
    host_organization_id = fields.Many2one(
        'party.organization', string='Host Organization (in the system)',
        index=True, auto_join=True, ondelete='restrict',
        context={'party_transfer_destination': True},
        help="The organization of the system hosting the member's "
             "organizational life.")
    # what the host's read rule joins, always set (auto_join makes an
    # inner join): the host in the system, else the member's organization
    host_side_id = fields.Many2one(
        'party.organization', string='Host Side', readonly=True, index=True,
        auto_join=True, ondelete='restrict')
    host_name = fields.Char(
        string='Host Organization (outside)',
        help="The hosting organization when it is not in the system.")
    certificate_number = fields.Char(
        string='Activity Certificate Number',
        help="Number of the certificate for members away from home "
             "(流动党员活动证).")
    contact = fields.Char(string='Contact While Away',
                          help="How to reach the member meanwhile.")
    note = fields.Text()
    is_current = fields.Boolean(compute='_compute_is_current',
                                search='_search_is_current',
                                string='Away Now')
    host_attendance_count = fields.Integer(
        compute='_compute_host_attendance_count',
        string='Meetings Attended at the Host')

    def name_get(self):
        return [(away.id, _('%(member)s in %(place)s') % {
            'member': away.sudo().member_id.name, 'place': away.place})
            for away in self]

    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for away in self:
            away.is_current = away.date_start <= today and (
                not away.date_end or away.date_end >= today)

    def _search_is_current(self, operator, value):
        today = fields.Date.context_today(self)
        domain = ['&', ('date_start', '<=', today),
                  '|', ('date_end', '=', False), ('date_end', '>=', today)]
        if (operator == '=') != bool(value):
            return ['!'] + domain
        return domain

    def _compute_host_attendance_count(self):
        """Present, as a guest, at held meetings of the host organization
        during the period: counted in one query (the lines themselves lie
        outside the member's own organization's scope)."""
        counts = dict.fromkeys(self.ids, 0)
        ids = [i for i in self.ids if isinstance(i, int)]
        if ids:
            self.env.cr.execute("""
                SELECT w.id, count(a.id)
                  FROM party_member_away w
                  JOIN party_meeting_attendance a
                    ON a.member_id = w.member_id AND a.is_guest
                   AND a.state = 'present' AND a.meeting_state = 'held'
                   AND a.organization_id = w.host_organization_id
                   AND a.meeting_date >= w.date_start
                   AND (w.date_end IS NULL OR a.meeting_date <= w.date_end)
                 WHERE w.id IN %s
              GROUP BY w.id
            """, [tuple(ids)])
            counts.update(dict(self.env.cr.fetchall()))
        for away in self:
            away.host_attendance_count = counts.get(away.id, 0)

    @api.constrains('member_id', 'date_start', 'date_end')
    def _check_period(self):
        for away in self.sudo():
            if away.date_end and away.date_end < away.date_start:
                raise ValidationError(_(
                    "A period away cannot end before it starts."))
            overlapping = self.sudo().search_count([
                ('id', '!=', away.id), ('member_id', '=', away.member_id.id),
                '|', ('date_end', '=', False),
                ('date_end', '>=', away.date_start),
            ] + ([('date_start', '<=', away.date_end)]
                 if away.date_end else []))
            if overlapping:
                raise ValidationError(_(
                    "%s already has a period away at that time.")
                    % away.member_id.name)

    @api.constrains('host_organization_id', 'host_name')
    def _check_host(self):
        for away in self.sudo():
            if away.host_organization_id and away.host_name:
                raise ValidationError(_(
                    "Give the host organization either in the system or "
                    "outside it, not both."))

    def _set_host(self, host_id):
        """The host may lie in another officer's scope: checked here, then
        written by the record itself."""
        org = self.env['party.organization'].browse(host_id or ())
        if org:
            org_sudo = org.sudo()
            if not org_sudo.exists() or not org_sudo.active \
                    or org_sudo.kind not in MEMBER_KINDS:
                raise ValidationError(_(
                    "Choose a party branch or party group of the system as "
                    "the host."))
            if org_sudo == self.sudo().member_id.organization_id:
                raise ValidationError(_(
                    "The host is another organization than the member's "
                    "own."))
        trusted(self).write({
            'host_organization_id': org.id or False,
            'host_side_id': org.id or self.sudo().member_id.organization_id.id})

    @api.model
    def create(self, vals):
        vals = dict(vals)
        host = vals.pop('host_organization_id', False)
        if not self.env.user.has_group('party_building.group_secretary'):
            raise AccessError(_(
                "Only secretaries and officers record members away."))
        member = self.env['party.member'].browse(vals.get('member_id'))
        vals['host_side_id'] = False
        values = self._add_missing_default_values(vals)
        values['host_side_id'] = member.sudo().organization_id.id
        record = super(PartyMemberAway, trusted(self)).create(values)
        record = record.with_env(self.env)
        record._set_host(host)
        record._check_host()
        return record

    @api.multi
    def write(self, vals):
        vals = dict(vals)
        has_host = 'host_organization_id' in vals
        host = vals.pop('host_organization_id', False)
        if has_host and may_bypass(self.env):
            vals['host_organization_id'] = host
            has_host = False
        res = super(PartyMemberAway, self).write(vals) if vals else True
        if has_host:
            # the user must be able to change the record itself
            self.check_access_rights('write')
            self.check_access_rule('write')
            for away in self:
                away._set_host(host)
            self._check_host()
        return res
