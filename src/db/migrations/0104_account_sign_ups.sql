-- Sign-up without revealing whether an e-mail address has an account (decision 0102).
-- A sign-up with an e-mail address no longer creates the account at once: it keeps the request
-- here (the password already hashed) and mails a one-time link; opening it creates the account.
-- For an address that already has an account, the owner is mailed a notice instead, and the
-- answer to the person signing up is the same either way.
-- Platform-wide like `accounts` and `sessions` (an account belongs to no cooperative), so no
-- coop_id and no row-level policy. Only the SHA-256 of the link's token is stored.
CREATE TABLE account_sign_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  phone text CHECK (phone ~ '^62[0-9]{8,13}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  next_path text CHECK (next_path LIKE '/%' AND length(next_path) <= 500),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  completed_at timestamptz,
  account_id uuid REFERENCES accounts(id),
  CHECK ((completed_at IS NULL) = (account_id IS NULL))
);
CREATE INDEX account_sign_ups_email_idx ON account_sign_ups (email, created_at DESC);

-- Mail about an account (the sign-up link, the "someone tried to sign up" notice) belongs to no
-- cooperative: the outbox takes it with coop_id NULL. Its dedupe keys are random per message.
ALTER TABLE mail_outbox ALTER COLUMN coop_id DROP NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON account_sign_ups TO lumbung_app;
