import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { withTenant } from '../../../../../../db/tenant.js';
import { isAppError } from '../../../../../../kernel/errors.js';
import { can } from '../../../../../../kernel/permissions.js';
import { approveShuRun } from '../../../../../../surplus/approve-shu-run.js';
import { getRun } from '../../../../../../surplus/get-run.js';
import { payShuShare } from '../../../../../../surplus/pay-shu-share.js';
import { postShuRun } from '../../../../../../surplus/post-shu-run.js';
import { reverseShuRun } from '../../../../../../surplus/reverse-shu-run.js';
import { decisionWithMeeting } from '../../../../../../surplus/store.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'shu.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  let run;
  try {
    run = await getRun(ctx, event.params.id);
  } catch (err) {
    if (isAppError(err) && err.code === 'SHU_RUN_NOT_FOUND') error(404, { message: 'SHU_RUN_NOT_FOUND', code: 'SHU_RUN_NOT_FOUND' });
    throw err;
  }
  const d = run.decision ? await withTenant(ctx.db, ctx.coopId, (trx) => decisionWithMeeting(trx, ctx.coopId, run.decision!.id)) : undefined;
  const decision = d ? { id: d.id, number: d.number, title: d.title, status: d.status, outcome: d.outcome, meetingId: d.meeting_id, passed: d.status === 'closed' && (d.outcome === 'passed' || d.outcome === 'consensus') } : null;
  return { run, decision, mayManage: can(ctx, 'shu.manage'), done: event.url.searchParams.get('selesai') };
};

async function act(event: Parameters<Actions[string]>[0], fn: (ctx: Awaited<ReturnType<typeof tenantFor>>, v: Record<string, unknown>) => Promise<unknown>, done: string) {
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
  approve: (event) => act(event, (ctx, v) => approveShuRun(ctx, event.params.id, { decisionId: v.decisionId }), 'approved'),
  post: (event) => act(event, (ctx) => postShuRun(ctx, event.params.id), 'posted'),
  pay: (event) => act(event, (ctx, v) => payShuShare(ctx, event.params.id, String(v.memberId ?? ''), { method: v.method }), 'paid'),
  reverse: (event) => act(event, (ctx, v) => reverseShuRun(ctx, event.params.id, { reason: v.reason }), 'reversed')
};
