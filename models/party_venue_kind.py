from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyVenueKind(models.Model):
    """A kind of activity venue (members' activity room, party-and-public
    service centre...): configurable, with the equipment its standard
    requires."""
    _name = 'party.venue.kind'
    _description = 'Venue Kind'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_online = fields.Boolean(
        string='Online',
        help="Online platforms have no floor area nor equipment.")
    requirement_ids = fields.One2many(
        'party.venue.requirement', 'kind_id', string='Equipment Standard')
    active = fields.Boolean(default=True)


class PartyVenueEquipmentItem(models.Model):
    """An item of basic equipment (party flag, oath wall...)."""
    _name = 'party.venue.equipment.item'
    _description = 'Equipment Item'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)


class PartyVenueRequirement(models.Model):
    """One line of a kind's equipment standard: the item and how many."""
    _name = 'party.venue.requirement'
    _description = 'Equipment Standard Line'
    _order = 'kind_id, sequence, id'

    kind_id = fields.Many2one('party.venue.kind', string='Venue Kind',
                              required=True, ondelete='cascade', index=True)
    item_id = fields.Many2one('party.venue.equipment.item', string='Item',
                              required=True, ondelete='restrict')
    sequence = fields.Integer(related='item_id.sequence', store=True,
                              readonly=True)
    quantity = fields.Integer(string='Required Quantity', required=True,
                              default=1)

    _sql_constraints = [
        ('kind_item_uniq', 'unique(kind_id, item_id)',
         'This item is already in the standard of this kind of venue.'),
        ('quantity_positive', 'CHECK (quantity > 0)',
         'The required quantity must be at least 1.'),
    ]

    @api.model
    def create(self, vals):
        self._check_quantity(vals)
        return super(PartyVenueRequirement, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_quantity(vals)
        return super(PartyVenueRequirement, self).write(vals)

    @api.model
    def _check_quantity(self, vals):
        # before the database's check, which would answer in English
        if 'quantity' in vals and (vals['quantity'] or 0) < 1:
            raise ValidationError(_(
                "The required quantity of an item must be at least 1."))


class PartyVenueAreaNorm(models.Model):
    """How large a venue may be for the organizations it serves: up to
    `max_members` members, at most `max_area` m². Beyond the last row, the
    last row applies."""
    _name = 'party.venue.area.norm'
    _description = 'Venue Area Norm'
    _order = 'company_id, max_members, id'

    company_id = fields.Many2one(
        'res.company', string='Company', required=True, index=True,
        ondelete='cascade', default=lambda self: self.env.user.company_id)
    max_members = fields.Integer(string='Up to Members', required=True)
    max_area = fields.Float(string='Largest Area (m²)', required=True)

    _sql_constraints = [
        ('max_members_positive', 'CHECK (max_members > 0)',
         'The number of members of an area norm must be at least 1.'),
        ('max_area_positive', 'CHECK (max_area > 0)',
         'The area of an area norm must be positive.'),
        ('company_members_uniq', 'unique(company_id, max_members)',
         'There is already an area norm for this number of members.'),
    ]

    @api.model
    def create(self, vals):
        self._check_values(vals)
        return super(PartyVenueAreaNorm, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_values(vals)
        return super(PartyVenueAreaNorm, self).write(vals)

    @api.model
    def _check_values(self, vals):
        if ('max_members' in vals and (vals['max_members'] or 0) < 1) or (
                'max_area' in vals and (vals['max_area'] or 0) <= 0):
            raise ValidationError(_(
                "An area norm needs at least 1 member and a positive "
                "area."))
