import { recordAudit } from '../../audit/record-audit.js';
import { withTenant, type Tx } from '../../db/tenant.js';
import type { TenantCtx } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { requirePermission } from '../../kernel/permissions.js';
import { parseInput } from '../../kernel/validation.js';
import { publicUrl } from '../../governance/support.js';
import { z } from 'zod';

export const ZProviderSettingsRequest = z.strictObject({
  serverKey: z.string().trim().min(8).max(200).optional(),
  enabled: z.boolean().default(true)
});

export type ProviderSettingsView = { provider: 'midtrans'; configured: boolean; enabled: boolean; serverKeyHint: string | null; notificationUrl: string };

/** The server key is a secret: only its last 4 characters are ever shown back. */
export function keyHint(key: string): string {
  return `••••${key.slice(-4)}`;
}

async function view(ctx: TenantCtx, row: { server_key: string; enabled: boolean } | undefined): Promise<ProviderSettingsView> {
  const coop = await ctx.db.selectFrom('coops').select('slug').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
  return { provider: 'midtrans', configured: !!row, enabled: row?.enabled ?? false, serverKeyHint: row ? keyHint(row.server_key) : null, notificationUrl: `${publicUrl()}/api/v1/public/payments/midtrans/${coop.slug}` };
}

/** Whether the coop has a payment gateway switched on (checkout refuses the 'gateway' method otherwise). Inside its tenant transaction. */
export async function gatewayEnabled(trx: Tx, coopId: string): Promise<boolean> {
  const row = await trx.selectFrom('payment_provider_settings').select('enabled').where('coop_id', '=', coopId).where('enabled', '=', true).executeTakeFirst();
  return !!row;
}

export async function getProviderSettings(ctx: TenantCtx): Promise<ProviderSettingsView> {
  requirePermission(ctx, 'payments.settings');
  const row = await withTenant(ctx.db, ctx.coopId, (trx) => trx.selectFrom('payment_provider_settings').select(['server_key', 'enabled']).where('coop_id', '=', ctx.coopId).where('provider', '=', 'midtrans').executeTakeFirst());
  return view(ctx, row);
}

/** Save the Midtrans server key (omit it to keep the current one) and switch the gateway on/off. */
export async function saveProviderSettings(ctx: TenantCtx, input: unknown): Promise<ProviderSettingsView> {
  requirePermission(ctx, 'payments.settings');
  const data = parseInput(ZProviderSettingsRequest, input);
  const row = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const current = await trx.selectFrom('payment_provider_settings').select(['server_key']).where('coop_id', '=', ctx.coopId).where('provider', '=', 'midtrans').executeTakeFirst();
    const key = data.serverKey ?? current?.server_key;
    if (!key) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'serverKey', code: 'required' }] });
    const saved = await trx
      .insertInto('payment_provider_settings')
      .values({ coop_id: ctx.coopId, provider: 'midtrans', server_key: key, enabled: data.enabled, updated_by: ctx.actor.accountId })
      .onConflict((oc) => oc.columns(['coop_id', 'provider']).doUpdateSet({ server_key: key, enabled: data.enabled, updated_by: ctx.actor.accountId, updated_at: new Date() }))
      .returning(['server_key', 'enabled'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'payments.provider.save', entity: 'payment_provider', entityId: null, after: { provider: 'midtrans', enabled: data.enabled, serverKeyChanged: !!data.serverKey, serverKeyHint: keyHint(key) } });
    return saved;
  });
  return view(ctx, row);
}
