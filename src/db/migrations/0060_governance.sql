-- Governance: meetings (notice, agenda, attendance, minutes), decisions (musyawarah
-- positions, then one member one vote), results, elections' terms of office, and the
-- mail outbox. See docs/decisions/0060-governance.md and docs/domain/governance.md.

-- Meetings of the cooperative. Eligible members are snapshotted when the meeting opens.
CREATE TABLE meetings (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  number integer NOT NULL CHECK (number >= 1),
  kind text NOT NULL CHECK (kind IN ('regular', 'rat', 'extraordinary', 'founding', 'board', 'supervisors')),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  location text CHECK (length(location) <= 300),
  online_url text CHECK (length(online_url) <= 500),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'open', 'closed', 'cancelled')),
  -- The notice the charter asks for (days) and when the notice went out.
  notice_days integer CHECK (notice_days >= 0),
  notice_sent_at timestamptz,
  opened_at timestamptz,
  closed_at timestamptz,
  eligible_count integer CHECK (eligible_count >= 0),
  -- The secret printed as the meeting's QR code: members check themselves in with it.
  checkin_code text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, number),
  CHECK (ends_at IS NULL OR ends_at > starts_at),
  CHECK ((status IN ('open', 'closed')) = (opened_at IS NOT NULL) OR status = 'cancelled'),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX meetings_starts_idx ON meetings(coop_id, starts_at);

CREATE TABLE agenda_items (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  description text CHECK (length(description) <= 5000),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, meeting_id, position),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES meetings(coop_id, id)
);

