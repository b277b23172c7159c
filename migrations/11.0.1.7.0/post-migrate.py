"""11.0.1.7.0.

The audit trail (auditlog) is new: its rules are noupdate data, created by
the upgrade but subscribed by the data file's function only on install, so
they are subscribed here.

Implementation plans are new: every sector category requires one except
"other", which the data file's function (install only) marks; here for an
upgraded database.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['auditlog.rule']._party_subscribe()
    other = env.ref('party_building.category_sector_other',
                    raise_if_not_found=False)
    if other:
        other.write({'plan_required': False})
