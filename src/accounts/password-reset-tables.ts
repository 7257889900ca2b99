import type { Generated } from 'kysely';

/** One-time password reset links (migration 0127): only the token's hash is stored. */
export type PasswordResetsTable = {
  id: Generated<string>;
  account_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
};

export type PasswordResetTables = { password_resets: PasswordResetsTable };
