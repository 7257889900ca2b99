import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { postEntry } from '../ledger/post-entry.js';
import { formatMemberNo, type MemberRow } from '../members/model.js';
import { findMember, takeCounter } from '../members/store.js';
import {
  ALLOWED_STATUSES,
  allocateWajib,
  allocationRange,
  applyDeltas,
  computeRefund,
  deltasOf,
  formatReceiptNo,
  formatRupiahId,
  postingLines,
  receiptCounterName,
  WAJIB_MAX_PERIODS_AHEAD,
  ZMovementRequest,
  ZRefundRequest,
  type Balances,
  type Deltas,
  type MovementKind,
  type PaymentMethod,
  type WajibPeriod,
  type WajibRate
} from './model.js';
import { findMovementByKey, insertMovement, lastMovementDate, lockCapitalAccount, lockIdempotencyKey, setBalances } from './store.js';
import { capitalRules, type CapitalRules } from './capital-rules.js';
import { toMovementView, type MovementView } from './view.js';

/** A recorded movement; `created` is false when the same idempotency key was recorded before (nothing new written). */
export type MovementResult = { movement: MovementView; created: boolean; member: { id: string; memberNo: number | null; fullName: string } };

const LEDGER_DESCRIPTION: Record<MovementKind, string> = {
  pokok: 'Setoran simpanan pokok',
  wajib: 'Setoran simpanan wajib',
  deposit: 'Setoran simpanan sukarela',
  withdrawal: 'Penarikan simpanan sukarela',
  refund: 'Pengembalian simpanan anggota keluar'
};

async function loadMember(trx: Tx, coopId: string, memberId: string): Promise<MemberRow> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const member = await findMember(trx, coopId, memberId);
  if (!member) throw new AppError('MEMBER_NOT_FOUND');
  return member;
}

/** The deltas of the movement asked for, checked against the member's locked balances and the charter. */
function planDeltas(kind: MovementKind, amount: number, balances: Balances, member: MemberRow, rules: CapitalRules | null, today: string, date: string): { deltas: Deltas; wajib: { from: string; to: string } | null } {
  switch (kind) {
    case 'pokok': {
      if (!rules) throw new AppError('CAPITAL_NO_CHARTER');
      const outstanding = Math.max(0, rules.pokok - balances.pokok);
      if (amount > outstanding) {
        throw new AppError('CAPITAL_POKOK_EXCEEDED', { params: { outstanding: formatRupiahId(outstanding) }, fields: [{ field: 'amount', code: 'pokok_exceeded', params: { outstanding } }] });
      }
      return { deltas: deltasOf('pokok', amount), wajib: null };
    }
    case 'wajib': {
      if (!rules) throw new AppError('CAPITAL_NO_CHARTER');
      const joinedOn = member.joined_on ?? date;
      const r = allocateWajib({ joinedOn, asOf: today, period: rules.wajibPeriod, rates: rules.rates, paidBefore: balances.wajib, amount });
      if (!r.ok) throw new AppError(r.code, { params: { periods: WAJIB_MAX_PERIODS_AHEAD } });
      return { deltas: deltasOf('wajib', amount), wajib: allocationRange(r.allocation) };
    }
    case 'deposit':
    case 'withdrawal':
      return { deltas: deltasOf(kind, amount), wajib: null };
    case 'refund': {
      const refund = computeRefund(balances);
      if (!refund) throw new AppError('CAPITAL_NOTHING_TO_REFUND');
      return { deltas: { pokok: -refund.pokok, wajib: -refund.wajib, sukarela: -refund.sukarela }, wajib: null };
    }
  }
}

/**
 * Record one capital movement of one member, in one transaction: the member's balance row is
 * locked (so concurrent withdrawals queue and none overdraws), the movement is checked, a
 * gapless receipt number taken, one balanced ledger entry posted through the ledger, the
 * movement row written with the entry's id, and an audit line. The same idempotency key
 * returns the first movement and writes nothing.
 */
