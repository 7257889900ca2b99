import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { listDecisions } from '../../../../../governance/list-decisions.js';
import { proposeDecision } from '../../../../../governance/propose-decision.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  return { decisions: (await listDecisions(ctx, { pageSize: 100 })).items };
};

export const actions: Actions = {
  usul: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    let id: string;
    try {
      const options = String(values.options ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((label) => ({ label }));
      const d = await proposeDecision(ctx, { title: values.title, body: values.body ?? '', secret: values.secret === 'on', allowRevote: values.allowRevote === 'on', ...(options.length ? { options } : {}) });
      id = d.id;
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/keputusan/${id}`);
  }
};
