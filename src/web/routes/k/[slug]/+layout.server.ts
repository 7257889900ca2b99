import type { LayoutServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { can, PERMISSIONS, type Permission } from '../../../../kernel/permissions.js';

export const load: LayoutServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  // A permission another capability has not registered yet simply hides its link.
  const allowed = (p: string) => Object.hasOwn(PERMISSIONS, p) && can(ctx, p as Permission);
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
      readLedger: can(ctx, 'ledger.read'),
      readOrders: allowed('orders.read'),
      manageOrders: allowed('orders.manage'),
      confirmPayments: allowed('payments.confirm'),
      // Lines of other areas go here, one each (B: events/production, C1: shu.read, C2: books).
      readShu: allowed('shu.read'),
      readEvents: allowed('events.read'),
      readProduction: allowed('production.read'),
      reconcilePayments: allowed('payments.reconcile'),
      readRatReport: allowed('reports.rat'),
      readBooks: allowed('reports.books'),
      // Issue 19: the board's networks page.
      readNetworks: allowed('networks.read'),
      // care (issue 18): the board's social-fund pages
      readCare: allowed('care.read')
    }
  };
};
