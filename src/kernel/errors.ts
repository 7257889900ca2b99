/**
 * One error model for the whole platform (see docs/decisions/0004-errors-and-i18n.md).
 * A use case throws AppError with a string code; the edge (API or page) translates
 * the code into the user's language and maps it to an HTTP status with STATUS_BY_CODE.
 */
export type FieldIssue = { field: string; code: string; params?: Record<string, unknown> };

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CSRF_FAILED'
  | 'RATE_LIMITED'
  | 'INVALID_CREDENTIALS'
  | 'EMAIL_TAKEN'
  | 'PHONE_TAKEN'
  | 'COOP_SLUG_TAKEN'
  | 'REGION_INVALID'
  | 'MEMBER_NOT_FOUND'
  | 'MEMBER_TRANSITION_INVALID'
  | 'MEMBER_NIK_TAKEN'
  | 'MEMBER_ALREADY_ACTIVE'
  | 'MEMBER_ALREADY_APPLIED'
  | 'MEMBER_APPROVAL_BY_MEETING'
  | 'CHARTER_INVALID'
  | 'CHARTER_VERSION_CONFLICT'
  | 'IMPORT_INVALID'
  | 'BACKUP_INVALID'
  | 'DATABASE_NOT_EMPTY'
  | 'COOP_LAST_KETUA'
  | 'INTERNAL';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CSRF_FAILED: 403,
  RATE_LIMITED: 429,
  INVALID_CREDENTIALS: 401,
  EMAIL_TAKEN: 409,
  PHONE_TAKEN: 409,
  COOP_SLUG_TAKEN: 409,
  REGION_INVALID: 400,
  MEMBER_NOT_FOUND: 404,
  MEMBER_TRANSITION_INVALID: 409,
  MEMBER_NIK_TAKEN: 409,
  MEMBER_ALREADY_ACTIVE: 409,
  MEMBER_ALREADY_APPLIED: 409,
  MEMBER_APPROVAL_BY_MEETING: 400,
  CHARTER_INVALID: 400,
  CHARTER_VERSION_CONFLICT: 409,
  IMPORT_INVALID: 422,
  BACKUP_INVALID: 400,
  DATABASE_NOT_EMPTY: 409,
  COOP_LAST_KETUA: 409,
  INTERNAL: 500
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly fields: FieldIssue[];
  readonly details: unknown;

  constructor(code: ErrorCode, opts: { params?: Record<string, unknown>; fields?: FieldIssue[]; details?: unknown } = {}) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = opts.params ?? {};
    this.fields = opts.fields ?? [];
    this.details = opts.details;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

/** Duck-typed check: SvelteKit bundles its own copy of this module, so `instanceof` is not enough. */
export function isAppError(err: unknown): err is AppError {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AppError' && typeof (err as { code?: unknown }).code === 'string';
}
