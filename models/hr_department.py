from odoo import _, api, fields, models


class HrDepartment(models.Model):
    """Coverage of the units (应建尽建): a unit with enough full members
    should have a party organization of its own."""
    _inherit = 'hr.department'

    party_organization_ids = fields.Many2many(
        'party.organization', 'party_organization_hr_department_rel',
        'department_id', 'organization_id', string='Party Organizations',
        groups='party_building.group_viewer')
    party_full_member_count = fields.Integer(
        string='Full Party Members', readonly=True,
        groups='party_building.group_viewer',
        help="Full party members among the unit's employees, as of the last "
             "daily check.")
    party_coverage_gap = fields.Boolean(
        string='Needs a Party Organization', readonly=True,
        groups='party_building.group_viewer',
        help="Enough full members to form a branch, and no organization of "
             "its own.")

    @api.model
    def refresh_party_coverage(self):
        """Recompute the coverage of every unit in two statements."""
        self.env.cr.execute("""
            UPDATE hr_department dept
               SET party_full_member_count = COALESCE(counts.full, 0),
                   party_coverage_gap =
                       COALESCE(counts.full, 0) >= company.party_branch_min_full_members
                       AND NOT EXISTS (
                           SELECT 1 FROM party_organization_hr_department_rel rel
                             JOIN party_organization org
                               ON org.id = rel.organization_id AND org.active
                            WHERE rel.department_id = dept.id)
              FROM res_company company, hr_department d
              LEFT JOIN (
                   SELECT emp.department_id, count(*) AS full
                     FROM party_member member
                     JOIN hr_employee emp ON emp.id = member.employee_id
                    WHERE member.active AND member.status = 'full'
                      AND member.standing NOT IN ('lost_contact', 'stopped')
                 GROUP BY emp.department_id) counts
                ON counts.department_id = d.id
             WHERE d.id = dept.id AND company.id = dept.company_id
        """)
        self.invalidate_cache(['party_full_member_count',
                               'party_coverage_gap'])

    @api.model
    def remind_party_coverage_gaps(self, job=None):
        """An activity for the company's party-building managers on each
        unit with a coverage gap, in their language, unless theirs is
        still open. Queued on `job` (party.job) when given."""
        gaps = self.sudo().search([('party_coverage_gap', '=', True)])
        if not gaps:
            return
        managers = self.env.ref('party_building.group_manager').users.filtered(
            lambda u: u.id != self.env.ref('base.user_root').id)
        today = fields.Date.from_string(fields.Date.context_today(self))
        reminders = [
            (dept, 'hr.department,%d:coverage_gap' % dept.id,
             managers.filtered(lambda u: u.company_id == dept.company_id),
             today, (dept.id,))
            for dept in gaps]
        self.env['mail.activity']._party_remind(
            self.env.ref('party_building.mail_activity_type_setup_reminder'),
            reminders, self.sudo(), job=job)

    @api.model
    def _party_reminder_summary(self, dept_id):
        """The coverage reminder's text in this environment's language."""
        dept = self.browse(dept_id)
        return _("%(unit)s has %(count)d full party members and no party "
                 "organization: form one") % {
                     'unit': dept.name,
                     'count': dept.party_full_member_count}

    @api.model
    def _party_digest_summary(self, count, deadline):
        """The text of a digest of coverage reminders."""
        return _("%(count)d units have full party members and no party "
                 "organization") % {'count': count}
