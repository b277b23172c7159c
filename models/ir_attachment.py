from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .document_scope import apply_scope, locked_ids

# Writing these replaces or moves the file: on a locked record that would
# erase the trace as surely as deleting it.
ATTACHMENT_CONTENT_FIELDS = {
    'datas', 'db_datas', 'store_fname', 'url', 'type', 'res_model', 'res_id',
    'res_field', 'datas_fname', 'checksum', 'file_size', 'mimetype'}


class IrAttachment(models.Model):
    """Attachments of party records follow their record's scope on every
    read path, and those of locked records (a held meeting, a submitted
    assessment) are kept."""
    _inherit = 'ir.attachment'

    @api.model
    def _apply_ir_rules(self, query, mode='read'):
        # ir.attachment.check() covers read() and writes, its `_search`
        # post-filters, but read_group and public attachments go around both
        super(IrAttachment, self)._apply_ir_rules(query, mode)
        apply_scope(self, query, 'res_model', 'res_id')

    @api.multi
    def write(self, vals):
        if self._uid != SUPERUSER_ID and \
                ATTACHMENT_CONTENT_FIELDS & set(vals) and \
                locked_ids(self, 'res_model', 'res_id'):
            raise AccessError(_(
                "These files are the record of a held meeting or a submitted "
                "assessment and cannot be replaced or moved: attach a new "
                "file instead."))
        return super(IrAttachment, self).write(vals)

    @api.multi
    def unlink(self):
        if self._uid != SUPERUSER_ID and locked_ids(
                self, 'res_model', 'res_id'):
            raise AccessError(_(
                "These files are the record of a held meeting or a submitted "
                "assessment and cannot be deleted."))
        return super(IrAttachment, self).unlink()
