import { sql } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { parseInput } from '../kernel/validation.js';
import { getMailer } from '../governance/mailer.js';
import { publicUrl } from '../governance/support.js';
import { LoginThrottle } from './login-throttle.js';
import { findAccountByIdentifier } from './store.js';
import { newSecret, sha256 } from './tokens.js';

/** A reset link works for this long, once. */
export const RESET_LINK_MINUTES = 60;
/** At most this many links per account per hour; more requests get the same answer and no mail. */
export const RESETS_PER_ACCOUNT_PER_HOUR = 3;
/** Requests from one address (a village may share one), counted whether the email exists or not. */
export const resetAddressThrottle = new LoginThrottle('password-reset:address', 20, 60 * 60_000);

export const ZRequestPasswordReset = z.object({ email: z.string().trim().toLowerCase().pipe(z.email().max(200)) });

/**
 * "Lupa kata sandi" (issue 14 item 4): mail a one-time link that expires after an hour to the
 * account with this email. The answer is the same whether the email is registered or not, and
 * the mail leaves in the background, so neither the answer nor its timing tells who has an
 * account. Throttled per address (429) and per account (silently: no more mail).
 */
export async function requestPasswordReset(ctx: Ctx, input: unknown, clientKey: string): Promise<void> {
  const data = parseInput(ZRequestPasswordReset, input);
  const now = ctx.clock.now();
  if (resetAddressThrottle.isBlocked([clientKey], now.getTime())) throw new AppError('RATE_LIMITED');
  resetAddressThrottle.fail([clientKey], now.getTime());
  const account = await findAccountByIdentifier(ctx.db, { email: data.email });
  if (!account?.email) return;
  const recent = await ctx.db
    .selectFrom('password_resets')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('account_id', '=', account.id)
    .where('created_at', '>', new Date(now.getTime() - 60 * 60_000))
    .executeTakeFirstOrThrow();
  if (recent.n >= RESETS_PER_ACCOUNT_PER_HOUR) return;
  const token = newSecret('lr');
  await ctx.db
    .insertInto('password_resets')
    .values({ account_id: account.id, token_hash: sha256(token), created_at: now, expires_at: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000) })
    .execute();
  const mailer = getMailer();
  if (!mailer) {
    ctx.log.warn({ accountId: account.id }, 'password reset requested but no SMTP_URL is set: no mail sent');
    return;
  }
  const link = `${publicUrl()}/atur-ulang-kata-sandi/${token}`;
  void mailer.transport
    .sendMail({
      from: mailer.from,
      to: { name: account.name, address: account.email },
      subject: t(account.locale, 'reset.mailSubject'),
      text: t(account.locale, 'reset.mailBody', { name: account.name, link })
    })
    .catch((err: unknown) => ctx.log.error({ err, accountId: account.id }, 'password reset mail failed'));
}
