from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.party_member_appraisal import RATINGS


class PartyAppraisalBatch(models.TransientModel):
    """A branch's democratic appraisal of its members (民主评议党员) for a
    year, recorded at once: every full member with the usual rating, then
    the exceptions."""
    _name = 'party.appraisal.batch'
    _description = "Record a Branch's Democratic Appraisal"

    organization_id = fields.Many2one(
        'party.organization', string='Branch', required=True,
        domain=[('kind', '=', 'branch')])
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    meeting_id = fields.Many2one(
        'party.meeting', string='Meeting',
        help="The meeting that carried out the appraisal.")
    default_rating = fields.Selection(
        RATINGS, string='Rating of Most Members', required=True,
        default='qualified',
        help="Given to every member listed; change the exceptions below.")
    line_ids = fields.One2many('party.appraisal.batch.line', 'batch_id',
                               string='Members')

    @api.onchange('meeting_id', 'organization_id', 'year', 'default_rating')
    def _onchange_fill(self):
        """List the branch's full members not yet appraised that year."""
        if self.meeting_id:
            self.organization_id = self.meeting_id.organization_id
            self.year = int(self.meeting_id.local_date[:4])
        if not self.organization_id or self.organization_id.kind != 'branch':
            self.line_ids = [(5,)]
            return
        members = self.env['party.member'].search([
            ('branch_id', '=', self.organization_id.id),
            ('status', '=', 'full')])
        done = self.env['party.member.appraisal'].search([
            ('member_id', 'in', members.ids), ('year', '=', self.year),
        ]).mapped('member_id')
        self.line_ids = [(5,)] + [
            (0, 0, {'member_id': member.id, 'rating': self.default_rating})
            for member in members - done]

    @api.multi
    def action_record(self):
        self.ensure_one()
        Appraisal = self.env['party.member.appraisal']
        Appraisal.check_access_rights('create')
        members = self.line_ids.mapped('member_id')
        if not members:
            raise UserError(_("List the members to appraise."))
        if len(members) < len(self.line_ids):
            raise UserError(_("List each member once."))
        # sudo: an appraisal recorded elsewhere (before a transfer) counts
        # too; the names shown are those of the members listed here
        done = Appraisal.sudo().search([
            ('member_id', 'in', members.ids), ('year', '=', self.year),
        ]).mapped('member_id')
        if done:
            raise UserError(_(
                "Already appraised for %(year)s: %(members)s. Remove them "
                "from the list, or correct their appraisal in the list of "
                "appraisals.") % {
                    'year': self.year,
                    'members': ', '.join((members & done).mapped('name'))})
        Appraisal = Appraisal.with_context(tracking_disable=True)
        created = Appraisal.browse()
        for line in self.line_ids:
            created |= Appraisal.create({
                'year': self.year,
                'organization_id': self.organization_id.id,
                'member_id': line.member_id.id,
                'rating': line.rating,
                'meeting_id': self.meeting_id.id,
                'note': line.note,
            })
        action = self.env.ref(
            'party_building.party_member_appraisal_action').read()[0]
        action['domain'] = [('id', 'in', created.ids)]
        return action


class PartyAppraisalBatchLine(models.TransientModel):
    _name = 'party.appraisal.batch.line'
    _description = "Democratic Appraisal of One Member"
    _order = 'member_id'

    batch_id = fields.Many2one('party.appraisal.batch', required=True,
                               ondelete='cascade', index=True)
    member_id = fields.Many2one('party.member', string='Member',
                                required=True)
    rating = fields.Selection(RATINGS, required=True)
    note = fields.Char()
