-- A person's memberships, one row per period (decision 0105). The members row stays the person
-- (one id, one member number for life, their current details and status, and the dates of their
-- current period in joined_on/left_on); a resigned, expelled or rejected person who applies
-- again starts a new period instead of overwriting the old one.
--
--   period_no   1, 2, … per member, in order
--   member_no   the number held in the period (null until admitted; the same in every period)
--   applied_at  when the application of this period was made
--   joined_on / left_on   the period's membership days (null joined_on: never admitted)
--   outcome     null while the period is open; 'resigned' | 'expelled' | 'rejected' once it ended
--   details     the person's record (full name, birth date, NIK, phone, …) as it was in the
--               period: written when the period opens and again when it ends, so what the
--               coop knew of the person then stays readable after the person's record changes
--
-- Written only by the members' write path (src/members/periods.ts), in the same transaction as
-- the member's status change. Citus-ready: coop_id first in every key.

CREATE TABLE membership_periods (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  period_no integer NOT NULL CHECK (period_no > 0),
  member_no integer CHECK (member_no > 0),
  applied_at timestamptz NOT NULL,
  joined_on date,
  left_on date,
  outcome text CHECK (outcome IN ('resigned', 'expelled', 'rejected')),
  details jsonb NOT NULL CHECK (jsonb_typeof(details) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, member_id, period_no),
  FOREIGN KEY (coop_id, member_id) REFERENCES members (coop_id, id),
  CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on)
);

-- Every member known today has had one period: the one their record describes (each coop under
-- its own tenant setting, as members is subject to its policy even for its owner).
DO $$
DECLARE c uuid;
BEGIN
  FOR c IN SELECT id FROM coops ORDER BY id LOOP
    PERFORM set_config('lumbung.coop_id', c::text, true);
    INSERT INTO membership_periods (coop_id, member_id, period_no, member_no, applied_at, joined_on, left_on, outcome, details)
    SELECT m.coop_id, m.id, 1, m.member_no, m.applied_at, m.joined_on,
           CASE WHEN m.joined_on IS NULL OR m.left_on >= m.joined_on THEN m.left_on END,
           CASE WHEN m.status IN ('resigned', 'expelled', 'rejected') THEN m.status END,
           jsonb_build_object(
             'full_name', m.full_name, 'gender', m.gender, 'birth_date', m.birth_date, 'nik', m.nik, 'phone', m.phone,
             'email', m.email, 'street', m.street, 'village_code', m.village_code, 'rt', m.rt, 'rw', m.rw,
             'household_code', m.household_code, 'occupation', m.occupation, 'skills', to_jsonb(m.skills),
             'civil_society_group', m.civil_society_group, 'is_well_off', m.is_well_off, 'receives_state_aid', m.receives_state_aid)
      FROM members m
     WHERE m.coop_id = c
     ORDER BY m.id;
  END LOOP;
  PERFORM set_config('lumbung.coop_id', '', true);
END $$;

ALTER TABLE membership_periods ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership_periods FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON membership_periods USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
GRANT SELECT, INSERT, UPDATE ON membership_periods TO lumbung_app;

