import { recordAudit } from '../audit/record-audit.js';
import { sha256Hex } from '../downloads/model.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { MAX_MATERIAL_BYTES, materialFileName, sniffMaterial } from './materials-model.js';
import { actorMember, findSession, isFacilitator } from './store.js';

/**
 * Session materials: stored in PostgreSQL (bytea) like the downloads of works, so backups
 * carry them. The type is what the content is (sniffed), never what the client says; the size
 * is checked before anything is written. Uploaded by the board or the session's facilitator;
 * downloaded by them, readers of education (pengawas, staf) and the people enrolled in the programme.
 */
export type MaterialView = { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string | null; createdAt: string };

function bad(field: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ field, code }] });
}

async function mayFacilitate(trx: Tx, ctx: TenantCtx, session: { programme_id: string; facilitator_member_id: string | null }): Promise<boolean> {
  if (can(ctx, 'education.manage')) return true;
  const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
  return isFacilitator(trx, ctx.coopId, session, me?.id ?? null);
}

async function mayRead(trx: Tx, ctx: TenantCtx, session: { programme_id: string; facilitator_member_id: string | null }): Promise<boolean> {
  if (can(ctx, 'education.read') || (await mayFacilitate(trx, ctx, session))) return true;
  const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
  if (!me) return false;
  const e = await trx.selectFrom('edu_enrolments').select('id').where('coop_id', '=', ctx.coopId).where('programme_id', '=', session.programme_id).where('member_id', '=', me.id).executeTakeFirst();
  return Boolean(e);
}

const view = (r: { id: string; file_name: string; content_type: string; size_bytes: number; sha256: string | null; created_at: Date }): MaterialView => ({
  id: r.id,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  createdAt: new Date(r.created_at).toISOString()
});

export async function uploadMaterial(ctx: TenantCtx, sessionId: string, input: { fileName: string; data: Buffer }): Promise<MaterialView> {
  requirePermission(ctx, 'coop.read');
  const data = Buffer.isBuffer(input.data) ? input.data : Buffer.alloc(0);
  if (data.length === 0) throw bad('file', 'required');
  if (data.length > MAX_MATERIAL_BYTES) throw bad('file', 'edu_material_too_large');
  const type = sniffMaterial(data);
  if (!type) throw bad('file', 'edu_material_type');
  const fileName = materialFileName(input.fileName, type);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const s = await findSession(trx, ctx.coopId, sessionId);
    if (!(await mayFacilitate(trx, ctx, s))) throw new AppError('EDU_NOT_FACILITATOR');
    const row = await trx
      .insertInto('edu_session_materials')
      .values({ coop_id: ctx.coopId, session_id: sessionId, file_name: fileName, content_type: type.mime, size_bytes: data.length, sha256: sha256Hex(data), content: data, created_by: ctx.actor.accountId })
      .returning(['id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'education.material.upload', entity: 'edu_session', entityId: sessionId, after: { materialId: row.id, fileName, contentType: type.mime, sizeBytes: data.length, sha256: row.sha256 } });
    return view(row);
  });
}

/** The session's materials (without their content) for those who may download them; others get an empty list and `may.read` false. */
export async function listMaterials(ctx: TenantCtx, sessionId: string): Promise<{ items: MaterialView[]; may: { read: boolean; upload: boolean } }> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const s = await findSession(trx, ctx.coopId, sessionId);
    const upload = await mayFacilitate(trx, ctx, s);
    const read = upload || (await mayRead(trx, ctx, s));
    const rows = read
      ? await trx.selectFrom('edu_session_materials').select(['id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'created_at']).where('coop_id', '=', ctx.coopId).where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute()
      : [];
    return { items: rows.map(view), may: { read, upload } };
  });
}

export async function downloadMaterial(ctx: TenantCtx, sessionId: string, materialId: string): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  requirePermission(ctx, 'coop.read');
  if (!/^[0-9a-f-]{36}$/i.test(materialId)) throw new AppError('EDU_MATERIAL_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const s = await findSession(trx, ctx.coopId, sessionId);
    if (!(await mayRead(trx, ctx, s))) throw new AppError('EDU_NOT_ENROLLED');
    const m = await trx.selectFrom('edu_session_materials').select(['file_name', 'content_type', 'content']).where('coop_id', '=', ctx.coopId).where('session_id', '=', sessionId).where('id', '=', materialId).executeTakeFirst();
    if (!m) throw new AppError('EDU_MATERIAL_NOT_FOUND');
    return { fileName: m.file_name, contentType: m.content_type, data: m.content };
  });
}
