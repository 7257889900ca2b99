import type { Tx } from '../db/tenant.js';
import { findCurrentCharter } from './store.js';

/**
 * The rules of the cooperative's current charter, inside the caller's tenant transaction,
 * for capabilities that apply a rule in the middle of their own work (who admits members)
 * and whose actor may have no role yet (someone applying to join). Null before a charter.
 */
export async function currentCharterRules(trx: Tx, coopId: string): Promise<unknown> {
  return (await findCurrentCharter(trx, coopId))?.rules ?? null;
}
