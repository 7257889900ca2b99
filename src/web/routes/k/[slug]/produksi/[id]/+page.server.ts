import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../../kernel/permissions.js';
import { AppError, isAppError } from '../../../../../../kernel/errors.js';
import { getProject } from '../../../../../../production/get-project.js';
import { updateProject } from '../../../../../../production/update-project.js';
import { addTask, updateTask } from '../../../../../../production/add-task.js';
import { logWork } from '../../../../../../production/log-work.js';
import { addCost } from '../../../../../../production/add-cost.js';
import { parseHours } from '../../../../../../production/model.js';
import { listMembers } from '../../../../../../members/list-members.js';
import { listWorks } from '../../../../../../catalogue/list-works.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!/^[0-9a-f-]{36}$/i.test(event.params.id)) error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
  try {
    const project = await getProject(ctx, event.params.id);
    const mayWrite = can(ctx, 'production.write');
    const members = mayWrite && can(ctx, 'members.read') ? (await listMembers(ctx, { status: 'active', pageSize: 200, sort: 'name' })).items.map((m) => ({ id: m.id, fullName: m.fullName })) : [];
    const works = mayWrite && can(ctx, 'catalogue.read') ? (await listWorks(ctx, {})).items.map((w) => ({ id: w.id, title: w.title })) : [];
    return { project, members, works, mayWrite, today: new Date().toISOString().slice(0, 10) };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};

const back = (slug: string, id: string) => redirect(303, `/k/${slug}/produksi/${id}`);

export const actions: Actions = {
  task: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      await addTask(ctx, event.params.id, v);
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug, event.params.id);
  },
  taskStatus: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      await updateTask(ctx, event.params.id, String(v.taskId ?? ''), { status: v.status });
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug, event.params.id);
  },
  log: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      const minutes = parseHours(String(v.hours ?? ''));
      if (minutes === null) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'hours', code: 'hours_invalid' }] });
      await logWork(ctx, event.params.id, { memberId: v.memberId, workedOn: v.workedOn, minutes, note: v.note, taskId: v.taskId ?? null });
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug, event.params.id);
  },
  cost: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      const raw = String(v.amount ?? '').replace(/[.\s]/g, '');
      await addCost(ctx, event.params.id, { description: v.description, amount: /^\d{1,15}$/.test(raw) ? Number(raw) : raw, incurredOn: v.incurredOn, paidByMemberId: v.paidByMemberId ?? null });
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug, event.params.id);
  },
  works: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    const v = formObject(form, ['workIds']);
    try {
      const p = await getProject(ctx, event.params.id);
      await updateProject(ctx, event.params.id, { title: p.title, description: p.description, status: v.status ?? p.status, startsOn: p.startsOn, endsOn: p.endsOn, workIds: v.workIds });
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    back(event.params.slug, event.params.id);
  }
};
