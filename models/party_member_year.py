"""Yearly study and service totals per member, kept by PostgreSQL.

A list of the members below their yearly study hours must stay interactive
for a province (4,000,000 members; 26 million records of study, service and
attendance a year): summing the records on each call takes minutes. The
sums of each member's calendar year are therefore stored here, and
party.service.totals reads them for whole calendar years (the list, the
organizations' figures of this year, a campaign's metrics over a year); the
leaders' requirement and the company's hours are still read on the fly
(they change without any record of the member changing).

The sums are kept by triggers, like the organizations' paths: every write
counts, the ORM's, a cascade (a deleted meeting's attendance), a related
field the ORM recomputes (a meeting moved to another year, held, its type
changed) and a bulk load in SQL. Each trigger adds the difference its row
makes (NUMERIC, so that adding and taking away the same hours is exact):

- a study record: its hours in the year of its date (the same function as
  a service record's: its hours and one service);
- an attendance: the study hours it is credited (its `study_hours`, set by
  a trigger from its state, its meeting's state, start and end, and its
  type, party_study_credit) in the year of its meeting; a change of the
  meeting's start or end, or of the type's hours, computes the credits of
  its attendances again and adds the differences in one statement
  (party_attendance_recredit).

Under Odoo's REPEATABLE READ two transactions adding to the same row
conflict: the second gets a serialization failure and Odoo retries it, so no
addition is lost. `party_member_year_source` is the definition of the sums
from the records themselves: the migration fills the table from it and
`_mismatches` compares them."""
from odoo import api, fields, models

PAUSED = 'party_building.member_year_paused'

