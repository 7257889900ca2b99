import { listCharterVersions } from '../charters/list-charter-versions.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import type { WajibPeriod, WajibRate } from './model.js';

/** The capital rules of the charter: pokok amount, wajib period and the wajib amount in force over time. */
export type CapitalRules = { pokok: number; wajib: number; wajibPeriod: WajibPeriod; rates: WajibRate[] };

/** From the charter's versions: the current amounts, and each version's wajib from the day it was adopted. */
export async function capitalRules(ctx: TenantCtx): Promise<CapitalRules | null> {
  const versions = await listCharterVersions(ctx);
  const current = versions[0];
  if (!current) return null;
  const rates = versions.map((v) => ({ from: jakartaDate(new Date(v.adoptedAt)), amount: v.rules.capital.wajib })).reverse();
  return { pokok: current.rules.capital.pokok, wajib: current.rules.capital.wajib, wajibPeriod: current.rules.capital.wajibPeriod, rates };
}
