"""Mass satisfaction (群众满意度测评): each year the people an organization
serves rate it through a questionnaire of Odoo's survey app; the resulting
satisfaction rate is kept on the organization for the year. Below the
company's lowest rate, closing the evaluation flags the organization for
the weak and lax review (if switched on).

Each evaluation answers on its own copy of the questionnaire template, so
that every answer belongs to one organization. Surveys are not scoped
records: party users never read them directly; the evaluation shows its
public link and its figures, read here as superuser for that one survey.
The rate of an answer is its choice's score over the best score of the
question (Satisfied and Basically Satisfied score 1, Not Satisfied 0 in
the template: the usual rate of those satisfied or basically satisfied)."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_guard import trusted

TEMPLATE = 'party_building.survey_satisfaction_template'


class PartySatisfaction(models.Model):
    _name = 'party.satisfaction'
    _description = 'Mass Satisfaction Evaluation'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'year desc, organization_id'

    name = fields.Char(compute='_compute_name', store=True)
    year = fields.Integer(
        required=True, index=True,
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year,
        track_visibility='onchange')
    survey_id = fields.Many2one('survey.survey', string='Questionnaire',
                                readonly=True, ondelete='restrict')
    public_url = fields.Char(compute='_compute_public_url',
                             string='Link for the People Served')
    respondent_count = fields.Integer(string='Respondents', readonly=True)
    rate = fields.Float(
        string='Satisfaction Rate (%)', track_visibility='onchange',
        help="Computed from the questionnaire's answers, or entered from a "
             "paper evaluation: between 0 and 100.")
    state = fields.Selection([
        ('open', 'Collecting Answers'),
        ('closed', 'Closed'),
    ], required=True, default='open', readonly=True,
        track_visibility='onchange')
    below_minimum = fields.Boolean(compute='_compute_below_minimum',
                                   string='Below the Lowest Rate')
    note = fields.Text()

    _sql_constraints = [
        ('organization_year_uniq', 'unique (organization_id, year)',
         'An organization is evaluated once a year.'),
    ]

    @api.depends('organization_id.name', 'year')
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = '%s %s' % (evaluation.year or '',
                                         evaluation.organization_id.name or '')

    def _compute_public_url(self):
        for evaluation in self:
            survey = evaluation.sudo().survey_id
            evaluation.public_url = survey.public_url if survey else False

    def _compute_below_minimum(self):
        for evaluation in self:
            minimum = evaluation.sudo().company_id.party_satisfaction_min_rate
            evaluation.below_minimum = evaluation.state == 'closed' \
                and evaluation.rate < minimum

    @api.constrains('rate', 'year')
    def _check_rate(self):
        for evaluation in self:
            # written so that NaN, which compares false, is refused too
            if not 0 <= evaluation.rate <= 100:
                raise ValidationError(_(
                    "A satisfaction rate is between 0 and 100 %."))
            if not 2000 <= evaluation.year <= 2100:
                raise ValidationError(_("Enter a year between 2000 and "
                                        "2100."))

    @api.multi
    def write(self, vals):
        if 'rate' in vals and self.filtered(lambda e: e.state == 'closed') \
                and not self.env.context.get('party_trusted'):
            raise UserError(_(
                "The evaluation is closed: its rate is on the record."))
        return super(PartySatisfaction, self).write(vals)

    def _check_officer(self):
        if not self.env.user.has_group('party_building.group_officer'):
            raise AccessError(_(
                "Only officers run the mass satisfaction evaluation."))

    # -- the questionnaire ---------------------------------------------------

    @api.multi
    def action_create_survey(self):
        """A copy of the questionnaire template for each evaluation without
        one, titled with the organization and the year."""
        self._check_officer()
        self.check_access_rule('write')
        template = self.env.ref(TEMPLATE).sudo()
        for evaluation in self.filtered(lambda e: not e.survey_id):
            survey = template.copy()
            # after the copy, which adds "(copy)" to any title
            survey.title = _(
                "%(year)s Mass Satisfaction Evaluation of %(organization)s") \
                % {'year': evaluation.year,
                   'organization': evaluation.organization_id.name}
            trusted(evaluation).write({'survey_id': survey.id})
        return True

    @api.model
    def _survey_results(self, survey_ids):
        """{survey id: (respondents, rate)}: completed answers, and the
        mean of each chosen answer's score over its question's best score,
        in %, in one statement."""
        if not survey_ids:
            return {}
        self.env.cr.execute("""
            WITH best AS (
                SELECT question_id, max(quizz_mark) AS mark
                  FROM survey_label GROUP BY question_id
            )
            SELECT i.survey_id, count(DISTINCT i.id),
                   avg(CASE WHEN b.mark > 0
                            THEN GREATEST(l.quizz_mark, 0) / b.mark END)
              FROM survey_user_input i
              LEFT JOIN survey_user_input_line line
                ON line.user_input_id = i.id AND NOT line.skipped
               AND line.answer_type = 'suggestion'
              LEFT JOIN survey_label l ON l.id = line.value_suggested
              LEFT JOIN best b ON b.question_id = line.question_id
             WHERE i.survey_id IN %s AND i.state = 'done'
               AND NOT i.test_entry
          GROUP BY i.survey_id
        """, [tuple(survey_ids)])
        return {survey_id: (count, 100.0 * (score or 0.0))
                for survey_id, count, score in self.env.cr.fetchall()}

    @api.multi
    def action_compute_rate(self):
        """The rate and the respondents from the questionnaire's answers."""
        self._check_officer()
        self.check_access_rule('write')
        if self.filtered(lambda e: e.state == 'closed'):
            raise UserError(_(
                "The evaluation is closed: its rate is on the record."))
        results = self._survey_results(self.sudo().mapped('survey_id').ids)
        for evaluation in self.filtered('survey_id'):
            count, rate = results.get(evaluation.sudo().survey_id.id,
                                      (0, 0.0))
            if not count:
                raise UserError(_(
                    "Nobody has completed the questionnaire of %(name)s "
                    "yet.") % {'name': evaluation.name})
            trusted(evaluation).write({'respondent_count': count,
                                       'rate': round(rate, 2)})
        return True

    @api.multi
    def action_close(self):
        """Close the year's evaluation: the rate stays on the record, and
        an organization rated below the lowest rate is flagged for the weak
        and lax review (if switched on and none is open)."""
        self._check_officer()
        self.check_access_rule('write')
        evaluations = self.filtered(lambda e: e.state == 'open')
        survey_open = evaluations.filtered(
            lambda e: e.sudo().survey_id and not e.respondent_count)
        if survey_open:
            survey_open.action_compute_rate()
        trusted(evaluations).write({'state': 'closed'})
        today = fields.Date.from_string(fields.Date.context_today(self))
        self.env['party.rectification']._flag_satisfaction(evaluations,
                                                           today)
        return True

    @api.multi
    def action_reopen(self):
        self._check_officer()
        self.check_access_rule('write')
        trusted(self).write({'state': 'open'})
        return True


