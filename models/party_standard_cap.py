from odoo import _, fields, models
from odoo.exceptions import ValidationError

CONDITIONS = [
    ('veto', 'A Veto Item Is Triggered'),
    ('metric_below', 'A Metric Is Below a Threshold'),
]


class PartyStandardCap(models.Model):
    """A condition that caps the rating whatever the score (e.g. a veto
    item: at most two stars)."""
    _name = 'party.standard.cap'
    _description = 'Rating Cap'
    _inherit = ['party.standard.part']
    _order = 'standard_id, sequence, id'

    standard_id = fields.Many2one(
        'party.standard', string='Standard', required=True, index=True,
        ondelete='cascade', party_create_only=True)
    sequence = fields.Integer(default=10)
    condition = fields.Selection(CONDITIONS, required=True, default='veto')
    metric_id = fields.Many2one(
        'party.assessment.metric', string='Metric', ondelete='restrict')
    threshold = fields.Float()
    star_band_id = fields.Many2one(
        'party.standard.band', string='At Most (Stars)', ondelete='set null',
        domain="[('standard_id', '=', standard_id), ('scale', '=', 'star')]")
    grade_band_id = fields.Many2one(
        'party.standard.band', string='At Most (Grade)', ondelete='set null',
        domain="[('standard_id', '=', standard_id), ('scale', '=', 'grade')]")

    def _check_definition(self):
        self.ensure_one()
        if self.condition == 'metric_below' and not self.metric_id:
            raise ValidationError(_(
                "A cap on a metric needs the metric and its threshold."))
        if not (self.star_band_id or self.grade_band_id):
            raise ValidationError(_(
                "A cap names the highest star band or grade it allows."))
        for band, scale in ((self.star_band_id, 'star'),
                            (self.grade_band_id, 'grade')):
            if band and (band.standard_id != self.standard_id
                         or band.scale != scale):
                raise ValidationError(_(
                    "A cap names a band of its own standard, of the right "
                    "scale."))

    def _triggered(self, vetoed, metric_values):
        """Whether the cap applies: a veto (`vetoed`), or the metric's
        value in `metric_values` ({metric id: value}) below the
        threshold."""
        self.ensure_one()
        if self.condition == 'veto':
            return bool(vetoed)
        value = metric_values.get(self.metric_id.id)
        return value is not None and value < self.threshold
