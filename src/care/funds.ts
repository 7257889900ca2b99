import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.js';
import type { z } from 'zod';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { postEntry } from '../ledger/post-entry.js';
import { cashAccountOf, formatCareReceiptNo, receiptCounterName, ZFundRequest, ZInflowRequest } from './model.js';
import { addGrantAccount, ensureFunds, findFund, fundBalances, listFundRows, lockFund, takeReceiptNo } from './store.js';

export type FundView = { id: string; kind: string; name: string; accountCode: string; isStateAid: boolean; grantor: string | null; conditions: string; balance: number };
export type MovementView = { id: string; receiptNo: string; kind: string; amount: number; occurredOn: string; fundId: string; entryId: string; created: boolean };

/** The cooperative's funds with their balances (each the balance of its ledger account). */
export async function listFunds(ctx: TenantCtx): Promise<FundView[]> {
  requirePermission(ctx, 'care.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await ensureFunds(trx, ctx.coopId);
    const [rows, balances] = [await listFundRows(trx, ctx.coopId), await fundBalances(trx, ctx.coopId)];
    return rows.map((f) => ({ id: f.id, kind: f.kind, name: f.name, accountCode: f.account_code, isStateAid: f.is_state_aid, grantor: f.grantor, conditions: f.conditions, balance: balances.get(f.account_id) ?? 0 }));
  });
}

/** Open a fund for a grant (its own ledger sub-account under Dana sosial), the grantor named, state aid marked. */
export async function createGrantFund(ctx: TenantCtx, input: unknown): Promise<FundView> {
  requirePermission(ctx, 'care.manage');
  const data = parseInput(ZFundRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await ensureFunds(trx, ctx.coopId);
    const accountId = await addGrantAccount(trx, ctx, data.name);
    const row = await trx
      .insertInto('care_funds')
      .values({ coop_id: ctx.coopId, kind: 'hibah', name: data.name, account_id: accountId, is_state_aid: data.isStateAid, grantor: data.grantor, conditions: data.conditions ?? '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const f = (await findFund(trx, ctx.coopId, row.id))!;
    await recordAudit(trx, ctx, { action: 'care.fund.create', entity: 'care_fund', entityId: f.id, after: { name: f.name, grantor: f.grantor, isStateAid: f.is_state_aid, account: f.account_code } });
    return { id: f.id, kind: f.kind, name: f.name, accountCode: f.account_code, isStateAid: f.is_state_aid, grantor: f.grantor, conditions: f.conditions, balance: 0 };
  });
}

/**
 * Money into a fund (a donation or a grant), in one transaction: a numbered receipt, one
 * balanced posting (Dr Kas/Bank, Cr the fund's account) and the movement row. The same
 * idempotency key records once.
 */
export async function recordInflow(ctx: TenantCtx, input: unknown): Promise<MovementView> {
  requirePermission(ctx, 'care.manage');
  const data = parseInput(ZInflowRequest, input);
  return withTenant(ctx.db, ctx.coopId, (trx) => postInflow(trx, ctx, data));
}

/** The inflow's work inside the caller's transaction (the board's record, a confirmed public donation). */
export async function postInflow(trx: Tx, ctx: TenantCtx, data: z.output<typeof ZInflowRequest>): Promise<MovementView> {
  const today = jakartaDate(ctx.clock.now());
  const date = data.date ?? today;
  if (date > today) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'date', code: 'date_in_future' }] });
  const key = data.idempotencyKey ?? randomUUID();
  {
    await ensureFunds(trx, ctx.coopId);
    const fund = await lockFund(trx, ctx.coopId, data.fundId);
    const existing = await trx.selectFrom('care_movements').selectAll().where('coop_id', '=', ctx.coopId).where('idempotency_key', '=', key).executeTakeFirst();
    if (existing) {
      if (existing.fund_id !== fund.id || Number(existing.amount) !== data.amount || existing.kind !== data.kind) throw new AppError('CARE_IDEMPOTENCY_CONFLICT');
      return { id: existing.id, receiptNo: existing.receipt_no, kind: existing.kind, amount: Number(existing.amount), occurredOn: existing.occurred_on, fundId: existing.fund_id, entryId: existing.entry_id, created: false };
    }
    if (data.programmeId) {
      const p = await trx.selectFrom('care_programmes').select('id').where('coop_id', '=', ctx.coopId).where('id', '=', data.programmeId).executeTakeFirst();
      if (!p) throw new AppError('CARE_PROGRAMME_NOT_FOUND', { fields: [{ field: 'programmeId', code: 'care_programme_unknown' }] });
    }
    const year = Number(date.slice(0, 4));
    const seq = await takeReceiptNo(trx, ctx.coopId, receiptCounterName(year));
    const receiptNo = formatCareReceiptNo(year, seq);
    const purpose = data.purpose ?? (data.kind === 'donation' ? 'Donasi' : `Hibah ${fund.grantor ?? ''}`.trim());
    const { entryId } = await postEntry(trx, ctx, {
      idempotencyKey: `care:${key}`,
      date,
      description: `${data.kind === 'donation' ? 'Donasi' : 'Hibah'} untuk ${fund.name}, ${receiptNo}`,
      source: 'care',
      sourceRef: receiptNo,
      lines: [
        { account: cashAccountOf(data.method), debit: data.amount },
        { account: fund.account_code, credit: data.amount }
      ]
    });
    const row = await trx
      .insertInto('care_movements')
      .values({
        coop_id: ctx.coopId,
        fund_id: fund.id,
        kind: data.kind,
        amount: data.amount,
        method: data.method,
        occurred_on: date,
        purpose,
        programme_id: data.programmeId ?? null,
        counterparty: data.counterparty ?? (data.kind === 'grant' ? fund.grantor : null),
        counterparty_public: data.kind === 'grant' ? true : (data.counterpartyPublic ?? false),
        receipt_year: year,
        receipt_seq: seq,
        receipt_no: receiptNo,
        entry_id: entryId,
        idempotency_key: key,
        created_by: ctx.actor.accountId,
        created_at: new Date()
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: `care.${data.kind}.record`, entity: 'care_movement', entityId: row.id, after: { fund: fund.name, amount: data.amount, receiptNo, entryId } });
    return { id: row.id, receiptNo, kind: data.kind, amount: data.amount, occurredOn: date, fundId: fund.id, entryId, created: true };
  }
}
