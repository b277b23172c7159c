from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_guard import is_trusted

RESULTS = [
    ('met', 'Met'),
    ('partial', 'Partly Met'),
    ('not_met', 'Not Met'),
]


class PartyInspectionItem(models.Model):
    """A criterion checked on an inspection visit, with what was seen."""
    _name = 'party.inspection.item'
    _description = 'Checked Item'
    _order = 'inspection_id, sequence, id'

    inspection_id = fields.Many2one(
        'party.inspection', string='Inspection', required=True, index=True,
        ondelete='cascade', auto_join=True, party_create_only=True)
    criterion_id = fields.Many2one(
        'party.standard.criterion', string='Criterion', ondelete='set null',
        party_create_only=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string='What Was Checked', required=True)
    result = fields.Selection(RESULTS)
    note = fields.Text()
    photo_ids = fields.Many2many(
        'ir.attachment', 'party_inspection_item_photo_rel', 'item_id',
        'attachment_id', string='Photos')
    organization_id = fields.Many2one(
        related='inspection_id.organization_id', store=True, readonly=True,
        string='Branch')
    company_id = fields.Many2one(related='inspection_id.company_id',
                                 store=True, readonly=True)

    def _review_values(self, line):
        """The review of the assessment line `line` this item's result
        gives: a criterion scored by hand gets its full points when met,
        none when not met, half when partly met -- the level nearest to
        those points for one scored by levels (the lower on a tie). None
        for an item without a result or a criterion scored otherwise."""
        criterion = line.sudo().criterion_id
        if not self.result or criterion.scoring not in ('levels', 'free'):
            return None
        share = {'met': 1.0, 'partial': 0.5, 'not_met': 0.0}[self.result]
        target = criterion.max_points * share
        result = dict(self._fields['result']._description_selection(
            self.env))[self.result]
        comment = _("On-site inspection of %(date)s: %(result)s. %(note)s") % {
            'date': self.inspection_id.visit_date, 'result': result,
            'note': self.note or ''}
        values = {'review_comment': comment.strip()}
        if criterion.scoring == 'free':
            values['review_points'] = target
            return values
        levels = criterion.level_ids.sorted(
            lambda level: (abs(level.points - target), level.points))
        if not levels:
            return None
        values['review_level_id'] = levels[0].id
        return values

    def _check_open(self, inspections):
        if is_trusted(self.env):
            return
        done = inspections.filtered(lambda i: i.state == 'done')
        if done:
            raise UserError(_(
                "The visit to %(organization)s is recorded: its checked "
                "items no longer change.")
                % {'organization': done[0].organization_id.name})

    @api.model
    def create(self, vals):
        self._check_open(self.env['party.inspection'].browse(
            vals.get('inspection_id')))
        return super(PartyInspectionItem, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_open(self.mapped('inspection_id'))
        return super(PartyInspectionItem, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_open(self.mapped('inspection_id'))
        return super(PartyInspectionItem, self).unlink()
