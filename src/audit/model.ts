import { z } from 'zod';
import { isValidPlainDate } from '../kernel/clock.js';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_PAGE_SIZE_MAX = 200;

const ZPlainDate = z.string().refine(isValidPlainDate, { error: 'date_invalid' });
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const wholeNumber = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));

/** Filters of the audit log: what (entity, id), who (actor), when (Jakarta business days, inclusive). */
export const ZListAuditLogRequest = z
  .object({
    entity: z.preprocess(blankToUndefined, z.string().trim().min(1).max(60).optional()),
    entityId: z.preprocess(blankToUndefined, z.string().trim().min(1).max(100).optional()),
    actorAccountId: z.preprocess(blankToUndefined, z.uuid().optional()),
    from: z.preprocess(blankToUndefined, ZPlainDate.optional()),
    to: z.preprocess(blankToUndefined, ZPlainDate.optional()),
    page: z.preprocess(blankToUndefined, wholeNumber(1, 1_000_000).optional()),
    pageSize: z.preprocess(blankToUndefined, wholeNumber(1, AUDIT_PAGE_SIZE_MAX).optional())
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { error: 'min_gt_max', path: ['to'] });
export type ListAuditLogRequest = z.input<typeof ZListAuditLogRequest>;

/** The instant a Jakarta (UTC+7, no daylight saving) business day starts. */
export function jakartaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

/** The instant after a Jakarta business day ends (start of the next day). */
export function jakartaDayEnd(day: string): Date {
  return new Date(jakartaDayStart(day).getTime() + 86_400_000);
}

export type AuditEntry = {
  id: number;
  at: string;
  actor: { accountId: string; name: string | null } | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

export type AuditPage = { items: AuditEntry[]; total: number; page: number; pageSize: number; pages: number };
