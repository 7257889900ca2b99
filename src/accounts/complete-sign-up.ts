import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { insertAccountOrTaken } from './create-account.js';
import { openSession } from './sign-in.js';
import { findSignUp, markSignUpDone } from './store.js';
import { sha256 } from './tokens.js';

const TOKEN = /^su_[A-Za-z0-9_-]{43}$/;

async function live(ctx: Ctx, db: Ctx['db'], token: unknown, lock: boolean) {
  if (typeof token !== 'string' || !TOKEN.test(token)) throw new AppError('SIGN_UP_LINK_INVALID');
  const row = await findSignUp(db, sha256(token), lock);
  if (!row) throw new AppError('SIGN_UP_LINK_INVALID');
  if (row.completed_at) throw new AppError('SIGN_UP_LINK_USED');
  if (row.expires_at.getTime() <= ctx.clock.now().getTime()) throw new AppError('SIGN_UP_LINK_EXPIRED');
  return row;
}

/** What a mailed sign-up link will create (the page shows it before the person confirms). */
export async function getSignUp(ctx: Ctx, token: unknown): Promise<{ name: string; email: string; expiresAt: string }> {
  const row = await live(ctx, ctx.db, token, false);
  return { name: row.name, email: row.email, expiresAt: row.expires_at.toISOString() };
}

/**
 * Finish an e-mail sign-up from its mailed link (decision 0102): the account is created with the
 * details and password hash given at sign-up, the link is used up (parallel presses create one
 * account), and a session opens. `next` is where the sign-up meant to go on.
 */
export async function completeSignUp(ctx: Ctx, token: unknown) {
  const done = await ctx.db.transaction().execute(async (trx) => {
    const row = await live(ctx, trx, token, true);
    const account = await insertAccountOrTaken(trx, { name: row.name, email: row.email, phone: row.phone, password_hash: row.password_hash, locale: row.locale });
    await markSignUpDone(trx, row.id, account.id, ctx.clock.now());
    return { account, locale: row.locale, next: row.next_path };
  });
  const session = await openSession(ctx, { id: done.account.id, name: done.account.name, locale: done.locale });
  return { session, next: done.next };
}
