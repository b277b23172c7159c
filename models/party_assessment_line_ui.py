from odoo import fields, models


class PartyAssessmentLine(models.Model):
    """Who may score a line, as the line's form shows it. Odoo computes
    related fields as the superuser unless told otherwise, and the
    superuser is neither the branch's secretary nor its reviewer: the
    form left every score read-only. Computed as the reader instead (they
    read the line's assessment anyway)."""
    _inherit = 'party.assessment.line'

    can_self_assess = fields.Boolean(related_sudo=False)
    can_review = fields.Boolean(related_sudo=False)
