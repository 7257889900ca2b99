import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { memberRequestFromForm } from '$lib/members/form';
import { can } from '../../../../../../kernel/permissions.js';
import { addMember } from '../../../../../../members/add-member.js';
import { getApprovalRule } from '../../../../../../members/get-approval-rule.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'members.write')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  return { approvalBy: await getApprovalRule(ctx) };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    let id: string;
    try {
      const m = await addMember(ctx, { ...memberRequestFromForm(values), asStatus: values.asStatus === 'active' ? 'active' : 'applicant' });
      id = m.id;
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/anggota/${id}?selesai=${values.asStatus === 'active' ? 'addedActive' : 'addedApplicant'}`);
  }
};