TRIGGERS_SQL = """
-- the hours an attendance credits: a member present at a held meeting of a
-- type that counts study hours gets the meeting's duration (at most 24
-- hours), or the type's hours when the meeting has no end time
CREATE OR REPLACE FUNCTION party_study_credit(
        attendance_state varchar, meeting_state varchar, counts boolean,
        type_hours double precision, meeting_start timestamp,
        meeting_end timestamp)
    RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN attendance_state IS DISTINCT FROM 'present'
             OR meeting_state IS DISTINCT FROM 'held'
             OR NOT COALESCE(counts, false) THEN 0::numeric
        WHEN meeting_end IS NOT NULL
             THEN LEAST(extract(epoch FROM meeting_end - meeting_start)
                        ::numeric / 3600, 24)
        ELSE COALESCE(type_hours, 0)::numeric END
$$;

CREATE OR REPLACE FUNCTION party_member_year_add(
        p_member integer, p_day date, p_study numeric, p_service numeric,
        p_services integer)
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_member IS NULL OR p_day IS NULL
       OR (p_study = 0 AND p_service = 0 AND p_services = 0)
       -- a member being deleted (its rows go with it)
       OR NOT EXISTS (SELECT 1 FROM party_member WHERE id = p_member) THEN
        RETURN;
    END IF;
    INSERT INTO party_member_year AS y
           (member_id, year, study, service, services)
    VALUES (p_member, extract(year FROM p_day)::integer, p_study, p_service,
            p_services)
    ON CONFLICT (member_id, year) DO UPDATE
       SET study = y.study + EXCLUDED.study,
           service = y.service + EXCLUDED.service,
           services = y.services + EXCLUDED.services;
END $$;

CREATE OR REPLACE FUNCTION party_member_year_paused() RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT COALESCE(current_setting('%(paused)s', true), '') = 'on'
$$;

-- a study record (TG_ARGV[0] 'study') or a service record ('service'):
-- its hours (and one service) in the year of its date
CREATE OR REPLACE FUNCTION party_member_year_record() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    service integer := CASE WHEN TG_ARGV[0] = 'service' THEN 1 ELSE 0 END;
BEGIN
    IF party_member_year_paused() OR (TG_OP = 'UPDATE'
       AND (OLD.member_id, OLD.date, OLD.hours)
           IS NOT DISTINCT FROM (NEW.member_id, NEW.date, NEW.hours)) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM party_member_year_add(
            OLD.member_id, OLD.date,
            -(1 - service) * COALESCE(OLD.hours, 0)::numeric,
            -service * COALESCE(OLD.hours, 0)::numeric, -service);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM party_member_year_add(
            NEW.member_id, NEW.date,
            (1 - service) * COALESCE(NEW.hours, 0)::numeric,
            service * COALESCE(NEW.hours, 0)::numeric, service);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS party_member_year ON party_study_record;
CREATE TRIGGER party_member_year
    AFTER INSERT OR DELETE OR UPDATE OF member_id, date, hours
    ON party_study_record
    FOR EACH ROW EXECUTE PROCEDURE party_member_year_record('study');
DROP TRIGGER IF EXISTS party_member_year ON party_service_record;
CREATE TRIGGER party_member_year
    AFTER INSERT OR DELETE OR UPDATE OF member_id, date, hours
    ON party_service_record
    FOR EACH ROW EXECUTE PROCEDURE party_member_year_record('service');

-- an attendance's credit, from its own state and its meeting's (the
-- related columns the ORM keeps on the attendance) and type
CREATE OR REPLACE FUNCTION party_attendance_set_credit() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF party_member_year_paused() THEN
        RETURN NEW;
    END IF;
    SELECT party_study_credit(NEW.state, NEW.meeting_state,
                              t.counts_study_hours, t.study_hours,
                              m.start, m."end")
      INTO NEW.study_hours
      FROM party_meeting m
      LEFT JOIN party_meeting_type t ON t.id = NEW.type_id
     WHERE m.id = NEW.meeting_id;
    NEW.study_hours := COALESCE(NEW.study_hours, 0);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS party_attendance_credit ON party_meeting_attendance;
CREATE TRIGGER party_attendance_credit
    BEFORE INSERT OR UPDATE ON party_meeting_attendance
    FOR EACH ROW EXECUTE PROCEDURE party_attendance_set_credit();

CREATE OR REPLACE FUNCTION party_member_year_attendance() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF party_member_year_paused() OR (TG_OP = 'UPDATE'
       AND (OLD.member_id, OLD.meeting_date, OLD.study_hours)
           IS NOT DISTINCT FROM
           (NEW.member_id, NEW.meeting_date, NEW.study_hours)) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM party_member_year_add(OLD.member_id, OLD.meeting_date,
                                      -COALESCE(OLD.study_hours, 0), 0, 0);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM party_member_year_add(NEW.member_id, NEW.meeting_date,
                                      COALESCE(NEW.study_hours, 0), 0, 0);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS party_member_year ON party_meeting_attendance;
CREATE TRIGGER party_member_year
    AFTER INSERT OR DELETE OR UPDATE ON party_meeting_attendance
    FOR EACH ROW EXECUTE PROCEDURE party_member_year_attendance();

-- the credits of the present attendances of held meetings that `cond`
-- selects ($1: its argument) computed again, and the difference added to
-- the totals in one statement (a meeting type switched over a province
-- rewrites a million credits: row by row, each would write its totals)
CREATE OR REPLACE FUNCTION party_attendance_recredit(cond text, arg integer)
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('%(paused)s', 'on', true);
    EXECUTE format($sql$
        WITH old AS (
            SELECT a.id, COALESCE(a.study_hours, 0) AS hours
              FROM party_meeting_attendance a
              JOIN party_meeting m ON m.id = a.meeting_id
             WHERE a.state = 'present' AND a.meeting_state = 'held' AND %%s
        ), changed AS (
            UPDATE party_meeting_attendance a
               SET study_hours = party_study_credit(
                       a.state, a.meeting_state, t.counts_study_hours,
                       t.study_hours, m.start, m."end")
              FROM old, party_meeting m, party_meeting_type t
             WHERE a.id = old.id AND m.id = a.meeting_id
               AND t.id = a.type_id
         RETURNING a.member_id, a.meeting_date,
                   a.study_hours - old.hours AS delta
        )
        INSERT INTO party_member_year AS y
               (member_id, year, study, service, services)
        SELECT member_id, extract(year FROM meeting_date)::integer,
               sum(delta), 0, 0
          FROM changed
         WHERE meeting_date IS NOT NULL
         GROUP BY 1, 2 HAVING sum(delta) != 0
        ON CONFLICT (member_id, year) DO UPDATE
           SET study = y.study + EXCLUDED.study
    $sql$, cond) USING arg;
    PERFORM set_config('%(paused)s', 'off', true);
END $$;

-- a meeting's start or end, a type's hours: the credits they change
CREATE OR REPLACE FUNCTION party_member_year_meeting() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT party_member_year_paused() AND (OLD.start, OLD."end")
       IS DISTINCT FROM (NEW.start, NEW."end") THEN
        PERFORM party_attendance_recredit('a.meeting_id = $1', NEW.id);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS party_member_year ON party_meeting;
CREATE TRIGGER party_member_year
    AFTER UPDATE OF start, "end" ON party_meeting
    FOR EACH ROW EXECUTE PROCEDURE party_member_year_meeting();

CREATE OR REPLACE FUNCTION party_member_year_meeting_type() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF party_member_year_paused() THEN
        RETURN NULL;
    END IF;
    IF OLD.counts_study_hours IS DISTINCT FROM NEW.counts_study_hours THEN
        PERFORM party_attendance_recredit('a.type_id = $1', NEW.id);
    ELSIF NEW.counts_study_hours
          AND OLD.study_hours IS DISTINCT FROM NEW.study_hours THEN
        -- the type's hours only count for meetings without an end time
        PERFORM party_attendance_recredit(
            'a.type_id = $1 AND m."end" IS NULL', NEW.id);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS party_member_year ON party_meeting_type;
CREATE TRIGGER party_member_year
    AFTER UPDATE OF counts_study_hours, study_hours ON party_meeting_type
    FOR EACH ROW EXECUTE PROCEDURE party_member_year_meeting_type();

-- the definition of the sums, from the records themselves
CREATE OR REPLACE VIEW party_member_year_source AS
SELECT member_id, year::integer AS year, sum(study) AS study,
       sum(service) AS service, sum(services)::integer AS services
  FROM (
        SELECT member_id, extract(year FROM date) AS year,
               hours::numeric AS study, 0::numeric AS service,
               0 AS services
          FROM party_study_record
        UNION ALL
        SELECT a.member_id, extract(year FROM a.meeting_date),
               party_study_credit(a.state, a.meeting_state,
                                  t.counts_study_hours, t.study_hours,
                                  m.start, m."end"), 0, 0
          FROM party_meeting_attendance a
          JOIN party_meeting m ON m.id = a.meeting_id
          JOIN party_meeting_type t ON t.id = a.type_id
         WHERE a.state = 'present' AND a.meeting_state = 'held'
           AND t.counts_study_hours
        UNION ALL
        SELECT member_id, extract(year FROM date), 0, hours::numeric, 1
          FROM party_service_record
       ) records
 WHERE year IS NOT NULL
 GROUP BY member_id, year;
""" % {'paused': PAUSED}


