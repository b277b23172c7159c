from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyTalk(models.Model):
    """A heart-to-heart talk (谈心谈话): who talked with whom, when, about
    what."""
    _name = 'party.talk'
    _description = 'Heart-to-heart Talk'
    _inherit = ['party.scoped.mixin']
    _order = 'date desc, id desc'

    date = fields.Date(required=True, default=fields.Date.context_today,
                       index=True)
    talker_id = fields.Many2one('party.member', string='Talked by',
                                required=True, ondelete='restrict')
    member_id = fields.Many2one('party.member', string='Talked with',
                                required=True, index=True,
                                ondelete='restrict')
    topic = fields.Char(required=True)
    note = fields.Text()

    @api.constrains('talker_id', 'member_id')
    def _check_people(self):
        for talk in self.sudo():
            if talk.talker_id == talk.member_id:
                raise ValidationError(_("A talk takes two members."))
