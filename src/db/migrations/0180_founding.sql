-- Founding a cooperative and bringing an existing one in (issue 20, decision 0180).
-- A founding group (kelompok pendiri) is a row of coops with status 'founding': every group
-- table leads with coop_id, row-level security and Citus placement work unchanged, and
-- activation flips the status instead of copying data. A coop in founding state has no
-- coop_users rows, so no coop page or API opens it, and public lists show only active coops.

ALTER TABLE coops ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('founding', 'active'));

-- One row per founding group: the shared answers of steps 1–8 (any founder picks up where another stopped).
CREATE TABLE founding_groups (
  coop_id uuid NOT NULL REFERENCES coops(id),
  kind text NOT NULL DEFAULT 'primer' CHECK (kind IN ('primer', 'sekunder')),
  started_by uuid NOT NULL,
  vision text NOT NULL DEFAULT '' CHECK (length(vision) <= 2000),
  mission text NOT NULL DEFAULT '' CHECK (length(mission) <= 4000),
  values_text text NOT NULL DEFAULT '' CHECK (length(values_text) <= 4000),
  vision_agreed_at timestamptz,
  template_key text CHECK (template_key IN ('tujuh_prinsip', 'jamaah_produksi', 'primer', 'pekerja', 'platform', 'startup')),
  rules jsonb,
  seat text CHECK (length(seat) <= 300),
  purpose text CHECK (length(purpose) <= 4000),
  duration text CHECK (length(duration) <= 200),
  meeting_on date,
  meeting_place text CHECK (length(meeting_place) <= 300),
  meeting_held_at timestamptz,
  meeting_opened_by uuid,
  notary_sent_on date,
  deed_number text CHECK (length(deed_number) <= 100),
  deed_date date,
  ahu_number text CHECK (length(ahu_number) <= 100),
  nib text CHECK (nib ~ '^[0-9]{13}$'),
  nik_koperasi text CHECK (nik_koperasi ~ '^[0-9]{16}$'),
  activated_at timestamptz,
  activated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id)
);

-- Prospective founders. The NIK is unique in the group; domicile down to RT/RW and village.
CREATE TABLE founding_founders (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid REFERENCES accounts(id),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  gender text NOT NULL CHECK (gender IN ('F', 'M')),
  nik text NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
  phone text CHECK (length(phone) <= 30),
  street text CHECK (length(street) <= 300),
  village_code text NOT NULL,
  rt smallint NOT NULL CHECK (rt BETWEEN 1 AND 999),
  rw smallint NOT NULL CHECK (rw BETWEEN 1 AND 999),
  household_code text NOT NULL CHECK (length(household_code) BETWEEN 1 AND 64),
  is_coordinator boolean NOT NULL DEFAULT false,
  -- SHA-256 of the invitation code a prospective founder claims with their account.
  invite_hash text,
  -- The founding meeting: present, the office they were elected to, the simpanan pokok paid.
  attended boolean NOT NULL DEFAULT false,
  office text CHECK (office IN ('ketua', 'sekretaris', 'bendahara', 'pengawas')),
  pokok_paid bigint NOT NULL DEFAULT 0 CHECK (pokok_paid >= 0),
  member_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, nik),
  UNIQUE (coop_id, account_id),
  UNIQUE (coop_id, invite_hash)
);

-- Needs survey: one founder's answers (replaced as a whole when they answer again).
CREATE TABLE founding_needs (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  founder_id uuid NOT NULL,
  category text NOT NULL CHECK (category IN ('primer', 'sekunder', 'penunjang', 'pelengkap')),
  item text NOT NULL CHECK (length(item) BETWEEN 2 AND 100),
  frequency text NOT NULL CHECK (frequency IN ('harian', 'mingguan', 'bulanan', 'tahunan')),
  monthly_spend bigint NOT NULL CHECK (monthly_spend BETWEEN 0 AND 1000000000),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, founder_id) REFERENCES founding_founders(coop_id, id) ON DELETE CASCADE
);

-- Each founder's current business (what they buy and what they sell, monthly turnover).
CREATE TABLE founding_businesses (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  founder_id uuid NOT NULL,
  product_line text NOT NULL CHECK (product_line IN ('suara', 'rupa', 'aksara', 'busana', 'agenda', 'lain')),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  buys text[] NOT NULL DEFAULT '{}',
  sells text[] NOT NULL DEFAULT '{}',
  monthly_turnover bigint NOT NULL DEFAULT 0 CHECK (monthly_turnover BETWEEN 0 AND 100000000000),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, founder_id) REFERENCES founding_founders(coop_id, id) ON DELETE CASCADE
);

-- The region's potentials, tagged by region code.
CREATE TABLE founding_potentials (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (length(region_code) BETWEEN 2 AND 20),
  kind text NOT NULL CHECK (kind IN ('alam', 'wisata', 'pangan', 'budaya', 'kearifan')),
  description text NOT NULL CHECK (length(description) BETWEEN 2 AND 500),
  created_by uuid,
  PRIMARY KEY (coop_id, id)
);

-- Draft business units: the members and needs each one serves.
CREATE TABLE founding_units (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  founder_ids uuid[] NOT NULL DEFAULT '{}',
  needs text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (coop_id, id)
);

-- Founders' comments on the chapters of the draft statutes.
CREATE TABLE founding_comments (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  founder_id uuid NOT NULL,
  chapter text NOT NULL CHECK (length(chapter) BETWEEN 2 AND 40),
  body text NOT NULL CHECK (length(body) BETWEEN 2 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, founder_id) REFERENCES founding_founders(coop_id, id) ON DELETE CASCADE
);

-- Which accounts are founders of which group: the platform-side index (like coop_users, no
-- row-level security) that lists a signed-in person's groups; the group's data stays behind RLS.
CREATE TABLE founding_accounts (
  coop_id uuid NOT NULL REFERENCES coops(id),
  account_id uuid NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (coop_id, account_id)
);
CREATE INDEX founding_accounts_account_idx ON founding_accounts(account_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['founding_groups','founding_founders','founding_needs','founding_businesses','founding_potentials','founding_units','founding_comments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON founding_groups TO lumbung_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON founding_founders, founding_needs, founding_businesses, founding_potentials, founding_units TO lumbung_app;
GRANT SELECT, INSERT ON founding_comments TO lumbung_app;
GRANT SELECT, INSERT, DELETE ON founding_accounts TO lumbung_app;
