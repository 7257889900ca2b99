-- Public donations to a community programme (issue 18, item 1; decision 0160): a donor pledges
-- an exact amount by QRIS or bank transfer on the programme's public page; the bendahara
-- confirms the money arrived, which posts it (one journal entry through postEntry) as a care
-- movement with a numbered receipt. The donor's page is reached by a secret link (its hash kept).

CREATE TABLE care_donations (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  fund_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  method text NOT NULL CHECK (method IN ('qris', 'transfer')),
  donor_name text CHECK (length(donor_name) BETWEEN 2 AND 200),
  donor_public boolean NOT NULL DEFAULT false,
  token_hash text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'cancelled')),
  movement_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  confirmed_by uuid,
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, token_hash),
  UNIQUE (coop_id, movement_id),
  FOREIGN KEY (coop_id, programme_id) REFERENCES care_programmes(coop_id, id),
  FOREIGN KEY (coop_id, fund_id) REFERENCES care_funds(coop_id, id),
  FOREIGN KEY (coop_id, movement_id) REFERENCES care_movements(coop_id, id),
  CHECK ((status = 'paid') = (movement_id IS NOT NULL))
);
CREATE INDEX care_donations_pending_idx ON care_donations (coop_id, created_at) WHERE status = 'pending';

ALTER TABLE care_donations ENABLE ROW LEVEL SECURITY;
ALTER TABLE care_donations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON care_donations USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
GRANT SELECT, INSERT, UPDATE ON care_donations TO lumbung_app;
