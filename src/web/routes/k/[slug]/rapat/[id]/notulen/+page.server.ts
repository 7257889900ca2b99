import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../../../kernel/permissions.js';
import { getMeeting } from '../../../../../../../governance/get-meeting.js';
import { getMinutes } from '../../../../../../../governance/get-minutes.js';
import { saveMinutes } from '../../../../../../../governance/save-minutes.js';
import { approveMinutes } from '../../../../../../../governance/approve-minutes.js';
import { addMinutesAmendment } from '../../../../../../../governance/add-minutes-amendment.js';
import { listMeetings } from '../../../../../../../governance/list-meetings.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const [detail, minutes, meetings] = await Promise.all([getMeeting(ctx, event.params.id), getMinutes(ctx, event.params.id), listMeetings(ctx, { pageSize: 20 })]);
  return { meeting: detail.meeting, minutes, otherMeetings: meetings.items.filter((m) => m.id !== event.params.id), mayManage: can(ctx, 'meetings.manage') };
};

export const actions: Actions = {
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
      await approveMinutes(ctx, event.params.id, { approvedAtMeetingId: values.approvedAtMeetingId ?? null });
      return { done: 'approved' };
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
