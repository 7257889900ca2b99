-- API tokens (decision 0102): an optional expiry, and revocation for good when their creator
-- leaves the cooperative. Until now a token of an account that lost every role there kept
-- resolving (with no roles) and came back to life when the account was given a role again.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_expiry_after_creation CHECK (expires_at IS NULL OR expires_at > created_at);

-- Tokens whose creator has already left (no roles in the cooperative) are revoked now; from here
-- on the write paths that remove an account's last role, or end its membership, revoke them.
UPDATE api_tokens t SET revoked_at = now()
  WHERE t.revoked_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM coop_users cu WHERE cu.coop_id = t.coop_id AND cu.account_id = t.account_id);
