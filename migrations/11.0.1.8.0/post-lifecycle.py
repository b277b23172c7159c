"""11.0.1.8.0, members' lifecycle.

Members who lost contact or whose membership is stopped (the new
party_member.standing) are no longer counted: the counting trigger was
replaced when the module loaded (party.member._init_member_counts), and the
stored counts are computed again here from the members under the new rule.
Every member of an upgraded database is in good standing (the column's
default), so the figures stay the same; recomputing keeps them exact even
if the trigger missed a statement during the upgrade.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['party.member']._recompute_member_counts()
