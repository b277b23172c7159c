from odoo import fields, models


class PartyScopedMixin(models.AbstractModel):
    """A record that belongs to a party organization.

    The scope rules select such records by their organization's path:
    auto_join turns that into a join rather than a list of every
    organization id in scope. The company follows the organization, so a
    record cannot sit in another company than its organization; links to
    other party records are kept in the user's scope by the guard
    (party_guard). Each model still needs its three record rules (scope,
    managers, company): tests/test_guard.py checks that none is missing.
    """
    _name = 'party.scoped.mixin'
    _description = 'Record of a Party Organization'

    organization_id = fields.Many2one(
        'party.organization', string='Organization', required=True,
        index=True, ondelete='restrict', auto_join=True,
        track_visibility='onchange')
    company_id = fields.Many2one(
        'res.company', related='organization_id.company_id', store=True,
        readonly=True, index=True)
