-- Each member's business with the cooperative (jasa usaha, UU 25/1992 art. 45): the value of
-- their works sold through the coop and of their purchases as a member, by category, dated.
-- Written by the marketplace when a payment is confirmed (negative amounts on refunds) and
-- read by the surplus (SHU) computation. Non-member business is never written here.
-- Append-only; one row per (source, source_ref, member, category) so a retried write counts once.
CREATE TABLE member_business_volume (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  category text NOT NULL CHECK (category ~ '^[A-Z][A-Z0-9_]{1,39}$'),
  amount bigint NOT NULL,
  occurred_on date NOT NULL,
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 40),
  source_ref text NOT NULL CHECK (length(source_ref) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, source, source_ref, member_id, category),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);
CREATE INDEX member_business_volume_period_idx ON member_business_volume (coop_id, occurred_on, member_id);

CREATE FUNCTION member_business_volume_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'member_business_volume is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER member_business_volume_append_only BEFORE UPDATE OR DELETE ON member_business_volume
  FOR EACH ROW EXECUTE FUNCTION member_business_volume_append_only();

ALTER TABLE member_business_volume ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_business_volume FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_business_volume USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
GRANT SELECT, INSERT ON member_business_volume TO lumbung_app;