class PartyRectification(models.Model):
    _inherit = 'party.rectification'

    trigger = fields.Selection(selection_add=[
        ('satisfaction_low', 'Low Mass Satisfaction'),
    ])

    @api.model
    def _flag_satisfaction(self, evaluations, today):
        """Open a rectification for each closed evaluation below its
        company's lowest rate, where switched on and none is open."""
        low = evaluations.sudo().filtered(
            lambda e: e.company_id.party_flag_satisfaction
            and e.rate < e.company_id.party_satisfaction_min_rate)
        open_orgs = self._open_organization_ids(
            low.mapped('organization_id').ids)
        rows = []
        for evaluation in low:
            org = evaluation.organization_id
            if org.id in open_orgs:
                continue
            open_orgs.add(org.id)
            company = org.company_id
            # a record everyone reads: in the company's language
            reason = self.with_context(
                lang=company.partner_id.lang or self.env.lang)\
                ._satisfaction_reason(evaluation)
            rows.append((org.id, company.id, 'satisfaction_low', reason,
                         '%s %s' % (org.name, fields.Date.to_string(today))))
        return self._flag_in_bulk(rows, today)

    @api.model
    def _satisfaction_reason(self, evaluation):
        return _(
            "Mass satisfaction rate of %(year)s: %(rate).1f %%, below the "
            "lowest rate of %(minimum).1f %%.") % {
                'year': evaluation.year, 'rate': evaluation.rate,
                'minimum': evaluation.company_id.party_satisfaction_min_rate}
