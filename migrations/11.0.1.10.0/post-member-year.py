"""11.0.1.10.0, yearly study and service totals (party.member.year): the
triggers keep them from now on; the records of an upgraded database are
summed here once."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['party.member.year']._rebuild()
    cr.execute("SELECT count(*) FROM party_member_year")
    _logger.info('party_building: %s yearly totals of members computed',
                 cr.fetchone()[0])
