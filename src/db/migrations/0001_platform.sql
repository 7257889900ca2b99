-- Lumbung platform schema: accounts, cooperatives, roles, audit log, members, charters.
-- Every row of a cooperative's data carries coop_id first in its primary key.

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lumbung_app') THEN
    CREATE ROLE lumbung_app NOLOGIN;
  END IF;
END $$;
-- The connecting role switches to lumbung_app inside tenant transactions (SET LOCAL ROLE),
-- so row-level security applies even when it connects as a superuser.
DO $$ BEGIN
  EXECUTE format('GRANT lumbung_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;

CREATE FUNCTION current_coop_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('lumbung.coop_id', true), '')::uuid
$$;

CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: rows are append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text UNIQUE CHECK (email = lower(email)),
  phone text UNIQUE CHECK (phone ~ '^62[0-9]{8,13}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  is_platform_admin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_account_idx ON sessions(account_id);

CREATE TABLE coops (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  coop_type text NOT NULL CHECK (coop_type IN ('produksi','konsumen','jasa','simpan_pinjam','pemasaran','pekerja','platform','startup','jamaah_produksi')),
  legal_number text,
  legal_date date,
  nik_koperasi text CHECK (nik_koperasi ~ '^[0-9]{16}$'),
  province_code text,
  regency_code text,
  district_code text,
  village_code text,
  region_dataset text,
  street text,
  rt smallint CHECK (rt BETWEEN 1 AND 999),
  rw smallint CHECK (rw BETWEEN 1 AND 999),
  postal_code text CHECK (postal_code ~ '^[0-9]{5}$'),
  fiscal_year_start_month smallint NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  product_lines text[] NOT NULL DEFAULT '{}' CHECK (product_lines <@ ARRAY['suara','rupa','aksara','busana','agenda']),
  description text,
  phone text,
  email text,
  is_public boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Roles of an account in a cooperative. One person may belong to several cooperatives.
CREATE TABLE coop_users (
  coop_id uuid NOT NULL REFERENCES coops(id),
  account_id uuid NOT NULL REFERENCES accounts(id),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['anggota','ketua','sekretaris','bendahara','pengawas','staf']),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, account_id)
);
CREATE INDEX coop_users_account_idx ON coop_users(account_id);

-- Tokens for integrations; only the SHA-256 of the secret is stored.
CREATE TABLE api_tokens (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (coop_id, id)
);

-- Append-only audit log of every change to a cooperative's data.
CREATE TABLE audit_log (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_account_id uuid,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  PRIMARY KEY (coop_id, id)
);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_change();

-- Per-cooperative counters (member numbers, later invoice numbers): a row lock serialises them.
CREATE TABLE coop_counters (
  coop_id uuid NOT NULL REFERENCES coops(id),
  name text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (coop_id, name)
);

-- Charters: the statutes as versioned rules. A change adds a version; history is kept.
CREATE TABLE charters (
  coop_id uuid NOT NULL REFERENCES coops(id),
  version integer NOT NULL CHECK (version >= 1),
  template text NOT NULL,
  rules jsonb NOT NULL,
  note text,
  adopted_at timestamptz NOT NULL DEFAULT now(),
  adopted_by uuid REFERENCES accounts(id),
  PRIMARY KEY (coop_id, version)
);
CREATE TRIGGER charters_append_only BEFORE UPDATE OR DELETE ON charters FOR EACH ROW EXECUTE FUNCTION reject_change();

CREATE TABLE members (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_no integer CHECK (member_no > 0),
  account_id uuid REFERENCES accounts(id),
  status text NOT NULL CHECK (status IN ('applicant','active','suspended','resigned','expelled','rejected')),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  gender text NOT NULL CHECK (gender IN ('F','M')),
  birth_date date,
  nik text CHECK (nik ~ '^[0-9]{16}$'),
  phone text,
  email text,
  street text,
  village_code text,
  rt smallint CHECK (rt BETWEEN 1 AND 999),
  rw smallint CHECK (rw BETWEEN 1 AND 999),
  household_code text,
  occupation text,
  skills text[] NOT NULL DEFAULT '{}',
  civil_society_group text,
  is_well_off boolean NOT NULL DEFAULT false,
  receives_state_aid boolean NOT NULL DEFAULT false,
  applied_at timestamptz NOT NULL DEFAULT now(),
  joined_on date,
  left_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, member_no),
  UNIQUE (coop_id, nik),
  UNIQUE (coop_id, account_id)
);
CREATE INDEX members_status_idx ON members(coop_id, status);
CREATE INDEX members_name_idx ON members(coop_id, lower(full_name));

CREATE TABLE member_status_history (
  coop_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  member_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  reason text,
  actor_account_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);
CREATE TRIGGER member_status_history_append_only BEFORE UPDATE OR DELETE ON member_status_history FOR EACH ROW EXECUTE FUNCTION reject_change();

-- Row-level security: the second wall. Tenant transactions run as lumbung_app with
-- lumbung.coop_id set; a row of another cooperative is invisible and cannot be written.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['audit_log','coop_counters','charters','members','member_status_history'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT USAGE ON SCHEMA public TO lumbung_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lumbung_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lumbung_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lumbung_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lumbung_app;
