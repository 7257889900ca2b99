import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { can } from '../../../../../kernel/permissions.js';
import { getChart } from '../../../../../ledger/get-chart.js';
import { listJournalEntries } from '../../../../../ledger/list-journal-entries.js';
import { verifyCoopLedger } from '../../../../../ledger/verify-ledger.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'ledger.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const chart = await getChart(ctx);
  const recent = await listJournalEntries(ctx, { pageSize: 10 });
  return { settings: chart.settings, recent, mayPost: can(ctx, 'ledger.post'), mayManage: can(ctx, 'ledger.manage') };
};

export const actions: Actions = {
  verify: async (event) => {
    const ctx = await tenantFor(event);
    return { verify: await verifyCoopLedger(ctx) };
  }
};
