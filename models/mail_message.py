from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .document_scope import apply_scope, is_party_model, out_of_scope_ids, \
    party_record_ids

# What Odoo's own flows write on an existing message as its user: who must
# act on it, who starred it, the channels it went to. Anything else on a
# party record's message (body, author, record, attachments, tracking) is
# the trace of what happened and stays as written.
MESSAGE_USER_FIELDS = {'needaction_partner_ids', 'starred_partner_ids',
                       'channel_ids'}


class MailMessage(models.Model):
    """Messages of party records follow their record's scope on every read
    path, keep their author, and stay as posted.

    The composer (mail.compose.message) inherits these methods: it is left
    alone, the messages it posts are checked as any other."""
    _inherit = 'mail.message'

    def _party_guarded(self):
        return self._name == 'mail.message' and self._uid != SUPERUSER_ID

    @api.model
    def _apply_ir_rules(self, query, mode='read'):
        # Odoo 11 only post-filters `_search`; read_group, read and
        # name_get of mail.message apply no document check at all
        super(MailMessage, self)._apply_ir_rules(query, mode)
        if self._party_guarded():
            apply_scope(self, query, 'model', 'res_id', 'mail.thread')

    @api.multi
    def check_access_rule(self, operation):
        super(MailMessage, self).check_access_rule(operation)
        if not self._party_guarded():
            return
        # Odoo lets authors, recipients and followers through whatever the
        # document: a party record's messages need the record in scope
        if out_of_scope_ids(self, 'model', 'res_id', 'mail.thread'):
            raise AccessError(_(
                "You can only access the messages of party records in your "
                "scope."))
        if operation == 'create':
            self._check_party_author()

    def _check_party_author(self):
        """A message on a party record is authored by whoever posts it."""
        party_ids = party_record_ids(self, 'model')
        if not party_ids:
            return
        self.env.cr.execute(
            'SELECT id FROM mail_message WHERE id IN %s '
            'AND author_id IS DISTINCT FROM %s',
            (tuple(party_ids), self.env.user.partner_id.id))
        if self.env.cr.fetchall():
            raise AccessError(_(
                "Messages on party records are posted in your own name: "
                "leave the author empty."))

    @api.multi
    def write(self, vals):
        if self._party_guarded() and set(vals) - MESSAGE_USER_FIELDS and (
                is_party_model(vals.get('model'))
                or party_record_ids(self, 'model')):
            raise AccessError(_(
                "Messages on party records cannot be changed: post a new "
                "message to correct one."))
        return super(MailMessage, self).write(vals)

    @api.multi
    def unlink(self):
        if self._party_guarded() and party_record_ids(self, 'model'):
            raise AccessError(_(
                "Messages on party records are kept as their history and "
                "cannot be deleted."))
        return super(MailMessage, self).unlink()
