-- Orders, payments, invoices, refunds and producer payouts (the marketplace's money flow).
-- Money is whole rupiah in BIGINT. See docs/decisions/0080-orders-and-money-flow.md.

-- Per-coop marketplace settings; absent row = defaults (src/orders/model.ts DEFAULT_ORDER_SETTINGS).
CREATE TABLE order_settings (
  coop_id uuid NOT NULL REFERENCES coops(id),
  ppn_enabled boolean NOT NULL DEFAULT false,
  payment_window_minutes integer NOT NULL DEFAULT 60 CHECK (payment_window_minutes BETWEEN 5 AND 10080),
  -- basis points per product line, e.g. {"suara":1000,"busana":2000}
  commission_bp jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(commission_bp) = 'object'),
  -- MDR per payment method in basis points, e.g. {"qris":70}
  mdr_bp jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(mdr_bp) = 'object'),
  -- Payments up to this amount carry no MDR (QRIS micro merchants: 0% up to Rp100.000).
  mdr_free_up_to bigint NOT NULL DEFAULT 0 CHECK (mdr_free_up_to >= 0),
  -- The coop's bank account shown to buyers who pay by manual transfer: {bankName, accountNo, accountName}.
  transfer_account jsonb CHECK (transfer_account IS NULL OR jsonb_typeof(transfer_account) = 'object'),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id)
);

-- Order numbers need not be gapless (invoices are): one global sequence, no per-coop lock at checkout.
CREATE SEQUENCE order_no_seq;

CREATE TABLE orders (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_no text NOT NULL CHECK (order_no ~ '^[A-Z0-9-]{4,40}$'),
  -- sha256 (hex) of the buyer's unguessable order token; the token itself is never stored.
  token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  checkout_key text CHECK (length(checkout_key) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'awaiting_payment' CHECK (status IN ('awaiting_payment', 'paid', 'fulfilled', 'cancelled', 'refunded')),
  buyer_kind text NOT NULL CHECK (buyer_kind IN ('member', 'non_member')),
  buyer_account_id uuid REFERENCES accounts(id),
  buyer_member_id uuid,
  buyer_name text NOT NULL CHECK (length(buyer_name) BETWEEN 2 AND 200),
  buyer_email text CHECK (length(buyer_email) <= 254),
  buyer_phone text CHECK (length(buyer_phone) <= 30),
  shipping_address text CHECK (length(shipping_address) <= 1000),
  note text CHECK (length(note) <= 1000),
  payment_method text NOT NULL CHECK (payment_method IN ('cash', 'transfer', 'cod', 'qris', 'gateway')),
  ppn_enabled boolean NOT NULL,
  subtotal bigint NOT NULL CHECK (subtotal >= 0),
  tax_total bigint NOT NULL DEFAULT 0 CHECK (tax_total >= 0),
  fee_total bigint NOT NULL DEFAULT 0 CHECK (fee_total >= 0),
  discount_total bigint NOT NULL DEFAULT 0 CHECK (discount_total >= 0),
  total bigint NOT NULL CHECK (total > 0),
  paid_amount bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  payment_fee bigint NOT NULL DEFAULT 0 CHECK (payment_fee >= 0),
  refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= paid_amount),
  -- The split of the amount paid, frozen at payment: {producers:[{memberId,amount}], commission, tax, fee, account}.
  split jsonb,
  payment_entry_id uuid,
  stock_released boolean NOT NULL DEFAULT false,
  expires_at timestamptz,
  paid_at timestamptz,
  fulfilled_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, order_no),
  UNIQUE (coop_id, checkout_key),
  UNIQUE (token_hash),
  FOREIGN KEY (coop_id, buyer_member_id) REFERENCES members(coop_id, id),
  CHECK (total = subtotal + tax_total + fee_total - discount_total),
  CHECK ((buyer_kind = 'member') = (buyer_member_id IS NOT NULL)),
  CHECK (paid_at IS NULL OR paid_amount = total),
  CHECK (status <> 'paid' OR paid_at IS NOT NULL)
);
CREATE INDEX orders_list_idx ON orders (coop_id, created_at DESC, id);
CREATE INDEX orders_status_idx ON orders (coop_id, status, created_at DESC);
CREATE INDEX orders_expiry_idx ON orders (expires_at) WHERE status = 'awaiting_payment' AND expires_at IS NOT NULL;
CREATE INDEX orders_buyer_idx ON orders (coop_id, buyer_account_id, created_at DESC);

