"""The server-side guard of the addon's fields, on every path a client can
take over RPC. Declared on the fields themselves, enforced here once:

- ``groups='party_building.group_x'``: only that group may use the field in
  any way. Odoo 11 checks field groups on read and write only; here also on
  search through any relational path (auto_join included), read_group,
  order, export, create and defaults taken from the context or ir.default.
- ``readonly=True`` on a field of this addon (workflow states, who cleared
  a case, computed and related fields, figures the daily jobs write): set
  only by the model's own methods, which check the rules. Odoo 11 treats
  readonly as a hint to the client; here a client may neither write it nor
  create a record with anything but the field's default.
- ``party_create_only=True``: free when the record is created (rosters are
  imported with their status; a line is created in its meeting), then
  changed only by the model's methods.

The methods mark their own writes with :func:`trusted`, a context key whose
value is an object a client cannot send (RPC carries only JSON/XML values).
Links (many2one, many2many) to party records must point to records the user
may read: Odoo 11 reads linked names as superuser, so a link to an
out-of-scope record would reveal it.
"""
import datetime
import math

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# A value no client can send: only code running in this process has it.
TRUSTED = object()
MODULE = 'party_building'
GROUP_PREFIX = MODULE + '.'
# Plausible values for the addon's own fields; anything outside is a typo
# or an attack, and would otherwise reach PostgreSQL or dateutil as an
# internal error.
DATE_MIN, DATE_MAX = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
CHAR_MAX = 500
# PostgreSQL's integer column
INTEGER_MAX = 2 ** 31 - 1


def trusted(records):
    """`records` in a context that lets the model's own methods write their
    workflow fields."""
    return records.with_context(party_trusted=TRUSTED)


def is_trusted(env):
    """Whether the model's own code is at work (see :func:`trusted`)."""
    return env.context.get('party_trusted') is TRUSTED


def may_bypass(env):
    """The superuser and the model's own code skip the guard."""
    return env.uid == SUPERUSER_ID or is_trusted(env)


