-- Production catalogue: the works of a cooperative in its five product lines (Suara, Rupa,
-- Aksara, Busana, Agenda), their member-creators with shares in basis points, Busana
-- variants with stock, Agenda event fields, and a search vector.
-- Money is whole rupiah in BIGINT. See docs/decisions/0070-storefront-search.md.

-- Search configuration. PostgreSQL 13+ ships the Snowball 'indonesian' stemmer (no stop-word
-- file); older servers fall back to 'simple'. unaccent (contrib, a trusted extension) folds
-- the odd accent ("Kafé") when the server has it; without it the configuration still works.
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS unaccent;
EXCEPTION WHEN others THEN
  RAISE NOTICE 'unaccent not available: storefront search will not fold accents';
END $$;

DO $$
DECLARE
  base text := CASE WHEN EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian') THEN 'indonesian' ELSE 'simple' END;
  stem text := CASE WHEN base = 'indonesian' THEN 'indonesian_stem' ELSE 'simple' END;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'lumbung_id') THEN
    EXECUTE format('CREATE TEXT SEARCH CONFIGURATION lumbung_id (COPY = %I)', base);
    IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
      EXECUTE format('ALTER TEXT SEARCH CONFIGURATION lumbung_id ALTER MAPPING FOR asciiword, word, hword, hword_part, hword_asciipart, asciihword WITH unaccent, %I', stem);
    END IF;
  END IF;
END $$;

CREATE TABLE works (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  product_line text NOT NULL CHECK (product_line IN ('suara', 'rupa', 'aksara', 'busana', 'agenda')),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,78}[a-z0-9])?$'),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  -- Validated per line by the catalogue's Zod schemas before it is written.
  attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
  public_price bigint NOT NULL CHECK (public_price > 0),
  member_price bigint CHECK (member_price > 0 AND member_price <= public_price),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  -- Agenda only: when, where and how many places.
  starts_at timestamptz,
  venue text CHECK (length(venue) BETWEEN 2 AND 300),
  capacity integer CHECK (capacity > 0),
  published_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('lumbung_id', title), 'A') ||
    setweight(to_tsvector('lumbung_id', description), 'B') ||
    setweight(jsonb_to_tsvector('lumbung_id', attributes, '["string"]'), 'C')
  ) STORED,
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, slug),
  CHECK ((product_line = 'agenda') = (starts_at IS NOT NULL AND venue IS NOT NULL AND capacity IS NOT NULL)),
  CHECK (product_line = 'agenda' OR (starts_at IS NULL AND venue IS NULL AND capacity IS NULL)),
  CHECK ((status = 'draft') OR published_at IS NOT NULL)
);
CREATE INDEX works_store_idx ON works (coop_id, status, published_at DESC, id);
CREATE INDEX works_line_idx ON works (coop_id, product_line, status);
CREATE INDEX works_search_idx ON works USING gin (search);

-- The member-creators of a work and their agreed shares (basis points, Σ = 10,000).
-- credit_name is the name printed on the work (a stage name may differ from the legal name).
CREATE TABLE work_creators (
  coop_id uuid NOT NULL,
  work_id uuid NOT NULL,
  member_id uuid NOT NULL,
  credit_name text NOT NULL CHECK (length(credit_name) BETWEEN 1 AND 200),
  share_bp integer NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
  position smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (coop_id, work_id, member_id),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE,
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);
CREATE INDEX work_creators_member_idx ON work_creators (coop_id, member_id);

-- Busana: one row per size and colour, each with its own SKU and stock.
CREATE TABLE work_variants (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  work_id uuid NOT NULL,
  size text NOT NULL CHECK (length(size) BETWEEN 1 AND 20),
  colour text NOT NULL CHECK (length(colour) BETWEEN 1 AND 40),
  sku text NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  position smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, sku),
  UNIQUE (coop_id, work_id, size, colour),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE
);
CREATE INDEX work_variants_work_idx ON work_variants (coop_id, work_id);

-- Σ share_bp = 10,000 for every work that has creators, checked at commit (deferred), so a
-- transaction may replace the creators row by row.
CREATE FUNCTION check_work_creator_shares() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w_coop uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.coop_id ELSE NEW.coop_id END;
  w_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.work_id ELSE NEW.work_id END;
  total bigint;
  n integer;
BEGIN
  SELECT coalesce(sum(share_bp), 0), count(*) INTO total, n FROM work_creators WHERE coop_id = w_coop AND work_id = w_id;
  IF n > 0 AND total <> 10000 THEN
    RAISE EXCEPTION 'creator shares of work % sum to % basis points, not 10000', w_id, total USING ERRCODE = 'check_violation', CONSTRAINT = 'work_creators_shares_sum';
  END IF;
  IF n = 0 AND EXISTS (SELECT 1 FROM works WHERE coop_id = w_coop AND id = w_id AND status = 'published') THEN
    RAISE EXCEPTION 'published work % has no creators', w_id USING ERRCODE = 'check_violation', CONSTRAINT = 'works_published_creators';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER work_creators_shares_sum AFTER INSERT OR UPDATE OR DELETE ON work_creators
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_work_creator_shares();

-- A published work has creators whose shares sum to 10,000.
CREATE FUNCTION check_published_work_creators() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total bigint;
BEGIN
  IF NEW.status = 'published' THEN
    SELECT coalesce(sum(share_bp), 0) INTO total FROM work_creators WHERE coop_id = NEW.coop_id AND work_id = NEW.id;
    IF total <> 10000 THEN
      RAISE EXCEPTION 'published work % needs creators whose shares sum to 10000 (has %)', NEW.id, total USING ERRCODE = 'check_violation', CONSTRAINT = 'works_published_creators';
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER works_published_creators AFTER INSERT OR UPDATE OF status ON works
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_published_work_creators();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['works','work_creators','work_variants'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON works, work_creators, work_variants TO lumbung_app;
