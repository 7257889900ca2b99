import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { localInputToIso } from '$lib/governance/time';
import { isAppError } from '$core/kernel/errors.js';
import { can } from '$core/kernel/permissions.js';
import { getDecision } from '$core/governance/get-decision.js';
import { getReceipt } from '$core/governance/get-receipt.js';
import { listParticipation } from '$core/governance/list-participation.js';
import { listPaperBallotMembers } from '$core/governance/list-paper-ballot-members.js';
import { getCoopZone } from '$core/governance/get-coop-zone.js';
import { statePosition } from '$core/governance/state-position.js';
import { addComment } from '$core/governance/add-comment.js';
import { declareConsensus } from '$core/governance/declare-consensus.js';
import { openVote } from '$core/governance/open-vote.js';
import { closeDecision } from '$core/governance/close-decision.js';
import { reopenDecision } from '$core/governance/reopen-decision.js';
import { enterPaperBallot } from '$core/governance/enter-paper-ballot.js';
import type { Zone } from '$core/governance/model.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const decision = await getDecision(ctx, event.params.id);
  const zone = await getCoopZone(ctx);
  const receipt = decision.me ? await getReceipt(ctx, decision.id).catch((e: unknown) => (isAppError(e) ? null : Promise.reject(e))) : null;
  const participation = can(ctx, 'governance.audit') && decision.status !== 'discussion' ? await listParticipation(ctx, decision.id) : null;
  const attendees = can(ctx, 'decisions.manage') && decision.meeting && decision.status === 'voting' ? await listPaperBallotMembers(ctx, decision.id) : [];
  // "Tutup pemungutan suara" first asks (issue 14): ?tutup shows the turnout and the real button.
  const confirmClose = event.url.searchParams.has('tutup');
  return { decision, receipt, participation, attendees, zone, confirmClose, mayDecide: can(ctx, 'decisions.manage') };
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

/** The typed local time as an instant; nothing typed stays missing (so the use case names the field), a malformed value stays as typed. */
const closesAtOf = (value: unknown, zone: Zone): unknown => (value === undefined ? undefined : (localInputToIso(value, zone) ?? value));

export const actions: Actions = {
  sikap: (event) => run(event, (ctx, v) => statePosition(ctx, event.params.id, { stance: v.stance, reason: v.reason }), 'stance'),
  tanggapan: (event) => run(event, (ctx, v) => addComment(ctx, event.params.id, { body: v.body }), 'comment'),
  mufakat: (event) => run(event, (ctx) => declareConsensus(ctx, event.params.id), 'consensus'),
  bukaSuara: (event) => run(event, async (ctx, v) => openVote(ctx, event.params.id, { closesAt: closesAtOf(v.closesAt, await getCoopZone(ctx)) }), 'opened'),
  tutup: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    // Without the confirmation the form only asks; nothing is closed.
    if (values.confirm !== 'yes') return { confirmClose: true };
    try {
      await closeDecision(ctx, event.params.id);
      return { done: 'closed' };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  },
  bukaKembali: (event) => run(event, async (ctx, v) => reopenDecision(ctx, event.params.id, { reason: v.reason, closesAt: closesAtOf(v.closesAt, await getCoopZone(ctx)) }), 'reopened'),
  kertas: (event) => run(event, (ctx, v) => enterPaperBallot(ctx, event.params.id, { memberId: v.memberId, choice: v.choice }), 'paper')
};
