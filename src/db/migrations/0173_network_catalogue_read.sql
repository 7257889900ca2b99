-- The city page's combined storefront (issue 19): one statement reads the PUBLISHED works of a
-- network's active member coops, under row-level security. A transaction that sets
-- lumbung.network_coops (a comma list of coop ids, set only by src/networks/city.ts to the
-- network's current members) may read those coops' published works — rows every visitor already
-- sees on each coop's storefront — and nothing else; drafts, archived works and every other
-- table stay behind the tenant policy. No subquery (Citus pushes the policy to the shards).
CREATE POLICY network_catalogue ON works FOR SELECT
  USING (status = 'published' AND coop_id::text = ANY (string_to_array(current_setting('lumbung.network_coops', true), ',')));

-- Newest published works across coops, and coming events across coops, without a per-coop key:
-- the city page's two reads stop after one page of rows instead of sorting every member's works.
CREATE INDEX works_published_recent_idx ON works (published_at DESC, id) WHERE status = 'published';
CREATE INDEX works_agenda_upcoming_idx ON works (starts_at) WHERE status = 'published' AND product_line = 'agenda';
