from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .document_scope import apply_scope, check_partners_can_read, \
    is_party_model, out_of_scope_ids, party_record_ids

FOLLOWER_LINK_FIELDS = {'res_model', 'res_id', 'partner_id', 'channel_id'}


class MailFollowers(models.Model):
    """Followers of party records: only people who can read the record, and
    visible only to those who can read it."""
    _inherit = 'mail.followers'

    @api.model
    def _apply_ir_rules(self, query, mode='read'):
        super(MailFollowers, self)._apply_ir_rules(query, mode)
        apply_scope(self, query, 'res_model', 'res_id', 'mail.thread')

    @api.model
    def create(self, vals):
        follower = super(MailFollowers, self).create(vals)
        if self._uid != SUPERUSER_ID:
            # checked on the stored values: defaults from the context count
            follower._check_party_follower()
        return follower

    def _check_party_follower(self):
        for follower in self.sudo():
            if not is_party_model(follower.res_model):
                continue
            doc = self.env[follower.res_model].browse(follower.res_id)
            doc.check_access_rights('read')
            doc.check_access_rule('read')
            if follower.channel_id:
                raise AccessError(_(
                    "Channels cannot follow party records: add the people "
                    "in scope as followers."))
            if follower.partner_id != self.env.user.partner_id:
                doc.check_access_rights('write')
                doc.check_access_rule('write')
                check_partners_can_read(doc, follower.partner_id.ids)

    @api.multi
    def write(self, vals):
        if self._uid != SUPERUSER_ID:
            if out_of_scope_ids(self, 'res_model', 'res_id', 'mail.thread'):
                raise AccessError(_(
                    "You can only change the followers of party records in "
                    "your scope."))
            if FOLLOWER_LINK_FIELDS & set(vals) and (
                    is_party_model(vals.get('res_model'))
                    or party_record_ids(self, 'res_model')):
                raise AccessError(_(
                    "A follower of a party record cannot be moved to "
                    "another record or person: unfollow and follow again."))
        return super(MailFollowers, self).write(vals)

    @api.multi
    def unlink(self):
        if self._uid != SUPERUSER_ID and out_of_scope_ids(
                self, 'res_model', 'res_id', 'mail.thread'):
            raise AccessError(_(
                "You can only change the followers of party records in your "
                "scope."))
        return super(MailFollowers, self).unlink()
