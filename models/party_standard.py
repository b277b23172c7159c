from odoo import fields, models


class PartyStandard(models.Model):
    """A quality standard (质量标准), versioned: the sections (one per
    dimension, with its share of the total), the criteria, the rating bands
    and the caps. A version used by a confirmed campaign is locked: a new
    version is a copy."""
    _name = 'party.standard'
    _description = 'Quality Standard'
    _inherit = ['mail.thread']
    _order = 'version desc, name, id'

    name = fields.Char(required=True, translate=True,
                       track_visibility='onchange')
    version = fields.Char(required=True, track_visibility='onchange',
                          help="E.g. the year it was issued: 2019.")
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, ondelete='restrict',
        default=lambda self: self.env.user.company_id,
        help="Empty: a standard of every company.")
    active = fields.Boolean(default=True, track_visibility='onchange')
    note = fields.Text(translate=True)
    total_points = fields.Float(
        string='Total Points', required=True, default=100.0,
        track_visibility='onchange')
    self_weight = fields.Float(
        string='Self-assessment Weight (%)', required=True, default=40.0,
        track_visibility='onchange')
    review_weight = fields.Float(
        string='Review Weight (%)', required=True, default=60.0,
        track_visibility='onchange',
        help="The final score is the self-assessment score and the "
             "superior's review score weighted by these percentages, which "
             "add up to 100.")
    section_ids = fields.One2many(
        'party.standard.section', 'standard_id', string='Sections')
    criterion_ids = fields.One2many(
        'party.standard.criterion', 'standard_id', string='Criteria')
    band_ids = fields.One2many(
        'party.standard.band', 'standard_id', string='Rating Bands')
    cap_ids = fields.One2many(
        'party.standard.cap', 'standard_id', string='Caps')
    locked = fields.Boolean(
        readonly=True, copy=False, track_visibility='onchange',
        help="Used by a confirmed campaign: the standard can no longer "
             "change. Copy it to a new version instead.")
