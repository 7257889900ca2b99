-- Sharing by consent and regional roll-ups (issue 19, decision 0170).
--
-- coop_figures: each coop's own current-year figures, recomputed from its own rows (one coop,
-- never a scan of every coop) whenever the networks capability refreshes it; the difference to
-- the previous row is added to the roll-ups. network_sharing: what a coop shows one network —
-- only the figures it chose, copied at refresh; a network-scoped read sees these rows and nothing
-- else of the coop. region_rollups: sums per instance / province / regency and fiscal year over
-- the coops that opted in, kept by those differences (coordinator-local on Citus).

CREATE TABLE coop_figures (
  coop_id uuid NOT NULL REFERENCES coops(id),
  year integer NOT NULL,
  province_code text,
  regency_code text,
  rollup_opt_in boolean NOT NULL DEFAULT false,
  members integer NOT NULL DEFAULT 0,
  women integer NOT NULL DEFAULT 0,
  youth integer NOT NULL DEFAULT 0,
  capital bigint NOT NULL DEFAULT 0,
  turnover bigint NOT NULL DEFAULT 0,
  shu bigint NOT NULL DEFAULT 0,
  trade bigint NOT NULL DEFAULT 0,
  rat_on_time boolean NOT NULL DEFAULT false,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id)
);

CREATE TABLE network_sharing (
  coop_id uuid NOT NULL REFERENCES coops(id),
  network_id uuid NOT NULL REFERENCES networks(id),
  figures text[] NOT NULL DEFAULT '{}',
  shared_values jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_by uuid REFERENCES accounts(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, network_id),
  CHECK (figures <@ ARRAY['members','women','youth','capital','turnover','shu','trade','rat_on_time']::text[])
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['coop_figures','network_sharing'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;
CREATE POLICY network_read ON network_sharing FOR SELECT USING (network_id = current_network_id());

CREATE TABLE region_rollups (
  level text NOT NULL CHECK (level IN ('instance', 'province', 'regency')),
  region_code text NOT NULL,
  year integer NOT NULL,
  coops integer NOT NULL DEFAULT 0,
  members bigint NOT NULL DEFAULT 0,
  women bigint NOT NULL DEFAULT 0,
  youth bigint NOT NULL DEFAULT 0,
  capital bigint NOT NULL DEFAULT 0,
  turnover bigint NOT NULL DEFAULT 0,
  shu bigint NOT NULL DEFAULT 0,
  trade bigint NOT NULL DEFAULT 0,
  rat_on_time integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (level, region_code, year),
  CHECK ((level = 'instance') = (region_code = ''))
);

GRANT SELECT, INSERT, UPDATE ON coop_figures, network_sharing, region_rollups TO lumbung_app;
REVOKE DELETE ON coop_figures, network_sharing, region_rollups FROM lumbung_app;
