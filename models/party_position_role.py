# -*- coding: utf-8 -*-
from odoo import fields, models


class PartyPositionRole(models.Model):
    """A post in a committee: secretary, deputy secretary, organization
    member... Configuration, seeded with the usual posts."""
    _name = 'party.position.role'
    _description = 'Committee Post'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_secretary = fields.Boolean(
        string='Secretary Post',
        help="Holding this post makes the member the organization's "
             "secretary.")
    active = fields.Boolean(default=True)