export async function recordMovement(ctx: TenantCtx, memberId: string, kind: MovementKind, input: unknown): Promise<MovementResult> {
  requirePermission(ctx, 'capital.write');
  const data = kind === 'refund' ? { ...parseInput(ZRefundRequest, input ?? {}), amount: 0 } : parseInput(ZMovementRequest, input ?? {});
  const today = jakartaDate(ctx.clock.now());
  const date = data.date ?? today;
  if (date > today) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'date', code: 'date_in_future' }] });
  const key = data.idempotencyKey ?? randomUUID();
  const rules = kind === 'pokok' || kind === 'wajib' ? await capitalRules(ctx) : null;

  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockIdempotencyKey(trx, ctx.coopId, key);
    const existing = await findMovementByKey(trx, ctx.coopId, key);
    if (existing) {
      const same = existing.member_id === memberId && existing.kind === kind && existing.method === data.method && (kind === 'refund' || Number(existing.amount) === data.amount);
      if (!same) throw new AppError('CAPITAL_IDEMPOTENCY_CONFLICT');
      const member = await loadMember(trx, ctx.coopId, memberId);
      return { movement: toMovementView(existing), created: false, member: { id: member.id, memberNo: member.member_no, fullName: member.full_name } };
    }

    const member = await loadMember(trx, ctx.coopId, memberId);
    if (!ALLOWED_STATUSES[kind].includes(member.status)) throw new AppError('CAPITAL_MEMBER_STATUS', { params: { status: member.status } });
    const before = await lockCapitalAccount(trx, ctx.coopId, member.id);
    // A member's movements are dated in the order they are recorded, so every balance on the way stays at or above zero.
    const last = await lastMovementDate(trx, ctx.coopId, member.id);
    if (last && date < last) throw new AppError('CAPITAL_DATE_BEFORE_LAST', { params: { last }, fields: [{ field: 'date', code: 'date_before_last', params: { last } }] });
    const plan = planDeltas(kind, data.amount, before, member, rules, today, date);
    const applied = applyDeltas(before, plan.deltas);
    if (!applied.ok) {
      throw new AppError('CAPITAL_INSUFFICIENT_BALANCE', { params: { balance: formatRupiahId(before.sukarela) }, fields: [{ field: 'amount', code: 'insufficient_balance', params: { balance: before.sukarela } }] });
    }
    const amount = Math.abs(plan.deltas.pokok) + Math.abs(plan.deltas.wajib) + Math.abs(plan.deltas.sukarela);

    const year = Number(date.slice(0, 4));
    const seq = await takeCounter(trx, ctx.coopId, receiptCounterName(year));
    const receiptNo = formatReceiptNo(year, seq);
    const { entryId } = await postEntry(trx, ctx, {
      idempotencyKey: `capital:${key}`,
      date,
      // The member number, not the name: the journal is append-only and must not keep a name an erasure clears (decision 0106).
      description: `${LEDGER_DESCRIPTION[kind]} — anggota ${formatMemberNo(member.member_no)}, ${receiptNo}`,
      source: 'capital',
      sourceRef: receiptNo,
      lines: postingLines(plan.deltas, data.method, member.id)
    });
    const row = {
      member_id: member.id,
      kind,
      pokok_delta: plan.deltas.pokok,
      wajib_delta: plan.deltas.wajib,
      sukarela_delta: plan.deltas.sukarela,
      amount,
      method: data.method,
      occurred_on: date,
      receipt_year: year,
      receipt_seq: seq,
      receipt_no: receiptNo,
      wajib_from: plan.wajib?.from ?? null,
      wajib_to: plan.wajib?.to ?? null,
      note: data.note || null,
      idempotency_key: key,
      ledger_entry_id: entryId,
      balance_pokok: applied.after.pokok,
      balance_wajib: applied.after.wajib,
      balance_sukarela: applied.after.sukarela,
      created_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId
    };
    const id = await insertMovement(trx, ctx.coopId, row);
    await setBalances(trx, ctx.coopId, member.id, applied.after);
    await recordAudit(trx, ctx, {
      action: `capital.${kind}`,
      entity: 'capital_movement',
      entityId: id,
      before: { memberId: member.id, balances: before },
      after: { memberId: member.id, kind, amount, method: data.method, date, receiptNo, ledgerEntryId: entryId, balances: applied.after }
    });
    const movement = toMovementView({ ...row, id, created_at: new Date(), created_by_name: ctx.actor.name });
    return { movement, created: true, member: { id: member.id, memberNo: member.member_no, fullName: member.full_name } };
  });
}