class PartyMemberYear(models.Model):
    _name = 'party.member.year'
    _description = 'Yearly Study and Service Totals'
    _log_access = False
    _rec_name = 'member_id'

    member_id = fields.Many2one('party.member', string='Member',
                                required=True, ondelete='cascade',
                                readonly=True)
    year = fields.Integer(required=True, readonly=True)
    # NUMERIC (digits=0): sums kept by adding and taking away stay exact
    study = fields.Float(string='Study Hours', digits=0, readonly=True)
    service = fields.Float(string='Service Hours', digits=0, readonly=True)
    services = fields.Integer(readonly=True)

    _sql_constraints = [
        ('member_year_uniq', 'unique (member_id, year)',
         'A member has one line of totals per year.'),
    ]

    @api.model_cr
    def init(self):
        self.env.cr.execute(TRIGGERS_SQL)

    @api.model
    def _rebuild(self):
        """Compute every credit and every total again from the records (the
        migration that introduced them; a repair), the triggers paused."""
        cr = self.env.cr
        cr.execute("SELECT set_config(%s, 'on', true)", [PAUSED])
        cr.execute("""
            UPDATE party_meeting_attendance a
               SET study_hours = party_study_credit(
                       a.state, a.meeting_state, t.counts_study_hours,
                       t.study_hours, m.start, m."end")
              FROM party_meeting m, party_meeting_type t
             WHERE m.id = a.meeting_id AND t.id = a.type_id
               AND a.study_hours IS DISTINCT FROM party_study_credit(
                       a.state, a.meeting_state, t.counts_study_hours,
                       t.study_hours, m.start, m."end")
        """)
        cr.execute("DELETE FROM party_member_year")
        cr.execute("""
            INSERT INTO party_member_year
                   (member_id, year, study, service, services)
            SELECT member_id, year, study, service, services
              FROM party_member_year_source
        """)
        cr.execute("SELECT set_config(%s, 'off', true)", [PAUSED])
        self.invalidate_cache()

    @api.model
    def _mismatches(self):
        """[(member id, year, study, service, services)] of the totals that
        differ from their records (the stored line, or the records' when
        no line holds them): empty when the triggers kept up."""
        self.env.cr.execute("""
            (SELECT member_id, year, study, service, services
               FROM party_member_year
              WHERE study != 0 OR service != 0 OR services != 0
             EXCEPT
             SELECT member_id, year, study, service, services
               FROM party_member_year_source)
            UNION ALL
            (SELECT member_id, year, study, service, services
               FROM party_member_year_source
              WHERE study != 0 OR service != 0 OR services != 0
             EXCEPT
             SELECT member_id, year, study, service, services
               FROM party_member_year)
        """)
        return self.env.cr.fetchall()


class PartyMeetingAttendance(models.Model):
    _inherit = 'party.meeting.attendance'

    # set by a trigger (party_attendance_set_credit), whatever is written
    study_hours = fields.Float(
        string='Study Hours Credited', digits=0, readonly=True,
        help="The hours of study this attendance credits the member: the "
             "meeting's duration when the member was present at a held "
             "meeting of a type that counts study hours.")
