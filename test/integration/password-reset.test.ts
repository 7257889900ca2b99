import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD, silentLog } from '../support/fixtures.js';
import { startSmtpSink, type ReceivedMail } from '../support/governance.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { requestPasswordReset, resetAddressThrottle } from '../../src/accounts/request-password-reset.js';
import { isResetLinkValid, resetPassword } from '../../src/accounts/reset-password.js';
import { signIn } from '../../src/accounts/sign-in.js';
import { setMailer } from '../../src/governance/mailer.js';
import { isAppError } from '../../src/kernel/errors.js';
import { translateError } from '../../src/kernel/i18n.js';
import type { Ctx } from '../../src/kernel/context.js';

/** Issue 14 item 4: "Lupa kata sandi" — a one-time link by email that expires; no account enumeration; throttled. */
let t: TestDb;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  t = await createTestDb();
  sink = await startSmtpSink();
  setMailer(sink.mailer);
});
afterAll(async () => {
  setMailer(null);
  await sink.close();
  await t.drop();
});

const ctxAt = (at = new Date()): Ctx => ({ db: t.db, clock: { now: () => at }, log: silentLog, locale: 'id', actor: null });
const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;
let ip = 0;
const address = () => `10.0.0.${++ip}`;

async function mailTo(email: string, count: number): Promise<ReceivedMail[]> {
  for (let i = 0; i < 100; i++) {
    const got = sink.messages.filter((m) => m.to.includes(email));
    if (got.length >= count) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
  return sink.messages.filter((m) => m.to.includes(email));
}
const tokenIn = (mail: ReceivedMail) => /atur-ulang-kata-sandi\/(lr_[A-Za-z0-9_-]+)/.exec(mail.raw.replace(/=\r?\n/g, ''))![1]!;

describe('Lupa kata sandi', () => {
  it('mails a one-time link; the new password works, the old one and every session end, the link cannot be used twice', async () => {
    const acc = await createAccount(t.db, { name: 'Sri Lestari', email: 'sri.reset@contoh.id', password: PASSWORD });
    const before = await signIn(ctxAt(), { identifier: 'sri.reset@contoh.id', password: PASSWORD }, address());
    await requestPasswordReset(ctxAt(), { email: 'Sri.Reset@contoh.id ' }, address());
    const [mail] = await mailTo('sri.reset@contoh.id', 1);
    expect(mail!.raw).toContain('Lumbung: membuat kata sandi baru');
    const token = tokenIn(mail!);
    expect(await isResetLinkValid(ctxAt(), token)).toBe(true);
    await resetPassword(ctxAt(), { token, password: 'padi-baru-2026-lumbung' });
    expect((await t.db.selectFrom('sessions').select('token_hash').where('account_id', '=', acc.id).execute()).length).toBe(0);
    expect(before.token).toBeTruthy();
    await expect(signIn(ctxAt(), { identifier: 'sri.reset@contoh.id', password: PASSWORD }, address())).rejects.toSatisfy(code('INVALID_CREDENTIALS'));
    await signIn(ctxAt(), { identifier: 'sri.reset@contoh.id', password: 'padi-baru-2026-lumbung' }, address());
    const again = await resetPassword(ctxAt(), { token, password: 'lain-lagi-2026-lumbung' }).catch((e: unknown) => e);
    expect(again).toSatisfy(code('VALIDATION_FAILED'));
    expect(translateError('id', again).fields[0]).toMatchObject({ field: 'token', code: 'reset_link_invalid' });
    // The token itself is never stored.
    const stored = await t.db.selectFrom('password_resets').select('token_hash').where('account_id', '=', acc.id).execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
  });

  it('refuses a link after an hour', async () => {
    await createAccount(t.db, { name: 'Budi', email: 'budi.reset@contoh.id', password: PASSWORD });
    const start = new Date();
    await requestPasswordReset(ctxAt(start), { email: 'budi.reset@contoh.id' }, address());
    const token = tokenIn((await mailTo('budi.reset@contoh.id', 1))[0]!);
    const later = new Date(start.getTime() + 61 * 60_000);
    expect(await isResetLinkValid(ctxAt(later), token)).toBe(false);
    await expect(resetPassword(ctxAt(later), { token, password: 'padi-baru-2026-lumbung' })).rejects.toSatisfy(code('VALIDATION_FAILED'));
  });

  it('answers an unknown email exactly as a known one and mails nothing; at most three links an hour per account; an address is throttled', async () => {
    const sent = sink.messages.length;
    await expect(requestPasswordReset(ctxAt(), { email: 'tidak.ada@contoh.id' }, address())).resolves.toBeUndefined();
    await createAccount(t.db, { name: 'Wulan', email: 'wulan.reset@contoh.id', password: PASSWORD });
    for (let i = 0; i < 5; i++) await requestPasswordReset(ctxAt(), { email: 'wulan.reset@contoh.id' }, address());
    expect(await mailTo('wulan.reset@contoh.id', 3)).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.filter((m) => m.to.includes('wulan.reset@contoh.id'))).toHaveLength(3);
    expect(sink.messages.filter((m) => m.to.includes('tidak.ada@contoh.id'))).toHaveLength(0);
    expect(sink.messages.length - sent).toBe(3);
    const one = 'one-address';
    resetAddressThrottle.succeed([one]);
    for (let i = 0; i < 20; i++) await requestPasswordReset(ctxAt(), { email: `x${i}@contoh.id` }, one);
    await expect(requestPasswordReset(ctxAt(), { email: 'x@contoh.id' }, one)).rejects.toSatisfy(code('RATE_LIMITED'));
  });
});
