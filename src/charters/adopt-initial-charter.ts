import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { insertCharter } from './store.js';
import { getTemplate, templateRules } from './templates.js';

/**
 * Version 1 of a new cooperative's charter, from a template, inside the caller's
 * transaction (the cooperative's founding). Audited like every change.
 */
export async function adoptInitialCharter(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor'>, templateKey: string): Promise<void> {
  const template = getTemplate(templateKey);
  if (!template) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'charterTemplate', code: 'template_unknown' }] });
  const rules = templateRules(template.key);
  const row = await insertCharter(trx, {
    coopId: ctx.coopId,
    version: 1,
    template: template.key,
    rules,
    note: null,
    adoptedBy: ctx.actor.via === 'system' ? null : ctx.actor.accountId
  });
  await recordAudit(trx, ctx, { action: 'charter.adopt', entity: 'charter', entityId: String(row.version), after: { version: row.version, template: template.key, rules } });
}
