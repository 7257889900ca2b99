-- Issue 14: excused absences (izin) at a meeting. A member of the meeting's electorate who did
-- not attend may be recorded as excused, with the reason they gave; the minutes list them apart
-- from the other absentees. Removing the excuse deletes the row (it is not a record of money).
CREATE TABLE meeting_excuses (
  coop_id uuid NOT NULL REFERENCES coops(id),
  meeting_id uuid NOT NULL,
  member_id uuid NOT NULL,
  reason text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 300),
  recorded_by uuid REFERENCES accounts(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, meeting_id, member_id),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES meetings(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);

ALTER TABLE meeting_excuses ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_excuses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_excuses USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_excuses TO lumbung_app;
