-- Year-end surplus (SHU) runs (issue #6, docs/domain/surplus.md §5.2 step 10, decision 0090).
-- A run is one computation of a fiscal year's distribution with its inputs snapshot and every
-- member's result. DRAFT → PROPOSED → APPROVED (a passed decision of a RAT) → POSTED (one
-- journal entry) → PAID (every member paid); a posted run without payments may be REVERSED
-- (reversing entry) so a corrected run can replace it. From APPROVED on, a run's figures and
-- its member rows never change (trigger); payments are append-only rows of their own.

-- Coop-level SHU policies the charter does not hold (textbook defaults of surplus.md).
CREATE TABLE shu_settings (
  coop_id uuid PRIMARY KEY REFERENCES coops(id),
  capital_accounts text[] NOT NULL DEFAULT ARRAY['pokok','wajib'] CHECK (capital_accounts <@ ARRAY['pokok','wajib','sukarela'] AND cardinality(capital_accounts) >= 1),
  capital_method text NOT NULL DEFAULT 'AVG_DAILY' CHECK (capital_method IN ('AVG_DAILY','END_OF_PERIOD','AVG_MONTH_END')),
  leaver text NOT NULL DEFAULT 'PRO_RATA' CHECK (leaver IN ('PRO_RATA','FORFEIT_TO_CADANGAN')),
  min_active_days integer NOT NULL DEFAULT 0 CHECK (min_active_days BETWEEN 0 AND 366),
  empty_pool text NOT NULL DEFAULT 'TO_CADANGAN' CHECK (empty_pool IN ('TO_CADANGAN','TO_OTHER_MEMBER_POOL')),
  payout_round_to integer NOT NULL DEFAULT 1 CHECK (payout_round_to IN (1, 100)),
  withholding_bp integer NOT NULL DEFAULT 0 CHECK (withholding_bp BETWEEN 0 AND 10000),
  usaha_categories jsonb NOT NULL DEFAULT '[{"code":"WORK_SALES","weightBp":10000},{"code":"MEMBER_PURCHASES","weightBp":10000}]',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);

CREATE TABLE shu_runs (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  number integer NOT NULL CHECK (number >= 1),
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 9999),
  period_start date NOT NULL,
  period_end date NOT NULL CHECK (period_end >= period_start),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','proposed','approved','posted','paid','reversed')),
  outcome text NOT NULL CHECK (outcome IN ('DISTRIBUTED','NO_DISTRIBUTION')),
  pool bigint NOT NULL,
  -- Σ weights, as decimal strings of bigints (rupiah-days can exceed 2^53): the formula's denominators.
  total_capital_weight numeric NOT NULL DEFAULT 0,
  total_volume_weight numeric NOT NULL DEFAULT 0,
  inputs jsonb NOT NULL,
  result jsonb NOT NULL,
  corrects_run_id uuid,
  decision_id uuid,
  decision_ref text,
  approved_at timestamptz,
  approved_by uuid,
  posted_entry_id uuid,
  posted_at timestamptz,
  reversal_entry_id uuid,
  reversed_at timestamptz,
  paid_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, number),
  FOREIGN KEY (coop_id, decision_id) REFERENCES decisions(coop_id, id),
  FOREIGN KEY (coop_id, posted_entry_id) REFERENCES journal_entries(coop_id, id),
  FOREIGN KEY (coop_id, reversal_entry_id) REFERENCES journal_entries(coop_id, id),
  FOREIGN KEY (coop_id, corrects_run_id) REFERENCES shu_runs(coop_id, id),
  CHECK (status IN ('draft','proposed') OR (decision_id IS NOT NULL AND approved_at IS NOT NULL)),
  CHECK (status NOT IN ('posted','paid','reversed') OR posted_at IS NOT NULL),
  CHECK (status <> 'reversed' OR reversed_at IS NOT NULL)
);
-- At most one standing (approved, posted or paid) run per fiscal year.
CREATE UNIQUE INDEX shu_runs_one_standing ON shu_runs (coop_id, fiscal_year) WHERE status IN ('approved','posted','paid');
CREATE INDEX shu_runs_year_idx ON shu_runs (coop_id, fiscal_year, number);

CREATE TABLE shu_run_members (
  coop_id uuid NOT NULL,
  run_id uuid NOT NULL,
  member_id uuid NOT NULL,
  member_no integer,
  full_name text NOT NULL,
  join_date date,
  exit_date date,
  capital_weight numeric NOT NULL CHECK (capital_weight >= 0),
  volume_weight numeric NOT NULL CHECK (volume_weight >= 0),
  jasa_modal bigint NOT NULL CHECK (jasa_modal >= 0),
  jasa_usaha bigint NOT NULL CHECK (jasa_usaha >= 0),
  total bigint NOT NULL CHECK (total = jasa_modal + jasa_usaha),
  payable bigint NOT NULL CHECK (payable BETWEEN 0 AND total),
  withholding bigint NOT NULL CHECK (withholding BETWEEN 0 AND payable),
  net_payout bigint NOT NULL CHECK (net_payout = payable - withholding),
  flags text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (coop_id, run_id, member_id)
  -- No foreign keys here on purpose (decision 0090): the rows are written once, in bulk
  -- (100,000 members), by the computation from the members and the run it has just read,
  -- and deleted only with a draft run (store.deleteDrafts); per-row FK checks doubled the time.
);
CREATE INDEX shu_run_members_member_idx ON shu_run_members (coop_id, member_id);

