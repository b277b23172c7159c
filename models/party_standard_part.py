from odoo import models


class PartyStandardPart(models.AbstractModel):
    """What the parts of a standard (sections, criteria, levels,
    thresholds, bands, caps) share: they change with their standard."""
    _name = 'party.standard.part'
    _description = 'Part of a Quality Standard'
