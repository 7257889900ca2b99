-- The double-entry ledger: chart of accounts per cooperative, journal entries and lines
-- (append-only, balanced, hash-chained), period closings. Money is whole rupiah in BIGINT.
-- See docs/decisions/0040-ledger-append-only-and-sealed-chain.md.

-- Per-cooperative ledger settings; the row exists once the chart of accounts was copied.
CREATE TABLE ledger_settings (
  coop_id uuid NOT NULL REFERENCES coops(id),
  -- Simpanan pokok and wajib are equity (modal sendiri) by default; some ADs treat them as liabilities.
  capital_classification text NOT NULL DEFAULT 'equity' CHECK (capital_classification IN ('equity', 'liability')),
  -- Postings dated on or before this day are refused (closed periods).
  closed_through date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id)
);

CREATE TABLE ledger_accounts (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  name_en text CHECK (name_en IS NULL OR length(name_en) BETWEEN 2 AND 120),
  account_group text NOT NULL CHECK (account_group IN ('aset', 'kewajiban', 'ekuitas', 'pendapatan', 'beban')),
  subgroup text NOT NULL CHECK (subgroup IN (
    'aset_lancar', 'aset_tidak_lancar',
    'kewajiban_jangka_pendek', 'kewajiban_jangka_panjang',
    'ekuitas',
    'pendapatan_anggota', 'pendapatan_non_anggota', 'pendapatan_lain',
    'beban_pokok', 'beban_usaha', 'beban_lain', 'beban_pajak')),
  normal_side text NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  -- Stable name other capabilities post to (CASH, SIMPANAN_WAJIB, …); null for the board's own accounts.
  system_key text CHECK (system_key ~ '^[A-Z][A-Z0-9_]{1,63}$'),
  -- How the direct-method cash flow treats the account: it is cash, or which activity its movements belong to.
  cash_flow text NOT NULL CHECK (cash_flow IN ('kas', 'operasi', 'investasi', 'pendanaan')),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, code),
  UNIQUE (coop_id, system_key)
);

CREATE TABLE journal_entries (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  entry_date date NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  source text NOT NULL CHECK (source ~ '^[a-z][a-z0-9_-]{0,39}$'),
  source_ref text CHECK (length(source_ref) <= 200),
  reverses_entry_id uuid,
  -- What the lines must add up to: the deferred trigger checks them at commit.
  line_count integer NOT NULL CHECK (line_count >= 2),
  total bigint NOT NULL CHECK (total > 0),
  -- sha256 of the lines as posted, to tell a replay from a different posting under the same key.
  lines_digest text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Assigned once, after commit, by the sealer (commit order): the chain.
  seq bigint CHECK (seq >= 1),
  prev_hash text,
  hash text,
  sealed_at timestamptz,
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, idempotency_key),
  UNIQUE (coop_id, seq),
  UNIQUE (coop_id, reverses_entry_id),
  FOREIGN KEY (coop_id, reverses_entry_id) REFERENCES journal_entries(coop_id, id),
  CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (sealed_at IS NULL))
);
CREATE INDEX journal_entries_unsealed_idx ON journal_entries(coop_id, created_at, id) WHERE seq IS NULL;
CREATE INDEX journal_entries_date_idx ON journal_entries(coop_id, entry_date, created_at);

CREATE TABLE journal_lines (
  coop_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  line_no smallint NOT NULL CHECK (line_no >= 1),
  -- The entry's date, repeated so statements aggregate lines in one scan.
  entry_date date NOT NULL,
  account_id uuid NOT NULL,
  debit bigint NOT NULL DEFAULT 0 CHECK (debit >= 0),
  credit bigint NOT NULL DEFAULT 0 CHECK (credit >= 0),
  member_id uuid,
  business_unit text CHECK (length(business_unit) BETWEEN 1 AND 60),
  memo text CHECK (length(memo) <= 300),
  PRIMARY KEY (coop_id, entry_id, line_no),
  FOREIGN KEY (coop_id, entry_id) REFERENCES journal_entries(coop_id, id),
  FOREIGN KEY (coop_id, account_id) REFERENCES ledger_accounts(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id),
  CHECK ((debit > 0) <> (credit > 0))
);
CREATE INDEX journal_lines_account_idx ON journal_lines(coop_id, account_id, entry_date);
CREATE INDEX journal_lines_member_idx ON journal_lines(coop_id, member_id, account_id, entry_date) WHERE member_id IS NOT NULL;

