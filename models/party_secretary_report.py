"""Secretaries' work reports and their appraisal (述职评议考核): each year a
branch secretary reports on their work to the superior committee; village
and community secretaries also report to the members and the public
("report twice, be appraised twice", 双述双评). Each report is appraised:
by the superior committee with a grade, or by vote, the grade counted from
the ballots (an appraisal ballot is counted once: a number entered twice is
refused). When every report the secretary owes for the year is appraised,
the combined result is written on the secretary's record
(party.secretary.appraisal), next to their training.

Combined result: the mean of the reports' grades (excellent 4, good 3,
average 2, poor 1), rounded down: a poor appraisal by the public is not
hidden by a good one from above.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_guard import is_trusted, trusted

GRADES = [
    ('excellent', 'Excellent'),
    ('good', 'Good'),
    ('average', 'Average'),
    ('poor', 'Poor'),
]
POINTS = {'excellent': 4, 'good': 3, 'average': 2, 'poor': 1}
AUDIENCES = [
    ('superior', 'To the Superior Committee'),
    ('public', 'To Members and the Public'),
]
# sectors whose secretaries report twice (双述双评)
TWICE_SECTORS = ('village', 'community')
METHODS = [
    ('grade', 'Graded by the Committee'),
    ('vote', 'By Vote'),
]
STATES = [
    ('draft', 'Draft'),
    ('submitted', 'Report Made'),
    ('appraised', 'Appraised'),
]
# set by officers only (the appraisal), checked on create and write
APPRAISAL_FIELDS = ('method', 'grade', 'appraisal_comment')
# what an officer may still change once the report is made: the
# appraisal, and the ballots of a vote (each checked by the ballot itself)
AFTER_MADE_FIELDS = APPRAISAL_FIELDS + ('ballot_ids',)


def combine(grades):
    """The combined grade of several appraisals (see the module)."""
    points = [POINTS[grade] for grade in grades]
    mean = sum(points) // len(points)
    return {value: key for key, value in POINTS.items()}[mean]


class PartySecretaryReport(models.Model):
    _name = 'party.secretary.report'
    _description = "Secretary's Work Report"
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'year desc, organization_id, audience, id'

    organization_id = fields.Many2one(
        string='Branch', party_create_only=True,
        domain=[('kind', 'in', ['branch', 'general_branch'])])
    member_id = fields.Many2one(
        'party.member', string='Secretary', required=True, index=True,
        ondelete='restrict', party_create_only=True,
        default=lambda self: self._default_member())
    year = fields.Integer(
        required=True, party_create_only=True,
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year)
    audience = fields.Selection(
        AUDIENCES, string='Reported To', required=True, default='superior',
        party_create_only=True)
    name = fields.Char(compute='_compute_name', store=True)
    text = fields.Html(string='Work Report')
    attachment = fields.Binary(attachment=True)
    attachment_name = fields.Char()
    state = fields.Selection(STATES, required=True, default='draft',
                             readonly=True, track_visibility='onchange')
    # the appraisal: officers only
    method = fields.Selection(
        METHODS, string='Appraisal Method', required=True, default='grade',
        help="Graded by the superior committee, or counted from the "
             "ballots of a vote.")
    grade = fields.Selection(
        GRADES, string="Committee's Grade",
        help="The superior committee's grade (appraisal without a vote).")
    appraisal_comment = fields.Text(string='Appraisal Comments')
    ballot_ids = fields.One2many('party.secretary.ballot', 'report_id',
                                 string='Ballots')
    ballot_count = fields.Integer(compute='_compute_ballot_counts')
    excellent_votes = fields.Integer(compute='_compute_ballot_counts')
    good_votes = fields.Integer(compute='_compute_ballot_counts')
    average_votes = fields.Integer(compute='_compute_ballot_counts')
    poor_votes = fields.Integer(compute='_compute_ballot_counts')
    result = fields.Selection(GRADES, readonly=True,
                              track_visibility='onchange')
    satisfaction = fields.Float(
        string='Satisfaction (%)', readonly=True, digits=(16, 1),
        help="Ballots rating the secretary excellent or good, in percent "
             "of the ballots counted.")
    appraised_by_id = fields.Many2one('res.users', string='Appraised By',
                                      readonly=True)
    appraised_on = fields.Date(readonly=True)

    _sql_constraints = [
        ('member_year_audience_uniq', 'unique (member_id, year, audience)',
         'This secretary already has that report for the year.'),
    ]

    def _default_member(self):
        org_id = self.env.context.get('default_organization_id')
        if isinstance(org_id, int):
            org = self.env['party.organization'].browse(org_id).exists()
            return org.secretary_id if org else False
        return False

    @api.depends('member_id.name', 'year', 'audience')
    def _compute_name(self):
        audiences = dict(self._fields['audience']._description_selection(
            self.env))
        for report in self:
            report.name = '%s %s %s' % (report.member_id.name or '',
                                        report.year or '',
                                        audiences.get(report.audience, ''))

    def _compute_ballot_counts(self):
        groups = self.env['party.secretary.ballot'].read_group(
            [('report_id', 'in', self.ids)], ['report_id', 'grade'],
            ['report_id', 'grade'], lazy=False)
        counts = {}
        for group in groups:
            counts[(group['report_id'][0], group['grade'])] = group['__count']
        for report in self:
            total = 0
            for grade, _label in GRADES:
                value = counts.get((report.id, grade), 0)
                report['%s_votes' % grade] = value
                total += value
            report.ballot_count = total

    @api.constrains('organization_id', 'member_id', 'year', 'audience')
    def _check_report(self):
        for report in self:
            org = report.organization_id
            if org.kind not in ('branch', 'general_branch'):
                raise ValidationError(_(
                    "Work reports are made by the secretaries of branches "
                    "and general branches: choose a branch."))
            if not (report.member_id.organization_id.path or '').startswith(
                    org.path or '-'):
                raise ValidationError(_(
                    "The secretary must be a member of the branch."))
            if not 1949 <= report.year <= 2100:
                raise ValidationError(_("Enter the year, e.g. 2024."))

    # -- CRUD ------------------------------------------------------------------

    @api.model
    def create(self, vals):
        self._check_appraisal_fields(vals)
        self._check_single(vals)
        return super(PartySecretaryReport, self).create(vals)

    @api.multi
    def write(self, vals):
        if any(report.state == 'appraised' for report in self):
            raise UserError(_(
                "This work report is appraised: it is kept as it was and "
                "cannot be changed."))
        self._check_appraisal_fields(vals)
        if not is_trusted(self.env) \
                and set(vals) - set(AFTER_MADE_FIELDS) \
                and any(report.state != 'draft' for report in self):
            raise UserError(_(
                "This work report has been made: only its appraisal can "
                "still be recorded."))
        return super(PartySecretaryReport, self).write(vals)

    @api.multi
    def unlink(self):
        if any(report.state != 'draft' for report in self):
            raise UserError(_("Only a draft work report can be deleted."))
        return super(PartySecretaryReport, self).unlink()

    def _is_officer(self):
        return self.env.user.has_group('party_building.group_officer')

    def _check_appraisal_fields(self, vals):
        defaults = {'method': 'grade'}
        if self._is_officer():
            return
        for name in APPRAISAL_FIELDS:
            if name in vals and (vals[name] or False) != defaults.get(
                    name, False):
                raise AccessError(_(
                    "Only the superior committee's officers record the "
                    "appraisal of a work report."))

    def _check_single(self, vals):
        member_id = vals.get('member_id') or (
            self._default_member().id if self._default_member() else False)
        if not isinstance(member_id, int) or not self.env[
                'party.member'].search_count([('id', '=', member_id)]):
            return
        year = vals.get('year') or fields.Date.from_string(
            fields.Date.context_today(self)).year
        audience = vals.get('audience') or 'superior'
        if self.sudo().search_count([('member_id', '=', member_id),
                                     ('year', '=', year),
                                     ('audience', '=', audience)]):
            raise UserError(_(
                "This secretary already has that work report for %s: open "
                "it instead of making a second.") % year)

    # -- actions ---------------------------------------------------------------

    @api.multi
    def action_submit(self):
        """The secretary has made the report (to the committee or to the
        members and the public)."""
        for report in self:
            if report.state != 'draft':
                raise UserError(_("This work report has already been "
                                  "made."))
            if not report.text and not report.attachment:
                raise UserError(_(
                    "Write the work report or attach it before marking it "
                    "as made."))
        self.check_access_rule('write')
        trusted(self).write({'state': 'submitted'})
        return True

    @api.multi
    def action_appraise(self):
        """Record the appraisal: the committee's grade, or the grade counted
        from the ballots; then the combined result on the secretary's
        record once all the year's reports are appraised."""
        if not self._is_officer():
            raise AccessError(_(
                "Only the superior committee's officers record the "
                "appraisal of a work report."))
        self.check_access_rule('write')
        for report in self:
            if report.state != 'submitted':
                raise UserError(_(
                    "Only a work report that has been made, and not yet "
                    "appraised, can be appraised."))
            values = report._appraisal_values()
            values.update({'state': 'appraised',
                           'appraised_by_id': self.env.uid,
                           'appraised_on': fields.Date.context_today(self)})
            trusted(report).write(values)
        self._write_combined()
        return True

    def _appraisal_values(self):
        self.ensure_one()
        if self.method == 'grade':
            if not self.grade:
                raise UserError(_("Choose the committee's grade first."))
            return {'result': self.grade, 'satisfaction': 0.0}
        total = self.ballot_count
        if not total:
            raise UserError(_(
                "Enter the ballots of the vote before counting them."))
        votes = [(self['%s_votes' % grade], -POINTS[grade], grade)
                 for grade, _label in GRADES]
        # the grade with the most votes; a tie goes to the lower grade
        result = max(votes)[2]
        return {'result': result, 'satisfaction': round(
            100.0 * (self.excellent_votes + self.good_votes) / total, 1)}

    def _write_combined(self):
        """The combined result of each secretary and year of these reports,
        when every report owed is appraised."""
        Appraisal = self.env['party.secretary.appraisal']
        for member, year in {(r.member_id, r.year) for r in self}:
            reports = self.search([('member_id', '=', member.id),
                                   ('year', '=', year)])
            owed = {'superior'}
            if reports[:1].organization_id.sector in TWICE_SECTORS:
                owed.add('public')
            appraised = reports.filtered(lambda r: r.state == 'appraised')
            if not owed <= set(appraised.mapped('audience')):
                continue
            result = combine(appraised.mapped('result'))
            note = _("Combined result of the work reports of %s.") % year
            existing = Appraisal.search([('member_id', '=', member.id),
                                         ('year', '=', year)])
            if existing:
                existing.write({'result': result, 'note': note})
            else:
                Appraisal.create({'member_id': member.id, 'year': year,
                                  'result': result, 'note': note})


