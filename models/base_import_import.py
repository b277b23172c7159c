from odoo import api, models
from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, \
    DEFAULT_SERVER_DATETIME_FORMAT

from .party_import_alias import COLUMN, normalize_alias

# The models whose load() reads rosters' own forms (party.member.load).
ROSTER_MODELS = ('party.member',)


class Import(models.TransientModel):
    _inherit = 'base_import.import'

    def _match_header(self, header, fields, options):
        """Rosters' usual headers (人员类别, 所在党支部...) stand for the
        member fields configured in party.import.alias, after Odoo's own
        match on field names and labels."""
        matched = super(Import, self)._match_header(header, fields, options)
        if matched or self.res_model not in ROSTER_MODELS:
            return matched
        name = self.env['party.import.alias']._aliases(COLUMN).get(
            normalize_alias(header))
        return [field for field in fields if field['name'] == name][:1]

    @api.multi
    def parse_preview(self, options, count=10):
        """The client offers a column only the fields of the types it
        guessed from the values; a roster's 1992年7月1日 is guessed as text.
        Offer the matched field too."""
        result = super(Import, self).parse_preview(options, count=count)
        if self.res_model in ROSTER_MODELS and result.get('matches') \
                and result.get('headers_type'):
            types = {field['name']: field['type']
                     for field in result['fields']}
            for index, path in result['matches'].items():
                kind = types.get(path[0]) if path and len(path) == 1 \
                    else None
                guessed = result['headers_type'][index]
                if kind and kind not in guessed:
                    result['headers_type'][index] = guessed + [kind]
        return result

    @api.multi
    def _parse_import_data(self, data, import_fields, options):
        """The member's load() reads every date form rosters use, mixed in
        one column; one date format for the whole column would refuse
        them."""
        if self.res_model in ROSTER_MODELS:
            options = dict(options,
                           date_format=DEFAULT_SERVER_DATE_FORMAT,
                           datetime_format=DEFAULT_SERVER_DATETIME_FORMAT)
        return super(Import, self)._parse_import_data(data, import_fields,
                                                      options)
