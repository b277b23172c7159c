from odoo import fields, models


class PartyOnlinePositionKind(models.Model):
    """A kind of online channel (WeChat group, official account...)."""
    _name = 'party.online.position.kind'
    _description = 'Online Position Kind'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
