"""The audit trail of sensitive changes (痕迹化管理) through OCA's auditlog.

auditlog records who changed which field of a record, from what to what;
the rules in data/party_audit_data.xml subscribe the records people rely on
(members, meetings, attendance, terms, assessments). Its logs hold the old
and new values of every field, ID numbers included, so only party managers
read them (security/), and only for their companies: each log keeps the
company of the record it is about."""
import ast

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.tools import pycompat

from odoo.addons.auditlog.models.rule import FIELDS_BLACKLIST, DictDiffer


class AuditlogLog(models.Model):
    _inherit = 'auditlog.log'

    company_id = fields.Many2one(
        'res.company', string='Company', index=True, readonly=True,
        help='The company of the changed record, when it has one.')

    party_operation = fields.Selection(
        [('create', 'Created'), ('write', 'Changed'), ('unlink', 'Deleted'),
         ('read', 'Read')], string='Operation',
        compute='_compute_party_operation')

    @api.depends('method')
    def _compute_party_operation(self):
        for log in self:
            log.party_operation = log.method

    @api.model
    def create(self, vals):
        if 'company_id' not in vals and vals.get('model_id') and vals.get('res_id'):
            model = self.env['ir.model'].sudo().browse(vals['model_id']).model
            record = self.env[model].sudo().browse(vals['res_id'])
            if 'company_id' in record._fields and record.exists():
                vals = dict(vals, company_id=record.company_id.id)
        return super(AuditlogLog, self).create(vals)


class AuditlogLogLine(models.Model):
    _inherit = 'auditlog.log.line'

    party_old_value = fields.Char(
        string='Before', compute='_compute_party_values')
    party_new_value = fields.Char(
        string='After', compute='_compute_party_values')

    @api.depends('old_value_text', 'new_value_text', 'field_id')
    def _compute_party_values(self):
        """The logged values as a reader wants them: a linked record's name
        rather than "(5, '锦园社区党支部')", a choice's label rather than its
        key."""
        yes_no = (_('Yes'), _('No'))
        for line in self:
            model = line.field_id.model
            field = self.env[model]._fields.get(line.field_id.name) \
                if model in self.env.registry else None
            line.party_old_value = _readable(self.env, field,
                                             line.old_value_text, yes_no)
            line.party_new_value = _readable(self.env, field,
                                             line.new_value_text, yes_no)


