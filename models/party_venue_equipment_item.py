from odoo import fields, models


class PartyVenueEquipmentItem(models.Model):
    """An item of basic equipment (party flag, oath wall...)."""
    _name = 'party.venue.equipment.item'
    _description = 'Equipment Item'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
