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

/** Parse untrusted input with a Zod schema or throw VALIDATION_FAILED with per-field issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION_FAILED', { fields: zodIssuesToFields(result.error.issues) });
  return result.data;
}
