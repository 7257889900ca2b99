import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZAccountUpdateRequest, type LedgerAccount } from './model.js';
import { accountHasPostings, ensureLedger, findAccount, toAccount } from './store.js';

/** Rename an account or (de)activate it (ledger.manage; audited). Its code, group and postings stay. */
export async function updateAccount(ctx: TenantCtx, accountId: string, input: unknown): Promise<LedgerAccount> {
  requirePermission(ctx, 'ledger.manage');
  if (!/^[0-9a-f-]{36}$/i.test(accountId)) throw new AppError('NOT_FOUND');
  const data = parseInput(ZAccountUpdateRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await ensureLedger(trx, ctx.coopId);
    const before = await findAccount(trx, ctx.coopId, accountId);
    if (!before) throw new AppError('NOT_FOUND');
    const row = await trx
      .updateTable('ledger_accounts')
      .set({
        ...(data.name === undefined ? {} : { name: data.name }),
        ...(data.nameEn === undefined ? {} : { name_en: data.nameEn }),
        ...(data.isActive === undefined ? {} : { is_active: data.isActive }),
        updated_at: sql`now()` as never
      })
      .where('coop_id', '=', ctx.coopId)
      .where('id', '=', accountId)
      .returning(['id', 'code', 'name', 'name_en', 'account_group', 'subgroup', 'normal_side', 'system_key', 'cash_flow', 'is_active'])
      .executeTakeFirstOrThrow();
    const after = toAccount(row);
    await recordAudit(trx, ctx, { action: 'ledger.account.update', entity: 'ledger_account', entityId: accountId, before, after });
    return after;
  });
}

/** Delete an account the board added by mistake: never one with postings, never a system account. */
export async function deleteAccount(ctx: TenantCtx, accountId: string): Promise<void> {
  requirePermission(ctx, 'ledger.manage');
  if (!/^[0-9a-f-]{36}$/i.test(accountId)) throw new AppError('NOT_FOUND');
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const account = await findAccount(trx, ctx.coopId, accountId);
    if (!account) throw new AppError('NOT_FOUND');
    if (account.systemKey || (await accountHasPostings(trx, ctx.coopId, accountId))) throw new AppError('LEDGER_ACCOUNT_IN_USE');
    await trx.deleteFrom('ledger_accounts').where('coop_id', '=', ctx.coopId).where('id', '=', accountId).execute();
    await recordAudit(trx, ctx, { action: 'ledger.account.delete', entity: 'ledger_account', entityId: accountId, before: account });
  });
}
