-- Education (principle 5): programmes, sessions, enrolments, attendance, certificates,
-- public learning-record links and spending from the education fund. Every table is
-- distributed by coop_id (Citus-ready: coop_id first in every key). See
-- docs/decisions/0120-education.md.
CREATE TABLE edu_programmes (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  kind text NOT NULL CHECK (kind IN ('perkoperasian', 'calon_anggota', 'kritis', 'keterampilan', 'literasi_keuangan', 'kepemimpinan', 'publik')),
  product_line text CHECK (product_line IN ('suara', 'rupa', 'aksara', 'busana', 'agenda')),
  audience text NOT NULL CHECK (audience IN ('members', 'candidates', 'board', 'public')),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  topics text[] NOT NULL DEFAULT '{}',
  outside_facilitators text[] NOT NULL DEFAULT '{}',
  budget bigint NOT NULL DEFAULT 0 CHECK (budget >= 0),
  -- Completion: at least this share (basis points) of the programme's sessions attended,
  -- and, when asked, an assessment the facilitator marks passed.
  min_attendance_bp integer NOT NULL DEFAULT 7500 CHECK (min_attendance_bp BETWEEN 0 AND 10000),
  requires_assessment boolean NOT NULL DEFAULT false,
  -- Places: enrolled_count moves by conditional UPDATE only (never past capacity).
  capacity integer CHECK (capacity > 0),
  enrolled_count integer NOT NULL DEFAULT 0 CHECK (enrolled_count >= 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  CHECK (capacity IS NULL OR enrolled_count <= capacity)
);

CREATE TABLE edu_programme_facilitators (
  coop_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  member_id uuid NOT NULL,
  PRIMARY KEY (coop_id, programme_id, member_id),
  FOREIGN KEY (coop_id, programme_id) REFERENCES edu_programmes(coop_id, id) ON DELETE CASCADE,
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);

CREATE TABLE edu_sessions (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  topic text NOT NULL CHECK (length(topic) BETWEEN 2 AND 200),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  venue text CHECK (length(venue) <= 300),
  online_url text CHECK (length(online_url) <= 500),
  capacity integer CHECK (capacity > 0),
  present_count integer NOT NULL DEFAULT 0 CHECK (present_count >= 0),
  -- The code (and QR) participants check themselves in with; unique in the coop.
  checkin_code text NOT NULL CHECK (checkin_code ~ '^[A-Z0-9]{6,12}$'),
  facilitator_member_id uuid,
  -- A members' meeting that is this session too: its attendance counts here.
  meeting_id uuid,
  closed_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, checkin_code),
  UNIQUE (coop_id, meeting_id),
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours'),
  CHECK (capacity IS NULL OR present_count <= capacity),
  FOREIGN KEY (coop_id, programme_id) REFERENCES edu_programmes(coop_id, id),
  FOREIGN KEY (coop_id, facilitator_member_id) REFERENCES members(coop_id, id),
  FOREIGN KEY (coop_id, meeting_id) REFERENCES meetings(coop_id, id)
);
CREATE INDEX edu_sessions_programme_idx ON edu_sessions (coop_id, programme_id, starts_at);

CREATE TABLE edu_session_materials (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (length(content_type) <= 100),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 20971520),
  content bytea NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, session_id) REFERENCES edu_sessions(coop_id, id) ON DELETE CASCADE
);
CREATE INDEX edu_session_materials_session_idx ON edu_session_materials (coop_id, session_id);

-- Participants: members (and candidates, who have an applicant member row) or people
-- without an account, by name and phone.
CREATE TABLE edu_enrolments (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  member_id uuid,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  phone text CHECK (length(phone) <= 20),
  gender text CHECK (gender IN ('F', 'M')),
  birth_date date,
  participant_kind text NOT NULL CHECK (participant_kind IN ('member', 'candidate', 'public')),
  assessment text CHECK (assessment IN ('passed', 'failed')),
  enrolled_by uuid,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, programme_id, member_id),
  FOREIGN KEY (coop_id, programme_id) REFERENCES edu_programmes(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id),
  CHECK ((member_id IS NULL) = (participant_kind = 'public') OR participant_kind = 'candidate')
);
CREATE INDEX edu_enrolments_member_idx ON edu_enrolments (coop_id, member_id);
CREATE UNIQUE INDEX edu_enrolments_phone_uq ON edu_enrolments (coop_id, programme_id, phone) WHERE member_id IS NULL AND phone IS NOT NULL;

CREATE TABLE edu_attendance (
  coop_id uuid NOT NULL,
  session_id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('present', 'absent')),
  method text NOT NULL CHECK (method IN ('facilitator', 'self', 'auto')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid,
  PRIMARY KEY (coop_id, session_id, enrolment_id),
  FOREIGN KEY (coop_id, session_id) REFERENCES edu_sessions(coop_id, id),
  FOREIGN KEY (coop_id, enrolment_id) REFERENCES edu_enrolments(coop_id, id)
);
CREATE INDEX edu_attendance_enrolment_idx ON edu_attendance (coop_id, enrolment_id);

-- Certificates: programme completion (session_id NULL) or one session's attendance.
CREATE TABLE edu_certificates (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{16,64}$'),
  programme_id uuid NOT NULL,
  session_id uuid,
  enrolment_id uuid NOT NULL,
  holder_name text NOT NULL,
  completed_on date NOT NULL,
  issued_by uuid,
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, code),
  FOREIGN KEY (coop_id, programme_id) REFERENCES edu_programmes(coop_id, id),
  FOREIGN KEY (coop_id, session_id) REFERENCES edu_sessions(coop_id, id),
  FOREIGN KEY (coop_id, enrolment_id) REFERENCES edu_enrolments(coop_id, id)
);
CREATE UNIQUE INDEX edu_certificates_programme_uq ON edu_certificates (coop_id, enrolment_id) WHERE session_id IS NULL;
CREATE UNIQUE INDEX edu_certificates_session_uq ON edu_certificates (coop_id, enrolment_id, session_id) WHERE session_id IS NOT NULL;

-- A member's public link to their learning record (none by default).
CREATE TABLE edu_record_links (
  coop_id uuid NOT NULL,
  member_id uuid NOT NULL,
  token text NOT NULL CHECK (token ~ '^[A-Za-z0-9_-]{16,64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, member_id),
  UNIQUE (coop_id, token),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);

-- Spending from the education fund: one journal entry (postEntry) per row, tagged with the programme.
CREATE TABLE edu_fund_spending (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  description text NOT NULL CHECK (length(description) BETWEEN 3 AND 300),
  spent_on date NOT NULL,
  paid_from text NOT NULL CHECK (paid_from IN ('CASH', 'BANK')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, entry_id),
  FOREIGN KEY (coop_id, programme_id) REFERENCES edu_programmes(coop_id, id),
  FOREIGN KEY (coop_id, entry_id) REFERENCES journal_entries(coop_id, id)
);
CREATE INDEX edu_fund_spending_programme_idx ON edu_fund_spending (coop_id, programme_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['edu_programmes','edu_programme_facilitators','edu_sessions','edu_session_materials','edu_enrolments','edu_attendance','edu_certificates','edu_record_links','edu_fund_spending'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON edu_programmes, edu_programme_facilitators, edu_sessions, edu_session_materials, edu_enrolments, edu_attendance, edu_certificates, edu_record_links, edu_fund_spending TO lumbung_app;
