import type { LayoutServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { can } from '../../../../kernel/permissions.js';

export const load: LayoutServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const coop = await ctx.db.selectFrom('coops').select(['id', 'slug', 'name', 'coop_type']).where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
  return {
    coop,
    roles: ctx.roles,
    may: {
      readMembers: can(ctx, 'members.read'),
      writeMembers: can(ctx, 'members.write'),
      approveMembers: can(ctx, 'members.approve'),
      writeCoop: can(ctx, 'coop.write'),
      writeCharter: can(ctx, 'charter.write'),
      readAudit: can(ctx, 'audit.read'),
      readCatalogue: can(ctx, 'catalogue.read'),
      paymentsSettings: can(ctx, 'payments.settings'),
      readCapital: can(ctx, 'capital.read'),
      readLedger: can(ctx, 'ledger.read')
    }
  };
};
