"""Leaders' contact points (领导办点示范): each secretary or deputy secretary
of a committee takes branches below it as their own contact points, one
of each kind -- an affiliated branch of their own, a weak and lax one, one
in a poor village -- visits them and records what was done. The check
(party.contact.point.check) lists the committees whose leaders lack a
point of a required kind: a weak-and-lax point is required where the
committee has weak and lax organizations below it, a poor-village point
where it has poor villages.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

POINT_KINDS = [
    ('own', 'Own Affiliated Branch'),
    ('weak_lax', 'Weak and Lax Branch'),
    ('poor_village', 'Poor Village Branch'),
]


class PartyOrganization(models.Model):
    _inherit = 'party.organization'

    poor_village = fields.Boolean(
        string='Poor Village',
        help="A village branch in a poor village: committee "
             "leaders take one as a contact point.")


class PartyContactPoint(models.Model):
    _name = 'party.contact.point'
    _description = "Leader's Contact Point"
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'year desc, committee_id, leader_id, kind'

    organization_id = fields.Many2one(
        string='Branch', domain=[('kind', 'in', ['branch', 'general_branch'])])
    committee_id = fields.Many2one(
        'party.organization', string='Committee', required=True,
        index=True, ondelete='restrict', domain=[('kind', '=', 'committee')])
    leader_id = fields.Many2one(
        'party.member', string='Leader', required=True, index=True,
        ondelete='restrict',
        help="The committee's secretary or deputy secretary.")
    kind = fields.Selection(POINT_KINDS, string='Kind of Point', required=True,
                            default='own')
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    name = fields.Char(compute='_compute_name', store=True)
    goal = fields.Text(string='Aims',
                       help="What the leader means to achieve there.")
    visit_ids = fields.One2many('party.contact.visit', 'point_id',
                                string='Visits')
    visit_count = fields.Integer(compute='_compute_visit_count')

    _sql_constraints = [
        ('point_uniq', 'unique (leader_id, year, kind, organization_id)',
         'This leader already has this contact point for the year.'),
    ]

    @api.depends('leader_id.name', 'organization_id.name', 'year')
    def _compute_name(self):
        for point in self:
            point.name = '%s %s %s' % (point.year or '',
                                       point.leader_id.name or '',
                                       point.organization_id.name or '')

    def _compute_visit_count(self):
        groups = self.env['party.contact.visit'].read_group(
            [('point_id', 'in', self.ids)], ['point_id'], ['point_id'])
        counts = {g['point_id'][0]: g['point_id_count'] for g in groups}
        for point in self:
            point.visit_count = counts.get(point.id, 0)

    @api.constrains('organization_id', 'committee_id', 'kind', 'year')
    def _check_point(self):
        for point in self:
            branch, committee = point.organization_id, point.committee_id
            if committee.kind != 'committee':
                raise ValidationError(_(
                    "Contact points are taken by the leaders of a party "
                    "committee: choose a committee."))
            if branch.kind not in ('branch', 'general_branch') \
                    or not (branch.path or '').startswith(committee.path):
                raise ValidationError(_(
                    "A contact point is a branch below the leader's "
                    "committee."))
            if point.kind == 'poor_village' and not (
                    branch.sector == 'village' and branch.poor_village):
                raise ValidationError(_(
                    "A poor-village contact point is a village branch "
                    "marked as in a poor village."))
            if not 1949 <= point.year <= 2100:
                raise ValidationError(_("Enter the year, e.g. 2024."))

    @api.constrains('leader_id', 'committee_id')
    def _check_leader(self):
        for point in self:
            if not (point.leader_id.organization_id.path or '').startswith(
                    point.committee_id.path or '-'):
                raise ValidationError(_(
                    "The leader must be a member registered below the "
                    "committee."))

    @api.multi
    def unlink(self):
        if self.mapped('visit_ids'):
            raise UserError(_(
                "A contact point with visits is kept as the leader's "
                "record."))
        return super(PartyContactPoint, self).unlink()


class PartyContactVisit(models.Model):
    """A leader's visit to a contact point and what was done there."""
    _name = 'party.contact.visit'
    _description = 'Contact Point Visit'
    _order = 'date desc, id desc'

    point_id = fields.Many2one('party.contact.point', required=True,
                               string='Contact Point',
                               ondelete='cascade', index=True,
                               auto_join=True, party_create_only=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    work_done = fields.Text(string='What Was Done', required=True)

    @api.constrains('work_done')
    def _check_work_done(self):
        if any(not (visit.work_done or '').strip() for visit in self):
            raise ValidationError(_("Say what was done on the visit."))
