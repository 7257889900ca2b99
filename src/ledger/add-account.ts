import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { defaultNormalSide, groupOf, ZAccountRequest, type LedgerAccount } from './model.js';
import { ensureLedger, toAccount } from './store.js';

/** Add an account to the cooperative's chart (ledger.manage; audited). */
export async function addAccount(ctx: TenantCtx, input: unknown): Promise<LedgerAccount> {
  requirePermission(ctx, 'ledger.manage');
  const data = parseInput(ZAccountRequest, input);
  return withTenant(ctx.db, ctx.coopId, (trx) => insertAccount(trx, ctx, data));
}

/**
 * The chart's one way to add an account, inside a caller's transaction (another capability
 * that opens an account for its own use, e.g. a grant fund, checks its own permission first):
 * checked like a request, audited, a taken code refused as LEDGER_ACCOUNT_CODE_TAKEN.
 */
export async function insertAccount(trx: Tx, ctx: TenantCtx, input: unknown): Promise<LedgerAccount> {
  const data = parseInput(ZAccountRequest, input);
  const group = groupOf(data.subgroup);
  try {
    return await (async () => {
      await ensureLedger(trx, ctx.coopId);
      const row = await trx
        .insertInto('ledger_accounts')
        .values({
          coop_id: ctx.coopId,
          code: data.code,
          name: data.name,
          name_en: data.nameEn ?? null,
          account_group: group,
          subgroup: data.subgroup,
          normal_side: defaultNormalSide(group),
          system_key: null,
          cash_flow: data.cashFlow ?? (data.subgroup === 'aset_tidak_lancar' ? 'investasi' : data.subgroup === 'ekuitas' || data.subgroup === 'kewajiban_jangka_panjang' ? 'pendanaan' : 'operasi')
        })
        .returning(['id', 'code', 'name', 'name_en', 'account_group', 'subgroup', 'normal_side', 'system_key', 'cash_flow', 'is_active'])
        .executeTakeFirstOrThrow();
      const account = toAccount(row);
      await recordAudit(trx, ctx, { action: 'ledger.account.add', entity: 'ledger_account', entityId: account.id, after: account });
      return account;
    })();
  } catch (err) {
    if ((err as { constraint?: string }).constraint === 'ledger_accounts_coop_id_code_key') {
      throw new AppError('LEDGER_ACCOUNT_CODE_TAKEN', { fields: [{ field: 'code', code: 'account_code_taken' }] });
    }
    throw err;
  }
}
