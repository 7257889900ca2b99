import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { parseInput } from '../kernel/validation.js';
import { kickOutbox } from '../governance/mailer.js';
import { enqueueMail } from '../governance/store.js';
import { publicUrl } from '../governance/support.js';
import { createAccount, createCheckedAccount, ZCreateAccountRequest } from './create-account.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword } from './password.js';
import { openSession } from './sign-in.js';
import { findAccountByIdentifier, insertSignUp } from './store.js';
import { newSecret, sha256 } from './tokens.js';

/** Each address may create a few accounts an hour (a village wifi shares one address). */
export const signUpThrottle = new LoginThrottle('sign-up:address', 20, 60 * 60_000);
/** One mailbox gets at most three sign-up mails an hour, however many people type it. */
export const signUpMailThrottle = new LoginThrottle('sign-up:mailbox', 3, 60 * 60_000);

/** How long a mailed sign-up link works. */
export const SIGN_UP_LINK_HOURS = 48;

export type SignUpResult =
  | { kind: 'check_email'; email: string }
  | { kind: 'signed_in'; session: Awaited<ReturnType<typeof openSession>> };

/**
 * Anyone may create a sign-in account (open membership starts with being able to apply); it
 * belongs to no cooperative yet. The answer never tells whether an e-mail address has an account
 * (decision 0102): with an address, nothing is created now — its owner is mailed either a link that
 * creates the account (a new address) or a notice that someone tried to sign up, with a sign-in
 * link (a registered one) — and the answer is "check your e-mail" either way.
 * Without an e-mail (a mobile number only; there is no SMS channel) the account is created and
 * signed in at once, and a taken number is said to be taken.
 * `provenEmail`: an address the person has just proven they read (the invitation link mailed
 * there): signing up with exactly that address creates the account at once.
 * `next`: where the mailed link leads after the account is made (a same-site path).
 */
export async function signUp(ctx: Ctx, input: unknown, clientKey: string, opts: { provenEmail?: string; next?: string | null } = {}): Promise<SignUpResult> {
  const now = ctx.clock.now();
  if (signUpThrottle.isBlocked([clientKey], now.getTime())) throw new AppError('RATE_LIMITED');
  const body = (input ?? {}) as Record<string, unknown>;
  const request = {
    name: body.name as string,
    email: (body.email as string) || undefined,
    phone: (body.phone as string) || undefined,
    password: body.password as string,
    locale: ctx.locale
  };
  if (request.email === undefined) {
    const account = await createAccount(ctx.db, request);
    signUpThrottle.fail([clientKey], now.getTime());
    return { kind: 'signed_in', session: await openSession(ctx, { id: account.id, name: account.name, locale: ctx.locale }) };
  }
  const data = parseInput(ZCreateAccountRequest, request);
  const email = data.email!;
  if (opts.provenEmail && email === opts.provenEmail.toLowerCase()) {
    const account = await createCheckedAccount(ctx.db, data);
    signUpThrottle.fail([clientKey], now.getTime());
    return { kind: 'signed_in', session: await openSession(ctx, { id: account.id, name: account.name, locale: ctx.locale }) };
  }

  // Both branches hash the password, so a registered address answers as slowly as a new one.
  const passwordHash = await hashPassword(data.password);
  signUpThrottle.fail([clientKey], now.getTime());
  if (signUpMailThrottle.isBlocked([email], now.getTime())) return { kind: 'check_email', email };
  signUpMailThrottle.fail([email], now.getTime());
  const next = opts.next && opts.next.startsWith('/') && !opts.next.startsWith('//') && opts.next.length <= 500 ? opts.next : null;
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await findAccountByIdentifier(trx, { email });
    const token = newSecret('su');
    if (existing) {
      const link = `${publicUrl()}/masuk`;
      await enqueueMail(trx, [
        {
          coop_id: null,
          kind: 'sign_up_existing',
          dedupe_key: `sign-up-existing:${sha256(token)}`,
          to_address: email,
          to_name: existing.name,
          subject: t(existing.locale, 'signUp.existingSubject'),
          text_body: t(existing.locale, 'signUp.existingBody', { name: existing.name, link }),
          ics: null
        }
      ]);
      return;
    }
    const expiresAt = new Date(now.getTime() + SIGN_UP_LINK_HOURS * 3_600_000);
    const row = await insertSignUp(trx, {
      email,
      phone: data.phone ?? null,
      name: data.name,
      password_hash: passwordHash,
      locale: ctx.locale,
      next_path: next,
      token_hash: sha256(token),
      created_at: now,
      expires_at: expiresAt
    });
    const until = expiresAt.toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Jakarta' });
    await enqueueMail(trx, [
      {
        coop_id: null,
        kind: 'sign_up_link',
        dedupe_key: `sign-up:${row.id}`,
        to_address: email,
        to_name: data.name,
        subject: t(ctx.locale, 'signUp.mailSubject'),
        text_body: t(ctx.locale, 'signUp.mailBody', { name: data.name, until: `${until} WIB`, link: `${publicUrl()}/daftar-akun/selesai/${token}` }),
        ics: null
      }
    ]);
  });
  kickOutbox(ctx.db, null);
  return { kind: 'check_email', email };
}
