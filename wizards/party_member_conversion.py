from odoo import api, fields, models


class PartyMemberConversion(models.TransientModel):
    """The member form's "Convert to Full Member": records the conversion
    of a probationary member to full membership (转正) as a decision
    (party.member.decision), with the members' general meeting that
    decided it."""
    _name = 'party.member.conversion'
    _description = 'Conversion to Full Membership'

    member_id = fields.Many2one(
        'party.member', string='Member', required=True,
        default=lambda self: self.env.context.get('active_id'))
    branch_id = fields.Many2one(related='member_id.branch_id',
                                readonly=True)
    probation_end = fields.Date(related='member_id.probation_end',
                                readonly=True)
    meeting_id = fields.Many2one(
        'party.meeting', string="Members' General Meeting", required=True,
        help="The held members' general meeting of the member's branch that "
             "passed the conversion.")
    full_date = fields.Date(
        string='Full Membership Date', required=True,
        help="At the earliest the end of the probation and the date of the "
             "meeting.")
    decision = fields.Char(
        required=True,
        help="The superior organization's approval, with its date and "
             "reference.")

    @api.onchange('meeting_id')
    def _onchange_meeting_id(self):
        if self.meeting_id:
            self.full_date = self.meeting_id.local_date

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.env['party.member.decision'].create({
            'member_id': self.member_id.id, 'kind': 'conversion',
            'meeting_id': self.meeting_id.id, 'date': self.full_date,
            'decision': self.decision})
        return {'type': 'ir.actions.act_window_close'}
