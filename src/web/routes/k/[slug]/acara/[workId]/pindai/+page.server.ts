import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { can } from '../../../../../../../kernel/permissions.js';
import { isAppError } from '../../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../../kernel/i18n.js';
import { getAttendance } from '../../../../../../../events/get-attendance.js';
import { checkInTicket, type CheckInOutcome } from '../../../../../../../events/check-in.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'events.checkin')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  if (!/^[0-9a-f-]{36}$/i.test(event.params.workId)) error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
  try {
    const r = await getAttendance(ctx, event.params.workId);
    return { title: r.title, workId: r.workId, attendees: r.attendees, sold: r.ticketsSold };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};

/** A scan typed or pasted into the form (works without JavaScript); the result is shown big. */
export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    try {
      const ok = await checkInTicket(ctx, event.params.workId, { token: String(form.get('token') ?? '') });
      return { ok: true as const, result: ok };
    } catch (err) {
      if (!isAppError(err)) throw err;
      const out = translateError(ctx.locale, err);
      return fail(out.status, { ok: false as const, error: out.message, code: out.code, result: (err.details ?? null) as CheckInOutcome | null });
    }
  }
};