def to_day(value):
    """The date of a date or datetime value (string or object), or None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return fields.Datetime.from_string(value).date()
    except (TypeError, ValueError, AttributeError):
        return None


def is_party_model(model_name):
    return isinstance(model_name, str) and model_name.startswith('party.')


class Base(models.AbstractModel):
    _inherit = 'base'

    # -- declarations --------------------------------------------------------

    def _party_label(self, field):
        """The field's label in the user's language."""
        return field._description_string(self.env)

    def _party_labels(self, field):
        """{'field': label, 'model': name} in the user's language."""
        return {'field': self._party_label(field),
                'model': self.env['ir.model']._get(self._name).name
                or self._description}

    def _party_restricted(self, field):
        """True if `field` carries a party-building group the user lacks."""
        return bool(field.groups and GROUP_PREFIX in field.groups
                    and not self.user_has_groups(field.groups))

    def _party_refuse_field(self, field):
        raise AccessError(_(
            "You are not allowed to use the field \"%(field)s\" of "
            "%(model)s.") % self._party_labels(field))

    def _party_check_path(self, path, separator='.'):
        """Refuse a field path (``member_id.id_number``) that passes through
        a field the user may not use, on whichever model it lies."""
        model = self
        for name in path.split(separator):
            field = model._fields.get(name.split(':')[0].strip())
            if field is None:
                return
            if model._party_restricted(field):
                model._party_refuse_field(field)
            if not field.relational:
                return
            model = self.env[field.comodel_name]

    def _party_check_domain(self, domain):
        for leaf in domain or ():
            if isinstance(leaf, (list, tuple)) and leaf \
                    and isinstance(leaf[0], str):
                self._party_check_path(leaf[0])

    def _party_check_order(self, order):
        for part in (order or '').split(','):
            words = part.split()
            if words:
                self._party_check_path(words[0].strip('"'))

    # -- read paths -----------------------------------------------------------

    def _where_calc(self, domain, active_test=True):
        # search, search_count, name_search and read_group all come here
        if self._uid != SUPERUSER_ID:
            self._party_check_domain(domain)
        return super(Base, self)._where_calc(domain, active_test=active_test)

    def _generate_order_by(self, order_spec, query):
        if self._uid != SUPERUSER_ID:
            self._party_check_order(order_spec)
        return super(Base, self)._generate_order_by(order_spec, query)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None,
                   orderby=False, lazy=True):
        if self._uid != SUPERUSER_ID:
            groupby_list = [groupby] if isinstance(groupby, str) \
                else list(groupby or [])
            for name in list(fields or []) + groupby_list:
                self._party_check_path(name)
            self._party_check_order(orderby)
        return super(Base, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit,
            orderby=orderby, lazy=lazy)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        if self._uid != SUPERUSER_ID:
            self._party_check_export(fields_to_export)
        return super(Base, self).export_data(fields_to_export,
                                             raw_data=raw_data)

    def _party_check_export(self, paths):
        """Exports read linked records and their external ids as
        superuser: every party record an export reaches must be readable."""
        if is_party_model(self._name):
            self.check_access_rule('read')
        for path in paths:
            path = path.replace('.id', 'id')
            self._party_check_path(path, separator='/')
            records = self
            for name in path.split('/')[:-1]:
                field = records._fields.get(name)
                if field is None or not field.relational:
                    break
                records = records.mapped(name)
                if is_party_model(records._name):
                    records.check_access_rule('read')

    # -- write paths ----------------------------------------------------------

    @api.model
    def _add_missing_default_values(self, values):
        """Create: explicit values and defaults (context keys, ir.default)
        alike may not set a field the user may not use, nor a workflow
        field to anything but its own default."""
        result = super(Base, self)._add_missing_default_values(values)
        if may_bypass(self.env):
            return result
        for name, value in result.items():
            field = self._fields.get(name)
            if field is None:
                continue
            restricted = self._party_restricted(field)
            if not restricted and self._party_locked(field) != 'always':
                continue
            if self._party_is_field_default(field, value):
                continue
            if restricted:
                self._party_refuse_field(field)
            self._party_refuse_workflow(field)
        self._party_check_values(result)
        return result

    @staticmethod
    def _party_locked(field):
        """'always': only the model's code writes the field; 'after_create':
        a client sets it when creating the record only; None: free."""
        if getattr(field, '_module', None) != MODULE:
            return None
        if getattr(field, 'party_create_only', False):
            return 'after_create'
        return 'always' if field.readonly else None

    def _party_is_field_default(self, field, value):
        default = field.default(self) if field.default else False
        default = self._convert_to_write({field.name: default})[field.name]
        return (value or False) == (default or False)

    def _party_refuse_workflow(self, field):
        raise AccessError(_(
            "\"%(field)s\" of %(model)s is set by the application through "
            "its buttons, which check the rules: it cannot be set "
            "directly.") % self._party_labels(field))

    @api.multi
    def write(self, vals):
        if not may_bypass(self.env):
            for name in vals:
                field = self._fields.get(name)
                if field is not None and self._party_locked(field):
                    self._party_refuse_workflow(field)
            self._party_check_values(vals)
        return super(Base, self).write(vals)

    def _party_check_values(self, vals):
        """Links to party records stay in the user's scope and company;
        the addon's own fields get plausible values."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if field.type in ('many2one', 'many2many') \
                    and is_party_model(field.comodel_name):
                self._party_check_link(field, value)
            if is_party_model(self._name) or is_party_model(field.model_name):
                self._party_check_plausible(field, value)

    def _party_check_link(self, field, value):
        ids = set()
        if field.type == 'many2one':
            if value:
                ids.add(value.id if isinstance(value, models.BaseModel)
                        else value)
        else:
            for command in value or ():
                if isinstance(command, (list, tuple)):
                    if command[0] == 4:
                        ids.add(command[1])
                    elif command[0] == 6:
                        ids.update(command[2] or ())
                elif isinstance(command, int):
                    ids.add(command)
        if not ids:
            return
        Target = self.env[field.comodel_name].with_context(active_test=False)
        if not all(isinstance(i, int) for i in ids) \
                or Target.search_count([('id', 'in', list(ids))]) < len(ids):
            raise AccessError(_(
                "\"%(field)s\" of %(model)s must be a record you have access "
                "to.") % self._party_labels(field))

    def _party_check_plausible(self, field, value):
        if value is False or value is None:
            return
        if field.type in ('date', 'datetime'):
            day = to_day(value)
            if day is None or not DATE_MIN <= day <= DATE_MAX:
                raise ValidationError(_(
                    "%s: enter a date between %s and %s.") % (
                        self._party_label(field), DATE_MIN, DATE_MAX))
        elif field.type == 'char' and isinstance(value, str) \
                and len(value) > (field.size or CHAR_MAX):
            raise ValidationError(_(
                "%s: at most %d characters.") % (
                    self._party_label(field), field.size or CHAR_MAX))
        elif field.type == 'integer' and isinstance(value, int) \
                and abs(value) > INTEGER_MAX:
            raise ValidationError(_("%s: enter a smaller number.")
                                  % self._party_label(field))
        elif field.type in ('float', 'monetary') \
                and isinstance(value, float) and not math.isfinite(value):
            raise ValidationError(_("%s: enter a number.")
                                  % self._party_label(field))
