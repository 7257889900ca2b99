import { z } from 'zod';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';

export const ZSetAccountLocale = z.object({ locale: z.enum(['id', 'en']) });

/** The signed-in person's chosen language, kept on the account so it follows them to another device (issue 14 item 8). */
export async function setAccountLocale(ctx: Ctx, input: unknown): Promise<void> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  const data = parseInput(ZSetAccountLocale, input);
  await ctx.db.updateTable('accounts').set({ locale: data.locale }).where('id', '=', ctx.actor.accountId).execute();
}
