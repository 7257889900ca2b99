import { z } from 'zod';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { ZPassword } from './model.js';
import { hashPassword } from './password.js';
import { sha256 } from './tokens.js';

export const ZResetPassword = z.object({ token: z.string().min(10).max(200), password: ZPassword });

const invalidLink = () => new AppError('VALIDATION_FAILED', { fields: [{ field: 'token', code: 'reset_link_invalid' }] });

/** Whether a reset link can still be used (the page asks before showing the form). */
export async function isResetLinkValid(ctx: Ctx, token: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('password_resets').select(['expires_at', 'used_at']).where('token_hash', '=', sha256(token)).executeTakeFirst();
  return Boolean(row && !row.used_at && new Date(row.expires_at) > ctx.clock.now());
}

/**
 * Set a new password from a reset link (issue 14 item 4): the link must be unused and not
 * expired; it and every other open link of the account are used up, and every session of
 * the account ends, so whoever had the old password is signed out.
 */
export async function resetPassword(ctx: Ctx, input: unknown): Promise<void> {
  const data = parseInput(ZResetPassword, input);
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(data.password);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('password_resets').selectAll().where('token_hash', '=', sha256(data.token)).forUpdate().executeTakeFirst();
    if (!row || row.used_at || new Date(row.expires_at) <= now) throw invalidLink();
    await trx.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', row.account_id).execute();
    await trx.updateTable('password_resets').set({ used_at: now }).where('account_id', '=', row.account_id).where('used_at', 'is', null).execute();
    await trx.deleteFrom('sessions').where('account_id', '=', row.account_id).execute();
  });
}
