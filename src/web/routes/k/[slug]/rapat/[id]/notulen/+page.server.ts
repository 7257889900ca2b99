import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '$core/kernel/permissions.js';
import { getMeeting } from '$core/governance/get-meeting.js';
import { getMinutes } from '$core/governance/get-minutes.js';
import { saveMinutes } from '$core/governance/save-minutes.js';
import { approveMinutes } from '$core/governance/approve-minutes.js';
import { addMinutesAmendment } from '$core/governance/add-minutes-amendment.js';
import { listMeetings } from '$core/governance/list-meetings.js';
import { recordExcuse } from '$core/governance/record-excuse.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const [detail, minutes, meetings] = await Promise.all([getMeeting(ctx, event.params.id), getMinutes(ctx, event.params.id), listMeetings(ctx, { pageSize: 50 })]);
  // Minutes are approved by a later meeting: offer those held after this one, the next first (issue 14).
  const laterMeetings = meetings.items
    .filter((m) => m.id !== event.params.id && m.status !== 'cancelled' && m.startsAt > detail.meeting.startsAt)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const myOffices = (['ketua', 'sekretaris'] as const).filter((r) => ctx.roles.includes(r));
  return { meeting: detail.meeting, minutes, laterMeetings, myOffices, me: ctx.actor.accountId, mayManage: can(ctx, 'meetings.manage') };
};

export const actions: Actions = {
  /** Record or remove an excused absence (izin), issue 14. */
  izin: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await recordExcuse(ctx, event.params.id, values);
      return { done: 'excused' };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  },
  simpan: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    const values = formObject(form);
    const notes = [...form.entries()].filter(([k]) => k.startsWith('note:')).map(([k, v]) => ({ agendaItemId: k.slice(5), text: String(v) }));
    try {
      await saveMinutes(ctx, event.params.id, { summary: String(form.get('summary') ?? ''), notes });
      return { done: 'saved' };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  },
  sahkan: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const view = await approveMinutes(ctx, event.params.id, { approvedAtMeetingId: values.approvedAtMeetingId ?? null });
      return { done: view.status === 'approved' ? 'approved' : 'signed' };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  },
  ralat: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await addMinutesAmendment(ctx, event.params.id, { text: values.text, agendaItemId: values.agendaItemId ?? null });
      return { done: 'amended' };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  }
};
