import QRCode from 'qrcode';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { getSession } from '../../../../../../../education/get-session.js';
import { closeSession, markAttendance } from '../../../../../../../education/mark-attendance.js';
import { listMaterials, uploadMaterial } from '$core/education/materials.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const session = await getSession(ctx, event.params.id);
  // The QR opens the check-in page with the code filled in; the participant only presses "Hadir".
  const checkinUrl = session.checkinCode ? `${event.url.origin}/k/${event.params.slug}/pendidikan/presensi?kode=${session.checkinCode}` : null;
  return { session, materials: await listMaterials(ctx, event.params.id), checkinUrl, qr: checkinUrl ? await QRCode.toString(checkinUrl, { type: 'svg', margin: 1, width: 220 }) : null };
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
  material: async (event) => {
    const ctx = await tenantFor(event);
    const file = (await event.request.formData()).get('file');
    try {
      await uploadMaterial(ctx, event.params.id, file instanceof File ? { fileName: file.name, data: Buffer.from(await file.arrayBuffer()) } : { fileName: '', data: Buffer.alloc(0) });
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    redirect(303, `${event.url.pathname}#materi`);
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
