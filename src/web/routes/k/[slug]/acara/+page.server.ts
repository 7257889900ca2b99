import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith } from '$lib/server/forms';
import { can } from '../../../../../kernel/permissions.js';
import { listEvents } from '../../../../../events/list-events.js';
import { setEventSettings } from '../../../../../events/set-event-settings.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'events.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  return { events: await listEvents(ctx), mayWrite: can(ctx, 'catalogue.write'), mayCheckIn: can(ctx, 'events.checkin'), done: event.url.searchParams.get('selesai') };
};

export const actions: Actions = {
  free: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    try {
      await setEventSettings(ctx, String(form.get('workId') ?? ''), { freeRegistration: form.get('freeRegistration') === 'on' });
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    redirect(303, `/k/${event.params.slug}/acara?selesai=1`);
  }
};
