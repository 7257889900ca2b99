import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { createProject } from './create-project.js';
import { updateProject } from './update-project.js';
import { getProject } from './get-project.js';
import { listProjects } from './list-projects.js';
import { addTask, updateTask } from './add-task.js';
import { logWork } from './log-work.js';
import { addCost } from './add-cost.js';

const ZProjectParams = ZCoopParams.extend({ projectId: z.uuid() });
const ZProjectView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  works: z.array(z.object({ id: z.string(), title: z.string(), productLine: z.string() })),
  tasks: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), assigneeMemberId: z.string().nullable(), assigneeName: z.string().nullable(), minutes: z.number() })),
  logs: z.array(z.object({ id: z.string(), memberId: z.string(), memberName: z.string(), taskId: z.string().nullable(), workedOn: z.string(), minutes: z.number(), note: z.string() })),
  costs: z.array(z.object({ id: z.string(), description: z.string(), amount: z.number(), incurredOn: z.string(), paidByMemberId: z.string().nullable(), paidByName: z.string().nullable() })),
  perMember: z.array(z.object({ memberId: z.string(), name: z.string(), minutes: z.number(), costsPaid: z.number() })),
  totals: z.object({ minutes: z.number(), cost: z.number() })
});
const ZSummary = z.object({ id: z.string(), title: z.string(), status: z.string(), startsOn: z.string().nullable(), endsOn: z.string().nullable(), totalMinutes: z.number(), totalCost: z.number(), tasksDone: z.number(), tasksTotal: z.number(), works: z.number() });
const tags = ['production'];
const anyBody = z.record(z.string(), z.unknown());

export async function productionRoutes(api: App): Promise<void> {
  const base = '/coops/:coopId/production/projects';
  api.get(base, { schema: { tags, summary: 'Daftar proyek produksi dengan jumlah jam, biaya bahan dan tugas', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZSummary) }), ...errorResponses } } }, async (req) => ({
    items: await listProjects(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.post(base, { schema: { tags, summary: 'Membuat proyek produksi (terkait karya yang dihasilkan)', params: ZCoopParams, body: anyBody, response: { 201: ZProjectView, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await createProject(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );
  api.get(`${base}/:projectId`, { schema: { tags, summary: 'Satu proyek: tugas, catatan kerja, biaya, karya, jumlah per anggota', params: ZProjectParams, response: { 200: ZProjectView, ...errorResponses } } }, async (req) =>
    getProject(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.projectId)
  );
  api.put(`${base}/:projectId`, { schema: { tags, summary: 'Mengubah proyek', params: ZProjectParams, body: anyBody, response: { 200: ZProjectView, ...errorResponses } } }, async (req) =>
    updateProject(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.projectId, req.body)
  );
  api.post(`${base}/:projectId/tasks`, { schema: { tags, summary: 'Menambah tugas', params: ZProjectParams, body: anyBody, response: { 201: ZProjectView, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addTask(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.projectId, req.body))
  );
  api.patch(
    `${base}/:projectId/tasks/:taskId`,
    { schema: { tags, summary: 'Mengubah status/penanggung jawab tugas', params: ZProjectParams.extend({ taskId: z.uuid() }), body: anyBody, response: { 200: ZProjectView, ...errorResponses } } },
    async (req) => updateTask(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.projectId, req.params.taskId, req.body)
  );
  api.post(`${base}/:projectId/work-logs`, { schema: { tags, summary: 'Mencatat jam kerja anggota (menit utuh)', params: ZProjectParams, body: anyBody, response: { 201: ZProjectView, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await logWork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.projectId, req.body))
  );
  api.post(`${base}/:projectId/costs`, { schema: { tags, summary: 'Mencatat biaya bahan (rupiah utuh)', params: ZProjectParams, body: anyBody, response: { 201: ZProjectView, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addCost(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.projectId, req.body))
  );
}
