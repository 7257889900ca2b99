-- Issue 14 item 4: "Lupa kata sandi". Accounts are platform-wide (no coop_id), so their reset
-- links are too. Only the SHA-256 of the one-time token is kept; a link expires after an hour
-- and is used once; a new password ends every open session of the account.
CREATE TABLE password_resets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX password_resets_account_idx ON password_resets (account_id, created_at);
