import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { postEntry } from '../ledger/post-entry.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { loadProgramme } from './get-programme.js';
import { ZSpendingRequest, type ProgrammeView } from './model.js';
import { findProgramme } from './store.js';
import { randomUUID } from 'node:crypto';

/**
 * Spend from the education fund (dana pendidikan) for a programme: one journal entry through
 * postEntry in the same transaction (debit DANA_PENDIDIKAN, credit cash or bank), tagged with
 * the programme (source 'education', sourceRef the programme), and the programme's spending row.
 */
export async function recordSpending(ctx: TenantCtx, programmeId: string, input: unknown): Promise<ProgrammeView> {
  requirePermission(ctx, 'education.fund');
  const d = parseInput(ZSpendingRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const p = await findProgramme(trx, ctx.coopId, programmeId);
    const paidFrom = d.paidFrom ?? 'CASH';
    const id = randomUUID();
    const { entryId } = await postEntry(trx, ctx, {
      idempotencyKey: `education-spend-${id}`,
      date: d.spentOn,
      description: `${d.description} — ${p.title}`.slice(0, 300),
      source: 'education',
      sourceRef: programmeId,
      lines: [
        { account: 'DANA_PENDIDIKAN', debit: d.amount },
        { account: paidFrom, credit: d.amount }
      ]
    });
    await trx.insertInto('edu_fund_spending').values({ coop_id: ctx.coopId, id, programme_id: programmeId, entry_id: entryId, amount: d.amount, description: d.description, spent_on: d.spentOn, paid_from: paidFrom, created_by: ctx.actor.accountId }).execute();
    await recordAudit(trx, ctx, { action: 'education.fund.spend', entity: 'edu_programme', entityId: programmeId, after: { amount: d.amount, description: d.description, spentOn: d.spentOn, entryId } });
    return loadProgramme(trx, ctx, programmeId);
  });
}
