from odoo import _, api, fields, models

from ..models.party_contact_point import POINT_KINDS
from ..models.party_guard import trusted


class PartyContactPointCheck(models.TransientModel):
    """Which committees' leaders lack a contact point of a required kind
    for a year (领导办点示范): read as the user, in a fixed number of
    queries whatever the number of branches."""
    _name = 'party.contact.point.check'
    _description = 'Contact Point Completeness'

    organization_id = fields.Many2one(
        'party.organization', string='Within',
        help="Only the committees of this organization's subtree; empty: "
             "your whole scope.")
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    line_ids = fields.One2many('party.contact.point.check.line', 'check_id',
                               string='Lacking')
    checked = fields.Boolean(readonly=True)

    @api.multi
    def action_check(self):
        self.ensure_one()
        self.line_ids.unlink()
        # the lines and the flag are the check's own (readonly fields)
        Line = trusted(self.env['party.contact.point.check.line'])
        for values in self._lacking():
            Line.create(dict(values, check_id=self.id))
        trusted(self).write({'checked': True})
        # the same form, reloaded with the lines (no second breadcrumb)
        return True

    @api.multi
    def name_get(self):
        title = _("Contact Point Completeness")
        return [(check.id, '%s %s' % (title, check.year or ''))
                for check in self]

    def _lacking(self):
        """[{committee_id, leader_id, missing}] of each leader (or a
        committee without leaders recorded) lacking a required kind."""
        Org = self.env['party.organization']
        domain = [('kind', '=', 'committee')]
        if self.organization_id:
            domain.append(('path', '=like', self.organization_id.path + '%'))
        committees = Org.search(domain)
        if not committees:
            return []
        needs = self._needs(committees)
        leaders = self._leaders(committees)
        groups = self.env['party.contact.point'].read_group(
            [('committee_id', 'in', committees.ids),
             ('year', '=', self.year)],
            ['committee_id', 'leader_id', 'kind'],
            ['committee_id', 'leader_id', 'kind'], lazy=False)
        covered = {}
        for group in groups:
            key = (group['committee_id'][0], group['leader_id'][0])
            covered.setdefault(key, set()).add(group['kind'])
        # in the user's language: the line keeps the text
        labels = dict(self.env['party.contact.point']._fields['kind']
                      ._description_selection(self.env))
        result = []
        for committee in committees:
            required = needs[committee.id]
            for leader_id in leaders.get(committee.id) or [False]:
                missing = [kind for kind, _label in POINT_KINDS
                           if kind in required and kind not in covered.get(
                               (committee.id, leader_id), ())]
                if missing:
                    result.append({
                        'committee_id': committee.id,
                        'leader_id': leader_id,
                        'missing': ', '.join(labels[k] for k in missing)})
        return result

    def _needs(self, committees):
        """{committee id: kinds required}: own always; weak and lax where
        the committee has such organizations below; poor village where it
        has poor villages (one query over the subtrees, as the user)."""
        Org = self.env['party.organization']
        query = Org._where_calc([])
        Org._apply_ir_rules(query, 'read')
        from_clause, where, params = query.get_sql()
        sql = """
            SELECT c.id,
                   bool_or(party_organization.weak_lax),
                   bool_or(party_organization.poor_village
                           AND party_organization.sector = 'village')
              FROM unnest(%%s::integer[], %%s::text[]) AS c(id, path)
              JOIN %s ON party_organization.path::text ~>=~ c.path
                     AND party_organization.path::text ~<~ (c.path || '~')
             WHERE %s
          GROUP BY c.id
        """ % (from_clause, where or 'TRUE')
        # the clauses come from the ORM, values as parameters
        self.env.cr.execute(  # pylint: disable=sql-injection
            sql, [committees.ids, committees.mapped('path')] + params)
        needs = {committee.id: {'own'} for committee in committees}
        for committee_id, weak_lax, poor in self.env.cr.fetchall():
            if weak_lax:
                needs[committee_id].add('weak_lax')
            if poor:
                needs[committee_id].add('poor_village')
        return needs

    def _leaders(self, committees):
        """{committee id: [member ids]}: the secretary and deputies of each
        committee's current term (one search)."""
        today = fields.Date.context_today(self)
        deputy = self.env.ref('party_building.position_role_deputy',
                              raise_if_not_found=False)
        role_domain = [('role_id.is_secretary', '=', True)]
        if deputy:
            role_domain = ['|', ('role_id', '=', deputy.id)] + role_domain
        positions = self.env['party.term.position'].search([
            ('term_id.organization_id', 'in', committees.ids),
            ('term_id.state', '=', 'current'),
            '|', ('start_date', '=', False), ('start_date', '<=', today),
            '|', ('end_date', '=', False), ('end_date', '>=', today),
        ] + role_domain)
        leaders = {}
        for position in positions:
            leaders.setdefault(position.term_id.organization_id.id, [])
            if position.member_id.id not in leaders[
                    position.term_id.organization_id.id]:
                leaders[position.term_id.organization_id.id].append(
                    position.member_id.id)
        return leaders


class PartyContactPointCheckLine(models.TransientModel):
    _name = 'party.contact.point.check.line'
    _description = 'Contact Point Completeness Line'
    _order = 'committee_id, leader_id'

    check_id = fields.Many2one('party.contact.point.check', required=True,
                               ondelete='cascade')
    committee_id = fields.Many2one('party.organization', string='Committee',
                                   readonly=True)
    leader_id = fields.Many2one('party.member', string='Leader',
                                readonly=True)
    missing = fields.Char(string='Lacking', readonly=True)