-- Who could attend, frozen when the meeting opened (the quorum's denominator).
CREATE TABLE meeting_eligible (
  coop_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  member_id uuid NOT NULL,
  PRIMARY KEY (coop_id, meeting_id, member_id),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES meetings(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);

-- Check-in: by an officer, or by the member with the meeting's QR code; in person or online.
CREATE TABLE meeting_attendance (
  coop_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  member_id uuid NOT NULL,
  checked_in_at timestamptz NOT NULL,
  method text NOT NULL CHECK (method IN ('officer', 'qr')),
  participation text NOT NULL CHECK (participation IN ('in_person', 'online')),
  recorded_by uuid,
  left_at timestamptz,
  PRIMARY KEY (coop_id, meeting_id, member_id),
  FOREIGN KEY (coop_id, meeting_id, member_id) REFERENCES meeting_eligible(coop_id, meeting_id, member_id)
);

-- Proposals: discussed (musyawarah) and, when consensus fails, voted on.
CREATE TABLE decisions (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  number integer NOT NULL CHECK (number >= 1),
  meeting_id uuid,
  agenda_item_id uuid,
  kind text NOT NULL CHECK (kind IN ('general', 'charter_change', 'dissolution', 'election', 'admission')),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
  method text NOT NULL CHECK (method IN ('yes_no', 'choose')),
  max_choices smallint NOT NULL DEFAULT 1 CHECK (max_choices BETWEEN 1 AND 50),
  secret boolean NOT NULL DEFAULT false,
  -- Open ballots may be changed (the latest counts, history kept); secret ballots are single-submit.
  allow_revote boolean NOT NULL DEFAULT false,
  quorum jsonb NOT NULL,
  threshold_bp integer NOT NULL CHECK (threshold_bp BETWEEN 5000 AND 9999),
  charter_version integer,
  status text NOT NULL DEFAULT 'discussion' CHECK (status IN ('discussion', 'voting', 'closed', 'withdrawn')),
  outcome text CHECK (outcome IN ('passed', 'rejected', 'no_quorum', 'consensus', 'elected', 'tie')),
  opened_at timestamptz,
  closes_at timestamptz,
  closed_at timestamptz,
  electorate_size integer CHECK (electorate_size >= 0),
  -- Decisions taken at a meeting: attendance when the vote opened, and the quorum it needed.
  attendance_at_open integer,
  meeting_eligible integer,
  election_role text CHECK (election_role IN ('ketua', 'sekretaris', 'bendahara', 'pengawas')),
  term_starts_on date,
  term_ends_on date,
  charter_rules jsonb,
  charter_base_version integer,
  subject_member_id uuid,
  -- The effect of a passed decision (roles, charter version, admission), once applied.
  effect jsonb,
  proposed_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, number),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES meetings(coop_id, id),
  FOREIGN KEY (coop_id, agenda_item_id) REFERENCES agenda_items(coop_id, id),
  FOREIGN KEY (coop_id, subject_member_id) REFERENCES members(coop_id, id),
  CHECK (NOT (secret AND allow_revote)),
  CHECK (closes_at IS NULL OR opened_at IS NULL OR closes_at > opened_at),
  CHECK ((kind = 'election') = (election_role IS NOT NULL)),
  CHECK ((kind = 'charter_change') = (charter_rules IS NOT NULL)),
  CHECK ((kind = 'admission') = (subject_member_id IS NOT NULL))
);
CREATE INDEX decisions_status_idx ON decisions(coop_id, status, closes_at);

CREATE TABLE decision_options (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  decision_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  -- A candidate in an election.
  member_id uuid,
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, decision_id, position),
  FOREIGN KEY (coop_id, decision_id) REFERENCES decisions(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);

-- Musyawarah: each member's current position on a proposal, and the discussion.
CREATE TABLE decision_positions (
  coop_id uuid NOT NULL,
  decision_id uuid NOT NULL,
  member_id uuid NOT NULL,
  stance text NOT NULL CHECK (stance IN ('agree', 'abstain', 'disagree', 'block')),
  reason text CHECK (length(reason) <= 2000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, decision_id, member_id),
  FOREIGN KEY (coop_id, decision_id) REFERENCES decisions(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id),
  CHECK (stance <> 'block' OR length(trim(reason)) >= 3)
);

CREATE TABLE decision_comments (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  decision_id uuid NOT NULL,
  member_id uuid NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, decision_id) REFERENCES decisions(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);

-- The electorate, frozen when voting opens.
CREATE TABLE eligible_voters (
  coop_id uuid NOT NULL,
  decision_id uuid NOT NULL,
  member_id uuid NOT NULL,
  PRIMARY KEY (coop_id, decision_id, member_id),
  FOREIGN KEY (coop_id, decision_id) REFERENCES decisions(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);

-- Who voted (never what): one row per member and decision. No ballot id here.
CREATE TABLE participations (
  coop_id uuid NOT NULL,
  decision_id uuid NOT NULL,
  member_id uuid NOT NULL,
  origin text NOT NULL CHECK (origin IN ('online', 'in_person')),
  -- The officer who entered a paper ballot (origin in_person).
  entered_by uuid,
  voted_at timestamptz NOT NULL,
  receipt_code text NOT NULL,
  idempotency_key text,
  PRIMARY KEY (coop_id, decision_id, member_id),
  FOREIGN KEY (coop_id, decision_id, member_id) REFERENCES eligible_voters(coop_id, decision_id, member_id),
  CHECK ((origin = 'in_person') = (entered_by IS NOT NULL))
);

-- What was chosen (never who): no member id, no timestamp, random ids.
CREATE TABLE ballots (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  decision_id uuid NOT NULL,
  choices jsonb NOT NULL,
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, decision_id) REFERENCES decisions(coop_id, id)
);
CREATE INDEX ballots_decision_idx ON ballots(coop_id, decision_id);

-- Open (non-secret) ballots: who chose what, with every change kept. The current
-- choice's ballot row is ballot_id; a change removes that row and adds a new one.
CREATE TABLE open_votes (
  coop_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  decision_id uuid NOT NULL,
  member_id uuid NOT NULL,
  choices jsonb NOT NULL,
  ballot_id uuid,
  idempotency_key text,
  cast_at timestamptz NOT NULL,
  superseded_at timestamptz,
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, decision_id, member_id) REFERENCES eligible_voters(coop_id, decision_id, member_id)
);
CREATE UNIQUE INDEX open_votes_current_idx ON open_votes(coop_id, decision_id, member_id) WHERE superseded_at IS NULL;