-- The head of each cooperative's chain; its row lock serialises sealers (never posters).
CREATE TABLE ledger_chain_heads (
  coop_id uuid NOT NULL REFERENCES coops(id),
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash text NOT NULL DEFAULT '',
  PRIMARY KEY (coop_id)
);

-- Closing and reopening of periods, append-only.
CREATE TABLE ledger_closings (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  action text NOT NULL CHECK (action IN ('close', 'reopen')),
  closed_through_before date,
  closed_through_after date,
  closing_entry_id uuid,
  reason text,
  actor_account_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, closing_entry_id) REFERENCES journal_entries(coop_id, id)
);
CREATE TRIGGER ledger_closings_append_only BEFORE UPDATE OR DELETE ON ledger_closings FOR EACH ROW EXECUTE FUNCTION reject_change();

-- Posted entries are never updated or deleted. The one exception is the sealer's one-time
-- assignment of seq, prev_hash, hash and sealed_at to an unsealed entry, changing nothing else.
CREATE FUNCTION journal_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND (NEW.coop_id, NEW.id, NEW.idempotency_key, NEW.entry_date, NEW.description, NEW.source, NEW.source_ref,
          NEW.reverses_entry_id, NEW.line_count, NEW.total, NEW.lines_digest, NEW.created_by, NEW.created_at)
         IS NOT DISTINCT FROM
         (OLD.coop_id, OLD.id, OLD.idempotency_key, OLD.entry_date, OLD.description, OLD.source, OLD.source_ref,
          OLD.reverses_entry_id, OLD.line_count, OLD.total, OLD.lines_digest, OLD.created_by, OLD.created_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% of a posted journal entry is not allowed: post a reversing entry instead', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER journal_entries_immutable BEFORE UPDATE OR DELETE ON journal_entries FOR EACH ROW EXECUTE FUNCTION journal_entries_guard();
CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines FOR EACH STATEMENT EXECUTE FUNCTION reject_change();

-- At commit, an entry's lines must balance and match its header (count, total, date).
-- Checked whenever a line or an entry is inserted, so lines added later to an old entry fail too.
CREATE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e_id uuid;
  e record;
  n integer;
  d bigint;
  c bigint;
  wrong_date integer;
BEGIN
  -- NEW is a journal_entries row or a journal_lines row; to_jsonb reads either without naming a missing field.
  e_id := CASE WHEN TG_TABLE_NAME = 'journal_entries' THEN (to_jsonb(NEW) ->> 'id')::uuid ELSE (to_jsonb(NEW) ->> 'entry_id')::uuid END;
  SELECT line_count, total, entry_date INTO e FROM journal_entries WHERE coop_id = NEW.coop_id AND id = e_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'journal line of a missing entry %', e_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) FILTER (WHERE entry_date <> e.entry_date)
    INTO n, d, c, wrong_date
    FROM journal_lines WHERE coop_id = NEW.coop_id AND entry_id = e_id;
  IF d <> c THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits % <> credits %', e_id, d, c USING ERRCODE = 'check_violation';
  END IF;
  IF n <> e.line_count OR d <> e.total OR wrong_date > 0 THEN
    RAISE EXCEPTION 'journal entry % lines do not match its header (% lines, total %)', e_id, n, d USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balanced();
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balanced();

-- What a posting needs, in one round trip: the periods lock (shared: postings never wait for
-- each other, only for a period being closed), then — with a snapshot taken after the lock —
-- the closed-through date and the accounts the lines name (by system key or code).
CREATE FUNCTION ledger_posting_context(p_coop uuid, p_refs text[]) RETURNS TABLE (has_ledger boolean, closed_through date, accounts jsonb)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7305040, hashtext(p_coop::text));
  RETURN QUERY
    SELECT s.coop_id IS NOT NULL, s.closed_through,
           (SELECT coalesce(jsonb_agg(to_jsonb(a)), '[]'::jsonb) FROM ledger_accounts a
             WHERE a.coop_id = p_coop AND (a.system_key = ANY (p_refs) OR a.code = ANY (p_refs)))
      FROM (SELECT 1) AS one LEFT JOIN ledger_settings s ON s.coop_id = p_coop;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ledger_settings','ledger_accounts','journal_entries','journal_lines','ledger_chain_heads','ledger_closings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON ledger_settings, ledger_accounts, journal_entries, journal_lines, ledger_chain_heads, ledger_closings TO lumbung_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lumbung_app;
