from odoo import api, fields, models


class PartyMemberConversion(models.TransientModel):
    """Records the conversion of a probationary member to full membership
    (转正), with the decision it rests on."""
    _name = 'party.member.conversion'
    _description = 'Conversion to Full Membership'

    member_id = fields.Many2one(
        'party.member', string='Member', required=True,
        default=lambda self: self.env.context.get('active_id'))
    full_date = fields.Date(
        string='Full Membership Date', required=True,
        help="The date the members' general meeting passed the conversion; "
             "at the earliest the end of the probation.")
    decision = fields.Text(
        required=True,
        help="The members' general meeting's resolution and the superior "
             "organization's approval, with their dates and references.")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.member_id.convert_to_full(self.full_date, self.decision)
        return {'type': 'ir.actions.act_window_close'}
