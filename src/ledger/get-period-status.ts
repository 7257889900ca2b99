import type { Tx } from '../db/tenant.js';
import type { Rupiah } from './model.js';
import { shuFigures, type ShuFigures } from './report-model.js';
import { findSettings, listAccounts, movementsIn } from './store.js';

/**
 * For other capabilities (surplus): whether the books are closed through `date`, inside the
 * caller's transaction.
 */
export async function isPeriodClosed(trx: Tx, coopId: string, date: string): Promise<boolean> {
  const settings = await findSettings(trx, coopId);
  return Boolean(settings?.closedThrough && settings.closedThrough >= date);
}

/**
 * The SHU figures of a period as the SHU statement shows them (closing entries left out):
 * netShu is the pool the members' meeting distributes.
 */
export async function shuForPeriod(trx: Tx, coopId: string, from: string, to: string): Promise<ShuFigures> {
  const accounts = await listAccounts(trx, coopId);
  return shuFigures(accounts, await movementsIn(trx, coopId, from, to, { excludeClosing: true }));
}

/** Net SHU of a period in whole rupiah. */
export async function netShuForPeriod(trx: Tx, coopId: string, from: string, to: string): Promise<Rupiah> {
  return (await shuForPeriod(trx, coopId, from, to)).netShu;
}
