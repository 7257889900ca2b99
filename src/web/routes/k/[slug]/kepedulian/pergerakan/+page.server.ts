import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '$core/kernel/permissions.js';
import { listFunds } from '$core/care/funds.js';
import { listMovements } from '$core/care/list-movements.js';
import { reverseMovement } from '$core/care/reverse-movement.js';

/** Every fund movement for the board (of one fund with ?dana=), 50 a page, with reversal. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const fundId = event.url.searchParams.get('dana') || null;
  const page = Number(event.url.searchParams.get('hal') ?? '1');
  const funds = await listFunds(ctx);
  const list = await listMovements(ctx, { fundId, page: Number.isInteger(page) ? page : 1 });
  return { funds, list, fundId, mayReverse: can(ctx, 'care.disburse') };
};

export const actions: Actions = {
  batal: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const m = await reverseMovement(ctx, String(values.movementId ?? ''), { reason: values.reason });
      return { done: 'reversed', receipt: m.receiptNo };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  }
};
