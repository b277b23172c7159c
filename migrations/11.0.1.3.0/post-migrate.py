"""11.0.1.3.0.

Record rules: 11.0.1.2.0 changed some (committee posts, secretary training
and appraisals are checked through their parent) without rewriting them, so
databases upgraded from 11.0.1.1.0 kept the old domains; 11.0.1.3.0 changes
rules again. All are rewritten from source.

Reminders are recognised by a key (mail.activity.party_reminder_key), no
longer by their text: the open reminders written before have none and are
in the job's language, so they are removed and the next daily run writes
them again, in each recipient's language.

The committee meeting was one seeded type for every kind; it is now the
branch committee meeting (支委会), with the general branch's and the party
committee's (党委会) seeded beside it: the seeded record is noupdate, so it
is renamed here and the meetings of committees and general branches move to
their own type.

Configuration shared by all companies:

- The seeded term lengths belonged to the main company, so other companies
  silently fell back to 3 years: they become shared (no company), the
  company's own rows still taking precedence.
- Meeting types and committee posts got an optional company (empty:
  shared). Adding the column filled it with the installing user's company;
  every existing type and post was shared before, so it stays shared.
- Term lengths are unique per company, kind and sector with empty values
  compared as values: duplicates the old unique constraint let through
  (same company and kind, no sector) are reduced to the last one written,
  the others logged, and the constraint is added if the upgrade could not.
"""
import logging

from odoo.addons.party_building.migrations.noupdate_rules import (
    rewrite_noupdate_rules)

_logger = logging.getLogger(__name__)

CONSTRAINT = 'party_term_length_kind_sector_uniq'
DEFINITION = ("EXCLUDE ((COALESCE(company_id, 0)) WITH =, "
              "(COALESCE(kind, '')) WITH =, (COALESCE(sector, '')) WITH =)")
# as Odoo adds it, with the definition in the comment it compares
ADD_CONSTRAINT = ('ALTER TABLE party_term_length ADD CONSTRAINT '
                  '"party_term_length_kind_sector_uniq" ' + DEFINITION)
COMMENT_CONSTRAINT = ('COMMENT ON CONSTRAINT '
                      '"party_term_length_kind_sector_uniq" '
                      'ON party_term_length IS %s')


def migrate(cr, version):
    if not version:
        return
    rewrite_noupdate_rules(cr)
    cr.execute("""
        DELETE FROM mail_activity
         WHERE party_reminder_key IS NULL
           AND activity_type_id IN (
               SELECT res_id FROM ir_model_data
                WHERE module = 'party_building'
                  AND name IN ('mail_activity_type_setup_reminder',
                               'mail_activity_type_meeting_reminder'))
    """)
    cr.execute("UPDATE party_organization SET term_reminded_on = NULL, "
               "vacancy_reminded_on = NULL")
    split_committee_meetings(cr)
    cr.execute("""
        UPDATE party_term_length row
           SET company_id = NULL
          FROM ir_model_data imd
         WHERE imd.module = 'party_building'
           AND imd.model = 'party.term.length'
           AND imd.res_id = row.id
    """)
    cr.execute("UPDATE party_meeting_type SET company_id = NULL")
    cr.execute("UPDATE party_position_role SET company_id = NULL")
    cr.execute("""
        SELECT id, company_id, kind, sector, years
          FROM (SELECT row.*, row_number() OVER (
                       PARTITION BY COALESCE(company_id, 0),
                                    COALESCE(kind, ''), COALESCE(sector, '')
                       ORDER BY write_date DESC NULLS LAST, id DESC) AS rank
                  FROM party_term_length row) ranked
         WHERE rank > 1
    """)
    duplicates = cr.fetchall()
    for row in duplicates:
        _logger.warning(
            "party_building: removed duplicate term length %s (company %s, "
            "kind %s, sector %s, %s years); the last one written is kept",
            *row)
    if duplicates:
        cr.execute("DELETE FROM ir_model_data WHERE model = "
                   "'party.term.length' AND res_id IN %s",
                   [tuple(row[0] for row in duplicates)])
        cr.execute("DELETE FROM party_term_length WHERE id IN %s",
                   [tuple(row[0] for row in duplicates)])
    cr.execute("SELECT 1 FROM pg_constraint WHERE conname = %s",
               [CONSTRAINT])
    if not cr.fetchone():
        cr.execute(ADD_CONSTRAINT)
        cr.execute(COMMENT_CONSTRAINT, [DEFINITION])


def split_committee_meetings(cr):
    cr.execute("""
        SELECT name, res_id FROM ir_model_data
         WHERE module = 'party_building' AND name IN (
               'meeting_type_committee', 'meeting_type_party_committee',
               'meeting_type_general_branch_committee')
    """)
    ids = dict(cr.fetchall())
    if len(ids) < 3:
        return
    params = {'branch': ids['meeting_type_committee'],
              'committee': ids['meeting_type_party_committee'],
              'general': ids['meeting_type_general_branch_committee']}
    cr.execute("""
        UPDATE party_meeting_type
           SET name = 'Branch Committee Meeting', apply_branch = true,
               apply_committee = false, apply_general_branch = false,
               apply_group = false
         WHERE id = %(branch)s
    """, params)
    cr.execute("""
        UPDATE ir_translation SET src = 'Branch Committee Meeting'
         WHERE name = 'party.meeting.type,name' AND res_id = %(branch)s
    """, params)
    cr.execute("""
        UPDATE party_meeting meeting
           SET type_id = CASE org.kind WHEN 'committee' THEN %(committee)s
                                       ELSE %(general)s END
          FROM party_organization org
         WHERE meeting.organization_id = org.id
           AND meeting.type_id = %(branch)s
           AND org.kind IN ('committee', 'general_branch')
    """, params)
    cr.execute("""
        UPDATE party_meeting_attendance line SET type_id = meeting.type_id
          FROM party_meeting meeting
         WHERE line.meeting_id = meeting.id
           AND line.type_id IS DISTINCT FROM meeting.type_id
    """)
