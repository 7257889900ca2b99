import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { memberFormValues, memberRequestFromForm } from '$lib/members/form';
import { isAppError } from '../../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../../kernel/i18n.js';
import { can } from '../../../../../../../kernel/permissions.js';
import { getMember } from '../../../../../../../members/get-member.js';
import { updateMember } from '../../../../../../../members/update-member.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'members.write')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  try {
    const member = await getMember(ctx, event.params.id, { reveal: true });
    return { member, initial: memberFormValues(member) };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await updateMember(ctx, event.params.id, memberRequestFromForm(values));
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/anggota/${event.params.id}?selesai=update`);
  }
};