CREATE TABLE order_lines (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  line_no smallint NOT NULL CHECK (line_no BETWEEN 1 AND 100),
  work_id uuid NOT NULL,
  variant_id uuid,
  product_line text NOT NULL CHECK (product_line IN ('suara', 'rupa', 'aksara', 'busana', 'agenda')),
  title text NOT NULL,
  variant_label text,
  is_digital boolean NOT NULL DEFAULT false,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  unit_price bigint NOT NULL CHECK (unit_price > 0),
  price_kind text NOT NULL CHECK (price_kind IN ('member', 'public')),
  line_total bigint NOT NULL CHECK (line_total = unit_price * quantity),
  commission_bp integer NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),
  -- Commission per unit, rounded half up, then × quantity (the pinned per-item rule).
  commission bigint NOT NULL CHECK (commission >= 0 AND commission <= line_total),
  dpp bigint NOT NULL DEFAULT 0 CHECK (dpp >= 0),
  ppn bigint NOT NULL DEFAULT 0 CHECK (ppn >= 0),
  creators jsonb NOT NULL CHECK (jsonb_typeof(creators) = 'array'),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, order_id, line_no),
  FOREIGN KEY (coop_id, order_id) REFERENCES orders(coop_id, id),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id),
  FOREIGN KEY (coop_id, variant_id) REFERENCES work_variants(coop_id, id)
);
CREATE INDEX order_lines_work_idx ON order_lines (coop_id, work_id);

CREATE TABLE order_status_history (
  coop_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  order_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  event text NOT NULL CHECK (event ~ '^[a-z_]{2,40}$'),
  note text,
  actor_account_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, order_id) REFERENCES orders(coop_id, id)
);
CREATE INDEX order_status_history_order_idx ON order_status_history (coop_id, order_id, id);

-- Payments received or claimed: a transfer proof uploaded by the buyer (pending), a confirmed
-- receipt (cash, transfer, COD, QRIS, gateway). Proof images are kept in this bytea column.
CREATE TABLE order_payments (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'transfer', 'cod', 'qris', 'gateway')),
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
  amount bigint NOT NULL CHECK (amount >= 0),
  fee bigint NOT NULL DEFAULT 0 CHECK (fee >= 0 AND fee <= amount),
  reference text CHECK (length(reference) <= 200),
  provider text CHECK (length(provider) <= 40),
  payer_name text CHECK (length(payer_name) <= 200),
  proof bytea CHECK (octet_length(proof) <= 2097152),
  proof_mime text CHECK (proof_mime IN ('image/jpeg', 'image/png', 'image/webp')),
  reject_reason text,
  ledger_entry_id uuid,
  confirmed_by uuid,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, order_id) REFERENCES orders(coop_id, id)
);
CREATE INDEX order_payments_order_idx ON order_payments (coop_id, order_id);
CREATE UNIQUE INDEX order_payments_one_confirmed ON order_payments (coop_id, order_id) WHERE status = 'confirmed';

CREATE TABLE order_refunds (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
  amount bigint NOT NULL CHECK (amount > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  restocked boolean NOT NULL DEFAULT false,
  -- The reversal's parts: {producers:[{memberId,amount}], commission, tax, fee}.
  parts jsonb NOT NULL,
  ledger_entry_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, reference),
  FOREIGN KEY (coop_id, order_id) REFERENCES orders(coop_id, id)
);

-- Invoices: numbered without gaps per coop per year (counter row in coop_counters, taken in the
-- payment transaction), immutable once issued. A correction is a new number referencing the old.
CREATE TABLE invoices (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  seq integer NOT NULL CHECK (seq > 0),
  invoice_no text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('invoice', 'correction')),
  corrects_invoice_id uuid,
  reason text,
  total bigint NOT NULL,
  data jsonb NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, year, seq),
  UNIQUE (coop_id, invoice_no),
  FOREIGN KEY (coop_id, order_id) REFERENCES orders(coop_id, id),
  FOREIGN KEY (coop_id, corrects_invoice_id) REFERENCES invoices(coop_id, id),
  CHECK ((kind = 'correction') = (corrects_invoice_id IS NOT NULL))
);
CREATE INDEX invoices_order_idx ON invoices (coop_id, order_id, issued_at);

CREATE FUNCTION invoices_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an issued invoice is immutable; issue a correction instead' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_immutable();

-- Payouts of producers' balances (the balance itself is the PAYABLE_TO_PRODUCERS sub-ledger).
CREATE TABLE payouts (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
  amount bigint NOT NULL CHECK (amount > 0),
  method text NOT NULL CHECK (method IN ('cash', 'bank')),
  note text CHECK (length(note) <= 500),
  ledger_entry_id uuid NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, reference),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);
CREATE INDEX payouts_member_idx ON payouts (coop_id, member_id, created_at);

CREATE FUNCTION payouts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payouts are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER payouts_append_only BEFORE UPDATE OR DELETE ON payouts FOR EACH ROW EXECUTE FUNCTION payouts_append_only();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['order_settings','orders','order_lines','order_status_history','order_payments','order_refunds','invoices','payouts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON order_settings, orders, order_lines, order_payments TO lumbung_app;
GRANT SELECT, INSERT ON order_status_history, order_refunds, invoices, payouts TO lumbung_app;
GRANT USAGE ON SEQUENCE order_no_seq TO lumbung_app;
