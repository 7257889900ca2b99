import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, formObject } from '$lib/server/forms';
import { listMyGroups, startGroup } from '$core/founding/group.js';

export const load: PageServerLoad = async (event) => {
  const { ctx, auth } = event.locals;
  if (!auth) redirect(303, '/masuk?ke=/pendirian');
  return { groups: await listMyGroups({ ...ctx, actor: auth.actor }) };
};

export const actions: Actions = {
  mulai: async (event) => {
    const { ctx, auth } = event.locals;
    if (!auth) redirect(303, '/masuk?ke=/pendirian');
    const v = formObject(await event.request.formData());
    let coopId: string;
    try {
      ({ coopId } = await startGroup({ ...ctx, actor: auth.actor }, {
        name: v.name,
        kind: v.kind,
        founder: { fullName: v.fullName, gender: v.gender, nik: v.nik, phone: v.phone, street: v.street, villageCode: v.villageCode, rt: v.rt, rw: v.rw, householdCode: v.householdCode }
      }));
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    redirect(303, `/pendirian/${coopId}`);
  }
};
