import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { postReversal } from '../ledger/reverse-entry.js';
import { formatCareReceiptNo, receiptCounterName } from './model.js';
import { fundBalance, lockFund, takeReceiptNo } from './store.js';
import type { MovementView } from './funds.js';

const ZReverseRequest = z.object({ reason: z.string().trim().min(5).max(300) }).strict();

/**
 * Cancel a fund movement — only by reversal: a reversing journal entry and a movement of the
 * opposite amount, both kept beside the original. A paid-out amount goes back to the
 * application (approved again, to be paid anew); money that came in can be reversed only while
 * the fund still holds it (never below zero). Each movement is reversed at most once.
 */
export async function reverseMovement(ctx: TenantCtx, movementId: string, input: unknown): Promise<MovementView> {
  requirePermission(ctx, 'care.disburse');
  const data = parseInput(ZReverseRequest, input);
  const date = jakartaDate(ctx.clock.now());
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const m = await trx.selectFrom('care_movements').selectAll().where('coop_id', '=', ctx.coopId).where('id', '=', movementId).executeTakeFirst();
    if (!m || m.kind === 'reversal') throw new AppError('CARE_MOVEMENT_NOT_FOUND');
    // The same lock order as a disbursement: the application, then the fund.
    const app = m.application_id
      ? await trx.selectFrom('care_applications').selectAll().where('coop_id', '=', ctx.coopId).where('id', '=', m.application_id).forUpdate().executeTakeFirstOrThrow()
      : null;
    const fund = await lockFund(trx, ctx.coopId, m.fund_id);
    const done = await trx.selectFrom('care_movements').select('id').where('coop_id', '=', ctx.coopId).where('reverses_id', '=', m.id).executeTakeFirst();
    if (done) throw new AppError('CARE_ALREADY_REVERSED');
    const amount = Number(m.amount);
    if (amount > 0) {
      const balance = await fundBalance(trx, ctx.coopId, fund.account_id);
      if (amount > balance) throw new AppError('CARE_FUND_INSUFFICIENT', { params: { balance: new Intl.NumberFormat('id-ID').format(balance) } });
    }
    const entryId = await postReversal(trx, ctx, m.entry_id, date, `Pembatalan ${m.receipt_no}: ${data.reason}`);
    const year = Number(date.slice(0, 4));
    const seq = await takeReceiptNo(trx, ctx.coopId, receiptCounterName(year));
    const receiptNo = formatCareReceiptNo(year, seq);
    const row = await trx
      .insertInto('care_movements')
      .values({
        coop_id: ctx.coopId,
        fund_id: m.fund_id,
        kind: 'reversal',
        amount: -amount,
        method: m.method,
        occurred_on: date,
        purpose: `Pembatalan ${m.receipt_no}`,
        programme_id: m.programme_id,
        application_id: m.application_id,
        village_code: m.village_code,
        category: m.category,
        counterparty: m.counterparty,
        counterparty_public: m.counterparty_public,
        receipt_year: year,
        receipt_seq: seq,
        receipt_no: receiptNo,
        entry_id: entryId,
        reverses_id: m.id,
        idempotency_key: `reversal:${m.id}:${randomUUID()}`,
        created_by: ctx.actor.accountId,
        created_at: new Date()
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (app && m.kind === 'disbursement') {
      await trx.updateTable('care_applications').set({ paid_amount: Number(app.paid_amount) + amount, status: 'approved' }).where('coop_id', '=', ctx.coopId).where('id', '=', app.id).execute();
    }
    await recordAudit(trx, ctx, { action: 'care.movement.reverse', entity: 'care_movement', entityId: row.id, after: { reverses: m.receipt_no, amount: -amount, reason: data.reason, entryId } });
    return { id: row.id, receiptNo, kind: 'reversal', amount: -amount, occurredOn: date, fundId: m.fund_id, entryId, created: true };
  });
}
