import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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
        readonly=True, copy=False,
        help="Ids from the top organization down to this one, for subtree "
             "searches. Maintained automatically.")
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
        groups='party_building.group_manager',
        help="Users who work on this organization and everything below it.")
    founding_date = fields.Date(track_visibility='onchange')
    note = fields.Text()
    full_member_count = fields.Integer(
        compute='_compute_member_counts', string='Full Members',
        help="Full members of this organization and all below it.")
    probationary_member_count = fields.Integer(
        compute='_compute_member_counts', string='Probationary Members',
        help="Probationary members of this organization and all below it.")
    member_count = fields.Integer(
        compute='_compute_member_counts', string='Members')
    child_count = fields.Integer(
        compute='_compute_child_count', string='Sub-organization Count')

    _sql_constraints = [
        ('code_company_uniq', 'unique (company_id, code)',
         'An organization with this code already exists in this company.'),
    ]

    @api.model_cr
    def init(self):
        # The path is kept by triggers, not by the ORM: record rules select
        # by path, and Odoo 11 checks them on a new record before any stored
        # computed field could be written; a trigger also rewrites a moved
        # subtree in one statement and serves bulk loads that bypass the ORM.
        #
        # Concurrency. Odoo runs REPEATABLE READ: a move rewrites the
        # subtree its snapshot sees, so an organization created (or moved)
        # under that subtree by a transaction the snapshot does not see
        # would keep a stale path. Under REPEATABLE READ only a row that the
        # other transaction *updated* (not merely locked) makes the later
        # one fail, so every insert or move writes its new parent's row
        # ("touch"): the move rewrites that row too, and whichever of the
        # two comes second gets a serialization failure, which Odoo retries
        # with fresh data. The touch also returns the parent's newest path
        # (or fails), so the cycle check below cannot be passed by a
        # concurrent move.
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION party_organization_set_path()
            RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                parent_path varchar;
                parent_written boolean;
            BEGIN
                IF pg_trigger_depth() > 1 THEN
                    -- our own updates below: the touch and the subtree
                    RETURN NEW;
                END IF;
                IF TG_OP = 'UPDATE'
                   AND NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id THEN
                    -- not a move: nothing to touch, the path stays
                    NEW.path := OLD.path;
                    RETURN NEW;
                END IF;
                IF NEW.parent_id IS NOT NULL THEN
                    -- a parent this transaction already wrote (xmin is
                    -- ours) is locked and in conflict already: touching it
                    -- again would only lengthen its version chain (bulk
                    -- loads insert many children per parent)
                    SELECT path,
                           xmin::text::bigint = txid_current() % 4294967296
                      INTO parent_path, parent_written
                      FROM party_organization WHERE id = NEW.parent_id;
                    IF NOT parent_written THEN
                        UPDATE party_organization SET path = path
                         WHERE id = NEW.parent_id
                        RETURNING path INTO parent_path;
                    END IF;
                    IF TG_OP = 'UPDATE' AND left(parent_path,
                            length(OLD.path)) = OLD.path THEN
                        RAISE EXCEPTION
                            'party_organization % under its own subtree',
                            NEW.id
                            USING ERRCODE = 'check_violation',
                                  CONSTRAINT = 'party_organization_no_cycle';
                    END IF;
                END IF;
                NEW.path := COALESCE(parent_path, '') || NEW.id || '/';
                IF TG_OP = 'UPDATE' AND NEW.path IS DISTINCT FROM OLD.path THEN
                    -- only the moved subtree is touched
                    UPDATE party_organization
                       SET path = NEW.path || substr(path, length(OLD.path) + 1)
                     WHERE path::text ~>=~ OLD.path
                       AND path::text ~<~ (OLD.path || '~') AND id != NEW.id;
                END IF;
                RETURN NEW;
            END $$;

            DROP TRIGGER IF EXISTS party_organization_path_insert
                ON party_organization;
            CREATE TRIGGER party_organization_path_insert
                BEFORE INSERT ON party_organization
                FOR EACH ROW EXECUTE PROCEDURE party_organization_set_path();

            DROP TRIGGER IF EXISTS party_organization_path_move
                ON party_organization;
            CREATE TRIGGER party_organization_path_move
                BEFORE UPDATE OF parent_id, path ON party_organization
                FOR EACH ROW EXECUTE PROCEDURE party_organization_set_path();

            -- prefix searches: Odoo casts the column to text in LIKE; the
            -- subtree joins use the same operators as ranges
            -- [path, path || '~'), '~' sorting after digits and '/'.
            CREATE INDEX IF NOT EXISTS party_organization_path_prefix_index
                ON party_organization ((path::text) text_pattern_ops);
            -- a scope's organization ids from the index alone (member
            -- counts), and their tree order for the members' roster order
            -- (party.member._generate_order_by): without visiting the rows,
            -- which for a county lie on as many pages as it has
            -- organizations
            CREATE INDEX IF NOT EXISTS party_organization_path_id_index
                ON party_organization (path varchar_pattern_ops) INCLUDE (id);
        """)

    @api.depends('member_ids.status', 'child_ids.member_ids.status')
    def _compute_member_counts(self):
        counts = self._member_counts(
            [org.id for org in self if isinstance(org.id, int)])
        for org in self:
            org.full_member_count = counts.get((org.id, 'full'), 0)
            org.probationary_member_count = counts.get(
                (org.id, 'probationary'), 0)
            org.member_count = (org.full_member_count
                                + org.probationary_member_count)

    @api.model
    def _member_counts(self, ids):
        """{(organization id, status): active members of the organization
        and all below it}, in one query."""
        if not ids:
            return {}
        self.env.cr.execute("""
            SELECT root.id, member.status, count(*)
              FROM party_organization root
              JOIN party_organization org
                ON org.path::text ~>=~ root.path::text
               AND org.path::text ~<~ (root.path::text || '~')
              JOIN party_member member
                ON member.organization_id = org.id AND member.active
             WHERE root.id IN %s
          GROUP BY root.id, member.status
        """, [tuple(ids)])
        return {(org_id, status): count
                for org_id, status, count in self.env.cr.fetchall()}

    def _member_counts_upto(self, ids, cap):
        """{(organization id, 'full' / 'probationary'): active members of the
        organization and all below it}, but counting no further than `cap`
        full members and `cap` members in all: enough to compare with the
        setup rules' thresholds, without counting the millions below a
        province's committee. One query; each count walks the subtree in
        path order and stops at the cap."""
        if not ids:
            return {}
        self.env.cr.execute("""
            SELECT root.id,
                   (SELECT count(*) FROM (
                        SELECT 1 FROM party_organization org
                          JOIN party_member member
                            ON member.organization_id = org.id
                           AND member.active AND member.status = 'full'
                           AND member.standing NOT IN ('lost_contact',
                                                       'stopped')
                         WHERE org.path::text ~>=~ root.path::text
                           AND org.path::text ~<~ (root.path::text || '~')
                         LIMIT %(cap)s) f),
                   (SELECT count(*) FROM (
                        SELECT 1 FROM party_organization org
                          JOIN party_member member
                            ON member.organization_id = org.id
                           AND member.active
                           AND member.status IN ('full', 'probationary')
                           AND member.standing NOT IN ('lost_contact',
                                                       'stopped')
                         WHERE org.path::text ~>=~ root.path::text
                           AND org.path::text ~<~ (root.path::text || '~')
                         LIMIT %(cap)s) a)
              FROM party_organization root
             WHERE root.id IN %(ids)s
        """, {'ids': tuple(ids), 'cap': cap})
        counts = {}
        for org_id, full, members in self.env.cr.fetchall():
            counts[org_id, 'full'] = full
            counts[org_id, 'probationary'] = max(members - full, 0)
        return counts

    def _compute_child_count(self):
        groups = self.read_group(
            [('parent_id', 'in', self.ids)], ['parent_id'], ['parent_id'])
        counts = {g['parent_id'][0]: g['parent_id_count'] for g in groups}
        for org in self:
            org.child_count = counts.get(org.id, 0)

    @api.constrains('parent_id', 'kind', 'company_id')
    def _check_parent(self):
        # cycles are refused before the write, see _check_move
        # sudo: a parent may lie outside the user's scope (the record rules
        # refuse a new record there only after the constraints ran, so the
        # messages must not name it, see _name_for_user)
        orgs = self.sudo()
        # a new kind or company must suit the children and members too
        (orgs | orgs.mapped('child_ids'))._check_place(self.env.user)
        holding = orgs.filtered(lambda o: o.kind not in MEMBER_KINDS)
        members = self.env['party.member'].sudo().search(
            [('organization_id', 'in', holding.ids)], limit=1)
        if members:
            raise ValidationError(_(
                "%s has members, who belong in a branch or a party group: "
                "move them before changing its kind.")
                % members.organization_id.name)

    def _check_place(self, user):
        """Each organization fits under its parent: kind and company.
        Names the parent only if `user` may read it."""
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
                    "%(name)s (%(kind)s) cannot be placed under %(parent)s "
                    "(%(parent_kind)s). Allowed parent kinds: %(allowed)s.") % {
                        'name': org.name,
                        'kind': kind_labels[org.kind],
                        'parent': parent._name_for_user(user),
                        'parent_kind': kind_labels[parent.kind],
                        'allowed': ' / '.join(
                            kind_labels[k]
                            for k in ALLOWED_PARENT_KINDS[org.kind]),
                    })
            if parent and parent.company_id != org.company_id:
                raise ValidationError(_(
                    "Organization %s must belong to the same company as its "
                    "parent organization.") % org.name)

    def _name_for_user(self, user):
        """The name if `user` may read this organization, else a generic
        label: an error message must not reveal what lies outside the
        user's scope (anyone may try a parent id on create)."""
        readable = self.sudo(user.id).with_context(
            active_test=False).search_count([('id', '=', self.id)])
        return self.name if readable else _("Parent Organization")

    @api.model
    def create(self, vals):
        vals.pop('path', None)  # kept by the database
        org = super(PartyOrganization, self).create(vals)
        if vals.get('responsible_user_ids'):
            self.env['ir.rule'].clear_caches()
        return org

    @api.multi
    def write(self, vals):
        vals.pop('path', None)  # kept by the database
        moving = 'parent_id' in vals
        if moving or vals.get('active') is False:
            # the checks below read and lock as superuser and name records:
            # out-of-scope records must be refused first
            self.check_access_rule('write')
        if vals.get('active') is False:
            self._check_can_archive()
        if moving:
            self._lock_for_move(vals['parent_id'])
            self._check_move(vals['parent_id'])
        try:
            if moving and len(self) > 1:
                # one UPDATE moving an organization and one of its
                # descendants would rewrite the descendant's row twice in
                # one statement, which PostgreSQL refuses: one at a time
                for org in self:
                    super(PartyOrganization, org).write(vals)
                res = True
            else:
                res = super(PartyOrganization, self).write(vals)
        except psycopg2.IntegrityError as error:
            # the trigger's own cycle check (see init), which only a
            # concurrent change could reach past _check_move
            if error.diag.constraint_name == 'party_organization_no_cycle':
                raise ValidationError(self._cycle_message())
            raise
        if moving:
            # the database rewrote the paths of the moved subtrees
            self.invalidate_cache(['path'])
        if {'parent_id', 'active', 'responsible_user_ids'} & set(vals):
            # record rules hold the paths of their users' scopes
            self.env['ir.rule'].clear_caches()
        return res

    @api.multi
    def unlink(self):
        self.check_access_rights('unlink')
        # before the superuser searches below, whose message names the
        # organization
        self.check_access_rule('unlink')
        # archived children and members count too: nothing is lost
        everything = self.with_context(active_test=False).sudo()
        child = everything.search([('parent_id', 'in', self.ids)], limit=1)
        member = everything.env['party.member'].search(
            [('organization_id', 'in', self.ids)], limit=1)
        if child or member:
            raise UserError(_(
                "Organization %s still has sub-organizations or members, "
                "so it cannot be deleted. Move them elsewhere first, or "
                "archive the organization instead.")
                % (child.parent_id or member.organization_id).name)
        res = super(PartyOrganization, self).unlink()
        self.env['ir.rule'].clear_caches()
        return res

    def _check_can_archive(self):
        # archiving a parent together with its children is fine
        children = self.env['party.organization'].search(
            [('parent_id', 'in', self.ids), ('id', 'not in', self.ids)],
            limit=1)
        members = self.env['party.member'].search(
            [('organization_id', 'in', self.ids)], limit=1)
        if children or members:
            raise UserError(_(
                "Organization %s still has active sub-organizations or "
                "members: archive or move them first.")
                % (children.parent_id or members.organization_id).name)

    def _lock_for_move(self, parent_id):
        """Lock every row the move will write -- the moved subtrees and the
        new parent -- in one statement, in path order. Two moves then take
        their locks in the same order and wait for each other instead of
        deadlocking, and a row a concurrent transaction has changed fails
        here, before any check reads it (Odoo retries that)."""
        if not self:
            return
        self.env.cr.execute("""
            SELECT id FROM party_organization
             WHERE id IN (
                    SELECT org.id
                      FROM party_organization moved
                      JOIN party_organization org
                        ON org.path::text ~>=~ moved.path::text
                       AND org.path::text ~<~ (moved.path::text || '~')
                     WHERE moved.id IN %s
                    UNION ALL SELECT %s)
             ORDER BY path COLLATE "C"
               FOR NO KEY UPDATE
        """, [tuple(self.ids), parent_id or None])

    def _check_move(self, parent_id):
        """Refuse a cycle before the database rewrites any path, and, for
        all but managers, a move that leaves the user's scope: the old and
        the new parent must both be in it (a scope root stays put)."""
        new_parent = self.browse(parent_id)
        parent_path = new_parent.sudo().path or ''
        for org in self.sudo():
            if parent_path.startswith(org.path):
                raise ValidationError(self._cycle_message())
        if self.env.user.has_group('party_building.group_manager'):
            return
        parents = self.sudo().mapped('parent_id') | new_parent
        visible = self.search([('id', 'in', parents.ids)])
        if not new_parent or len(visible) < len(parents):
            raise AccessError(_(
                "You can only move organizations between organizations in "
                "your scope; ask a manager for other moves."))

    def _cycle_message(self):
        return _("An organization cannot be placed under itself or under "
                 "one of its own sub-organizations.")

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