class PartySecretaryBallot(models.Model):
    """One ballot of an appraisal by vote, entered by its number: a ballot
    is counted once."""
    _name = 'party.secretary.ballot'
    _description = 'Work Report Appraisal Ballot'
    _order = 'report_id, number'

    report_id = fields.Many2one('party.secretary.report', required=True,
                                ondelete='cascade', index=True,
                                auto_join=True, party_create_only=True)
    number = fields.Char(string='Ballot Number', required=True,
                         party_create_only=True)
    grade = fields.Selection(GRADES, required=True, party_create_only=True)
    comment = fields.Char()

    _sql_constraints = [
        ('report_number_uniq', 'unique (report_id, number)',
         'This ballot has already been counted.'),
    ]

    @api.model
    def create(self, vals):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only the superior committee's officers count the ballots."))
        report = self.env['party.secretary.report'].browse(
            vals.get('report_id') if isinstance(vals.get('report_id'), int)
            else 0).exists()
        if report:
            report.check_access_rule('write')
            if report.method != 'vote' or report.state != 'submitted':
                raise UserError(_(
                    "Ballots are counted for a work report appraised by "
                    "vote, after it is made and before its result."))
            number = (vals.get('number') or '').strip()
            if self.sudo().search_count([('report_id', '=', report.id),
                                         ('number', '=', number)]):
                raise UserError(_(
                    "Ballot %s has already been counted for this report: a "
                    "ballot is counted once.") % number)
            vals = dict(vals, number=number)
        return super(PartySecretaryBallot, self).create(vals)

    @api.multi
    def unlink(self):
        if any(b.report_id.state == 'appraised' for b in self):
            raise UserError(_(
                "The vote is counted: its ballots are kept."))
        return super(PartySecretaryBallot, self).unlink()


class PartyMember(models.Model):
    _inherit = 'party.member'

    secretary_report_ids = fields.One2many(
        'party.secretary.report', 'member_id', string='Work Reports')
