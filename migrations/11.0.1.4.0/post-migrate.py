"""11.0.1.4.0.

The daily jobs work in committed batches (party.job): their crons are
noupdate data, so the code and the interval of the two seeded crons are
rewritten here, unless an administrator changed the code (a cron new in this upgrade
comes with the new code already). They now run
every 10 minutes, do the day's run once, and resume it where it stopped.

`secretary_vacant_days` (counting on by itself every day) and
`setup_checked_on` (written on every organization every day) are no longer
stored: their columns go, so that the daily review writes only the
organizations whose compliance changed.
"""
import logging

from odoo.addons.party_building.migrations.noupdate_rules import (
    rewrite_noupdate_rules)

_logger = logging.getLogger(__name__)

CRONS = {
    'ir_cron_setup_review': ('model._cron_setup_review()',
                             'model._cron_setup_review(commit=True)'),
    'ir_cron_meeting_reminders': ('model._cron_remind()',
                                  'model._cron_remind(commit=True)'),
}


def migrate(cr, version):
    if not version:
        return
    rewrite_noupdate_rules(cr)
    for xmlid, (old, new) in CRONS.items():
        cr.execute("""
            UPDATE ir_act_server action
               SET code = %s
              FROM ir_cron cron
              JOIN ir_model_data imd
                ON imd.model = 'ir.cron' AND imd.res_id = cron.id
             WHERE imd.module = 'party_building' AND imd.name = %s
               AND action.id = cron.ir_actions_server_id
               AND btrim(action.code) IN (%s, %s)
         RETURNING cron.id
        """, [new, xmlid, old, new])
        rows = cr.fetchall()
        if not rows:
            _logger.warning('cron %s was changed by hand: left as it is',
                            xmlid)
            continue
        cr.execute("""UPDATE ir_cron SET interval_number = 10,
                                         interval_type = 'minutes'
                       WHERE id = %s""", [rows[0][0]])
    cr.execute("""ALTER TABLE party_organization
                  DROP COLUMN IF EXISTS secretary_vacant_days,
                  DROP COLUMN IF EXISTS setup_checked_on""")
