import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith } from '$lib/server/forms';
import { creatorsFromForm, echo, workRequestFromForm } from '$lib/catalogue/form';
import { can } from '../../../../../../kernel/permissions.js';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getWork } from '../../../../../../catalogue/get-work.js';
import { updateWork } from '../../../../../../catalogue/update-work.js';
import { setWorkCreators } from '../../../../../../catalogue/set-work-creators.js';
import { publishWork } from '../../../../../../catalogue/publish-work.js';
import { archiveWork } from '../../../../../../catalogue/archive-work.js';
import { listMembers } from '../../../../../../members/list-members.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const work = await getWork(ctx, event.params.id);
    const mayWrite = can(ctx, 'catalogue.write');
    const members = mayWrite ? (await listMembers(ctx, { status: 'active', pageSize: 200, sort: 'name' })).items.map((m) => ({ id: m.id, fullName: m.fullName, memberNo: m.memberNo })) : [];
    return { work, members, mayWrite, done: event.url.searchParams.get('selesai') };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};

const back = (slug: string, id: string, done: string) => redirect(303, `/k/${slug}/karya/${id}?selesai=${done}`);

export const actions: Actions = {
  save: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    try {
      const current = await getWork(ctx, event.params.id);
      const creators = creatorsFromForm(form);
      await updateWork(ctx, event.params.id, { ...workRequestFromForm(current.productLine, form), ...(creators.length ? { creators } : {}) });
    } catch (err) {
      return failWith(ctx.locale, err, echo(form));
    }
    back(event.params.slug, event.params.id, 'saved');
  },
  creators: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    try {
      await setWorkCreators(ctx, event.params.id, { creators: creatorsFromForm(form) });
    } catch (err) {
      return failWith(ctx.locale, err, echo(form));
    }
    back(event.params.slug, event.params.id, 'creatorsSaved');
  },
  publish: async (event) => {
    const ctx = await tenantFor(event);
    try {
      await publishWork(ctx, event.params.id);
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    back(event.params.slug, event.params.id, 'published');
  },
  archive: async (event) => {
    const ctx = await tenantFor(event);
    try {
      await archiveWork(ctx, event.params.id);
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    back(event.params.slug, event.params.id, 'archived');
  }
};
