"""11.0.1.10.0, yearly study and service totals (party.member.year).

The attendance's credited study hours are a new column: added here with a
default of 0 (instant in PostgreSQL 11 and later), so that the ORM does not
add it empty and the post-migration computes only the attendances that
credit hours, not every row of a province's attendance table (an
installation older than the meetings has none yet)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""ALTER TABLE IF EXISTS party_meeting_attendance
                  ADD COLUMN IF NOT EXISTS study_hours numeric DEFAULT 0""")
