"""11.0.1.8.0, education and service (issue 15).

Meeting types that count study hours are new: the data file's function
(install only) marks the party lecture and the theme party day; here for
an upgraded database. The satisfaction questionnaire's template, the post
kinds and the metrics are new noupdate records: the upgrade creates them.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['party.meeting.type']._service_seed_study_types()
