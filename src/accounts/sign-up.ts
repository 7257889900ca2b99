import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { createAccount } from './create-account.js';
import { LoginThrottle } from './login-throttle.js';
import { openSession } from './sign-in.js';

/** Each address may create a few accounts an hour (a village wifi shares one address). */
export const signUpThrottle = new LoginThrottle(20, 60 * 60_000);

/**
 * Anyone may create a sign-in account (open membership starts with being able to apply).
 * The account belongs to no cooperative yet; it opens a session straight away.
 */
export async function signUp(ctx: Ctx, input: unknown, clientKey: string) {
  const now = ctx.clock.now().getTime();
  if (signUpThrottle.isBlocked([clientKey], now)) throw new AppError('RATE_LIMITED');
  const body = (input ?? {}) as Record<string, unknown>;
  const account = await createAccount(ctx.db, {
    name: body.name as string,
    email: (body.email as string) || undefined,
    phone: (body.phone as string) || undefined,
    password: body.password as string,
    locale: ctx.locale
  });
  signUpThrottle.fail([clientKey], now);
  return openSession(ctx, { id: account.id, name: account.name, locale: ctx.locale });
}
