-- Concern for community (issue 18): funds that are ledger accounts, community programmes with
-- budget lines, aid applications checked against eligibility rules kept as data, decisions by
-- N of the named officers with declared conflicts, and fund movements (each one posting).
-- See docs/decisions/0135-care-funds.md. Every table is distributed by coop_id (Citus-ready).

-- The eligibility and decision rules of a cooperative (defaults apply until the board saves them).
CREATE TABLE care_settings (
  coop_id uuid NOT NULL REFERENCES coops(id),
  rules jsonb NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id)
);

-- A fund is one ledger account (Dana sosial, Dana pendidikan, or a grant's own sub-account).
-- Its balance is the account's balance; the row is locked by every movement out of it.
CREATE TABLE care_funds (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('sosial', 'pendidikan', 'hibah')),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  account_id uuid NOT NULL,
  is_state_aid boolean NOT NULL DEFAULT false,
  grantor text CHECK (length(grantor) <= 200),
  conditions text NOT NULL DEFAULT '' CHECK (length(conditions) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, account_id),
  FOREIGN KEY (coop_id, account_id) REFERENCES ledger_accounts(coop_id, id)
);

CREATE TABLE care_programmes (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 5000),
  story text NOT NULL DEFAULT '' CHECK (length(story) <= 10000),
  village_code text,
  rt smallint CHECK (rt BETWEEN 1 AND 999),
  rw smallint CHECK (rw BETWEEN 1 AND 999),
  fund_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'done', 'cancelled')),
  starts_on date,
  ends_on date,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, fund_id) REFERENCES care_funds(coop_id, id),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE care_budget_lines (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 2 AND 300),
  amount bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, programme_id, position),
  FOREIGN KEY (coop_id, programme_id) REFERENCES care_programmes(coop_id, id) ON DELETE CASCADE
);

-- An application for aid, by a member or by someone of the community (no account needed).
-- The eligibility verdict and its evidence are stored as they were checked.
CREATE TABLE care_applications (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  fund_id uuid NOT NULL,
  programme_id uuid,
  member_id uuid,
  applicant_name text NOT NULL CHECK (length(applicant_name) BETWEEN 2 AND 200),
  phone text CHECK (length(phone) <= 30),
  nik text CHECK (nik ~ '^[0-9]{16}$'),
  household_code text NOT NULL CHECK (length(household_code) BETWEEN 1 AND 64),
  household_size smallint NOT NULL DEFAULT 1 CHECK (household_size BETWEEN 1 AND 50),
  is_well_off boolean NOT NULL DEFAULT false,
  village_code text,
  rt smallint CHECK (rt BETWEEN 1 AND 999),
  rw smallint CHECK (rw BETWEEN 1 AND 999),
  category text NOT NULL CHECK (category IN ('kesehatan', 'sekolah_anak', 'bencana', 'duka', 'usaha')),
  amount_asked bigint NOT NULL CHECK (amount_asked > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 5000),
  consent_public boolean NOT NULL DEFAULT false,
  submitted_via text NOT NULL CHECK (submitted_via IN ('board', 'public')),
  status text NOT NULL CHECK (status IN ('open', 'approved', 'refused', 'paid', 'withdrawn')),
  eligibility jsonb NOT NULL,
  refused_rule text,
  approved_amount bigint CHECK (approved_amount > 0),
  paid_amount bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  submitted_on date NOT NULL,
  decided_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, fund_id) REFERENCES care_funds(coop_id, id),
  FOREIGN KEY (coop_id, programme_id) REFERENCES care_programmes(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id),
  CHECK (approved_amount IS NULL OR paid_amount <= approved_amount)
);
CREATE INDEX care_applications_household_idx ON care_applications (coop_id, household_code, submitted_on);
CREATE INDEX care_applications_status_idx ON care_applications (coop_id, status, created_at);

-- One vote per officer per application (the unique key makes a repeated approval one approval).
CREATE TABLE care_decisions (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL,
  officer_account_id uuid NOT NULL,
  officer_role text NOT NULL,
  vote text NOT NULL CHECK (vote IN ('approve', 'refuse')),
  amount bigint CHECK (amount > 0),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  rule jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, application_id, officer_account_id),
  FOREIGN KEY (coop_id, application_id) REFERENCES care_applications(coop_id, id)
);

-- A conflict of interest an officer declared for an application (kept; the officer may not decide it).
CREATE TABLE care_conflicts (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL,
  officer_account_id uuid NOT NULL,
  relation text NOT NULL CHECK (length(relation) BETWEEN 2 AND 300),
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, application_id, officer_account_id),
  FOREIGN KEY (coop_id, application_id) REFERENCES care_applications(coop_id, id)
);

-- Every rupiah into or out of a fund: one row, one journal entry. amount > 0 in, < 0 out.
CREATE TABLE care_movements (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  fund_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('donation', 'grant', 'disbursement', 'reversal')),
  amount bigint NOT NULL CHECK (amount <> 0),
  method text NOT NULL CHECK (method IN ('cash', 'transfer')),
  occurred_on date NOT NULL,
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 2 AND 300),
  programme_id uuid,
  application_id uuid,
  village_code text,
  category text,
  counterparty text CHECK (length(counterparty) <= 200),
  counterparty_public boolean NOT NULL DEFAULT false,
  receipt_year smallint NOT NULL,
  receipt_seq integer NOT NULL,
  receipt_no text NOT NULL,
  receipt_signed text CHECK (receipt_signed IN ('tick', 'upload')),
  entry_id uuid NOT NULL,
  reverses_id uuid,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, idempotency_key),
  UNIQUE (coop_id, receipt_no),
  UNIQUE (coop_id, reverses_id),
  FOREIGN KEY (coop_id, fund_id) REFERENCES care_funds(coop_id, id),
  FOREIGN KEY (coop_id, programme_id) REFERENCES care_programmes(coop_id, id),
  FOREIGN KEY (coop_id, application_id) REFERENCES care_applications(coop_id, id),
  FOREIGN KEY (coop_id, entry_id) REFERENCES journal_entries(coop_id, id),
  FOREIGN KEY (coop_id, reverses_id) REFERENCES care_movements(coop_id, id)
);
CREATE INDEX care_movements_date_idx ON care_movements (coop_id, occurred_on, created_at, id);
CREATE INDEX care_movements_programme_idx ON care_movements (coop_id, programme_id) WHERE programme_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['care_settings','care_funds','care_programmes','care_budget_lines','care_applications','care_decisions','care_conflicts','care_movements'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON care_settings, care_funds, care_programmes, care_applications TO lumbung_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON care_budget_lines TO lumbung_app;
GRANT SELECT, INSERT ON care_decisions, care_conflicts, care_movements TO lumbung_app;
