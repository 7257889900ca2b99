import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError, type FieldIssue } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { zodIssuesToFields } from '../kernel/validation.js';
import { toCharterView, type CharterView } from './get-charter.js';
import { checkCharterRules, CUSTOM_TEMPLATE, diffRules, ZAdoptCharterRequest, type AdoptCharterRequest, type CharterRules } from './model.js';
import { findCurrentCharter, insertCharter } from './store.js';
import { templateRules } from './templates.js';

const MAX_ATTEMPTS = 5;

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23505';
}

/** Validate the whole request at once: every bad field, in the note and in the rules, in one answer. */
function validate(input: unknown): { template?: string; rules: CharterRules; note: string; baseVersion?: number } {
  const parsed = ZAdoptCharterRequest.safeParse(input, { reportInput: true });
  const fields: FieldIssue[] = parsed.success ? [] : zodIssuesToFields(parsed.error.issues);
  const raw = (typeof input === 'object' && input !== null ? input : {}) as { template?: unknown; rules?: unknown };
  let rulesInput = raw.rules;
  if (rulesInput === undefined) {
    if (parsed.success && parsed.data.template) rulesInput = templateRules(parsed.data.template);
    else if (!fields.some((f) => f.field === 'template')) fields.push({ field: 'rules', code: 'required' });
  }
  let rules: CharterRules | undefined;
  if (rulesInput !== undefined) {
    const checked = checkCharterRules(rulesInput, 'rules.');
    if (checked.ok) rules = checked.rules;
    else fields.push(...checked.fields);
  }
  if (!parsed.success || !rules || fields.length) throw new AppError('VALIDATION_FAILED', { fields });
  return { ...parsed.data, rules };
}

/**
 * Adopt a new version of the charter (ketua, sekretaris): version = previous + 1, the
 * history kept. Two adoptions at once never share a version: the primary key
 * (coop_id, version) refuses the second, which is retried on top of the first — or,
 * when the caller named the version it edited (baseVersion), answered with a conflict.
 */
export async function adoptCharter(ctx: TenantCtx, input: AdoptCharterRequest | Record<string, unknown>): Promise<CharterView> {
  requirePermission(ctx, 'charter.write');
  const data = validate(input);
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTenant(ctx.db, ctx.coopId, async (trx) => {
        // Adoptions in one cooperative queue here, so they rarely meet at the primary key;
        // when they do (a lock-free writer, a second process), the key refuses and we retry.
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`charters:${ctx.coopId}`}, 0))`.execute(trx);
        const current = await findCurrentCharter(trx, ctx.coopId);
        const currentVersion = current?.version ?? 0;
        if (data.baseVersion !== undefined && data.baseVersion !== currentVersion) {
          throw new AppError('CHARTER_VERSION_CONFLICT', { params: { current: currentVersion } });
        }
        const template = data.template ?? current?.template ?? CUSTOM_TEMPLATE;
        const before = current ? (current.rules as CharterRules) : null;
        if (current && before && template === current.template && diffRules(before, data.rules).length === 0) {
          throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'rules', code: 'charter_unchanged' }] });
        }
        const version = currentVersion + 1;
        await insertCharter(trx, {
          coopId: ctx.coopId,
          version,
          template,
          rules: data.rules,
          note: data.note,
          adoptedBy: ctx.actor.via === 'system' ? null : ctx.actor.accountId
        });
        await recordAudit(trx, ctx, {
          action: 'charter.adopt',
          entity: 'charter',
          entityId: String(version),
          before: current ? { version: current.version, template: current.template, rules: current.rules } : undefined,
          after: { version, template, rules: data.rules, note: data.note, changed: diffRules(before, data.rules) }
        });
        const row = await findCurrentCharter(trx, ctx.coopId);
        return toCharterView(row!);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (data.baseVersion === undefined && attempt < MAX_ATTEMPTS) continue;
      const latest = await withTenant(ctx.db, ctx.coopId, (trx) => findCurrentCharter(trx, ctx.coopId));
      throw new AppError('CHARTER_VERSION_CONFLICT', { params: { current: latest?.version ?? 0 } });
    }
  }
}
