-- Networks of cooperatives (issue 19): the network, its member cooperatives (consent of both
-- sides), its stewards, its decisions; each coop's delegates, ballots and musyawarah positions.
-- See docs/decisions/0170-networks-placement-and-governance-modes.md.
--
-- Placement on Citus: a network has no single coop. Its small metadata — networks, memberships,
-- stewards, decisions — are REFERENCE tables (no coop_id column, no row-level security, written
-- only by src/networks/ outside tenant transactions). What belongs to one coop — its delegates,
-- its ballot, its position — is DISTRIBUTED by coop_id beside the coop's other data, with
-- row-level security; a second, read-only policy lets a network-scoped transaction
-- (lumbung.network_id set, no coop) read the rows a coop wrote FOR that network, nothing else.

CREATE FUNCTION current_network_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('lumbung.network_id', true), '')::uuid
$$;

CREATE TABLE networks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$'),
  name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  kind text NOT NULL CHECK (kind IN ('kota_koperasi', 'konsorsium', 'federasi_sektoral', 'koperasi_sekunder')),
  -- Home region: a Kemendagri province or regency code.
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  brand_story text NOT NULL DEFAULT '' CHECK (length(brand_story) <= 10000),
  brand_logo_url text CHECK (brand_logo_url ~ '^https://' AND length(brand_logo_url) <= 500),
  brand_colour text NOT NULL DEFAULT 'hijau' CHECK (brand_colour IN ('hijau', 'biru', 'merah', 'kuning', 'ungu', 'coklat')),
  mode text NOT NULL CHECK (mode IN ('shared', 'lead', 'nao')),
  lead_coop_id uuid REFERENCES coops(id),
  -- How a member coop's ballot weighs: one coop one vote, or (a koperasi sekunder whose
  -- statutes say so) by its active members, capped at weight_cap_bp of the total.
  weighting text NOT NULL DEFAULT 'one_coop_one_vote' CHECK (weighting IN ('one_coop_one_vote', 'members')),
  weight_cap_bp integer CHECK (weight_cap_bp BETWEEN 1000 AND 10000),
  quorum_bp integer NOT NULL DEFAULT 5001 CHECK (quorum_bp BETWEEN 1 AND 10000),
  threshold_bp integer NOT NULL DEFAULT 5000 CHECK (threshold_bp BETWEEN 5000 AND 9999),
  created_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((mode = 'lead') = (lead_coop_id IS NOT NULL)),
  CHECK (weighting = 'one_coop_one_vote' OR kind = 'koperasi_sekunder'),
  CHECK ((weighting = 'members') = (weight_cap_bp IS NOT NULL))
);

-- One row per membership period of a coop in a network: history is the rows (a coop that left
-- and joins again gets a new row). Active only with both consents recorded.
CREATE TABLE network_memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES networks(id),
  member_coop_id uuid NOT NULL REFERENCES coops(id),
  origin text NOT NULL CHECK (origin IN ('founding', 'application', 'invitation')),
  status text NOT NULL CHECK (status IN ('pending', 'active', 'left', 'refused', 'declined')),
  -- The coop's own consent: by its board (the account that gave it) at this time.
  coop_consent_at timestamptz,
  coop_consent_by uuid REFERENCES accounts(id),
  -- The network's consent: the admission decision that passed (null for the founding coop).
  network_consent_at timestamptz,
  network_decision_id uuid,
  joined_at timestamptz,
  left_at timestamptz,
  left_reason text CHECK (length(left_reason) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'active' OR (coop_consent_at IS NOT NULL AND network_consent_at IS NOT NULL AND joined_at IS NOT NULL)),
  CHECK ((status = 'left') = (left_at IS NOT NULL)),
  CHECK (origin = 'founding' OR network_consent_at IS NULL OR network_decision_id IS NOT NULL)
);
CREATE UNIQUE INDEX network_memberships_open_idx ON network_memberships (network_id, member_coop_id) WHERE status IN ('pending', 'active');
CREATE INDEX network_memberships_coop_idx ON network_memberships (member_coop_id);

