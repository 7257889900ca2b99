import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import type { MemberTotal, ProjectView } from './model.js';

export async function projectExists(trx: Tx, coopId: string, projectId: string): Promise<void> {
  const p = await trx.selectFrom('production_projects').select('id').where('coop_id', '=', coopId).where('id', '=', projectId).executeTakeFirst();
  if (!p) throw new AppError('PRODUCTION_PROJECT_NOT_FOUND');
}

/** Members and works named in an input must be this cooperative's (the FKs would also refuse; this gives a field error). */
export async function checkRefs(trx: Tx, coopId: string, refs: { memberIds?: (string | null | undefined)[]; workIds?: string[]; taskId?: string | null; projectId?: string }): Promise<void> {
  const memberIds = [...new Set((refs.memberIds ?? []).filter((x): x is string => !!x))];
  if (memberIds.length) {
    const found = await trx.selectFrom('members').select('id').where('coop_id', '=', coopId).where('id', 'in', memberIds).execute();
    if (found.length !== memberIds.length) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'memberId', code: 'member_unknown' }] });
  }
  const workIds = [...new Set(refs.workIds ?? [])];
  if (workIds.length) {
    const found = await trx.selectFrom('works').select('id').where('coop_id', '=', coopId).where('id', 'in', workIds).execute();
    if (found.length !== workIds.length) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'workIds', code: 'work_unknown' }] });
  }
  if (refs.taskId) {
    const t = await trx.selectFrom('production_tasks').select('id').where('coop_id', '=', coopId).where('id', '=', refs.taskId).where('project_id', '=', refs.projectId ?? '').executeTakeFirst();
    if (!t) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'taskId', code: 'task_unknown' }] });
  }
}

export async function setProjectWorks(trx: Tx, coopId: string, projectId: string, workIds: string[]): Promise<void> {
  await trx.deleteFrom('production_project_works').where('coop_id', '=', coopId).where('project_id', '=', projectId).execute();
  const ids = [...new Set(workIds)];
  if (ids.length) await trx.insertInto('production_project_works').values(ids.map((work_id) => ({ coop_id: coopId, project_id: projectId, work_id }))).execute();
}

export async function loadProject(trx: Tx, coopId: string, projectId: string): Promise<ProjectView> {
  const p = await trx.selectFrom('production_projects').selectAll().where('coop_id', '=', coopId).where('id', '=', projectId).executeTakeFirst();
  if (!p) throw new AppError('PRODUCTION_PROJECT_NOT_FOUND');
  const [works, tasks, logs, costs] = await Promise.all([
    trx
      .selectFrom('production_project_works as pw')
      .innerJoin('works as w', (j) => j.onRef('w.coop_id', '=', 'pw.coop_id').onRef('w.id', '=', 'pw.work_id'))
      .select(['w.id', 'w.title', 'w.product_line'])
      .where('pw.coop_id', '=', coopId)
      .where('pw.project_id', '=', projectId)
      .orderBy('w.title')
      .execute(),
    trx
      .selectFrom('production_tasks as t')
      .leftJoin('members as m', (j) => j.onRef('m.coop_id', '=', 't.coop_id').onRef('m.id', '=', 't.assignee_member_id'))
      .select(['t.id', 't.title', 't.status', 't.assignee_member_id', 'm.full_name', sql<number>`(SELECT coalesce(sum(l.minutes), 0)::int FROM production_work_logs l WHERE l.coop_id = t.coop_id AND l.task_id = t.id)`.as('minutes')])
      .where('t.coop_id', '=', coopId)
      .where('t.project_id', '=', projectId)
      .orderBy('t.created_at')
      .execute(),
    trx
      .selectFrom('production_work_logs as l')
      .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'l.coop_id').onRef('m.id', '=', 'l.member_id'))
      .select(['l.id', 'l.member_id', 'm.full_name', 'l.task_id', 'l.worked_on', 'l.minutes', 'l.note'])
      .where('l.coop_id', '=', coopId)
      .where('l.project_id', '=', projectId)
      .orderBy('l.worked_on', 'desc')
      .orderBy('l.created_at', 'desc')
      .execute(),
    trx
      .selectFrom('production_costs as c')
      .leftJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'c.coop_id').onRef('m.id', '=', 'c.paid_by_member_id'))
      .select(['c.id', 'c.description', 'c.amount', 'c.incurred_on', 'c.paid_by_member_id', 'm.full_name'])
      .where('c.coop_id', '=', coopId)
      .where('c.project_id', '=', projectId)
      .orderBy('c.incurred_on', 'desc')
      .execute()
  ]);
  const per = new Map<string, MemberTotal>();
  const bump = (id: string, name: string) => per.get(id) ?? per.set(id, { memberId: id, name, minutes: 0, costsPaid: 0 }).get(id)!;
  for (const l of logs) bump(l.member_id, l.full_name).minutes += l.minutes;
  for (const c of costs) if (c.paid_by_member_id) bump(c.paid_by_member_id, c.full_name ?? '').costsPaid += c.amount;
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    status: p.status,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    works: works.map((w) => ({ id: w.id, title: w.title, productLine: w.product_line })),
    tasks: tasks.map((t) => ({ id: t.id, title: t.title, status: t.status, assigneeMemberId: t.assignee_member_id, assigneeName: t.full_name, minutes: t.minutes })),
    logs: logs.map((l) => ({ id: l.id, memberId: l.member_id, memberName: l.full_name, taskId: l.task_id, workedOn: l.worked_on, minutes: l.minutes, note: l.note })),
    costs: costs.map((c) => ({ id: c.id, description: c.description, amount: c.amount, incurredOn: c.incurred_on, paidByMemberId: c.paid_by_member_id, paidByName: c.full_name })),
    perMember: [...per.values()].sort((x, y) => y.minutes - x.minutes || x.name.localeCompare(y.name)),
    totals: { minutes: logs.reduce((s, l) => s + l.minutes, 0), cost: costs.reduce((s, c) => s + c.amount, 0) }
  };
}
