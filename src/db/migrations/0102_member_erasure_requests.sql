-- Personal data (UU 27/2022 Pelindungan Data Pribadi), decision 0106: a leaver's request to
-- erase their personal data, made by the member or recorded by an officer on their behalf,
-- and carried out (or not yet) by the ketua or sekretaris with a reason. One request per
-- member: once carried out, the member record holds a pseudonym and no personal data.
CREATE TABLE member_erasure_requests (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  requested_via text NOT NULL CHECK (requested_via IN ('member', 'officer')),
  requested_by uuid REFERENCES accounts(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  note text CHECK (length(note) <= 1000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
  done_by uuid REFERENCES accounts(id),
  done_at timestamptz,
  reason text CHECK (length(reason) BETWEEN 3 AND 1000),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, member_id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id),
  CHECK ((status = 'done') = (done_at IS NOT NULL AND reason IS NOT NULL))
);

ALTER TABLE member_erasure_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_erasure_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_erasure_requests USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
GRANT SELECT, INSERT, UPDATE ON member_erasure_requests TO lumbung_app;

-- Erasure removes the invitations that carried the member's e-mail (they can no longer be accepted).
GRANT DELETE ON member_invitations TO lumbung_app;
