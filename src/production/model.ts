import { z } from 'zod';

/** Zod inputs and pure rules of production projects. Hours are kept as whole minutes; money as whole rupiah. */
const date = z.iso.date();
const optDate = date.nullable().optional();

export const PROJECT_STATUSES = ['planned', 'active', 'done', 'cancelled'] as const;
export const TASK_STATUSES = ['todo', 'doing', 'done'] as const;

export const ZProjectRequest = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(5000).optional(),
    status: z.enum(PROJECT_STATUSES).optional(),
    startsOn: optDate,
    endsOn: optDate,
    workIds: z.array(z.uuid()).max(100).optional()
  })
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'ends_before_start' });
  });
export type ProjectRequest = z.infer<typeof ZProjectRequest>;

export const ZTaskRequest = z.strictObject({
  title: z.string().trim().min(2).max(200),
  status: z.enum(TASK_STATUSES).optional(),
  assigneeMemberId: z.uuid().nullable().optional()
});
export const ZTaskUpdate = z.strictObject({ status: z.enum(TASK_STATUSES).optional(), assigneeMemberId: z.uuid().nullable().optional(), title: z.string().trim().min(2).max(200).optional() });

export const ZWorkLogRequest = z.strictObject({
  memberId: z.uuid(),
  taskId: z.uuid().nullable().optional(),
  workedOn: date,
  minutes: z.number().int().min(1).max(1440),
  note: z.string().trim().max(500).optional()
});

export const ZCostRequest = z.strictObject({
  description: z.string().trim().min(2).max(300),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  incurredOn: date,
  paidByMemberId: z.uuid().nullable().optional()
});

/**
 * "1,5" / "1.5" / "2" / "0:45" hours typed in a form → whole minutes, without floats.
 * Returns null for anything else (more than 2 decimals, negative, > 24 h).
 */
export function parseHours(raw: string): number | null {
  const s = raw.trim();
  let m = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  if (m) return check(Number(m[1]) * 60 + Number(m[2]));
  m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(2, '0');
  // hundredths of an hour × 60 / 100, rounded half up, in integers.
  const hundredths = Number(m[1]) * 100 + Number(frac || '0');
  return check(Math.floor((hundredths * 60 + 50) / 100));
}
function check(min: number): number | null {
  return min >= 1 && min <= 1440 ? min : null;
}

/** 90 → "1 j 30 m" (id) — pages show hours and minutes, never fractional hours. */
export function formatMinutes(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h > 0 ? (m > 0 ? `${h} j ${m} m` : `${h} j`) : `${m} m`;
}

export type ProjectSummary = { id: string; title: string; status: string; startsOn: string | null; endsOn: string | null; totalMinutes: number; totalCost: number; tasksDone: number; tasksTotal: number; works: number };
export type MemberTotal = { memberId: string; name: string; minutes: number; costsPaid: number };
export type ProjectView = {
  id: string;
  title: string;
  description: string;
  status: string;
  startsOn: string | null;
  endsOn: string | null;
  works: { id: string; title: string; productLine: string }[];
  tasks: { id: string; title: string; status: string; assigneeMemberId: string | null; assigneeName: string | null; minutes: number }[];
  logs: { id: string; memberId: string; memberName: string; taskId: string | null; workedOn: string; minutes: number; note: string }[];
  costs: { id: string; description: string; amount: number; incurredOn: string; paidByMemberId: string | null; paidByName: string | null }[];
  perMember: MemberTotal[];
  totals: { minutes: number; cost: number };
};
