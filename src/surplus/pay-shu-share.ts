import { recordAudit } from '../audit/record-audit.js';
import { ALLOWED_STATUSES, formatReceiptNo, receiptCounterName } from '../capital/model.js';
import { insertMovement, lastMovementDate, lockCapitalAccount, setBalances } from '../capital/store.js';
import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { postEntry, type PostEntryInput } from '../ledger/post-entry.js';
import { requestSeal } from '../ledger/sealer.js';
import { formatMemberNo } from '../members/model.js';
import { takeCounter } from '../members/store.js';
import { getRunIn, type ShuMemberView } from './get-run.js';
import { MEMBER_PAYABLE_ACCOUNT } from './model.js';
import { runRef } from './post-shu-run.js';
import { ZPayShareRequest } from './requests.js';
import { findRun, runMembers, setRunStatus, unpaidCount } from './store.js';

export type PayShareResult = { member: ShuMemberView; created: boolean; runStatus: string };

/**
 * Pay one member's share of a POSTED run, once: Dr Utang SHU Anggota (the payable); Cr Kas or
 * Bank (net of withholding) and Cr Utang pajak (the withholding); or, at the member's choice,
 * Cr Simpanan sukarela with a capital movement (deposit) so it shows in the member's capital.
 * The run's row lock and the unique (run, member) payment make a repeat or a concurrent second
 * call pay nothing more (created: false). The last payment marks the run PAID.
 */
export async function payShuShare(ctx: TenantCtx, runId: string, memberId: string, input: unknown): Promise<PayShareResult> {
  requirePermission(ctx, 'shu.manage');
  const data = parseInput(ZPayShareRequest, input ?? {});
  const today = jakartaDate(ctx.clock.now());
  const date = data.date ?? today;
  if (date > today) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'date', code: 'date_in_future' }] });
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const out = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const run = await findRun(trx, ctx.coopId, runId, { lock: true });
    if (!run) throw new AppError('SHU_RUN_NOT_FOUND');
    const [row] = await runMembers(trx, ctx.coopId, runId, memberId);
    if (!row) throw new AppError('MEMBER_NOT_FOUND');
    const view = async (created: boolean): Promise<PayShareResult> => {
      const v = (await getRunIn(trx, ctx.coopId, runId))!;
      return { member: v.members.find((m) => m.memberId === memberId)!, created, runStatus: v.status };
    };
    if (row.paid_method) return view(false);
    if (run.status !== 'posted') throw new AppError('SHU_RUN_STATE', { params: { status: run.status } });
    const payable = Number(row.payable);
    const withholding = Number(row.withholding);
    const net = payable - withholding;
    if (payable <= 0) throw new AppError('SHU_NOTHING_TO_PAY');
    if (date < (run.posted_at ? jakartaDate(new Date(run.posted_at)) : today)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'date', code: 'shu_pay_before_post' }] });

    const memberLabel = `${row.full_name} (${formatMemberNo(row.member_no)})`;
    const lines: PostEntryInput['lines'] = [{ account: MEMBER_PAYABLE_ACCOUNT, debit: payable, memberId }];
    if (withholding > 0) lines.push({ account: 'TAX_PAYABLE', credit: withholding, memo: 'Pajak atas SHU anggota' });
    let movement: { seq: number; year: number; balances: { pokok: number; wajib: number; sukarela: number } } | null = null;
    if (data.method === 'sukarela') {
      const member = await trx.selectFrom('members').select(['status']).where('coop_id', '=', ctx.coopId).where('id', '=', memberId).executeTakeFirstOrThrow();
      if (!ALLOWED_STATUSES.deposit.includes(member.status)) throw new AppError('CAPITAL_MEMBER_STATUS', { params: { status: member.status } });
      const before = await lockCapitalAccount(trx, ctx.coopId, memberId);
      const last = await lastMovementDate(trx, ctx.coopId, memberId);
      if (last && date < last) throw new AppError('CAPITAL_DATE_BEFORE_LAST', { params: { last }, fields: [{ field: 'date', code: 'date_before_last', params: { last } }] });
      const year = Number(date.slice(0, 4));
      movement = { seq: await takeCounter(trx, ctx.coopId, receiptCounterName(year)), year, balances: { ...before, sukarela: before.sukarela + net } };
      if (net > 0) lines.push({ account: 'SIMPANAN_SUKARELA', credit: net, memberId });
    } else if (net > 0) {
      lines.push({ account: data.method === 'bank' ? 'BANK' : 'CASH', credit: net });
    }
    const { entryId } = await postEntry(trx, ctx, {
      idempotencyKey: `shu:pay:${runId}:${memberId}`,
      date,
      description: `Pembayaran SHU tahun buku ${run.fiscal_year} (${runRef(run)}) — ${memberLabel}${data.method === 'sukarela' ? ', disimpan sebagai simpanan sukarela' : ''}`,
      source: 'shu',
      sourceRef: runRef(run),
      lines
    });
    let movementId: string | null = null;
    if (movement && net > 0) {
      const receiptNo = formatReceiptNo(movement.year, movement.seq);
      movementId = await insertMovement(trx, ctx.coopId, {
        member_id: memberId,
        kind: 'deposit',
        pokok_delta: 0,
        wajib_delta: 0,
        sukarela_delta: net,
        amount: net,
        method: 'shu',
        occurred_on: date,
        receipt_year: movement.year,
        receipt_seq: movement.seq,
        receipt_no: receiptNo,
        wajib_from: null,
        wajib_to: null,
        note: `SHU tahun buku ${run.fiscal_year} (${runRef(run)}) disimpan sebagai simpanan sukarela`,
        idempotency_key: `shu:${runId}:${memberId}`.slice(0, 100),
        ledger_entry_id: entryId,
        balance_pokok: movement.balances.pokok,
        balance_wajib: movement.balances.wajib,
        balance_sukarela: movement.balances.sukarela,
        created_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId
      });
      await setBalances(trx, ctx.coopId, memberId, movement.balances);
    }
    await trx
      .insertInto('shu_payments')
      .values({ coop_id: ctx.coopId, run_id: runId, member_id: memberId, method: data.method === 'sukarela' && !movementId ? 'cash' : data.method, amount: payable, withholding, paid_on: date, entry_id: entryId, capital_movement_id: movementId, created_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId })
      .execute();
    if ((await unpaidCount(trx, ctx.coopId, runId)) === 0) await setRunStatus(trx, ctx.coopId, runId, 'paid', { paid_at: new Date() });
    await recordAudit(trx, ctx, { action: 'shu.share.pay', entity: 'shu_run', entityId: runId, after: { memberId, method: data.method, payable, withholding, net, entryId, capitalMovementId: movementId } });
    return view(true);
  });
  requestSeal(ctx.coopId);
  return out;
}
