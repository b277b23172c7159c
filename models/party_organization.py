# -*- coding: utf-8 -*-
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

KINDS = [
    ('committee', 'Party Committee'),
    ('general_branch', 'General Branch'),
    ('branch', 'Party Branch'),
    ('group', 'Party Group'),
]

SECTORS = [
    ('village', 'Village'),
    ('community', 'Community'),
    ('government', 'Government Agency'),
    ('enterprise', 'Enterprise'),
    ('school', 'School'),
    ('research', 'Research Institute'),
    ('social', 'Social Organization'),
    ('other', 'Other'),
]

# Which kinds of organization may stand directly above each kind.
ALLOWED_PARENT_KINDS = {
    'committee': ('committee',),
    'general_branch': ('committee',),
    'branch': ('committee', 'general_branch'),
    'group': ('branch',),
}

# Kinds a member may be registered in (a branch, or a party group of one).
MEMBER_KINDS = ('branch', 'group')


class PartyOrganization(models.Model):
    """A party organization and its place in the tree.

    The tree is held as a materialized path of ids ("1/5/23/"), so that a
    subtree is one indexed prefix condition; Odoo 11's _parent_store (nested
    sets) would rewrite half the table on every insert at province scale.
    """
    _name = 'party.organization'
    _description = 'Party Organization'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'path, id'

    name = fields.Char(required=True, track_visibility='onchange')
    code = fields.Char(
        track_visibility='onchange',
        help="Organization code, unique within the company.")
    kind = fields.Selection(
        KINDS, required=True, default='branch', track_visibility='onchange')
    sector = fields.Selection(
        SECTORS, required=True, default='enterprise',
        track_visibility='onchange')
    parent_id = fields.Many2one(
        'party.organization', string='Parent Organization', index=True,
        ondelete='restrict', track_visibility='onchange')
    child_ids = fields.One2many(
        'party.organization', 'parent_id', string='Sub-organizations')
    path = fields.Char(
        compute='_compute_path', store=True, readonly=True, copy=False,
        help="Ids from the root down to this organization, for subtree "
             "queries.")
    active = fields.Boolean(default=True, track_visibility='onchange')
    company_id = fields.Many2one(
        'res.company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get(
            'party.organization'),
        track_visibility='onchange')
    department_ids = fields.Many2many(
        'hr.department', 'party_organization_hr_department_rel',
        'organization_id', 'department_id', string='Affiliated Units',
        help="The units (HR departments) whose members this organization "
             "covers.")
    member_ids = fields.One2many(
        'party.member', 'organization_id', string='Members')
    responsible_user_ids = fields.Many2many(
        'res.users', 'party_organization_res_users_rel',
        'organization_id', 'user_id', string='Responsible Users',
        help="Users who work on this organization and everything below it.")
    founding_date = fields.Date(track_visibility='onchange')
    note = fields.Text()
    full_member_count = fields.Integer(
        compute='_compute_member_counts',
        help="Full members of this organization and all below it.")
    probationary_member_count = fields.Integer(
        compute='_compute_member_counts',
        help="Probationary members of this organization and all below it.")
    member_count = fields.Integer(compute='_compute_member_counts')
    child_count = fields.Integer(
        compute='_compute_child_count', string='Sub-organization Count')

    _sql_constraints = [
        ('code_company_uniq', 'unique (company_id, code)',
         'An organization with this code already exists in this company.'),
    ]

    @api.model_cr
    def init(self):
        # Prefix searches (path LIKE 'x/%') use this index; Odoo casts the
        # column to text in LIKE conditions, hence the expression.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS party_organization_path_prefix_index
            ON party_organization ((path::text) text_pattern_ops)
        """)

    # Only the organization's own path is computed here, so that it is known
    # before record rules check a new record; descendants follow in write(),
    # in one UPDATE, rather than through the ORM's per-record recomputation.
    @api.depends('parent_id')
    def _compute_path(self):
        for org in self:
            if isinstance(org.id, int):
                org.path = '%s%d/' % (org.parent_id.path or '', org.id)

    @api.depends('member_ids.status', 'child_ids.member_ids.status')
    def _compute_member_counts(self):
        counts = {}
        ids = [org.id for org in self if isinstance(org.id, int)]
        if ids:
            self.env.cr.execute("""
                SELECT root.id, member.status, count(*)
                  FROM party_organization root
                  JOIN party_organization org
                    ON org.path::text LIKE root.path::text || '%%'
                  JOIN party_member member
                    ON member.organization_id = org.id AND member.active
                 WHERE root.id IN %s
              GROUP BY root.id, member.status
            """, [tuple(ids)])
            for org_id, status, count in self.env.cr.fetchall():
                counts[(org_id, status)] = count
        for org in self:
            org.full_member_count = counts.get((org.id, 'full'), 0)
            org.probationary_member_count = counts.get(
                (org.id, 'probationary'), 0)
            org.member_count = (org.full_member_count
                                + org.probationary_member_count)

    def _compute_child_count(self):
        groups = self.read_group(
            [('parent_id', 'in', self.ids)], ['parent_id'], ['parent_id'])
        counts = {g['parent_id'][0]: g['parent_id_count'] for g in groups}
        for org in self:
            org.child_count = counts.get(org.id, 0)

    @api.constrains('parent_id')
    def _check_parent(self):
        if not self._check_recursion():
            raise ValidationError(_(
                "An organization cannot be placed under itself or under one "
                "of its own sub-organizations."))
        kind_labels = dict(self._fields['kind']._description_selection(
            self.env))
        for org in self:
            if org.kind == 'group' and not org.parent_id:
                raise ValidationError(_(
                    "Party group %s must belong to a party branch: choose "
                    "its parent organization.") % org.name)
            parent = org.parent_id
            if parent and parent.kind not in ALLOWED_PARENT_KINDS[org.kind]:
                raise ValidationError(_(
                    "A %(kind)s cannot be placed under a %(parent_kind)s "
                    "(%(parent)s); allowed parents: %(allowed)s.") % {
                        'kind': kind_labels[org.kind],
                        'parent_kind': kind_labels[parent.kind],
                        'parent': parent.name,
                        'allowed': ', '.join(
                            kind_labels[k]
                            for k in ALLOWED_PARENT_KINDS[org.kind]),
                    })
            if parent and parent.company_id != org.company_id:
                raise ValidationError(_(
                    "Organization %s must belong to the same company as its "
                    "parent organization.") % org.name)

    @api.constrains('kind')
    def _check_children_kind(self):
        # Changing the kind must keep the existing children valid.
        self.mapped('child_ids')._check_parent()

    @api.multi
    def write(self, vals):
        if vals.get('active') is False:
            self._check_can_archive()
        old_paths = {org.id: org.path for org in self} \
            if 'parent_id' in vals else {}
        res = super(PartyOrganization, self).write(vals)
        if old_paths:
            self._move_descendants(old_paths)
            # a move must keep the organization within the user's scope
            self.check_access_rule('write')
        return res

    @api.multi
    def unlink(self):
        for org in self.with_context(active_test=False):
            if org.child_ids or org.member_ids:
                raise UserError(_(
                    "Organization %s still has sub-organizations or members, "
                    "so it cannot be deleted. Move them elsewhere first, or "
                    "archive the organization instead.") % org.name)
        return super(PartyOrganization, self).unlink()

    def _check_can_archive(self):
        children = self.env['party.organization'].search(
            [('parent_id', 'in', self.ids)], limit=1)
        members = self.env['party.member'].search(
            [('organization_id', 'in', self.ids)], limit=1)
        if children or members:
            raise UserError(_(
                "Organization %s still has active sub-organizations or "
                "members: archive or move them first.")
                % (children.parent_id or members.organization_id).name)

    def _move_descendants(self, old_paths):
        """Rewrite the paths below each moved organization: one UPDATE per
        moved organization, touching only its descendants."""
        for org in self:
            old_path = old_paths[org.id]
            if old_path == org.path:
                continue
            self.env.cr.execute("""
                UPDATE party_organization
                   SET path = %s || substr(path, %s)
                 WHERE path::text LIKE %s AND id != %s
            """, [org.path, len(old_path) + 1, old_path + '%', org.id])
        self.invalidate_cache(['path'])
        # record rules hold the paths of their users' scopes
        self.env['ir.rule'].clear_caches()

    @api.multi
    def action_view_children(self):
        self.ensure_one()
        action = self.env.ref(
            'party_building.party_organization_action').read()[0]
        action['domain'] = [('parent_id', '=', self.id)]
        action['context'] = {'default_parent_id': self.id,
                             'default_company_id': self.company_id.id,
                             'default_sector': self.sector}
        return action

    @api.multi
    def action_view_members(self):
        self.ensure_one()
        action = self.env.ref('party_building.party_member_action').read()[0]
        action['domain'] = [('organization_id.path', '=like', self.path + '%')]
        if self.kind in MEMBER_KINDS:
            action['context'] = {'default_organization_id': self.id}
        return action
