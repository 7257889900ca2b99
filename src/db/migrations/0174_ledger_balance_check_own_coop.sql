-- journal_entry_check_balanced (0040, 0112) read the entry and its lines under the session's
-- tenancy. An inter-cooperative trade (decision 0171) posts one entry in each of two coops in one
-- transaction; at COMMIT the deferred check of the counterparty's entry then ran under the acting
-- coop's lumbung.coop_id, row-level security hid the entry, and the whole trade was refused
-- ("journal line of a missing entry"). On plain PostgreSQL `SET CONSTRAINTS … IMMEDIATE` inside
-- asCounterparty worked round it; Citus does not forward SET CONSTRAINTS to the workers.
-- The check now reads under the row's own coop for the span of its two reads and puts the
-- session's value back. It widens nothing: the trigger fires only for a row that row-level
-- security already let this transaction insert, and it reads only that coop's entry and lines.
CREATE OR REPLACE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e_id uuid;
  e record;
  n integer;
  d bigint;
  c bigint;
  wrong_date integer;
  was text;
BEGIN
  -- NEW is a journal_entries row or a journal_lines row; to_jsonb reads either without naming a missing field.
  e_id := coalesce(to_jsonb(NEW) ->> 'entry_id', to_jsonb(NEW) ->> 'id')::uuid;
  was := current_setting('lumbung.coop_id', true);
  PERFORM set_config('lumbung.coop_id', NEW.coop_id::text, true);
  SELECT line_count, total, entry_date INTO e FROM journal_entries WHERE coop_id = NEW.coop_id AND id = e_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'journal line of a missing entry %', e_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) FILTER (WHERE entry_date <> e.entry_date)
    INTO n, d, c, wrong_date
    FROM journal_lines WHERE coop_id = NEW.coop_id AND entry_id = e_id;
  PERFORM set_config('lumbung.coop_id', coalesce(was, ''), true);
  IF d <> c THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits % <> credits %', e_id, d, c USING ERRCODE = 'check_violation';
  END IF;
  IF n <> e.line_count OR d <> e.total OR wrong_date > 0 THEN
    RAISE EXCEPTION 'journal entry % lines do not match its header (% lines, total %)', e_id, n, d USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
