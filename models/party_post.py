"""Posts and responsibility areas (设岗定责): party member model posts
(党员示范岗), responsibility areas (党员责任区), volunteer posts, grid
members; kinds are configuration. A post of a single-holder kind never has
two holders at once."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date

from .party_guard import trusted
from .party_study import default_organization


class PartyPostKind(models.Model):
    _name = 'party.post.kind'
    _description = 'Post Kind'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    single_holder = fields.Boolean(
        string='Single Holder',
        help="A post of this kind has one holder at a time.")
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, ondelete='restrict',
        help="Empty: a kind of every company.")


class PartyPost(models.Model):
    """A post or responsibility area of an organization, the place or area
    it serves and who held it when."""
    _name = 'party.post'
    _description = 'Member Post'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'organization_id, kind_id, name, id'

    organization_id = fields.Many2one(
        default=lambda self: default_organization(self))
    name = fields.Char(required=True, track_visibility='onchange')
    kind_id = fields.Many2one('party.post.kind', string='Post Kind',
                              required=True, ondelete='restrict',
                              track_visibility='onchange')
    single_holder = fields.Boolean(related='kind_id.single_holder',
                                   readonly=True)
    area = fields.Char(string='Place or Area Served')
    duty = fields.Text(string='Responsibilities')
    active = fields.Boolean(default=True)
    holder_ids = fields.One2many('party.post.holder', 'post_id',
                                 string='Holders')
    current_holders = fields.Char(compute='_compute_current_holders',
                                  string='Current Holders')

    def _compute_current_holders(self):
        today = fields.Date.context_today(self)
        for post in self:
            post.current_holders = ', '.join(post.holder_ids.filtered(
                lambda h: h.date_from <= today
                and (not h.date_to or h.date_to >= today)
            ).mapped('member_id.name'))

    @api.constrains('kind_id')
    def _check_kind_holders(self):
        self.mapped('holder_ids')._check_overlap()

    @api.multi
    def write(self, vals):
        res = super(PartyPost, self).write(vals)
        if 'organization_id' in vals:
            # the holders follow their post
            for post in self:
                trusted(post.holder_ids).write({'post_id': post.id})
        return res


class PartyPostHolder(models.Model):
    """A member holding a post from a date (to a date)."""
    _name = 'party.post.holder'
    _description = 'Post Holder'
    _order = 'date_from desc, id desc'

    post_id = fields.Many2one('party.post', string='Member Post', required=True,
                              ondelete='cascade', index=True, auto_join=True)
    # the post's, always (set by create and write: the scope rules check
    # it as the record is created)
    organization_id = fields.Many2one(
        'party.organization', required=True, index=True, auto_join=True,
        ondelete='restrict', string='Organization')
    company_id = fields.Many2one(
        'res.company', related='organization_id.company_id', store=True,
        readonly=True, index=True)
    kind_id = fields.Many2one(related='post_id.kind_id', store=True,
                              readonly=True, string='Post Kind')
    member_id = fields.Many2one('party.member', string='Member',
                                required=True, index=True,
                                ondelete='restrict')
    date_from = fields.Date(string='From', required=True,
                            default=fields.Date.context_today)
    date_to = fields.Date(string='To')
    note = fields.Char()

    def name_get(self):
        return [(h.id, '%s · %s' % (h.post_id.name, h.member_id.name))
                for h in self]

    def _post_organization(self, vals):
        if vals.get('post_id'):
            vals = dict(vals, organization_id=self.env['party.post'].browse(
                vals['post_id']).organization_id.id)
        elif 'organization_id' in vals:
            vals = dict(vals)
            del vals['organization_id']
        return vals

    @api.model
    def create(self, vals):
        return super(PartyPostHolder, self).create(
            self._post_organization(vals))

    @api.multi
    def write(self, vals):
        return super(PartyPostHolder, self).write(
            self._post_organization(vals))

    @api.constrains('date_from', 'date_to', 'post_id', 'member_id')
    def _check_overlap(self):
        # as superuser: the organization (a related field) is stored after
        # the constraints run, and the user's rules read it
        self = self.sudo()
        for holder in self:
            if holder.date_to and holder.date_to < holder.date_from:
                raise ValidationError(_(
                    "%(member)s: a post is held to a date after it is held "
                    "from.") % {'member': holder.member_id.name})
        posts = self.mapped('post_id').filtered('kind_id.single_holder')
        if not posts:
            return
        # one transaction at a time checks a post's holders
        self.env.cr.execute("SELECT id FROM party_post WHERE id IN %s "
                            "FOR UPDATE", [tuple(posts.ids)])
        self.env.cr.execute("""
            SELECT a.id, b.id FROM party_post_holder a
              JOIN party_post_holder b
                ON b.post_id = a.post_id AND b.id != a.id
               AND a.date_from <= COALESCE(b.date_to, 'infinity'::date)
               AND b.date_from <= COALESCE(a.date_to, 'infinity'::date)
             WHERE a.id IN %s AND a.post_id IN %s LIMIT 1
        """, [tuple(self.ids), tuple(posts.ids)])
        row = self.env.cr.fetchone()
        if row:
            # the one who held the post first is the one whose time must end
            other, mine = self.browse(row).sorted(
                lambda h: (h.date_from, h.id))
            values = {
                'post': mine.post_id.name, 'other': other.member_id.name,
                'start': format_date(self.env, other.date_from),
                'end': format_date(self.env, other.date_to),
                'member': mine.member_id.name}
            if other.date_to:
                raise ValidationError(_(
                    "%(post)s has one holder at a time: %(other)s holds it "
                    "from %(start)s to %(end)s, which overlaps %(member)s.")
                    % values)
            # the usual case: the holder before was never given an end
            raise ValidationError(_(
                "%(post)s has one holder at a time: %(other)s holds it from "
                "%(start)s with no end date, which overlaps %(member)s. Give "
                "%(other)s the date their time on the post ends (the To "
                "column) before %(member)s takes it over.") % values)
