-- The cooperative's static QRIS (the printed merchant QR from its bank or PJSP). Dynamic
-- QRIS for an exact amount is derived from it in src/payments/qris.ts. The payload is
-- validated (EMVCo TLV, CRC-16) before it is saved.
CREATE TABLE qris_settings (
  coop_id uuid NOT NULL REFERENCES coops(id),
  static_payload text NOT NULL CHECK (length(static_payload) BETWEEN 20 AND 512 AND static_payload ~ '^[\x20-\x7E]+$'),
  merchant_name text NOT NULL CHECK (length(merchant_name) BETWEEN 1 AND 25),
  merchant_city text NOT NULL CHECK (length(merchant_city) BETWEEN 1 AND 15),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id)
);

ALTER TABLE qris_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE qris_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON qris_settings USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON qris_settings TO lumbung_app;