class AuditlogRule(models.Model):
    _inherit = 'auditlog.rule'

    def create_logs(self, uid, res_model, res_ids, method,
                    old_values=None, new_values=None,
                    additional_log_values=None):
        """auditlog creates a log, and a line per changed field, through the
        ORM record by record: recording the attendance of a meeting of 100
        would cost hundreds of queries. For the party records, the same logs
        in a fixed number of statements: the names in one call, the logs in
        one INSERT, their lines in another."""
        if not res_model.startswith('party.') or method not in (
                'write', 'unlink') or not res_ids:
            return super(AuditlogRule, self).create_logs(
                uid, res_model, res_ids, method, old_values, new_values,
                additional_log_values)
        if uid == SUPERUSER_ID:
            # a change the server makes as superuser on a user's behalf
            # (e.g. the member moved by an accepted transfer) is the user's
            # in the trail; a client cannot set this: its calls never run
            # as the superuser
            uid = self.env.context.get('party_acting_uid') or uid
        old_values, new_values = old_values or {}, new_values or {}
        records = self.env[res_model].sudo().browse(res_ids)
        names = dict(records.name_get())
        companies = ({r.id: r.company_id.id for r in records}
                     if 'company_id' in records._fields else {})
        model_id = self.pool._auditlog_model_cache[res_model]
        request_id = self.env['auditlog.http.request'].current_http_request()
        session_id = self.env['auditlog.http.session'].current_http_session()
        log_type = (additional_log_values or {}).get('log_type')
        rows = [(names.get(res_id, '')[:64], model_id, res_id, method, uid,
                 request_id or None, session_id or None, log_type,
                 companies.get(res_id) or None, self.env.uid, self.env.uid)
                for res_id in res_ids]
        cr = self.env.cr
        query = """
            INSERT INTO auditlog_log
                   (name, model_id, res_id, method, user_id, http_request_id,
                    http_session_id, log_type, company_id, create_uid,
                    write_uid, create_date, write_date)
            VALUES %s RETURNING id, res_id
        """ % ', '.join(['(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '
                         "now() at time zone 'UTC', now() at time zone 'UTC')"]
                        * len(rows))
        # placeholders only: the values are parameters
        cr.execute(query,  # pylint: disable=sql-injection
                   [value for row in rows for value in row])
        log_ids = dict((res_id, log_id) for log_id, res_id in cr.fetchall())
        if method != 'write':
            return
        model = self.env['ir.model'].browse(model_id)
        lines = []
        for res_id in res_ids:
            diff = DictDiffer(new_values.get(res_id, {}),
                              old_values.get(res_id, {}))
            log = _Log(log_ids[res_id], res_id, log_type)
            for field_name in sorted(diff.changed()):
                field = (field_name not in FIELDS_BLACKLIST
                         and self._get_field(model, field_name))
                if not field:
                    continue
                vals = self._prepare_log_line_vals_on_write(
                    log, field, old_values, new_values)
                lines.append((vals['field_id'], vals['log_id']) + tuple(
                    _text(vals[key]) for key in (
                        'old_value', 'new_value', 'old_value_text',
                        'new_value_text')) + (self.env.uid, self.env.uid))
        if lines:
            query = """
                INSERT INTO auditlog_log_line
                       (field_id, log_id, old_value, new_value, old_value_text,
                        new_value_text, create_uid, write_uid, create_date,
                        write_date)
                VALUES %s
            """ % ', '.join(['(%s, %s, %s, %s, %s, %s, %s, %s, '
                             "now() at time zone 'UTC', "
                             "now() at time zone 'UTC')"] * len(lines))
            cr.execute(query,  # pylint: disable=sql-injection
                       [value for line in lines for value in line])

    @api.model
    def _party_subscribe(self):
        """Subscribe the addon's rules that are still drafts: on install from
        the data file, on upgrade from the migration (the rules are noupdate,
        an administrator may unsubscribe one and keep it so)."""
        rules = self.browse([
            self.env.ref('party_building.%s' % name).id
            for name in PARTY_RULES])
        drafts = rules.filtered(lambda rule: rule.state == 'draft')
        drafts.subscribe()
        # auditlog binds a "View logs" action to each model for everyone;
        # the logs are for managers
        drafts.mapped('action_id').write({
            'groups_id': [(4, self.env.ref('party_building.group_manager').id)]})


PARTY_RULES = (
    'auditlog_rule_member', 'auditlog_rule_meeting', 'auditlog_rule_attendance',
    'auditlog_rule_term', 'auditlog_rule_assessment',
    'auditlog_rule_assessment_line')


class _Log(object):
    """What auditlog's line preparation reads of a log."""
    __slots__ = ('id', 'res_id', 'log_type')

    def __init__(self, log_id, res_id, log_type):
        self.id, self.res_id, self.log_type = log_id, res_id, log_type


def _text(value):
    """A value as auditlog's Text fields store it."""
    if value is None or value is False:
        return None
    return pycompat.to_text(value)


def _readable(env, field, text, yes_no):
    if not text:
        return ''
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        value = text  # a plain string: a choice's key, a name
    if value is False or value is None:
        return ''
    if isinstance(value, tuple) and len(value) == 2 \
            and isinstance(value[0], int):
        return pycompat.to_text(value[1])
    if isinstance(value, list):
        return ', '.join(pycompat.to_text(item[1])
                         if isinstance(item, tuple) and len(item) == 2
                         else pycompat.to_text(item) for item in value)
    if field is not None and field.type == 'selection':
        labels = dict(field._description_selection(env))
        return labels.get(value, text)
    if field is not None and field.type == 'boolean':
        return yes_no[0] if value else yes_no[1]
    return text
