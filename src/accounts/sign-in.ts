import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { addressThrottle, identifierThrottle } from './login-throttle.js';
import { parseIdentifier } from './model.js';
import { hashPassword, verifyPassword } from './password.js';
import { findAccountByIdentifier, insertSession } from './store.js';
import { newSecret, sha256 } from './tokens.js';

export const SESSION_DAYS = 30;

export const ZSignInRequest = z.object({
  identifier: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200)
});

// Unknown identifiers are checked against a real hash so they cost the same time as known ones.
let dummyHash: Promise<string> | undefined;

/** Verify credentials and open a session. Returns the raw session token (for the cookie). */
export async function signIn(ctx: Ctx, input: unknown, clientKey: string) {
  const data = parseInput(ZSignInRequest, input);
  const now = ctx.clock.now();
  const ipKey = [clientKey];
  if (addressThrottle.isBlocked(ipKey, now.getTime())) throw new AppError('RATE_LIMITED');
  const ident = parseIdentifier(data.identifier);
  const account = ident ? await findAccountByIdentifier(ctx.db, ident) : undefined;
  // Failures count against the account whichever way its email or number was typed
  // (08…, +62…, 62…, with dashes or spaces); unknown identifiers by their normalised form.
  const idKey = [throttleKey(data.identifier, ident, account?.id)];
  if (identifierThrottle.isBlocked(idKey, now.getTime())) throw new AppError('RATE_LIMITED');
  const ok = await verifyPassword(account?.password_hash ?? (await (dummyHash ??= hashPassword(newSecret('x')))), data.password);
  if (!account || !ok) {
    identifierThrottle.fail(idKey, now.getTime());
    addressThrottle.fail(ipKey, now.getTime());
    throw new AppError('INVALID_CREDENTIALS');
  }
  identifierThrottle.succeed(idKey);
  return openSession(ctx, account);
}

/** The sign-in throttle's key: the account when one matches, else the identifier as normalised for lookup. */
export function throttleKey(typed: string, ident: ReturnType<typeof parseIdentifier>, accountId: string | undefined): string {
  if (accountId) return `account:${accountId}`;
  if (ident) return 'email' in ident ? `email:${ident.email}` : `phone:${ident.phone}`;
  return `typed:${typed.trim().toLowerCase()}`;
}

/** Open a session for an account whose identity was just proven. Returns the raw token (for the cookie). */
export async function openSession(ctx: Ctx, account: { id: string; name: string; locale: 'id' | 'en' }) {
  const token = newSecret('ls');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(ctx.clock.now().getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(ctx.db, { token_hash: sha256(token), account_id: account.id, csrf_token: csrfToken, expires_at: expiresAt });
  return { token, csrfToken, expiresAt, account: { id: account.id, name: account.name, locale: account.locale } };
}
