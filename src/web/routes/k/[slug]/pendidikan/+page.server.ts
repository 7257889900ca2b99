import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { lines, percentBp, wholeNumber } from '$lib/education';
import { can } from '../../../../../kernel/permissions.js';
import { listProgrammes } from '../../../../../education/list-programmes.js';
import { createProgramme } from '../../../../../education/create-programme.js';
import { getFormChoices } from '../../../../../education/form-choices.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const mayManage = can(ctx, 'education.manage');
  return { programmes: await listProgrammes(ctx), mayManage, choices: mayManage ? await getFormChoices(ctx) : null };
};

export const actions: Actions = {
  create: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData(), ['facilitatorMemberIds']);
    const input = {
      title: values.title,
      kind: values.kind,
      audience: values.audience,
      ...(values.productLine ? { productLine: values.productLine } : {}),
      ...(values.description ? { description: values.description } : {}),
      topics: lines(values.topics),
      outsideFacilitators: lines(values.outsideFacilitators),
      facilitatorMemberIds: values.facilitatorMemberIds,
      ...(values.budget !== undefined ? { budget: wholeNumber(values.budget) } : {}),
      ...(values.minAttendancePct !== undefined ? { minAttendanceBp: percentBp(values.minAttendancePct) } : {}),
      requiresAssessment: values.requiresAssessment === 'on',
      ...(values.capacity !== undefined ? { capacity: wholeNumber(values.capacity) } : {})
    };
    let id: string;
    try {
      id = (await createProgramme(ctx, input)).id;
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/pendidikan/${id}`);
  }
};
