import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../kernel/permissions.js';
import { listProjects } from '../../../../../production/list-projects.js';
import { createProject } from '../../../../../production/create-project.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'production.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  return { projects: await listProjects(ctx), mayWrite: can(ctx, 'production.write'), mayUpload: can(ctx, 'catalogue.write') };
};

export const actions: Actions = {
  create: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    let id: string;
    try {
      id = (await createProject(ctx, values)).id;
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/produksi/${id}`);
  }
};
