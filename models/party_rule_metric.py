from odoo import api, models

from .mail_activity import join_list


class PartyAssessmentMetric(models.Model):
    """Metrics of the work rules (工作制度体系化): the required categories
    covered by rules in force on the last day of the period."""
    _inherit = 'party.assessment.metric'

    def _rule_category_facts(self, org_ids, date_to):
        """{org id: (required category ids, missing category ids)} on
        `date_to`: four queries, whatever the number of organizations."""
        coverage = self.env['party.organization']._rule_coverage(
            org_ids, date_to)
        facts = {}
        for org_id, (_rules, required, covered) in coverage.items():
            facts[org_id] = (required,
                             [c for c in required if c not in covered])
        return facts

    def _missing_note(self, facts):
        names = dict(self.env['party.rule.category'].browse(
            list({c for _req, missing in facts.values() for c in missing}))
            .name_get())
        return {org_id: join_list(self.env, [names[c] for c in missing])
                for org_id, (_required, missing) in facts.items()}

    @api.model
    def _metric_rule_categories(self, org_ids, date_from, date_to,
                                meeting_type):
        """The share of the categories required for the organization's
        kind that a rule in force covered on date_to (its own or one
        issued above it); 1 where none is required. Note: the categories
        missing."""
        facts = self._rule_category_facts(org_ids, date_to)
        notes = self._missing_note(facts)
        return {org_id: ((len(required) - len(missing)) / len(required)
                         if required else 1.0, notes[org_id])
                for org_id, (required, missing) in facts.items()}

    @api.model
    def _metric_rule_categories_missing(self, org_ids, date_from, date_to,
                                        meeting_type):
        """The number of required categories without a rule in force on
        date_to. Note: the categories missing."""
        facts = self._rule_category_facts(org_ids, date_to)
        notes = self._missing_note(facts)
        return {org_id: (len(missing), notes[org_id])
                for org_id, (_required, missing) in facts.items()}
