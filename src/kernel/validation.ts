import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors.js';

/**
 * Zod 4 keeps the offending value only when asked (`reportInput`), so a missing field is
 * also recognised by its default message ("… received undefined").
 */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if ('input' in issue) return issue.input === undefined;
  return / received undefined$/.test(issue.message);
}

/** Turn Zod issues into our field issues; message codes are translated at the edge. */
export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '_';
    const params: Record<string, unknown> = {};
    let code: string = issue.code;
    if (issue.code === 'too_small' || issue.code === 'too_big') {
      params.limit = Number((issue as { minimum?: unknown; maximum?: unknown }).minimum ?? (issue as { maximum?: unknown }).maximum);
      code = `${issue.code}_${(issue as { origin?: string }).origin ?? 'value'}`;
    } else if (issue.code === 'custom') {
      code = issue.message;
    } else if (issue.code === 'invalid_format') {
      code = `invalid_format_${(issue as { format?: string }).format ?? 'value'}`;
    } else if (issue.code === 'invalid_type' && isMissing(issue)) {
      code = 'required';
    }
    return { field, code, params };
  });
}

/**
 * Where untrusted input holds a NUL character (U+0000): the dotted paths of every such string
 * (or object key). PostgreSQL refuses NUL in text, so such input is refused at every boundary
 * (API hook, page hook, `parseInput`) with the field code `text_nul` — decision 0103.
 */
export function findNul(value: unknown, path = '', out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\0')) out.push(path || '_');
  } else if (value !== null && typeof value === 'object' && depth < 64 && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, v] of entries) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\0')) out.push(path || '_');
      else findNul(v, at, out, depth + 1);
    }
  }
  return out;
}

/** Throw VALIDATION_FAILED (field code `text_nul`) when the input holds a NUL character anywhere. */
export function refuseNul(value: unknown, prefix = ''): void {
  const paths = findNul(value);
  if (paths.length) {
    throw new AppError('VALIDATION_FAILED', { fields: [...new Set(paths)].map((p) => ({ field: prefix ? (p === '_' ? prefix : `${prefix}.${p}`) : p, code: 'text_nul' })) });
  }
}

/** Parse untrusted input with a Zod schema or throw VALIDATION_FAILED with per-field issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  refuseNul(input);
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION_FAILED', { fields: zodIssuesToFields(result.error.issues) });
  return result.data;
}
