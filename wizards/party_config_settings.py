from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class PartyConfigSettings(models.TransientModel):
    """The addon's own settings page, for party-building managers.

    Not an extension of Odoo's res.config.settings: that form is one record
    of every installed app's settings, reads record rules and module states
    and saves only for Odoo's administrators (its `execute` also changes
    groups and installs modules). Here a manager reads and saves the
    company's party-building numbers, and nothing else.

    Every field here is a field of res.company with the same name."""
    _name = 'party.config.settings'
    _description = 'Party Building Settings'

    party_term_extension_months = fields.Integer(
        string='Term Extension Limit (months)')
    party_term_warning_days = fields.Integer(
        string='Term Expiry Warning (days)')
    party_secretary_vacancy_months = fields.Integer(
        string='Secretary Vacancy Limit (months)')
    party_reminder_interval_days = fields.Integer(
        string='Reminder Interval (days)')
    party_reminder_digest_after = fields.Integer(
        string='Reminders Before a Digest')
    party_branch_min_full_members = fields.Integer(
        string='Full Members to Form a Branch')
    party_committee_min_full_members = fields.Integer(
        string='Full Members for a Branch Committee')
    party_committee_min_size = fields.Integer(string='Smallest Committee')
    party_committee_max_size = fields.Integer(string='Largest Committee')
    party_general_branch_members = fields.Integer(
        string='Members to Consider a General Branch')
    party_committee_members = fields.Integer(
        string='Members to Consider a Party Committee')
    party_meeting_reminder_days = fields.Integer(
        string='Meeting Reminder (days before period end)')
    party_probation_months = fields.Integer(string='Probation (months)')
    party_flag_secretary_vacant = fields.Boolean(
        string='Flag Long Secretary Vacancies as Weak and Lax')
    party_flag_term_overdue = fields.Boolean(
        string='Flag Overdue Terms as Weak and Lax')

    @api.model
    def _party_setting_names(self):
        return [name for name in self._fields if name.startswith('party_')]

    @api.model
    def default_get(self, fields_list):
        res = super(PartyConfigSettings, self).default_get(fields_list)
        company = self.env.user.company_id.sudo()
        for name in self._party_setting_names():
            if name in fields_list:
                res[name] = company[name]
        return res

    @api.multi
    def action_save(self):
        self.ensure_one()
        if not self.env.user.has_group('party_building.group_manager'):
            raise AccessError(_(
                "Only party-building managers may change the party-building "
                "settings."))
        # managers may not write companies: the company's constraints
        # still check the values
        self.env.user.company_id.sudo().write({
            name: self[name] for name in self._party_setting_names()})
        # the menus and views show the new values after a reload
        return {'type': 'ir.actions.client', 'tag': 'reload'}


class PartyConfigSettingsAssessment(models.TransientModel):
    """The assessment settings (res.company fields of the same names)."""
    _inherit = 'party.config.settings'

    party_assessment_reminder_days = fields.Integer(
        string='Assessment Reminder (days before the deadline)')
    party_assessment_flag_lowest = fields.Boolean(
        string='Flag the Lowest Ranked as Weak and Lax')
    party_assessment_lowest_count = fields.Integer(
        string='Lowest Ranked Flagged')
    party_assessment_flag_backward = fields.Boolean(
        string='Flag the Lowest Rating as Weak and Lax')
