"""Metrics of the quality-standard system: values computed from the data
the addon holds, for many organizations and one period at once.

A metric is a data record (code, name, type) and a method
``_metric_<code>(org_ids, date_from, date_to, meeting_type)`` returning
``{org_id: (value, note)}``; later work adds metrics by inheriting this
model with one such method and a data record. Every method runs a fixed
number of queries, whatever the number of organizations.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PartyAssessmentMetric(models.Model):
    """A value the system computes per organization and period, for the
    automatic criteria of the standards. Shipped with the code that
    computes it: managers may rename or archive one, not create it."""
    _name = 'party.assessment.metric'
    _description = 'Assessment Metric'
    _order = 'sequence, id'

    code = fields.Char(
        required=True, readonly=True,
        help="Names the method that computes the metric.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    value_type = fields.Selection([
        ('boolean', 'Yes/No'),
        ('count', 'Count'),
        ('ratio', 'Ratio'),
    ], string='Value Type', required=True, readonly=True, default='count',
        help="Yes/No: 1 or 0; Count: a number of occurrences; Ratio: "
             "between 0 and 1.")
    needs_meeting_type = fields.Boolean(
        string='Needs a Meeting Type', readonly=True,
        help="The criteria that use it choose the meeting type.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The code of a metric must be unique.'),
    ]

    @api.multi
    def _compute_values(self, org_ids, date_from, date_to, meeting_type=None):
        """{org_id: (value, note)} for every id of `org_ids` over the period
        [date_from, date_to] (dates or strings, both days included), 0.0
        and '' where nothing is found. `meeting_type`: a party.meeting.type
        record, for the metrics that need one. The caller has checked its
        access to the organizations: the data is read as given."""
        self.ensure_one()
        method = getattr(self, '_metric_%s' % self.code, None)
        if method is None:
            raise UserError(_(
                "The metric %(name)s has no computation in this version.")
                % {'name': self.name})
        ids = [int(i) for i in org_ids]
        values = {org_id: (0.0, '') for org_id in ids}
        if not ids:
            return values
        date_from = fields.Date.from_string(date_from) \
            if isinstance(date_from, str) else date_from
        date_to = fields.Date.from_string(date_to) \
            if isinstance(date_to, str) else date_to
        if self.needs_meeting_type and not meeting_type:
            raise UserError(_(
                "The metric %(name)s needs a meeting type.")
                % {'name': self.name})
        for org_id, (value, note) in method(
                ids, date_from, date_to, meeting_type).items():
            if org_id in values:
                values[org_id] = (float(value), note or '')
        return values
