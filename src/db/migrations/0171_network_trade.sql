-- Inter-cooperative trade (issue 19, decision 0171): one trade is two sides, one per coop, each
-- a row of that coop (distributed by coop_id, beside its journal) with its own journal entries.
-- The two rows share trade_id and are written in one transaction by src/networks/two-books.ts.

-- Which accounts a coop uses for its trade with one counterparty (defaults when absent:
-- buyer Dr INVENTORY / Cr PAYABLE; seller Dr RECEIVABLE / Cr SALES_NON_MEMBER).
CREATE TABLE network_trade_accounts (
  coop_id uuid NOT NULL REFERENCES coops(id),
  counterparty_coop_id uuid NOT NULL REFERENCES coops(id),
  purchase_account text NOT NULL CHECK (length(purchase_account) BETWEEN 1 AND 40),
  payable_account text NOT NULL CHECK (length(payable_account) BETWEEN 1 AND 40),
  receivable_account text NOT NULL CHECK (length(receivable_account) BETWEEN 1 AND 40),
  sales_account text NOT NULL CHECK (length(sales_account) BETWEEN 1 AND 40),
  updated_by uuid REFERENCES accounts(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, counterparty_coop_id),
  CHECK (coop_id <> counterparty_coop_id)
);

CREATE TABLE network_trade_sides (
  coop_id uuid NOT NULL REFERENCES coops(id),
  trade_id uuid NOT NULL,
  network_id uuid NOT NULL REFERENCES networks(id),
  side text NOT NULL CHECK (side IN ('seller', 'buyer')),
  counterparty_coop_id uuid NOT NULL REFERENCES coops(id),
  trade_no text NOT NULL,
  status text NOT NULL CHECK (status IN ('ordered', 'paid', 'cancelled', 'refunded')),
  -- [{workId, title, quantity, unitPrice, lineTotal}] as priced by the seller's catalogue.
  lines jsonb NOT NULL,
  total bigint NOT NULL CHECK (total > 0),
  -- The seller's commission within the total (its revenue); the rest is its creators' shares.
  commission bigint NOT NULL DEFAULT 0 CHECK (commission >= 0),
  -- The lines of this side's order entry, kept so a cancel or refund posts their exact mirror.
  journal jsonb NOT NULL,
  debit_account text NOT NULL,
  credit_account text NOT NULL,
  order_entry_id uuid NOT NULL,
  payment_entry_id uuid,
  reversal_entry_id uuid,
  idempotency_key text,
  ordered_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  ended_at timestamptz,
  PRIMARY KEY (coop_id, trade_id),
  UNIQUE (coop_id, side, idempotency_key),
  FOREIGN KEY (coop_id, order_entry_id) REFERENCES journal_entries(coop_id, id),
  FOREIGN KEY (coop_id, payment_entry_id) REFERENCES journal_entries(coop_id, id),
  FOREIGN KEY (coop_id, reversal_entry_id) REFERENCES journal_entries(coop_id, id),
  CHECK (coop_id <> counterparty_coop_id),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL AND ended_at IS NULL) OR status IN ('refunded', 'cancelled', 'ordered')),
  CHECK ((status IN ('cancelled', 'refunded')) = (reversal_entry_id IS NOT NULL))
);
CREATE INDEX network_trade_sides_pair_idx ON network_trade_sides (coop_id, counterparty_coop_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['network_trade_accounts','network_trade_sides'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON network_trade_accounts, network_trade_sides TO lumbung_app;
REVOKE DELETE ON network_trade_sides FROM lumbung_app;
