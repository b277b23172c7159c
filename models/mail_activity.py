from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .document_scope import apply_scope, out_of_scope_ids

ACTIVITY_LINK_FIELDS = {'res_model_id', 'res_model', 'res_id'}


class MailActivity(models.Model):
    """Activities on party records follow their record's scope: Odoo 11
    links only their creation to the document."""
    _inherit = 'mail.activity'

    @api.model
    def _apply_ir_rules(self, query, mode='read'):
        super(MailActivity, self)._apply_ir_rules(query, mode)
        apply_scope(self, query, 'res_model', 'res_id', 'mail.activity.mixin')

    @api.multi
    def _check_access(self, operation):
        super(MailActivity, self)._check_access(operation)
        # the assignee of an activity too needs its record in scope
        if self._uid != SUPERUSER_ID and out_of_scope_ids(
                self, 'res_model', 'res_id', 'mail.activity.mixin'):
            raise AccessError(_(
                "You can only work on the activities of party records in "
                "your scope."))

    @api.multi
    def write(self, values):
        res = super(MailActivity, self).write(values)
        if self._uid != SUPERUSER_ID and ACTIVITY_LINK_FIELDS & set(values):
            # moved to another record: as if scheduled there
            self._check_access('create')
        return res
