"""The member's record as a roster holds it (籍贯, 工作岗位, 人员身份), and
the member's organization, which only a transfer of membership changes."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_guard import may_bypass


class PartyMemberCategory(models.Model):
    """Person categories (人员身份: employed, farmer, retired, student...):
    configuration. A roster's 人员类别 column is the member's status
    (probationary or full), see party.import.alias."""
    _name = 'party.member.category'
    _description = 'Person Category'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('name_uniq', 'unique (name)', 'This person category exists.'),
    ]


class PartyMember(models.Model):
    _inherit = 'party.member'

    native_place = fields.Char(string='Native Place',
                               help="Native place (籍贯) as the roster gives "
                                    "it.")
    job_post = fields.Char(string='Job or Post',
                           help="The member's job or post (工作岗位).")
    person_category_id = fields.Many2one(
        'party.member.category', string='Person Category',
        ondelete='restrict')
    transfer_ids = fields.One2many('party.member.transfer', 'member_id',
                                   string='Transfers', readonly=True)
    away_ids = fields.One2many('party.member.away', 'member_id',
                               string='Periods Away')

    @api.multi
    def write(self, vals):
        """The organization changes only through a transfer of membership,
        which records who asked, who accepted and the letter."""
        if 'organization_id' in vals and not may_bypass(self.env):
            new = vals['organization_id']
            new = new.id if isinstance(new, models.BaseModel) else new
            moved = self.sudo().filtered(
                lambda m: m.organization_id.id != new)
            if moved:
                error = UserError(_(
                    "The organization of %s changes only through a transfer "
                    "of membership: request one from the member's form "
                    "(Transfers).") % ', '.join(moved.mapped('name')))
                self._log_import_error(error)
                raise error
        return super(PartyMember, self).write(vals)

    @api.model
    def _match_roster_row(self, record, officer, info, log):
        """A roster row of a member registered in another organization does
        not move the member: it says so (a transfer moves members)."""
        dbid = super(PartyMember, self)._match_roster_row(record, officer,
                                                          info, log)
        org_id = record.get('organization_id')
        if dbid and org_id:
            member = self.browse(dbid)
            if member.organization_id.id != org_id:
                log(dict(info, type='error', field='organization_id',
                         message=_(
                             "%(name)s belongs to %(org)s: a roster does not "
                             "move members, request a transfer of "
                             "membership from the member's form.") % {
                                 'name': member.name,
                                 'org': member.organization_id.name}))
                return None
        return dbid

    @api.multi
    def action_request_transfer(self):
        """Open a new transfer of this member."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Transfer of Membership'),
            'res_model': 'party.member.transfer',
            'view_mode': 'form',
            'target': 'current',
            'context': {'default_member_id': self.id,
                        'default_member_name': self.name,
                        'default_kind': 'internal'},
        }
