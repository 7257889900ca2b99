import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';

/** What the application form can fill in from the signed-in account (name, email, phone as 08…). */
export async function getApplyDefaults(ctx: Ctx): Promise<{ fullName: string; email: string; phone: string }> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  const acc = await ctx.db.selectFrom('accounts').select(['name', 'email', 'phone']).where('id', '=', ctx.actor.accountId).executeTakeFirst();
  return { fullName: acc?.name ?? '', email: acc?.email ?? '', phone: acc?.phone ? `0${acc.phone.slice(2)}` : '' };
}
