"""11.0.1.2.0 changed record rules (committee posts, secretary training and
appraisals are checked through their parent) without rewriting them, so
databases upgraded from 11.0.1.1.0 kept the old domains; 11.0.1.3.0 changes
rules again. Rewrite them all from source."""
from odoo.addons.party_building.migrations.noupdate_rules import (
    rewrite_noupdate_rules)


def migrate(cr, version):
    rewrite_noupdate_rules(cr)
