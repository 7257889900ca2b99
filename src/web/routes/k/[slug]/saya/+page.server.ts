import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { AppError } from '$core/kernel/errors.js';
import { getOwnMember } from '$core/members/get-own-member.js';
import { getMemberHistory } from '$core/members/get-member-history.js';
import { resignMember } from '$core/members/resign-member.js';
import { updateOwnContact } from '$core/members/update-own-contact.js';
import { getMemberCapital } from '$core/capital/get-member-capital.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const member = await getOwnMember(ctx);
  return { me: member, history: member ? await getMemberHistory(ctx, member.id) : [], capital: member ? await getMemberCapital(ctx, member.id) : null };
};

export const actions: Actions = {
  kontak: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await updateOwnContact(ctx, { phone: values.phone, email: values.email, street: values.street, rt: values.rt, rw: values.rw });
      return { done: 'contact' };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  },
  resign: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const me = await getOwnMember(ctx);
      if (!me) throw new AppError('MEMBER_NOT_FOUND');
      await resignMember(ctx, me.id, { reason: values.reason });
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    // Leaving ends the member role: the cooperative's member pages close, its public page stays.
    redirect(303, `/koperasi/${event.params.slug}/daftar?keluar=1`);
  }
};
