import { fail } from '@sveltejs/kit';
import { isAppError } from '../../../kernel/errors.js';
import { translateError, type Locale } from '../../../kernel/i18n.js';

/** A form's fields as a plain object; repeated names become arrays; empty strings are dropped. */
export function formObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of form.entries()) {
    if (typeof raw !== 'string') continue;
    const value = raw.trim();
    if (arrays.includes(key)) {
      out[key] = [...((out[key] as string[] | undefined) ?? []), ...(value ? [value] : [])];
    } else if (value !== '') {
      out[key] = value;
    }
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

/** Turn an AppError into a form failure the page shows beside each field; anything else is rethrown. */
export function failWith(locale: Locale, err: unknown, values: Record<string, unknown> = {}) {
  if (!isAppError(err)) throw err;
  const out = translateError(locale, err);
  const fieldErrors: Record<string, string> = {};
  for (const f of out.fields) fieldErrors[f.field] ??= f.message;
  return fail(out.status, { error: out.message, code: out.code, fieldErrors, values, details: out.details ?? null });
}
