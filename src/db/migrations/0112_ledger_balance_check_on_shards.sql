-- journal_entry_check_balanced (0040) told an entry from a line by the name of the table it fired
-- on. On Citus it fires on a shard, whose name is the table's with the shard id appended
-- (journal_entries_102050): it took the entry for a line, found no entry_id and refused every
-- entry at commit. It now tells them by the row itself: only a line has entry_id (decision 0110).
CREATE OR REPLACE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e_id uuid;
  e record;
  n integer;
  d bigint;
  c bigint;
  wrong_date integer;
BEGIN
  -- NEW is a journal_entries row or a journal_lines row; to_jsonb reads either without naming a missing field.
  e_id := coalesce(to_jsonb(NEW) ->> 'entry_id', to_jsonb(NEW) ->> 'id')::uuid;
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
