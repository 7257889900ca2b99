import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { diffRules, ZCharterRules, type CharterRules } from './model.js';
import { findCharterInForce, findCurrentCharter, type CharterRow } from './store.js';
import { getTemplate } from './templates.js';

export type CharterView = {
  version: number;
  /** The template the charter is based on ('custom' when none). */
  template: string;
  templateName: { id: string; en: string } | null;
  /** Whether the rules are exactly the template's rules. */
  matchesTemplate: boolean;
  rules: CharterRules;
  note: string | null;
  adoptedAt: string;
  adoptedBy: { accountId: string; name: string } | null;
};

/** Stored rules, checked again on the way out: a row that no longer reads as rules is reported, not guessed at. */
export function readStoredRules(raw: unknown): CharterRules {
  const parsed = ZCharterRules.safeParse(raw);
  if (!parsed.success) throw new AppError('CHARTER_INVALID');
  return parsed.data;
}

export function toCharterView(row: CharterRow): CharterView {
  const rules = readStoredRules(row.rules);
  const template = getTemplate(row.template);
  return {
    version: row.version,
    template: row.template,
    templateName: template ? { ...template.name } : null,
    matchesTemplate: template ? diffRules(template.rules, rules).length === 0 : false,
    rules,
    note: row.note,
    adoptedAt: new Date(row.adopted_at).toISOString(),
    adoptedBy: row.adopted_by ? { accountId: row.adopted_by, name: row.adopted_by_name ?? '' } : null
  };
}

/** The charter in force (the latest version), or null when the cooperative has none yet. Every role may read it. */
export async function getCharter(ctx: TenantCtx): Promise<CharterView | null> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findCurrentCharter(trx, ctx.coopId);
    return row ? toCharterView(row) : null;
  });
}

/** The charter in force at the end of a past day (the RAT report's fiscal year end); see `findCharterInForce`. */
export async function getCharterInForce(ctx: TenantCtx, endOfDay: Date): Promise<CharterView | null> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findCharterInForce(trx, ctx.coopId, endOfDay);
    return row ? toCharterView(row) : null;
  });
}
