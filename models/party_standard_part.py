from odoo import SUPERUSER_ID, api, models

# Context value of a standard's own create, write and copy: its parts are
# changed together and the standard is checked once, at the end. A client
# cannot send it (RPC carries only JSON/XML values).
BATCH = object()


def in_batch(env):
    """Whether an outer operation checks the standard at its end: a
    standard's own create/write/copy, or the module's data files (run as
    superuser), which end with their own check."""
    return env.context.get('party_standard_batch') is BATCH or (
        env.uid == SUPERUSER_ID and 'install_mode_data' in env.context)


def batch(records):
    return records.with_context(party_standard_batch=BATCH)


class PartyStandardPart(models.AbstractModel):
    """What the parts of a standard (sections, criteria, levels,
    thresholds, bands, caps) share: they change only while their standard
    is not locked, and the standard stays consistent after every change
    (points that add up, bands without gap)."""
    _name = 'party.standard.part'
    _description = 'Part of a Quality Standard'

    def _party_standards(self):
        """The standards of these records."""
        return self.mapped('standard_id')

    def _party_standard_changed(self, standards):
        standards._check_unlocked()
        if not in_batch(self.env):
            standards._check_consistency()

    @api.model
    def create(self, vals):
        record = super(PartyStandardPart, self).create(vals)
        self._party_standard_changed(record._party_standards())
        return record

    @api.multi
    def write(self, vals):
        self._party_standards()._check_unlocked()
        result = super(PartyStandardPart, self).write(vals)
        self._party_standard_changed(self._party_standards())
        return result

    @api.multi
    def unlink(self):
        standards = self._party_standards()
        standards._check_unlocked()
        result = super(PartyStandardPart, self).unlink()
        self._party_standard_changed(standards.exists())
        return result
