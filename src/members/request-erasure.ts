import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Actor, Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { lockMember } from './lifecycle.js';
import type { MemberRow } from './model.js';
import { ERASABLE_STATUSES } from './privacy.js';
import { findErasureRequest, insertErasureRequest } from './privacy-store.js';
import { findMemberByAccount } from './store.js';

export const ZOwnErasureRequest = z.object({ note: z.string().trim().max(1000).optional() });
/** An officer records a request the member made another way (letter, in person): say how. */
export const ZOfficerErasureRequest = z.object({ note: z.string().trim().min(3).max(1000) });

export type ErasureRequestView = { memberId: string; requestedVia: 'member' | 'officer'; requestedAt: string; note: string | null; status: 'pending' | 'done'; doneAt: string | null; reason: string | null };

export function erasureView(r: { member_id: string; requested_via: 'member' | 'officer'; requested_at: Date; note: string | null; status: 'pending' | 'done'; done_at: Date | null; reason: string | null }): ErasureRequestView {
  return {
    memberId: r.member_id,
    requestedVia: r.requested_via,
    requestedAt: new Date(r.requested_at).toISOString(),
    note: r.note,
    status: r.status,
    doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
    reason: r.reason
  };
}

async function record(trx: Tx, ctx: { coopId: string; actor: Actor }, member: MemberRow, via: 'member' | 'officer', note: string | null): Promise<ErasureRequestView> {
  if (!(ERASABLE_STATUSES as readonly string[]).includes(member.status)) throw new AppError('MEMBER_ERASURE_NOT_LEFT');
  const existing = await findErasureRequest(trx, ctx.coopId, member.id, { lock: true });
  if (existing) {
    if (existing.status === 'done') throw new AppError('MEMBER_ERASED');
    return erasureView(existing); // asking twice is one request
  }
  const row = await insertErasureRequest(trx, ctx.coopId, { member_id: member.id, requested_via: via, requested_by: ctx.actor.accountId, note });
  await recordAudit(trx, ctx, { action: 'member.erasure.request', entity: 'member', entityId: member.id, after: { via, ...(note ? { note } : {}) } });
  return erasureView(row);
}

/**
 * A leaver asks, for themselves, that their personal data be erased (UU 27/2022 art. 8 and 16).
 * Needs no role in the cooperative (leaving ended it), only the account linked to the record.
 */
export async function requestOwnErasure(ctx: Ctx & { coopId: string }, input: unknown = {}): Promise<ErasureRequestView> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!/^[0-9a-f-]{36}$/i.test(ctx.coopId)) throw new AppError('NOT_FOUND');
  const data = parseInput(ZOwnErasureRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await findMemberByAccount(trx, ctx.coopId, actor.accountId, { lock: true });
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    return record(trx, { coopId: ctx.coopId, actor }, member, 'member', data.note || null);
  });
}

/** The ketua or sekretaris records a leaver's request received on paper or in person. */
export async function recordErasureRequest(ctx: TenantCtx, memberId: string, input: unknown): Promise<ErasureRequestView> {
  requirePermission(ctx, 'members.erase');
  const data = parseInput(ZOfficerErasureRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => record(trx, ctx, await lockMember(trx, ctx, memberId), 'officer', data.note));
}

/** The erasure request of a member, if any (officers who may erase, or the member themselves through getOwnErasureRequest). */
export async function getErasureRequest(ctx: TenantCtx, memberId: string): Promise<ErasureRequestView | null> {
  requirePermission(ctx, 'members.erase');
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const row = await withTenant(ctx.db, ctx.coopId, (trx) => findErasureRequest(trx, ctx.coopId, memberId));
  return row ? erasureView(row) : null;
}

/** The signed-in person's own erasure request in a cooperative, if any (no role needed). */
export async function getOwnErasureRequest(ctx: Ctx & { coopId: string }): Promise<ErasureRequestView | null> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await findMemberByAccount(trx, ctx.coopId, actor.accountId);
    if (!member) return null;
    const row = await findErasureRequest(trx, ctx.coopId, member.id);
    return row ? erasureView(row) : null;
  });
}
