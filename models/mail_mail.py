from odoo import SUPERUSER_ID, api, models

from .document_scope import apply_scope


class MailMail(models.Model):
    """Outgoing e-mails carry their message (_inherits): every employee may
    read mail.mail in Odoo 11, and reading it does not go through the
    message's own checks."""
    _inherit = 'mail.mail'

    @api.model
    def _apply_ir_rules(self, query, mode='read'):
        super(MailMail, self)._apply_ir_rules(query, mode)
        if self._uid != SUPERUSER_ID:
            alias = self._inherits_join_add(self, 'mail.message', query)
            apply_scope(self, query, 'model', 'res_id', 'mail.thread',
                        alias=alias)
