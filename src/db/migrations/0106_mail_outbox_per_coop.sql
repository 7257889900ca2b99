-- The mail outbox becomes a queue per cooperative (decision 0111): senders claim one
-- cooperative's pending rows inside its tenant transaction (FOR UPDATE SKIP LOCKED with
-- coop_id in the condition), so on Citus the claim is routed to that cooperative's shard.
-- coop_id leads the primary key and the pending index, and the table gets the usual
-- row-level security like every other cooperative table.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_pkey;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_pkey PRIMARY KEY (coop_id, id);

DROP INDEX mail_outbox_pending_idx;
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (coop_id, id) WHERE sent_at IS NULL;

ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mail_outbox USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
