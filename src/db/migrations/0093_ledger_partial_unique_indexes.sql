-- An entry's sequence number and the entry it reverses are unique where they are set. As
-- partial unique indexes they leave out the NULLs every new (unsealed, non-reversing) entry
-- has, so a posting writes two index entries fewer (decision 0042). Same uniqueness.
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_coop_id_seq_key;
CREATE UNIQUE INDEX journal_entries_seq_key ON journal_entries (coop_id, seq) WHERE seq IS NOT NULL;
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_coop_id_reverses_entry_id_key;
CREATE UNIQUE INDEX journal_entries_reverses_key ON journal_entries (coop_id, reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;
