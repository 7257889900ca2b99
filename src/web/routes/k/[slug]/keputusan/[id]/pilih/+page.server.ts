import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { coopZone } from '$lib/governance/time';
import { getDecision } from '../../../../../../../governance/get-decision.js';
import { castBallot } from '../../../../../../../governance/cast-ballot.js';

/**
 * The ballot page. Opening it — also from a message's link with ?token=… — never votes
 * (item 19); only the form's POST does. It works without JavaScript and by keyboard.
 */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const decision = await getDecision(ctx, event.params.id);
  const coop = await ctx.db.selectFrom('coops').select('province_code').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
  const token = event.url.searchParams.get('token');
  return { decision, token: token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null, requestKey: randomUUID(), zone: coopZone(coop.province_code) };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData(), ['options']);
    try {
      const receipt = await castBallot(ctx, event.params.id, {
        ...(values.choice ? { choice: values.choice } : {}),
        ...((values.options as string[]).length ? { options: values.options } : {}),
        ...(values.voteToken ? { voteToken: values.voteToken } : {}),
        ...(values.requestKey ? { idempotencyKey: `web-${values.requestKey}` } : {})
      });
      return { done: true, receiptCode: receipt.receiptCode };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  }
};
