from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .document_scope import check_partners_can_read, is_party_model


class MailThread(models.AbstractModel):
    """Party records: who may follow them, and their history goes only with
    the record itself."""
    _inherit = 'mail.thread'

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None,
                          subtype_ids=None, force=True):
        # Odoo creates the followers as superuser: check here who they are
        if self and is_party_model(self._name) and self._uid != SUPERUSER_ID:
            self._check_party_followers(partner_ids or [], channel_ids or [])
        return super(MailThread, self).message_subscribe(
            partner_ids=partner_ids, channel_ids=channel_ids,
            subtype_ids=subtype_ids, force=force)

    def _check_party_followers(self, partner_ids, channel_ids):
        if channel_ids:
            raise AccessError(_(
                "Channels cannot follow party records: add the people "
                "in scope as followers."))
        others = set(partner_ids) - {self.env.user.partner_id.id}
        if others:
            # adding someone else is a change to the record
            self.check_access_rights('write')
            self.check_access_rule('write')
            check_partners_can_read(self, others)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """Labels of the fields party records inherit from mail (followers,
        activities…) in the user's language: Odoo 11 translates them only on
        the models of the mail addon itself, so the export dialog of a party
        model listed them in English."""
        res = super(MailThread, self).fields_get(allfields, attributes)
        if is_party_model(self._name) and self.env.lang not in (None,
                                                                'en_US'):
            for mixin in ('mail.thread', 'mail.activity.mixin'):
                Mixin = self.env[mixin]
                for name, field in Mixin._fields.items():
                    if 'string' in res.get(name, {}) \
                            and res[name]['string'] == field.string:
                        res[name]['string'] = field._description_string(
                            self.env)
        return res

    @api.multi
    def unlink(self):
        # Messages of a party record cannot be deleted below the superuser
        # (mail.message.unlink); deleting the record itself takes them along
        # once the user is known to be allowed to delete it.
        if self and is_party_model(self._name) and self._uid != SUPERUSER_ID:
            self.check_access_rights('unlink')
            self.check_access_rule('unlink')
            self.env['mail.message'].sudo().search([
                ('model', '=', self._name), ('res_id', 'in', self.ids),
            ]).unlink()
        return super(MailThread, self).unlink()
