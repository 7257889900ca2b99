-- Payment gateways: per-cooperative provider settings (the server key is a secret: never
-- returned in full), every verified notification (idempotent by provider + event key) and the
-- reconciliation queue for notifications whose amount differs from the order.
-- See docs/decisions/0083-payment-gateway-webhooks.md.
CREATE TABLE payment_provider_settings (
  coop_id uuid NOT NULL REFERENCES coops(id),
  provider text NOT NULL CHECK (provider IN ('midtrans')),
  server_key text NOT NULL CHECK (length(server_key) BETWEEN 8 AND 200),
  enabled boolean NOT NULL DEFAULT true,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, provider)
);

CREATE TABLE payment_provider_events (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider text NOT NULL,
  -- transaction id + ':' + status: the same settlement replayed is the same event.
  event_key text NOT NULL CHECK (length(event_key) BETWEEN 1 AND 300),
  order_no text NOT NULL,
  status text NOT NULL CHECK (status IN ('paid', 'pending', 'expired', 'cancelled', 'refunded', 'other')),
  amount bigint NOT NULL,
  fee bigint,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'mismatch', 'unknown_order', 'ignored', 'already_final')),
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, provider, event_key)
);
CREATE INDEX payment_provider_events_order_idx ON payment_provider_events (coop_id, order_no);

CREATE TABLE payment_reconciliation (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider text NOT NULL,
  provider_event_id uuid NOT NULL,
  order_no text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('amount_mismatch', 'unknown_order', 'order_not_payable')),
  expected_amount bigint,
  received_amount bigint NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution_note text,
  resolved_by uuid,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, provider_event_id),
  FOREIGN KEY (coop_id, provider_event_id) REFERENCES payment_provider_events(coop_id, id)
);
CREATE INDEX payment_reconciliation_open_idx ON payment_reconciliation (coop_id, created_at) WHERE status = 'open';

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['payment_provider_settings','payment_provider_events','payment_reconciliation'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON payment_provider_settings, payment_provider_events, payment_reconciliation TO lumbung_app;
