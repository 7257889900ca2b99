import { z } from 'zod';
import { normalizePhone } from '../accounts/model.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { MEMBER_STATUSES, toMemberView, type MemberView } from './model.js';
import { maskMemberView } from './privacy.js';
import { listMembers as listMemberRows, type MemberFilter } from './store.js';

const empty = (v: unknown) => (v === '' || v === null ? undefined : v);

/** Search and filters of the member list; every value may come from a query string. */
export const ZListMembersRequest = z.object({
  q: z.preprocess(empty, z.string().trim().max(100).optional()),
  status: z.preprocess(empty, z.enum(MEMBER_STATUSES as [string, ...string[]]).optional()),
  gender: z.preprocess(empty, z.enum(['F', 'M']).optional()),
  youth: z.preprocess(empty, z.enum(['true', 'false']).optional()),
  rt: z.preprocess(empty, z.coerce.number().int().min(1).max(999).optional()),
  rw: z.preprocess(empty, z.coerce.number().int().min(1).max(999).optional()),
  sort: z.preprocess(empty, z.enum(['number', 'name', 'joined']).optional()),
  page: z.preprocess(empty, z.coerce.number().int().min(1).max(100_000).optional()),
  pageSize: z.preprocess(empty, z.coerce.number().int().min(1).max(200).optional())
});
export type ListMembersRequest = z.input<typeof ZListMembersRequest>;

export type MemberList = { items: MemberView[]; total: number; page: number; pageSize: number; pages: number };

/** Turn parsed list parameters into the store's filter (shared by list and export). */
export function memberFilterOf(p: z.output<typeof ZListMembersRequest>): MemberFilter {
  const q = p.q || undefined;
  const digits = q?.replace(/[\s\-().+]/g, '') ?? '';
  return {
    q,
    memberNo: q && /^\d{1,9}$/.test(q) ? Number(q) : null,
    phone: q && /^\d{4,}$/.test(digits) ? (normalizePhone(digits) ?? (digits.startsWith('0') ? `62${digits.slice(1)}` : digits)) : null,
    status: p.status as MemberFilter['status'],
    gender: p.gender,
    youth: p.youth === undefined ? undefined : p.youth === 'true',
    rt: p.rt,
    rw: p.rw
  };
}

/** Members of the cooperative: search by name, number or phone; filter by status, gender, youth, RT/RW; sorted and paged. NIK and birth date masked for every role (decision 0106). */
export async function listMembers(ctx: TenantCtx, input: unknown = {}): Promise<MemberList> {
  requirePermission(ctx, 'members.read');
  const p = parseInput(ZListMembersRequest, input ?? {});
  const today = jakartaDate(ctx.clock.now());
  const page = p.page ?? 1;
  const pageSize = p.pageSize ?? 50;
  const { rows, total } = await withTenant(ctx.db, ctx.coopId, (trx) =>
    listMemberRows(trx, ctx.coopId, memberFilterOf(p), today, { limit: pageSize, offset: (page - 1) * pageSize, sort: p.sort ?? 'number' })
  );
  return { items: rows.map((r) => maskMemberView(toMemberView(r, today))), total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
