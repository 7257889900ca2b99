-- Ready for Citus (decision 0110): every unique constraint of a tenant table includes coop_id,
-- the distribution column, so each shard can enforce it alone. The token hashes below were
-- unique across cooperatives; they stay unique within one (256 random bits each: a collision
-- across cooperatives is as unlikely as one within). Every lookup by these hashes already names
-- the cooperative (from the URL), except API-token sign-in, which keeps an index on the hash.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_token_hash_key;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (coop_id, token_hash);
CREATE INDEX api_tokens_token_hash_idx ON api_tokens (token_hash);

ALTER TABLE member_invitations DROP CONSTRAINT member_invitations_token_hash_key;
ALTER TABLE member_invitations ADD CONSTRAINT member_invitations_token_hash_key UNIQUE (coop_id, token_hash);

ALTER TABLE orders DROP CONSTRAINT orders_token_hash_key;
ALTER TABLE orders ADD CONSTRAINT orders_token_hash_key UNIQUE (coop_id, token_hash);

ALTER TABLE event_tickets DROP CONSTRAINT event_tickets_token_key;
ALTER TABLE event_tickets ADD CONSTRAINT event_tickets_token_key UNIQUE (coop_id, token);

ALTER TABLE download_entitlements DROP CONSTRAINT download_entitlements_access_hash_key;
ALTER TABLE download_entitlements ADD CONSTRAINT download_entitlements_access_hash_key UNIQUE (coop_id, access_hash);

-- coops becomes a reference table on Citus (a copy on every node): a trigger on it would fire
-- on every copy. The recount its trigger ran when a coop's fiscal year start month changes is
-- now called by the one use case that changes it (src/coops/update-coop.ts), in the same transaction.
DROP TRIGGER coops_volume_recount ON coops;
DROP FUNCTION coops_volume_recount();
