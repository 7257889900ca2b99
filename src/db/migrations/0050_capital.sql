-- Member capital (simpanan pokok, wajib, sukarela): one balance row per member, locked by
-- every movement of that member, and the append-only movements, each with its receipt
-- number and the ledger entry it posted. Money is whole rupiah in BIGINT.
-- See docs/decisions/0050-capital.md.

-- The member's current balances. Its row lock (SELECT … FOR UPDATE) serialises the
-- movements of one member, so concurrent withdrawals can never overdraw sukarela.
CREATE TABLE capital_accounts (
  coop_id uuid NOT NULL,
  member_id uuid NOT NULL,
  pokok bigint NOT NULL DEFAULT 0 CHECK (pokok >= 0),
  wajib bigint NOT NULL DEFAULT 0 CHECK (wajib >= 0),
  sukarela bigint NOT NULL DEFAULT 0 CHECK (sukarela >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, member_id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);

CREATE TABLE capital_movements (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pokok', 'wajib', 'deposit', 'withdrawal', 'refund')),
  -- The signed change of each balance; their sum in absolute value is the amount.
  pokok_delta bigint NOT NULL DEFAULT 0,
  wajib_delta bigint NOT NULL DEFAULT 0,
  sukarela_delta bigint NOT NULL DEFAULT 0,
  amount bigint NOT NULL CHECK (amount > 0),
  method text NOT NULL CHECK (method IN ('cash', 'bank')),
  occurred_on date NOT NULL,
  -- Gapless per cooperative and year (counter 'receipt:<year>' in coop_counters).
  receipt_year integer NOT NULL CHECK (receipt_year BETWEEN 2000 AND 9999),
  receipt_seq integer NOT NULL CHECK (receipt_seq >= 1),
  receipt_no text NOT NULL,
  -- The wajib periods a payment paid ('2026-01' … '2026-03'), oldest unpaid first.
  wajib_from text,
  wajib_to text,
  note text CHECK (length(note) <= 500),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 100),
  ledger_entry_id uuid NOT NULL,
  balance_pokok bigint NOT NULL CHECK (balance_pokok >= 0),
  balance_wajib bigint NOT NULL CHECK (balance_wajib >= 0),
  balance_sukarela bigint NOT NULL CHECK (balance_sukarela >= 0),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, idempotency_key),
  UNIQUE (coop_id, receipt_year, receipt_seq),
  UNIQUE (coop_id, receipt_no),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id),
  FOREIGN KEY (coop_id, ledger_entry_id) REFERENCES journal_entries(coop_id, id),
  CHECK (amount = abs(pokok_delta) + abs(wajib_delta) + abs(sukarela_delta)),
  CHECK (
    (kind = 'pokok' AND pokok_delta > 0 AND wajib_delta = 0 AND sukarela_delta = 0) OR
    (kind = 'wajib' AND wajib_delta > 0 AND pokok_delta = 0 AND sukarela_delta = 0) OR
    (kind = 'deposit' AND sukarela_delta > 0 AND pokok_delta = 0 AND wajib_delta = 0) OR
    (kind = 'withdrawal' AND sukarela_delta < 0 AND pokok_delta = 0 AND wajib_delta = 0) OR
    (kind = 'refund' AND pokok_delta <= 0 AND wajib_delta <= 0 AND sukarela_delta <= 0)
  ),
  CHECK ((kind = 'wajib') = (wajib_from IS NOT NULL) AND (wajib_from IS NULL) = (wajib_to IS NULL))
);
CREATE INDEX capital_movements_member_idx ON capital_movements(coop_id, member_id, occurred_on, created_at);
CREATE TRIGGER capital_movements_append_only BEFORE UPDATE OR DELETE ON capital_movements FOR EACH ROW EXECUTE FUNCTION reject_change();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['capital_accounts','capital_movements'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON capital_accounts, capital_movements TO lumbung_app;
