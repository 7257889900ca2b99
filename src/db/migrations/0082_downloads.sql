-- Digital works: the downloadable file (and a public preview) of a Suara or Aksara work, kept
-- in PostgreSQL as bytea (backed up with the database), the per-cooperative HMAC key for
-- signed download links, and the entitlements granted once per paid order line.
-- See docs/decisions/0082-digital-downloads.md.
CREATE TABLE work_files (
  coop_id uuid NOT NULL,
  work_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('download', 'preview')),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 100),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  sha256 text NOT NULL,
  data bytea NOT NULL,
  licence_terms text NOT NULL DEFAULT '' CHECK (length(licence_terms) <= 4000),
  uploaded_by uuid,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, work_id, kind),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE
);

CREATE TABLE download_keys (
  coop_id uuid NOT NULL REFERENCES coops(id),
  secret bytea NOT NULL CHECK (length(secret) >= 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id)
);

CREATE TABLE download_entitlements (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  order_line_id uuid NOT NULL,
  work_id uuid NOT NULL,
  buyer_name text NOT NULL DEFAULT '',
  buyer_email text NOT NULL DEFAULT '',
  -- The licence terms in force when the line was paid (a later edit of the file's terms never changes them).
  licence_terms text NOT NULL DEFAULT '',
  file_sha256 text NOT NULL,
  -- The entitlement page's access token (sent by mail); only its SHA-256 is stored.
  access_hash text NOT NULL,
  revoked_at timestamptz,
  download_count integer NOT NULL DEFAULT 0,
  last_download_at timestamptz,
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, order_line_id),
  UNIQUE (access_hash),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id)
);
CREATE INDEX download_entitlements_order_idx ON download_entitlements (coop_id, order_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['work_files','download_keys','download_entitlements'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON work_files, download_keys, download_entitlements TO lumbung_app;
