import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith } from '$lib/server/forms';
import { creatorsFromForm, echo, workRequestFromForm } from '$lib/catalogue/form';
import { can } from '../../../../../../kernel/permissions.js';
import { PRODUCT_LINES, type ProductLine } from '../../../../../../catalogue/model.js';
import { createWork } from '../../../../../../catalogue/create-work.js';
import { listMembers } from '../../../../../../members/list-members.js';

const lineOf = (v: string | null): ProductLine | null => (PRODUCT_LINES as readonly string[]).includes(v ?? '') ? (v as ProductLine) : null;

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'catalogue.write')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const line = lineOf(event.url.searchParams.get('lini'));
  const members = line ? (await listMembers(ctx, { status: 'active', pageSize: 200, sort: 'name' })).items.map((m) => ({ id: m.id, fullName: m.fullName, memberNo: m.memberNo })) : [];
  return { line, members };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const line = lineOf(event.url.searchParams.get('lini'));
    if (!line) error(400, { message: 'VALIDATION_FAILED', code: 'VALIDATION_FAILED' });
    const form = await event.request.formData();
    const creators = creatorsFromForm(form);
    let id: string;
    try {
      const w = await createWork(ctx, { ...workRequestFromForm(line, form), ...(creators.length ? { creators } : {}) });
      id = w.id;
    } catch (err) {
      return failWith(ctx.locale, err, echo(form));
    }
    redirect(303, `/k/${event.params.slug}/karya/${id}?selesai=saved`);
  }
};
