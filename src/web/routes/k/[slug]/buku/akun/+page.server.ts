import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../../kernel/permissions.js';
import { addAccount } from '../../../../../../ledger/add-account.js';
import { getChart } from '../../../../../../ledger/get-chart.js';
import { ACCOUNT_SUBGROUPS } from '../../../../../../ledger/model.js';
import { updateAccount } from '../../../../../../ledger/update-account.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'ledger.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const chart = await getChart(ctx);
  return { accounts: chart.accounts, subgroups: ACCOUNT_SUBGROUPS, mayManage: can(ctx, 'ledger.manage') };
};

export const actions: Actions = {
  add: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await addAccount(ctx, values);
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    return { saved: true };
  },
  update: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await updateAccount(ctx, String(values.id ?? ''), { name: values.name, ...(values.isActive ? { isActive: values.isActive === 'true' } : {}) });
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    return { saved: true };
  }
};
