import { z } from 'zod';
import type { Database } from '../db/connection.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { ZPassword, ZPhone } from './model.js';
import { hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';
import { insertAccount } from './store.js';

export const ZCreateAccountRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().transform((v) => v.toLowerCase()).optional(),
    phone: ZPhone.optional(),
    password: ZPassword,
    isPlatformAdmin: z.boolean().optional(),
    locale: z.enum(['id', 'en']).optional()
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, { message: 'required', path: ['email'] })
  // Not guessable, not the account's own email or phone (decision 0102); checked once, here, for every new account.
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['password'] });
  });

export type CreateAccountRequest = z.input<typeof ZCreateAccountRequest>;
export type NewAccount = z.output<typeof ZCreateAccountRequest>;

/** Create a sign-in account (not yet tied to any cooperative). */
export async function createAccount(db: Database, input: CreateAccountRequest) {
  return createCheckedAccount(db, parseInput(ZCreateAccountRequest, input));
}

/** Create an account from input already checked with ZCreateAccountRequest. */
export async function createCheckedAccount(db: Database, data: NewAccount) {
  const password_hash = await hashPassword(data.password);
  return insertAccountOrTaken(db, {
    name: data.name,
    email: data.email ?? null,
    phone: data.phone ?? null,
    password_hash,
    is_platform_admin: data.isPlatformAdmin ?? false,
    locale: data.locale ?? 'id'
  });
}

/** Insert an account row; a taken email or phone number becomes EMAIL_TAKEN / PHONE_TAKEN on its field. */
export async function insertAccountOrTaken(db: Database, row: Parameters<typeof insertAccount>[1]) {
  try {
    return await insertAccount(db, row);
  } catch (err) {
    const constraint = (err as { constraint?: string }).constraint;
    if (constraint === 'accounts_email_key') throw new AppError('EMAIL_TAKEN', { fields: [{ field: 'email', code: 'taken' }] });
    if (constraint === 'accounts_phone_key') throw new AppError('PHONE_TAKEN', { fields: [{ field: 'phone', code: 'taken' }] });
    throw err;
  }
}
