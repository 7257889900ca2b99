import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { coopZone, localInputToIso } from '$lib/governance/time';
import { can } from '../../../../../kernel/permissions.js';
import { listMeetings } from '../../../../../governance/list-meetings.js';
import { scheduleMeeting } from '../../../../../governance/schedule-meeting.js';
import { governanceRules } from '../../../../../governance/support.js';

async function zoneOf(ctx: Awaited<ReturnType<typeof tenantFor>>) {
  const row = await ctx.db.selectFrom('coops').select('province_code').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
  return coopZone(row.province_code);
}

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const [meetings, rules, zone] = await Promise.all([listMeetings(ctx, { pageSize: 50 }), governanceRules(ctx), zoneOf(ctx)]);
  return { meetings: meetings.items, zone, noticeDays: rules.rat.noticeDays, mayManage: can(ctx, 'meetings.manage') };
};

export const actions: Actions = {
  jadwalkan: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    const zone = await zoneOf(ctx);
    let id: string;
    try {
      const agenda = String(values.agenda ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      const m = await scheduleMeeting(ctx, {
        kind: values.kind,
        title: values.title,
        startsAt: localInputToIso(values.startsAt, zone) ?? String(values.startsAt ?? ''),
        endsAt: localInputToIso(values.endsAt, zone),
        location: values.location,
        onlineUrl: values.onlineUrl,
        agenda
      });
      id = m.id;
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/rapat/${id}?dijadwalkan=1`);
  }
};