-- Frozen results. A reopened vote gets a new version; earlier versions stay.
CREATE TABLE decision_results (
  coop_id uuid NOT NULL,
  decision_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  outcome text NOT NULL CHECK (outcome IN ('passed', 'rejected', 'no_quorum', 'consensus', 'elected', 'tie')),
  rule jsonb NOT NULL,
  inputs jsonb NOT NULL,
  tally jsonb NOT NULL,
  closed_at timestamptz NOT NULL,
  closed_by uuid,
  PRIMARY KEY (coop_id, decision_id, version),
  FOREIGN KEY (coop_id, decision_id) REFERENCES decisions(coop_id, id)
);

CREATE TABLE decision_reopenings (
  coop_id uuid NOT NULL,
  decision_id uuid NOT NULL,
  -- The result version this reopening supersedes.
  supersedes_version integer NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 1000),
  reopened_at timestamptz NOT NULL,
  reopened_by uuid,
  PRIMARY KEY (coop_id, decision_id, supersedes_version),
  FOREIGN KEY (coop_id, decision_id, supersedes_version) REFERENCES decision_results(coop_id, decision_id, version)
);

-- One-time links from messages: a GET shows a confirmation page; only a POST with the token votes.
CREATE TABLE vote_tokens (
  coop_id uuid NOT NULL,
  token_hash text NOT NULL,
  decision_id uuid NOT NULL,
  member_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  PRIMARY KEY (coop_id, token_hash),
  FOREIGN KEY (coop_id, decision_id, member_id) REFERENCES eligible_voters(coop_id, decision_id, member_id)
);

-- Terms of office given by elections.
CREATE TABLE office_terms (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('ketua', 'sekretaris', 'bendahara', 'pengawas')),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  decision_id uuid NOT NULL,
  ended_early_on date,
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id),
  FOREIGN KEY (coop_id, decision_id) REFERENCES decisions(coop_id, id),
  CHECK (ends_on > starts_on)
);

-- Minutes: per meeting, notes per agenda item; read-only once approved; corrections are amendments.
CREATE TABLE minutes (
  coop_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  approved_at timestamptz,
  approved_by uuid,
  -- The meeting (usually the next one) that approved them.
  approved_at_meeting_id uuid,
  -- Attendance and results as they stood when the minutes were approved.
  snapshot jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, meeting_id),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES meetings(coop_id, id),
  FOREIGN KEY (coop_id, approved_at_meeting_id) REFERENCES meetings(coop_id, id),
  CHECK ((status = 'approved') = (approved_at IS NOT NULL))
);

CREATE TABLE minute_notes (
  coop_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  agenda_item_id uuid NOT NULL,
  text text NOT NULL CHECK (length(text) <= 20000),
  PRIMARY KEY (coop_id, agenda_item_id),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES minutes(coop_id, meeting_id),
  FOREIGN KEY (coop_id, agenda_item_id) REFERENCES agenda_items(coop_id, id)
);