-- Each member's payout of a posted run: once, append-only.
CREATE TABLE shu_payments (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL,
  member_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('cash','bank','sukarela')),
  amount bigint NOT NULL CHECK (amount > 0),
  withholding bigint NOT NULL DEFAULT 0 CHECK (withholding >= 0),
  paid_on date NOT NULL,
  entry_id uuid NOT NULL,
  capital_movement_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, run_id, member_id),
  FOREIGN KEY (coop_id, run_id, member_id) REFERENCES shu_run_members(coop_id, run_id, member_id),
  FOREIGN KEY (coop_id, entry_id) REFERENCES journal_entries(coop_id, id),
  FOREIGN KEY (coop_id, capital_movement_id) REFERENCES capital_movements(coop_id, id),
  CHECK ((method = 'sukarela') = (capital_movement_id IS NOT NULL))
);
CREATE TRIGGER shu_payments_append_only BEFORE UPDATE OR DELETE ON shu_payments FOR EACH ROW EXECUTE FUNCTION reject_change();

-- An approved run is immutable: only its lifecycle moves forward (posting, paying, reversing).
CREATE FUNCTION shu_runs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('draft','proposed') THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'shu run % is % and cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status IN ('draft','proposed') THEN RETURN NEW; END IF;
  IF NEW.coop_id IS DISTINCT FROM OLD.coop_id OR NEW.id IS DISTINCT FROM OLD.id OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.fiscal_year IS DISTINCT FROM OLD.fiscal_year OR NEW.period_start IS DISTINCT FROM OLD.period_start OR NEW.period_end IS DISTINCT FROM OLD.period_end
     OR NEW.outcome IS DISTINCT FROM OLD.outcome OR NEW.pool IS DISTINCT FROM OLD.pool
     OR NEW.total_capital_weight IS DISTINCT FROM OLD.total_capital_weight OR NEW.total_volume_weight IS DISTINCT FROM OLD.total_volume_weight
     OR NEW.inputs IS DISTINCT FROM OLD.inputs OR NEW.result IS DISTINCT FROM OLD.result OR NEW.corrects_run_id IS DISTINCT FROM OLD.corrects_run_id
     OR NEW.decision_id IS DISTINCT FROM OLD.decision_id OR NEW.decision_ref IS DISTINCT FROM OLD.decision_ref
     OR NEW.approved_at IS DISTINCT FROM OLD.approved_at OR NEW.approved_by IS DISTINCT FROM OLD.approved_by
     OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR (OLD.posted_entry_id IS NOT NULL AND NEW.posted_entry_id IS DISTINCT FROM OLD.posted_entry_id)
     OR (OLD.posted_at IS NOT NULL AND NEW.posted_at IS DISTINCT FROM OLD.posted_at)
     OR (OLD.reversal_entry_id IS NOT NULL AND NEW.reversal_entry_id IS DISTINCT FROM OLD.reversal_entry_id)
     OR (OLD.paid_at IS NOT NULL AND NEW.paid_at IS DISTINCT FROM OLD.paid_at) THEN
    RAISE EXCEPTION 'shu run % is % and immutable', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT ((OLD.status = NEW.status)
       OR (OLD.status = 'approved' AND NEW.status = 'posted')
       OR (OLD.status = 'posted' AND NEW.status IN ('paid','reversed'))) THEN
    RAISE EXCEPTION 'shu run % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER shu_runs_guard BEFORE UPDATE OR DELETE ON shu_runs FOR EACH ROW EXECUTE FUNCTION shu_runs_guard();

-- A run's member rows never change, and go only with a run still in draft or proposed.
CREATE FUNCTION shu_run_members_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  SELECT status INTO s FROM shu_runs WHERE coop_id = OLD.coop_id AND id = OLD.run_id;
  IF TG_OP = 'DELETE' AND (s IS NULL OR s IN ('draft','proposed')) THEN RETURN OLD; END IF;
  RAISE EXCEPTION '% on shu_run_members is not allowed (run %)', TG_OP, coalesce(s, 'gone') USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER shu_run_members_guard BEFORE UPDATE OR DELETE ON shu_run_members FOR EACH ROW EXECUTE FUNCTION shu_run_members_guard();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['shu_settings','shu_runs','shu_run_members','shu_payments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON shu_settings TO lumbung_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON shu_runs, shu_run_members TO lumbung_app;
GRANT SELECT, INSERT ON shu_payments TO lumbung_app;
