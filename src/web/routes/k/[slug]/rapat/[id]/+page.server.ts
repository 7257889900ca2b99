import QRCode from 'qrcode';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { localInputToIso } from '$lib/governance/time';
import { can } from '$core/kernel/permissions.js';
import { getMeeting } from '$core/governance/get-meeting.js';
import { getCoopZone } from '$core/governance/get-coop-zone.js';
import { listDecisions } from '$core/governance/list-decisions.js';
import { openMeeting } from '$core/governance/open-meeting.js';
import { closeMeeting } from '$core/governance/close-meeting.js';
import { recordAttendance, recordDeparture } from '$core/governance/record-attendance.js';
import { recordAttendanceList } from '$core/governance/record-attendance-list.js';
import { checkIn } from '$core/governance/check-in.js';
import { addAgendaItem } from '$core/governance/add-agenda-item.js';
import { proposeDecision } from '$core/governance/propose-decision.js';
import { openVote } from '$core/governance/open-vote.js';

/** This page's live extras need JavaScript (the root layout turns it off); the form works without it. */
export const csr = true;

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const detail = await getMeeting(ctx, event.params.id);
  const decisions = await listDecisions(ctx, { meetingId: event.params.id });
  const checkinUrl = detail.checkinCode ? `${event.url.origin}/k/${event.params.slug}/rapat/${event.params.id}?kode=${detail.checkinCode}` : null;
  return {
    ...detail,
    decisions: decisions.items,
    zone: await getCoopZone(ctx),
    // The check-in list's search (name or member number); without JavaScript it is a GET form.
    q: (event.url.searchParams.get('q') ?? '').trim(),
    code: event.url.searchParams.get('kode') ?? '',
    qr: checkinUrl ? await QRCode.toString(checkinUrl, { type: 'svg', margin: 1, width: 220 }) : null,
    checkinUrl,
    scheduled: event.url.searchParams.has('dijadwalkan'),
    mayManage: can(ctx, 'meetings.manage'),
    mayDecide: can(ctx, 'decisions.manage')
  };
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

export const actions: Actions = {
  buka: (event) => run(event, (ctx) => openMeeting(ctx, event.params.id), 'opened'),
  tutup: (event) => run(event, (ctx) => closeMeeting(ctx, event.params.id), 'closed'),
  daftarHadir: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData(), ['listed', 'present']);
    try {
      const view = await recordAttendanceList(ctx, event.params.id, { listed: values.listed, present: values.present });
      return { done: 'attendance', attendance: view.attendance };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  },
  hadir: (event) => run(event, (ctx, v) => recordAttendance(ctx, event.params.id, { memberId: v.memberId, participation: v.participation }), 'checkedIn'),
  keluar: (event) => run(event, (ctx, v) => recordDeparture(ctx, event.params.id, { memberId: v.memberId }), 'left'),
  sayaHadir: (event) => run(event, (ctx, v) => checkIn(ctx, event.params.id, { code: v.code, participation: v.participation }), 'checkedIn'),
  acara: (event) => run(event, (ctx, v) => addAgendaItem(ctx, event.params.id, { title: v.title, description: v.description }), 'agenda'),
  usul: (event) =>
    run(
      event,
      async (ctx, v) => {
        const d = await proposeDecision(ctx, { title: v.title, body: v.body ?? '', meetingId: event.params.id, agendaItemId: v.agendaItemId, secret: v.secret === 'on' });
        if (v.voteNow === 'on') {
          await openVote(ctx, d.id, { closesAt: v.closesAt === undefined ? undefined : (localInputToIso(v.closesAt, await getCoopZone(ctx)) ?? v.closesAt) });
        }
      },
      'proposed'
    )
};
