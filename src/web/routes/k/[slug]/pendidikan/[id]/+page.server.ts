import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { wholeNumber, wibInstant } from '$lib/education';
import { can } from '../../../../../../kernel/permissions.js';
import { getProgramme } from '../../../../../../education/get-programme.js';
import { addSession } from '../../../../../../education/add-session.js';
import { enrolParticipant, enrolSelf } from '../../../../../../education/enrol.js';
import { issueCertificate } from '../../../../../../education/certificates.js';
import { setAssessment } from '../../../../../../education/set-assessment.js';
import { recordSpending } from '../../../../../../education/record-spending.js';
import { getFormChoices } from '../../../../../../education/form-choices.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const programme = await getProgramme(ctx, event.params.id);
  return { programme, choices: can(ctx, 'education.manage') ? await getFormChoices(ctx) : null, today: new Date().toISOString().slice(0, 10) };
};

type Run = (ctx: Awaited<ReturnType<typeof tenantFor>>, values: Record<string, unknown>, id: string) => Promise<unknown>;
const act = (run: Run) => async (event: Parameters<Actions[string]>[0]) => {
  const ctx = await tenantFor(event);
  const values = formObject(await event.request.formData());
  try {
    await run(ctx, values, event.params.id!);
  } catch (err) {
    return { ...failWith(ctx.locale, err, values), action: event.url.search };
  }
  redirect(303, event.url.pathname);
};

export const actions: Actions = {
  enrolSelf: act((ctx, _v, id) => enrolSelf(ctx, id)),
  enrolMember: act((ctx, v, id) => enrolParticipant(ctx, id, { memberId: v.memberId })),
  enrolByName: act((ctx, v, id) =>
    enrolParticipant(ctx, id, { fullName: v.fullName, phone: v.phone, participantKind: v.participantKind ?? 'public', ...(v.gender ? { gender: v.gender } : {}) })
  ),
  addSession: act((ctx, v, id) =>
    addSession(ctx, id, {
      topic: v.topic,
      startsAt: wibInstant(v.date, v.start),
      endsAt: wibInstant(v.date, v.end),
      ...(v.venue ? { venue: v.venue } : {}),
      ...(v.onlineUrl ? { onlineUrl: v.onlineUrl } : {}),
      ...(v.capacity ? { capacity: wholeNumber(v.capacity) } : {}),
      ...(v.facilitatorMemberId ? { facilitatorMemberId: v.facilitatorMemberId } : {}),
      ...(v.meetingId ? { meetingId: v.meetingId } : {})
    })
  ),
  certificate: act((ctx, v, id) => issueCertificate(ctx, id, { enrolmentId: v.enrolmentId, ...(v.sessionId ? { sessionId: v.sessionId } : {}) })),
  assessment: act((ctx, v, id) => setAssessment(ctx, id, { enrolmentId: v.enrolmentId, assessment: v.assessment === 'passed' || v.assessment === 'failed' ? v.assessment : null })),
  spend: act((ctx, v, id) => recordSpending(ctx, id, { amount: wholeNumber(v.amount), description: v.description, spentOn: v.spentOn, ...(v.paidFrom ? { paidFrom: v.paidFrom } : {}) }))
};
