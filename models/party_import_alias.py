import datetime
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The member fields a roster's column may stand for, and those whose cell
# values have other spellings in rosters (selection fields).
COLUMN_FIELDS = (
    'name', 'gender', 'ethnicity', 'birth_date', 'id_number', 'education',
    'application_date', 'join_date', 'full_date', 'status',
    'organization_id', 'phone', 'mobile', 'email', 'note',
)
VALUE_FIELDS = ('gender', 'education', 'status')
COLUMN = 'column'

# Dates as rosters write them, year first: 1992-07-01, 1992.07.01,
# 1992/7/1, 1992年7月1日, possibly followed by a time of day.
DATE_PATTERN = re.compile(
    r'^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?'
    r'(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$')


def parse_roster_date(value):
    """The ISO date of a roster's date text, or None if it is not one."""
    match = DATE_PATTERN.match(value.strip())
    if not match:
        return None
    try:
        day = datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return fields.Date.to_string(day)


def normalize_alias(text):
    """Aliases compare without case and blanks (全角 spaces included)."""
    return re.sub(r'\s+', '', text or '').lower()


class PartyImportAlias(models.Model):
    """How rosters write a member field's column header or one of its
    values: 人员类别 is the status column, 正式 a full member, 大学本科 a
    bachelor's degree. Configuration, seeded with the usual forms; managers
    add the forms of their own rosters."""
    _name = 'party.import.alias'
    _description = 'Import Alias'
    _order = 'target, name'

    name = fields.Char(
        string='Written As', required=True,
        help="The text as it stands in the spreadsheet; case and blanks "
             "do not matter.")
    target = fields.Selection(
        '_selection_target', string='Means', required=True,
        help="A column header stands for a field; a cell value for one of "
             "the field's values.")
    active = fields.Boolean(default=True)

    @api.model
    def _selection_target(self):
        """'column.<field>' for headers, '<field>.<value>' for values, with
        labels in the user's language."""
        member = self.env['party.member']
        targets = []
        for name in COLUMN_FIELDS:
            field = member._fields[name]
            targets.append(('%s.%s' % (COLUMN, name), _(
                "Column: %s") % field._description_string(self.env)))
        for name in VALUE_FIELDS:
            field = member._fields[name]
            label = field._description_string(self.env)
            for value, value_label in field._description_selection(self.env):
                targets.append(('%s.%s' % (name, value),
                                '%s: %s' % (label, value_label)))
        return targets

    @api.constrains('name', 'target')
    def _check_unique(self):
        """One form means one thing: the same text may not stand for two
        columns, nor for two values of one field."""
        for alias in self:
            key = normalize_alias(alias.name)
            if not key:
                raise ValidationError(_("Enter the text as it is written."))
            kind = alias.target.split('.')[0]
            others = self.search([('id', '!=', alias.id),
                                  ('target', '=like', kind + '.%')])
            if any(normalize_alias(o.name) == key and o.target != alias.target
                   for o in others):
                raise ValidationError(_(
                    "\"%s\" already means something else: change that "
                    "entry instead.") % alias.name)

    @api.model
    def _aliases(self, kind):
        """{normalized text: meaning} of one kind ('column' or a field):
        the meaning is a field name for columns, a value for fields."""
        prefix = kind + '.'
        rows = self.sudo().search([('target', '=like', prefix + '%')])
        return {normalize_alias(row.name): row.target[len(prefix):]
                for row in rows}

    @api.model
    def _allowed_values(self, field_name):
        """The values of a field as a user may write them: its labels in
        the user's language, then the configured forms."""
        field = self.env['party.member']._fields[field_name]
        labels = [label for __, label
                  in field._description_selection(self.env)]
        rows = self.sudo().search(
            [('target', '=like', field_name + '.%')])
        others = [row.name for row in rows if row.name not in labels]
        return labels + others
