-- journal_lines_check_entries (0092) joined its transition table to journal_entries in one
-- query. On Citus the trigger runs on the shard, where a query naming journal_entries is planned
-- by Citus and sent on as text — without the transition table, which exists only here
-- (decision 0110). The same rule, with the transition table read on its own first and each
-- entry's header then looked up by coop_id and id (a single-shard query on Citus, the same
-- index lookup as before on one server).
CREATE OR REPLACE FUNCTION journal_lines_check_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  l record;
BEGIN
  FOR l IN SELECT DISTINCT coop_id, entry_id FROM new_lines LOOP
    IF NOT EXISTS (SELECT 1 FROM journal_entries j WHERE j.coop_id = l.coop_id AND j.id = l.entry_id AND j.xmin = pg_current_xact_id()::xid) THEN
      PERFORM ledger_check_entry_lines(l.coop_id, l.entry_id);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
