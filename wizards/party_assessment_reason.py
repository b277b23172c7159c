from odoo import api, fields, models


class PartyAssessmentReason(models.TransientModel):
    """Why an assessment goes back: returned to the branch by its reviewer,
    or reopened by a manager."""
    _name = 'party.assessment.reason'
    _description = 'Reason for Returning or Reopening an Assessment'

    assessment_id = fields.Many2one('party.assessment', required=True,
                                    ondelete='cascade')
    action = fields.Selection([('return', 'Return to the Branch'),
                               ('reopen', 'Reopen')],
                              required=True, default='return')
    reason = fields.Text(required=True)

    @api.multi
    def action_apply(self):
        self.ensure_one()
        assessment = self.assessment_id
        if self.action == 'reopen':
            assessment.action_reopen(self.reason)
        else:
            assessment.action_return(self.reason)
        return {'type': 'ir.actions.act_window_close'}