-- The administrative team of a network (NAO mode): accounts with a network role, tied to no coop.
CREATE TABLE network_stewards (
  network_id uuid NOT NULL REFERENCES networks(id),
  account_id uuid NOT NULL REFERENCES accounts(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  PRIMARY KEY (network_id, account_id)
);

-- Decisions of a network. Strategic matters (admission, mode, lead, budget, general) go to the
-- member coops' vote; operational ones are taken by whoever the mode names (all members, the
-- lead coop, the administrative team). The electorate is frozen when the vote opens.
CREATE TABLE network_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES networks(id),
  number integer NOT NULL CHECK (number >= 1),
  kind text NOT NULL CHECK (kind IN ('general', 'budget', 'admission', 'mode_change', 'lead_change', 'operational')),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
  -- admission: {coopId, membershipId}; mode_change: {mode, leadCoopId?}; lead_change: {leadCoopId}; budget: {amount}.
  subject jsonb NOT NULL DEFAULT '{}'::jsonb,
  proposed_by uuid REFERENCES accounts(id),
  proposed_for_coop uuid REFERENCES coops(id),
  status text NOT NULL DEFAULT 'discussion' CHECK (status IN ('discussion', 'voting', 'closed', 'withdrawn')),
  quorum_bp integer NOT NULL,
  threshold_bp integer NOT NULL,
  electorate jsonb,
  outcome text CHECK (outcome IN ('passed', 'rejected', 'no_quorum', 'consensus')),
  result jsonb,
  opened_at timestamptz,
  closes_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, number),
  CHECK ((status = 'closed') = (outcome IS NOT NULL AND closed_at IS NOT NULL AND result IS NOT NULL))
);

-- A member coop's delegates, authorised by its board.
CREATE TABLE network_delegates (
  coop_id uuid NOT NULL REFERENCES coops(id),
  network_id uuid NOT NULL REFERENCES networks(id),
  account_id uuid NOT NULL REFERENCES accounts(id),
  authorised_by uuid NOT NULL REFERENCES accounts(id),
  authorised_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (coop_id, network_id, account_id)
);

-- One coop, one ballot: the primary key makes a second ballot of the same coop impossible,
-- whichever of its delegates casts it and however many at once.
CREATE TABLE network_ballots (
  coop_id uuid NOT NULL REFERENCES coops(id),
  decision_id uuid NOT NULL REFERENCES network_decisions(id),
  network_id uuid NOT NULL REFERENCES networks(id),
  choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
  weight integer NOT NULL CHECK (weight >= 1),
  cast_by uuid NOT NULL REFERENCES accounts(id),
  cast_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, decision_id)
);

-- Musyawarah: the coop's current position, stated by one of its delegates.
CREATE TABLE network_positions (
  coop_id uuid NOT NULL REFERENCES coops(id),
  decision_id uuid NOT NULL REFERENCES network_decisions(id),
  network_id uuid NOT NULL REFERENCES networks(id),
  stance text NOT NULL CHECK (stance IN ('agree', 'abstain', 'disagree', 'block')),
  reason text CHECK (length(reason) <= 2000),
  stated_by uuid NOT NULL REFERENCES accounts(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, decision_id),
  CHECK (stance <> 'block' OR length(trim(reason)) >= 3)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['network_delegates','network_ballots','network_positions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
    -- Read-only for a network-scoped transaction: the rows a coop wrote for that network.
    EXECUTE format('CREATE POLICY network_read ON %I FOR SELECT USING (network_id = current_network_id())', t);
  END LOOP;
END $$;

-- The reference tables are written by the platform's own connection (src/networks/), never by
-- lumbung_app; tenant transactions may read them.
REVOKE INSERT, UPDATE, DELETE ON networks, network_memberships, network_stewards, network_decisions FROM lumbung_app;
GRANT SELECT ON networks, network_memberships, network_stewards, network_decisions TO lumbung_app;
GRANT SELECT, INSERT, UPDATE ON network_delegates, network_positions TO lumbung_app;
GRANT SELECT, INSERT ON network_ballots TO lumbung_app;
REVOKE UPDATE, DELETE ON network_ballots FROM lumbung_app;
