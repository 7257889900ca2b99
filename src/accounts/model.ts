import { z } from 'zod';

/** Indonesian mobile numbers are stored as 62… digits; 08… and +62… are accepted. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s\-().]/g, '');
  let n: string;
  if (/^\+62\d+$/.test(digits)) n = digits.slice(1);
  else if (/^62\d+$/.test(digits)) n = digits;
  else if (/^0\d+$/.test(digits)) n = `62${digits.slice(1)}`;
  else return null;
  return /^628\d{7,12}$/.test(n) ? n : null;
}

/** An identifier typed at sign-in: an email address or a phone number. */
export function parseIdentifier(input: string): { email: string } | { phone: string } | null {
  const trimmed = input.trim();
  if (trimmed.includes('@')) return z.email().safeParse(trimmed.toLowerCase()).success ? { email: trimmed.toLowerCase() } : null;
  const phone = normalizePhone(trimmed);
  return phone ? { phone } : null;
}

export const PASSWORD_MIN = 10;

export const ZPassword = z.string().min(PASSWORD_MIN, { error: 'password_weak' }).max(200);
export const ZPhone = z.string().transform((v, ctx) => {
  const n = normalizePhone(v);
  if (!n) {
    ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
    return z.NEVER;
  }
  return n;
});
