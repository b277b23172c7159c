"""Assessment campaigns (年度考核): one year, one standard, one scope of the
tree. Generating a campaign creates the assessment of every branch in the
scope with the criteria that apply to it, and fills the automatic lines
from the metrics; the number of statements depends on the number of
metrics of the standard, never on the number of branches."""
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from . import scoring
from .party_guard import DATE_MAX, DATE_MIN, trusted

# The kinds of organization that are assessed: those that hold members and
# run organizational life themselves. Party committees are assessed
# through their branches; party groups belong to a branch.
ASSESSED_KINDS = ('branch', 'general_branch')
# Above this many new assessments, the generation refreshes the planner's
# statistics of the tables it filled.
ANALYZE_AFTER = 500
# Fields fixed once the assessments exist: they are what was assessed.
GENERATED_FIXED = ('year', 'standard_id', 'organization_id', 'date_from',
                   'date_to')


class PartyAssessmentCampaign(models.Model):
    """A yearly assessment of the branches of a scope against a standard."""
    _name = 'party.assessment.campaign'
    _description = 'Assessment Campaign'
    _inherit = ['party.scoped.mixin', 'mail.thread', 'mail.activity.mixin']
    _order = 'year desc, id desc'

    name = fields.Char(required=True, track_visibility='onchange')
    year = fields.Integer(
        required=True, track_visibility='onchange',
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    standard_id = fields.Many2one(
        'party.standard', string='Standard', required=True, index=True,
        ondelete='restrict', track_visibility='onchange')
    organization_id = fields.Many2one(
        string='Scope',
        help="The branches and general branches of this organization and "
             "of every organization below it are assessed.")
    date_from = fields.Date(
        string='Period From', required=True,
        default=lambda self: '%d-01-01' % fields.Date.from_string(
            fields.Date.context_today(self)).year,
        help="The metrics are computed over this period.")
    date_to = fields.Date(
        string='Period To', required=True,
        default=lambda self: '%d-12-31' % fields.Date.from_string(
            fields.Date.context_today(self)).year)
    self_deadline = fields.Date(
        string='Self-assessment Deadline', track_visibility='onchange')
    review_deadline = fields.Date(
        string='Review Deadline', track_visibility='onchange')
    area_depth = fields.Integer(
        string='Area Level', default=1,
        help="Ranking by area: the organizations this many levels below "
             "the scope each form an area with everything below them.")
    state = fields.Selection([
        ('draft', 'Draft'),
        ('open', 'Open'),
        ('closed', 'Closed'),
    ], required=True, default='draft', readonly=True, copy=False,
        track_visibility='onchange')
    assessment_ids = fields.One2many(
        'party.assessment', 'campaign_id', string='Assessments')
    assessment_count = fields.Integer(
        compute='_compute_counts', string='Assessments')
    draft_count = fields.Integer(compute='_compute_counts',
                                 string='Not Submitted')
    submitted_count = fields.Integer(compute='_compute_counts',
                                     string='Submitted')
    reviewed_count = fields.Integer(compute='_compute_counts',
                                    string='Reviewed')
    confirmed_count = fields.Integer(compute='_compute_counts',
                                     string='Confirmed')
    generated_on = fields.Datetime(readonly=True, copy=False)
    metrics_on = fields.Datetime(
        string='Metrics Computed On', readonly=True, copy=False)
    ranked_on = fields.Datetime(readonly=True, copy=False)
    closed_on = fields.Date(readonly=True, copy=False)
    flagged_count = fields.Integer(
        string='Flagged as Weak and Lax', readonly=True, copy=False,
        help="Organizations this campaign flagged for the weak and lax "
             "review when it was closed.")

    _sql_constraints = [
        ('year_standard_scope_uniq',
         'unique (year, standard_id, organization_id)',
         'A campaign of this year and standard already exists for this '
         'scope.'),
    ]

    def _compute_counts(self):
        groups = self.env['party.assessment'].read_group(
            [('campaign_id', 'in', self.ids)], ['campaign_id', 'state'],
            ['campaign_id', 'state'], lazy=False)
        counts = defaultdict(int)
        for group in groups:
            counts[group['campaign_id'][0], group['state']] = \
                group['__count']
        for campaign in self:
            by_state = {state: counts[campaign.id, state] for state in (
                'draft', 'submitted', 'reviewed', 'confirmed')}
            campaign.draft_count = by_state['draft']
            campaign.submitted_count = by_state['submitted']
            campaign.reviewed_count = by_state['reviewed']
            campaign.confirmed_count = by_state['confirmed']
            campaign.assessment_count = sum(by_state.values())

    @api.constrains('year', 'date_from', 'date_to', 'self_deadline',
                    'review_deadline', 'area_depth')
    def _check_dates(self):
        for campaign in self:
            if not DATE_MIN.year <= campaign.year <= DATE_MAX.year:
                raise ValidationError(_(
                    "Enter a year between %(first)d and %(last)d.") % {
                        'first': DATE_MIN.year, 'last': DATE_MAX.year})
            if campaign.date_from > campaign.date_to:
                raise ValidationError(_(
                    "The period of the campaign must end after it "
                    "starts."))
            if campaign.self_deadline and campaign.review_deadline \
                    and campaign.self_deadline > campaign.review_deadline:
                raise ValidationError(_(
                    "The self-assessment deadline must come before the "
                    "review deadline."))
            if campaign.area_depth < 1:
                raise ValidationError(_(
                    "The area level is at least 1: the organizations "
                    "directly below the scope."))

    @api.constrains('standard_id', 'organization_id')
    def _check_standard_company(self):
        for campaign in self.sudo():
            company = campaign.standard_id.company_id
            if company and company != campaign.company_id:
                raise ValidationError(_(
                    "The standard belongs to another company than the "
                    "scope of the campaign."))

    @api.onchange('year')
    def _onchange_year(self):
        if self.year and DATE_MIN.year <= self.year <= DATE_MAX.year:
            self.date_from = '%d-01-01' % self.year
            self.date_to = '%d-12-31' % self.year

    @api.model
    def create(self, vals):
        self._check_officer()
        return super(PartyAssessmentCampaign, self).create(vals)

    @api.multi
    def write(self, vals):
        if set(GENERATED_FIXED) & set(vals) and any(
                campaign.state != 'draft' for campaign in self):
            raise UserError(_(
                "The year, standard, scope and period of a campaign are "
                "fixed once its assessments are generated."))
        return super(PartyAssessmentCampaign, self).write(vals)

    @api.multi
    def unlink(self):
        if any(campaign.state != 'draft' for campaign in self):
            raise UserError(_(
                "A campaign with assessments is the record of the "
                "assessment and cannot be deleted."))
        return super(PartyAssessmentCampaign, self).unlink()

    # -- actions -------------------------------------------------------------

    @api.multi
    def action_generate(self):
        """Create the assessments of the branches in scope, once."""
        self._check_officer()
        self.check_access_rule('write')
        for campaign in self:
            campaign._lock_state('draft', _(
                "The assessments of this campaign were already generated."))
            campaign._generate()
        return True

    @api.multi
    def action_refresh_metrics(self):
        """Compute the automatic lines again, for the assessments not yet
        reviewed."""
        self._check_officer()
        self.check_access_rule('write')
        for campaign in self:
            campaign._lock_state('open', _(
                "Metrics are refreshed while the campaign is open."))
            self.env['party.assessment'].search([
                ('campaign_id', '=', campaign.id),
                ('state', 'in', ('draft', 'submitted'))])._fill_metrics()
            trusted(campaign).write({'metrics_on': fields.Datetime.now()})
        return True

    @api.multi
    def action_rank(self):
        self._check_officer()
        self.check_access_rule('write')
        for campaign in self:
            if campaign.state == 'draft':
                raise UserError(_("Generate the assessments first."))
        self._rank()
        return True

    @api.multi
    def action_close(self):
        """Close the campaign once every assessment is confirmed: rank, and
        feed the weak and lax review as the settings say."""
        self._check_officer()
        self.check_access_rule('write')
        for campaign in self:
            campaign._lock_state('open', _(
                "Only an open campaign can be closed."))
            # sudo: every assessment counts, also those out of the user's
            # scope (none should be: the scope is the user's)
            left = self.env['party.assessment'].sudo().search_count([
                ('campaign_id', '=', campaign.id),
                ('state', '!=', 'confirmed')])
            if left:
                raise UserError(_(
                    "%(count)d assessments of the campaign are not confirmed "
                    "yet.") % {'count': left})
        self._rank()
        for campaign in self:
            flagged = campaign._feed_weak_lax()
            trusted(campaign).write({
                'state': 'closed', 'flagged_count': flagged,
                'closed_on': fields.Date.context_today(self)})
        return True

    @api.multi
    def action_reopen(self):
        """A manager reopens a closed campaign, so that an assessment can be
        reopened."""
        if not self.env.user.has_group('party_building.group_manager'):
            raise AccessError(_(
                "Only party-building managers may reopen a campaign."))
        for campaign in self:
            campaign._lock_state('closed', _(
                "Only a closed campaign can be reopened."))
        trusted(self).write({'state': 'open', 'closed_on': False})
        return True

    @api.multi
    def action_view_assessments(self):
        self.ensure_one()
        action = self.env.ref(
            'party_building.party_assessment_action').read()[0]
        action['domain'] = [('campaign_id', '=', self.id)]
        action['context'] = {'search_default_group_state': 1}
        return action

    @api.multi
    def action_view_ranking(self):
        self.ensure_one()
        action = self.env.ref(
            'party_building.party_assessment_action_ranking').read()[0]
        action['domain'] = [('campaign_id', '=', self.id)]
        return action

    # -- checks --------------------------------------------------------------

    @api.model
    def _check_officer(self):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only officers run assessment campaigns."))

    def _lock_state(self, state, message):
        """Lock the campaign's row and check its state as committed by
        others: two officers generating at once make one wait, then fail
        here."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT state FROM party_assessment_campaign WHERE id = %s "
            "FOR UPDATE", [self.id])
        row = self.env.cr.fetchone()
        self.invalidate_cache(['state'], [self.id])
        if not row or row[0] != state:
            raise UserError(message)

    # -- generation ----------------------------------------------------------

    def _branches_in_scope(self):
        """[(id, path, kind, sector, company_id)] of the active assessed
        organizations of the scope, in tree order: one query."""
        self.ensure_one()
        root = self.sudo().organization_id
        self.env.cr.execute("""
            SELECT id, path, kind, sector, company_id
              FROM party_organization
             WHERE path::text ~>=~ %s AND path::text ~<~ %s
               AND active AND kind IN %s
          ORDER BY path
        """, [root.path, root.path + '~', ASSESSED_KINDS])
        return self.env.cr.fetchall()

    def _generate(self):
        self.ensure_one()
        if not self.organization_id.search_count(
                [('id', '=', self.organization_id.id)]):
            raise AccessError(_(
                "The scope of a campaign must be an organization of your "
                "scope."))
        branches = self._branches_in_scope()
        if not branches:
            raise UserError(_(
                "There is no branch or general branch in the scope of the "
                "campaign: choose another organization."))
        standard = self.sudo().standard_id
        criteria = {}
        for kind, sector in {(b[2], b[3]) for b in branches}:
            criteria[kind, sector] = standard._criteria_for(kind, sector)
        if not any(criteria.values()):
            raise UserError(_(
                "No criterion of the standard applies to the branches of "
                "this scope."))
        root_depth = len(self.sudo().organization_id.path.strip('/')
                         .split('/'))
        Assessment = self.env['party.assessment']
        Line = self.env['party.assessment.line']
        # per kind and sector once, as plain values: the loops below run
        # over every line of the campaign
        specs = {key: [(criterion.id, Line._criterion_tuple(criterion),
                        Line._is_automatic(criterion))
                       for criterion in found]
                 for key, found in criteria.items()}
        # the automatic lines first, every metric once for every branch:
        # the rows are then inserted complete, never updated
        measured = Assessment._metric_points(self.sudo(), [
            (org_id, criterion_id)
            for org_id, _path, kind, sector, _company in branches
            for criterion_id, _spec, auto in specs[kind, sector] if auto])
        unmeasured = (0.0, '', 0.0)
        assessment_rows = []
        for org_id, path, kind, sector, company_id in branches:
            # before anything is scored by hand: the automatic points
            self_total = Line._scoring_call(None, scoring.total, [
                (spec, measured.get((org_id, criterion_id), unmeasured)[2])
                for criterion_id, spec, _auto in specs[kind, sector]])
            assessment_rows.append((
                org_id, company_id, sector, kind,
                Assessment._area_of(path, root_depth, self.area_depth),
                self_total))
        assessments = Assessment._insert_generated(self, assessment_rows)
        by_org = {org_id: assessment_id
                  for assessment_id, org_id in assessments}
        # the lines in one statement: each assessment with the criteria of
        # its kind and sector, and the automatic lines' metric and points
        combos = {key: index for index, key in enumerate(criteria)}
        Line._insert_generated(
            [(by_org[org_id], combos[kind, sector])
             for org_id, _path, kind, sector, _company in branches],
            [(combos[key], criterion_id) for key, found in specs.items()
             for criterion_id, _spec, _auto in found],
            [(by_org[org_id], criterion_id, value, note, points)
             for (org_id, criterion_id), (value, note, points)
             in measured.items()])
        if len(assessments) > ANALYZE_AFTER:
            # the planner's statistics still see the tables as they were
            self.env.cr.execute(
                "ANALYZE party_assessment, party_assessment_line")
        records = Assessment.browse([a for a, _o in assessments])
        Assessment._fill_metric_caps(self.sudo(), [
            (assessment_id, org_id) for assessment_id, org_id in assessments])
        now = fields.Datetime.now()
        trusted(self).write({'state': 'open', 'generated_on': now,
                             'metrics_on': now})
        self._lock_standard()
        self.message_post(body=_(
            "%(count)d assessments generated.") % {'count': len(records)})

    def _lock_standard(self):
        """The standard may no longer change: its criteria are what the
        assessments hold."""
        self.sudo().mapped('standard_id')._lock()

    # -- results -------------------------------------------------------------

    def _rank(self):
        """Rank the confirmed assessments of these campaigns, overall, by
        sector and by area (ties share a rank): one statement."""
        for campaign in self:
            root_depth = len(campaign.sudo().organization_id.path.strip('/')
                             .split('/'))
            self.env['party.assessment']._rank_campaign(
                campaign.id, root_depth + campaign.area_depth)
        trusted(self).write({'ranked_on': fields.Datetime.now()})

    def _feed_weak_lax(self):
        """Flag the organizations the company's settings send to the weak
        and lax review: the lowest ranked, those rated in the lowest band.
        Returns how many were flagged."""
        self.ensure_one()
        company = self.sudo().company_id
        Assessment = self.env['party.assessment'].sudo()
        found = {}
        if company.party_assessment_flag_lowest \
                and company.party_assessment_lowest_count > 0:
            for assessment in Assessment._lowest_ranked(
                    self.id, company.party_assessment_lowest_count):
                found.setdefault(assessment.organization_id.id,
                                 ('assessment_lowest', assessment))
        if company.party_assessment_flag_backward:
            for assessment in Assessment._in_lowest_band(self.id):
                found.setdefault(assessment.organization_id.id,
                                 ('assessment_backward', assessment))
        if not found:
            return 0
        return self.env['party.rectification']._flag_from_assessments(
            [(trigger, assessment) for trigger, assessment
             in found.values()], fields.Date.from_string(
                 fields.Date.context_today(self)))
