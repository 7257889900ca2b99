-- Issue 14 item 3: minutes approved outside a meeting need the chair and the secretary
-- together, never one officer alone. Each signs once; the second signature approves them.
CREATE TABLE minutes_signatures (
  coop_id uuid NOT NULL REFERENCES coops(id),
  meeting_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('ketua', 'sekretaris')),
  account_id uuid NOT NULL REFERENCES accounts(id),
  signed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, meeting_id, role),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES minutes(coop_id, meeting_id)
);

ALTER TABLE minutes_signatures ENABLE ROW LEVEL SECURITY;
ALTER TABLE minutes_signatures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON minutes_signatures USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
GRANT SELECT, INSERT ON minutes_signatures TO lumbung_app;
