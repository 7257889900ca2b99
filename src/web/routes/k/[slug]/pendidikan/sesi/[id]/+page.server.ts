import QRCode from 'qrcode';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { getSession } from '../../../../../../../education/get-session.js';
import { closeSession, markAttendance } from '../../../../../../../education/mark-attendance.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const session = await getSession(ctx, event.params.id);
  // The QR opens the check-in page with the code filled in; the participant only presses "Hadir".
  const checkinUrl = session.checkinCode ? `${event.url.origin}/k/${event.params.slug}/pendidikan/presensi?kode=${session.checkinCode}` : null;
  return { session, checkinUrl, qr: checkinUrl ? await QRCode.toString(checkinUrl, { type: 'svg', margin: 1, width: 220 }) : null };
};

export const actions: Actions = {
  mark: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await markAttendance(ctx, event.params.id, values);
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, event.url.pathname);
  },
  close: async (event) => {
    const ctx = await tenantFor(event);
    try {
      await closeSession(ctx, event.params.id);
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    redirect(303, event.url.pathname);
  }
};
