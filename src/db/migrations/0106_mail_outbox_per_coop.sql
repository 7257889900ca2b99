-- The mail outbox becomes a queue per cooperative (decision 0111): senders claim one
-- cooperative's pending rows inside its tenant transaction (FOR UPDATE SKIP LOCKED with
-- coop_id in the condition), so on Citus the claim is routed to that cooperative's shard.
-- coop_id leads the primary key and the pending index, and the table gets the usual
-- row-level security like every other cooperative table. Mail about an account (sign-up
-- links, migration 0104) belongs to no cooperative: it moves to a platform-wide queue of its
-- own, so every row of mail_outbox has its cooperative.
CREATE TABLE platform_mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  dedupe_key text NOT NULL UNIQUE,
  to_address text NOT NULL,
  to_name text,
  subject text NOT NULL,
  text_body text NOT NULL,
  ics text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX platform_mail_outbox_pending_idx ON platform_mail_outbox (created_at) WHERE sent_at IS NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON platform_mail_outbox TO lumbung_app;
INSERT INTO platform_mail_outbox (kind, dedupe_key, to_address, to_name, subject, text_body, ics, created_at, sent_at, attempts, last_error)
  SELECT kind, dedupe_key, to_address, to_name, subject, text_body, ics, created_at, sent_at, attempts, last_error FROM mail_outbox WHERE coop_id IS NULL ORDER BY id;
DELETE FROM mail_outbox WHERE coop_id IS NULL;
ALTER TABLE mail_outbox ALTER COLUMN coop_id SET NOT NULL;

ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_pkey;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_pkey PRIMARY KEY (coop_id, id);

DROP INDEX mail_outbox_pending_idx;
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (coop_id, id) WHERE sent_at IS NULL;

ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mail_outbox USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