class PartyOrganizationAssessment(models.Model):
    """The organization's ratings: the current one and its history, from
    its confirmed assessments."""
    _inherit = 'party.organization'

    assessment_ids = fields.One2many(
        'party.assessment', 'organization_id', string='Ratings',
        domain=[('state', '=', 'confirmed')])
    current_assessment_id = fields.Many2one(
        'party.assessment', string='Current Assessment',
        compute='_compute_current_assessment')
    current_star_band_id = fields.Many2one(
        'party.standard.band', string='Current Star Rating',
        compute='_compute_current_assessment')
    current_grade_band_id = fields.Many2one(
        'party.standard.band', string='Current Grade',
        compute='_compute_current_assessment')
    current_assessment_year = fields.Integer(
        string='Rated In', compute='_compute_current_assessment')

    def _compute_current_assessment(self):
        """The latest confirmed assessment of each organization, in one
        query under the user's record rules."""
        latest = {}
        for assessment in self.env['party.assessment'].search(
                [('organization_id', 'in', self.ids),
                 ('state', '=', 'confirmed')],
                order='year desc, confirmed_on desc, id desc'):
            latest.setdefault(assessment.organization_id.id, assessment)
        Assessment = self.env['party.assessment']
        for org in self:
            assessment = latest.get(org.id, Assessment)
            org.current_assessment_id = assessment
            org.current_star_band_id = assessment.star_band_id
            org.current_grade_band_id = assessment.grade_band_id
            org.current_assessment_year = assessment.year
