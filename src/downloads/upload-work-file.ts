import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { ALLOWED_TYPES, DIGITAL_LINES, MAX_FILE_BYTES, sha256Hex } from './model.js';

export type WorkFileInput = { kind: 'download' | 'preview'; filename: string; contentType: string; data: Buffer; licenceTerms?: string };
export type WorkFileView = { kind: 'download' | 'preview'; filename: string; contentType: string; byteSize: number; sha256: string; licenceTerms: string; uploadedAt: string };

function bad(field: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ field, code }] });
}

/**
 * Upload (or replace) the downloadable file or the public preview of a Suara or Aksara work.
 * Stored in PostgreSQL (bytea), so backups carry it. Replacing the file never changes the
 * licence terms already stored on past entitlements.
 */
export async function uploadWorkFile(ctx: TenantCtx, workId: string, input: WorkFileInput): Promise<WorkFileView> {
  requirePermission(ctx, 'catalogue.write');
  if (input.kind !== 'download' && input.kind !== 'preview') throw bad('kind', 'invalid_value');
  const filename = (input.filename ?? '').trim().replace(/[\\/]/g, '_');
  if (filename.length < 1 || filename.length > 200) throw bad('filename', 'required');
  const contentType = (input.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(ALLOWED_TYPES as readonly string[]).includes(contentType)) throw bad('file', 'file_type');
  if (!input.data || input.data.length === 0) throw bad('file', 'required');
  if (input.data.length > MAX_FILE_BYTES) throw bad('file', 'file_too_large');
  const licence = (input.licenceTerms ?? '').trim();
  if (licence.length > 4000) throw bad('licenceTerms', 'too_big_string');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const work = await trx.selectFrom('works').select(['product_line']).where('coop_id', '=', ctx.coopId).where('id', '=', workId).executeTakeFirst();
    if (!work) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
    if (!(DIGITAL_LINES as readonly string[]).includes(work.product_line)) throw new AppError('DOWNLOAD_NOT_DIGITAL');
    const sha256 = sha256Hex(input.data);
    const row = await trx
      .insertInto('work_files')
      .values({ coop_id: ctx.coopId, work_id: workId, kind: input.kind, filename, content_type: contentType, byte_size: input.data.length, sha256, data: input.data, licence_terms: licence, uploaded_by: ctx.actor.accountId })
      .onConflict((oc) =>
        oc.columns(['coop_id', 'work_id', 'kind']).doUpdateSet({ filename, content_type: contentType, byte_size: input.data.length, sha256, data: input.data, licence_terms: licence, uploaded_by: ctx.actor.accountId, uploaded_at: new Date() })
      )
      .returning(['kind', 'filename', 'content_type', 'byte_size', 'sha256', 'licence_terms', 'uploaded_at'])
      .executeTakeFirstOrThrow();
    const view: WorkFileView = { kind: row.kind, filename: row.filename, contentType: row.content_type, byteSize: row.byte_size, sha256: row.sha256, licenceTerms: row.licence_terms, uploadedAt: new Date(row.uploaded_at).toISOString() };
    await recordAudit(trx, ctx, { action: 'work.file.upload', entity: 'work', entityId: workId, after: { ...view } });
    return view;
  });
}

export async function listWorkFiles(ctx: TenantCtx, workId: string): Promise<WorkFileView[]> {
  requirePermission(ctx, 'catalogue.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const work = await trx.selectFrom('works').select('id').where('coop_id', '=', ctx.coopId).where('id', '=', workId).executeTakeFirst();
    if (!work) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
    const rows = await trx
      .selectFrom('work_files')
      .select(['kind', 'filename', 'content_type', 'byte_size', 'sha256', 'licence_terms', 'uploaded_at'])
      .where('coop_id', '=', ctx.coopId)
      .where('work_id', '=', workId)
      .orderBy('kind')
      .execute();
    return rows.map((r) => ({ kind: r.kind, filename: r.filename, contentType: r.content_type, byteSize: r.byte_size, sha256: r.sha256, licenceTerms: r.licence_terms, uploadedAt: new Date(r.uploaded_at).toISOString() }));
  });
}
