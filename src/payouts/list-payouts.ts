import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { can } from '../kernel/permissions.js';
import { AppError } from '../kernel/errors.js';
import type { PayoutView } from './model.js';
import { payoutViews } from './store.js';

/** Payouts to producers, newest first (optionally of one member). */
export async function listPayouts(ctx: TenantCtx, input: { memberId?: string } = {}): Promise<PayoutView[]> {
  if (!can(ctx, 'payments.confirm') && !can(ctx, 'ledger.read')) throw new AppError('FORBIDDEN');
  const memberId = input?.memberId && /^[0-9a-f-]{36}$/i.test(input.memberId) ? input.memberId : undefined;
  return withTenant(ctx.db, ctx.coopId, (trx) => payoutViews(trx, ctx.coopId, { memberId }));
}