CREATE TABLE minute_amendments (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL,
  agenda_item_id uuid,
  text text NOT NULL CHECK (length(text) BETWEEN 3 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES minutes(coop_id, meeting_id),
  FOREIGN KEY (coop_id, agenda_item_id) REFERENCES agenda_items(coop_id, id)
);

CREATE TRIGGER decision_results_append_only BEFORE UPDATE OR DELETE ON decision_results FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER decision_reopenings_append_only BEFORE UPDATE OR DELETE ON decision_reopenings FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER minute_amendments_append_only BEFORE UPDATE OR DELETE ON minute_amendments FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER participations_append_only BEFORE UPDATE OR DELETE ON participations FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER eligible_voters_append_only BEFORE UPDATE OR DELETE ON eligible_voters FOR EACH ROW EXECUTE FUNCTION reject_change();

-- A secret ballot can never become open, and once a ballot exists the counting settings are frozen
-- (Loomio: cannot_deanonymize, anonymous_configuration_cannot_change_after_ballot).
CREATE FUNCTION decisions_guard_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.secret AND NOT NEW.secret THEN
    RAISE EXCEPTION 'a secret ballot cannot be made open' USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_cannot_deanonymize';
  END IF;
  IF (OLD.method, OLD.max_choices, OLD.secret, OLD.allow_revote, OLD.quorum, OLD.threshold_bp, OLD.kind)
     IS DISTINCT FROM (NEW.method, NEW.max_choices, NEW.secret, NEW.allow_revote, NEW.quorum, NEW.threshold_bp, NEW.kind)
     AND EXISTS (SELECT 1 FROM participations p WHERE p.coop_id = OLD.coop_id AND p.decision_id = OLD.id) THEN
    RAISE EXCEPTION 'settings are frozen after the first ballot' USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_settings_frozen';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER decisions_settings_guard BEFORE UPDATE ON decisions FOR EACH ROW EXECUTE FUNCTION decisions_guard_settings();

CREATE FUNCTION decision_options_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d uuid; c uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN d := OLD.decision_id; c := OLD.coop_id; ELSE d := NEW.decision_id; c := NEW.coop_id; END IF;
  IF EXISTS (SELECT 1 FROM participations p WHERE p.coop_id = c AND p.decision_id = d) THEN
    RAISE EXCEPTION 'options are frozen after the first ballot' USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_settings_frozen';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER decision_options_frozen BEFORE INSERT OR UPDATE OR DELETE ON decision_options FOR EACH ROW EXECUTE FUNCTION decision_options_guard();

-- Ballots are never edited; only an open ballot's row may be replaced by its member's new choice.
CREATE FUNCTION ballots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM decisions d WHERE d.coop_id = OLD.coop_id AND d.id = OLD.decision_id AND (d.secret OR d.status <> 'voting')) THEN
    RAISE EXCEPTION '% on ballots is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER ballots_guard BEFORE UPDATE OR DELETE ON ballots FOR EACH ROW EXECUTE FUNCTION ballots_guard();

-- Approved minutes are read-only.
CREATE FUNCTION minutes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'approved' THEN
    RAISE EXCEPTION 'approved minutes are read-only; add an amendment' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER minutes_read_only BEFORE UPDATE OR DELETE ON minutes FOR EACH ROW EXECUTE FUNCTION minutes_guard();

CREATE FUNCTION minute_notes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m uuid; c uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN m := OLD.meeting_id; c := OLD.coop_id; ELSE m := NEW.meeting_id; c := NEW.coop_id; END IF;
  IF EXISTS (SELECT 1 FROM minutes x WHERE x.coop_id = c AND x.meeting_id = m AND x.status = 'approved') THEN
    RAISE EXCEPTION 'approved minutes are read-only; add an amendment' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER minute_notes_read_only BEFORE INSERT OR UPDATE OR DELETE ON minute_notes FOR EACH ROW EXECUTE FUNCTION minute_notes_guard();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['meetings','agenda_items','meeting_eligible','meeting_attendance','decisions','decision_options','decision_positions',
                           'decision_comments','eligible_voters','participations','ballots','open_votes','decision_results','decision_reopenings',
                           'vote_tokens','office_terms','minutes','minute_notes','minute_amendments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

-- The mail outbox is platform plumbing like a job queue: written in the same transaction as the
-- change that causes a message, drained after commit by one sender for every cooperative, so
-- it has no row-level policy (only the governance mailer reads it).
CREATE TABLE mail_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  coop_id uuid NOT NULL REFERENCES coops(id),
  kind text NOT NULL,
  dedupe_key text NOT NULL,
  to_address text NOT NULL,
  to_name text,
  subject text NOT NULL,
  text_body text NOT NULL,
  ics text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  UNIQUE (coop_id, dedupe_key)
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox(id) WHERE sent_at IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lumbung_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lumbung_app;
