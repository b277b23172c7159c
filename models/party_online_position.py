from odoo import fields, models


class PartyOnlinePosition(models.Model):
    """An organization's online channel (线上阵地). Where it serves as the
    organization's venue, it is linked to a venue of an online kind, which
    then counts like any other venue."""
    _name = 'party.online.position'
    _description = 'Online Position'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'organization_id, kind_id, id'

    name = fields.Char(required=True, track_visibility='onchange')
    kind_id = fields.Many2one('party.online.position.kind',
                              string='Online Position Kind',
                              required=True, ondelete='restrict')
    address = fields.Char(help="Link, account name or group number.")
    administrator_id = fields.Many2one('party.member',
                                       string='Administrator',
                                       track_visibility='onchange')
    last_activity_date = fields.Date(string='Last Activity')
    venue_id = fields.Many2one(
        'party.venue', string='Counted as Venue',
        domain=[('kind_id.is_online', '=', True)],
        help="The online venue this channel serves as, if any.")
    note = fields.Text()
    active = fields.Boolean(default=True)
