import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../../kernel/permissions.js';
import { closePeriod } from '../../../../../../ledger/close-period.js';
import { getChart, listClosingHistory } from '../../../../../../ledger/get-chart.js';
import { reopenPeriod } from '../../../../../../ledger/reopen-period.js';
import { updateLedgerSettings } from '../../../../../../ledger/update-ledger-settings.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'ledger.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const chart = await getChart(ctx);
  return { settings: chart.settings, history: await listClosingHistory(ctx), mayManage: can(ctx, 'ledger.manage'), mayReopen: can(ctx, 'ledger.reopen') };
};

async function run(event: Parameters<Actions[string]>[0], fn: (ctx: Awaited<ReturnType<typeof tenantFor>>, values: Record<string, unknown>) => Promise<unknown>, done: string) {
  const ctx = await tenantFor(event);
  const values = formObject(await event.request.formData());
  try {
    await fn(ctx, values);
  } catch (err) {
    return failWith(ctx.locale, err, values);
  }
  return { done };
}

export const actions: Actions = {
  close: (event) => run(event, (ctx, v) => closePeriod(ctx, v), 'closed'),
  reopen: (event) => run(event, (ctx, v) => reopenPeriod(ctx, v), 'reopened'),
  settings: (event) => run(event, (ctx, v) => updateLedgerSettings(ctx, v), 'settingsSaved')
};
