-- An entry's lines are checked against it once, at commit, by the entry's own deferred
-- trigger (journal_entries_balanced), instead of once more for every line: a posting of
-- four lines ran the same check five times (decision 0042).
--
-- What the per-line trigger also caught — lines added to an entry of an earlier
-- transaction — is caught when the lines go in: a statement that inserts lines of an
-- entry this transaction did not create checks that entry's lines against its header
-- right away (they never match: the entry already had its lines). An entry created inside
-- a subtransaction takes the same immediate check, so the lines must go in together.
DROP TRIGGER journal_lines_balanced ON journal_lines;

-- The check of journal_entry_check_balanced (0040), callable for one entry: its lines balance
-- and match its header (count, total, date). The entry's deferred trigger keeps its own inline
-- copy: called through PERFORM it would cost a posting a second function call at commit.
CREATE FUNCTION ledger_check_entry_lines(p_coop uuid, p_entry uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  e record;
  n integer;
  d bigint;
  c bigint;
  wrong_date integer;
BEGIN
  SELECT line_count, total, entry_date INTO e FROM journal_entries WHERE coop_id = p_coop AND id = p_entry;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'journal line of a missing entry %', p_entry USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) FILTER (WHERE entry_date <> e.entry_date)
    INTO n, d, c, wrong_date
    FROM journal_lines WHERE coop_id = p_coop AND entry_id = p_entry;
  IF d <> c THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits % <> credits %', p_entry, d, c USING ERRCODE = 'check_violation';
  END IF;
  IF n <> e.line_count OR d <> e.total OR wrong_date > 0 THEN
    RAISE EXCEPTION 'journal entry % lines do not match its header (% lines, total %)', p_entry, n, d USING ERRCODE = 'check_violation';
  END IF;
END $$;

CREATE FUNCTION journal_lines_check_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e record;
BEGIN
  FOR e IN
    SELECT j.coop_id, j.id
      FROM (SELECT DISTINCT coop_id, entry_id FROM new_lines) l
      JOIN journal_entries j ON j.coop_id = l.coop_id AND j.id = l.entry_id
     WHERE NOT (j.xmin = pg_current_xact_id()::xid)
  LOOP
    PERFORM ledger_check_entry_lines(e.coop_id, e.id);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER journal_lines_check_entries AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION journal_lines_check_entries();
