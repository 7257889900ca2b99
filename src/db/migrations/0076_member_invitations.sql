-- Invitations that link a sign-in account to a member the board entered or imported (who
-- therefore has no account yet). The board sends one to the member's e-mail; the person
-- opens the link, signs in or creates an account, and the member row gets its account_id.
-- Only the SHA-256 of the token is stored. One use; a newer invitation supersedes older ones.
CREATE TABLE member_invitations (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  created_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  accepted_account_id uuid REFERENCES accounts(id),
  superseded_at timestamptz,
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id),
  CHECK ((accepted_at IS NULL) = (accepted_account_id IS NULL))
);
CREATE INDEX member_invitations_member_idx ON member_invitations (coop_id, member_id, created_at DESC);

ALTER TABLE member_invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_invitations USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
GRANT SELECT, INSERT, UPDATE ON member_invitations TO lumbung_app;
