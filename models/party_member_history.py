from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError


class PartyMemberHistory(models.Model):
    """The member's path over the years (履历): one row per event that the
    records of the other work hold — posts, meetings attended, talks,
    appraisals, training and what later work adds (stages of recruitment,
    probation decisions, status changes, transfers, periods away). Read
    from those records through one view, never stored.

    Each part of the addon adds its events by extending
    ``_history_queries``: a list of SELECTs giving, in this order,
    ``kind, member_id, date, organization_id, company_id, res_model,
    res_id``; its kind goes into ``kind`` with ``selection_add``. A row
    belongs to the organization where the event happened, and is read in
    that organization's scope: a branch keeps the history it wrote of a
    member who has since moved on.
    """
    _name = 'party.member.history'
    _description = "Member's Path"
    _auto = False
    _order = 'date desc, id desc'

    kind = fields.Selection([
        ('post', 'Committee Post'),
        ('attendance', 'Meeting'),
        ('talk', 'Heart-to-heart Talk'),
        ('member_appraisal', 'Democratic Appraisal'),
        ('training', 'Training'),
        ('secretary_appraisal', 'Secretary Appraisal'),
    ], string='Event', readonly=True)
    member_id = fields.Many2one('party.member', string='Member',
                                readonly=True, index=True)
    date = fields.Date(readonly=True)
    organization_id = fields.Many2one(
        'party.organization', string='Organization', readonly=True,
        auto_join=True)
    company_id = fields.Many2one('res.company', readonly=True)
    res_model = fields.Char(string='Record Model', readonly=True)
    res_id = fields.Integer(string='Record ID', readonly=True)
    name = fields.Char(string='Details', compute='_compute_name')

    @api.model
    def _history_queries(self):
        return [
            """SELECT 'post', p.member_id, p.start_date, p.organization_id,
                      p.company_id, 'party.term.position', p.id
                 FROM party_term_position p""",
            """SELECT 'attendance', a.member_id, a.meeting_date,
                      a.organization_id, a.company_id,
                      'party.meeting.attendance', a.id
                 FROM party_meeting_attendance a
                WHERE a.state = 'present' AND a.meeting_state = 'held'""",
            """SELECT 'talk', t.member_id, t.date, t.organization_id,
                      t.company_id, 'party.talk', t.id
                 FROM party_talk t""",
            """SELECT 'member_appraisal', a.member_id,
                      make_date(a.year, 12, 31), a.organization_id,
                      a.company_id, 'party.member.appraisal', a.id
                 FROM party_member_appraisal a""",
            """SELECT 'training', t.member_id, t.date, t.organization_id,
                      t.company_id, 'party.secretary.training', t.id
                 FROM party_secretary_training t""",
            """SELECT 'secretary_appraisal', a.member_id,
                      make_date(a.year, 12, 31), a.organization_id,
                      a.company_id, 'party.secretary.appraisal', a.id
                 FROM party_secretary_appraisal a""",
        ]

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # UNION ALL: a filter on member_id reaches each source's own
        # member_id index. The id numbers the events of each source apart
        # (a source's position in the list, then its record's id).
        queries = self._history_queries()
        sources = ' UNION ALL '.join(
            'SELECT %d AS source, * FROM (%s) q%d' % (index, query, index)
            for index, query in enumerate(queries))
        query = """
            CREATE VIEW party_member_history AS
            SELECT res_id::bigint * %d + source AS id, kind, member_id,
                   date, organization_id, company_id, res_model, res_id
              FROM (SELECT NULL::integer AS source, NULL::varchar AS kind,
                           NULL::integer AS member_id, NULL::date AS date,
                           NULL::integer AS organization_id,
                           NULL::integer AS company_id,
                           NULL::varchar AS res_model,
                           NULL::integer AS res_id
                     WHERE FALSE
                 UNION ALL %s) events
        """ % (len(queries), sources)
        self.env.cr.execute(query)  # pylint: disable=sql-injection

    @api.depends('res_model', 'res_id')
    def _compute_name(self):
        by_model = {}
        for event in self:
            by_model.setdefault(event.res_model, self.browse())
            by_model[event.res_model] |= event
        for model, events in by_model.items():
            records = self.env[model].browse(events.mapped('res_id'))
            try:
                names = dict(records.name_get())
            except AccessError:
                names = {}
            for event in events:
                event.name = names.get(event.res_id) or _(
                    "(not in your organizations)")
