import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { coopZone, localInputToIso } from '$lib/governance/time';
import { isAppError } from '../../../../../../kernel/errors.js';
import { can } from '../../../../../../kernel/permissions.js';
import { getDecision } from '../../../../../../governance/get-decision.js';
import { getReceipt } from '../../../../../../governance/get-receipt.js';
import { listParticipation } from '../../../../../../governance/list-participation.js';
import { statePosition } from '../../../../../../governance/state-position.js';
import { addComment } from '../../../../../../governance/add-comment.js';
import { declareConsensus } from '../../../../../../governance/declare-consensus.js';
import { openVote } from '../../../../../../governance/open-vote.js';
import { closeDecision } from '../../../../../../governance/close-decision.js';
import { reopenDecision } from '../../../../../../governance/reopen-decision.js';
import { enterPaperBallot } from '../../../../../../governance/enter-paper-ballot.js';
import { getMeeting } from '../../../../../../governance/get-meeting.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const decision = await getDecision(ctx, event.params.id);
  const coop = await ctx.db.selectFrom('coops').select('province_code').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
  const receipt = decision.me ? await getReceipt(ctx, decision.id).catch((e: unknown) => (isAppError(e) ? null : Promise.reject(e))) : null;
  const participation = can(ctx, 'governance.audit') && decision.status !== 'discussion' ? await listParticipation(ctx, decision.id) : null;
  const attendees = can(ctx, 'decisions.manage') && decision.meeting && decision.status === 'voting' ? ((await getMeeting(ctx, decision.meeting.id)).attendees ?? []).filter((a) => a.present && a.participation === 'in_person') : [];
  return { decision, receipt, participation, attendees, zone: coopZone(coop.province_code), mayDecide: can(ctx, 'decisions.manage') };
};

const run = async (event: Parameters<Actions[string]>[0], fn: (ctx: Awaited<ReturnType<typeof tenantFor>>, values: Record<string, unknown>) => Promise<unknown>, done: string) => {
  const ctx = await tenantFor(event);
  const values = formObject(await event.request.formData());
  try {
    await fn(ctx, values);
    return { done };
  } catch (err) {
    return failWith(ctx.locale, err, values);
  }
};

const zoneOf = async (ctx: Awaited<ReturnType<typeof tenantFor>>) =>
  coopZone((await ctx.db.selectFrom('coops').select('province_code').where('id', '=', ctx.coopId).executeTakeFirstOrThrow()).province_code);

export const actions: Actions = {
  sikap: (event) => run(event, (ctx, v) => statePosition(ctx, event.params.id, { stance: v.stance, reason: v.reason }), 'stance'),
  tanggapan: (event) => run(event, (ctx, v) => addComment(ctx, event.params.id, { body: v.body }), 'comment'),
  mufakat: (event) => run(event, (ctx) => declareConsensus(ctx, event.params.id), 'consensus'),
  bukaSuara: (event) => run(event, async (ctx, v) => openVote(ctx, event.params.id, { closesAt: localInputToIso(v.closesAt, await zoneOf(ctx)) ?? '' }), 'opened'),
  tutup: (event) => run(event, (ctx) => closeDecision(ctx, event.params.id), 'closed'),
  bukaKembali: (event) => run(event, async (ctx, v) => reopenDecision(ctx, event.params.id, { reason: v.reason, closesAt: localInputToIso(v.closesAt, await zoneOf(ctx)) ?? '' }), 'reopened'),
  kertas: (event) => run(event, (ctx, v) => enterPaperBallot(ctx, event.params.id, { memberId: v.memberId, choice: v.choice }), 'paper')
};
