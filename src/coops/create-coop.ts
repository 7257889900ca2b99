import { randomUUID } from 'node:crypto';
import { createAccount } from '../accounts/create-account.js';
import { recordAudit } from '../audit/record-audit.js';
import { adoptInitialCharter } from '../charters/adopt-initial-charter.js';
import { defaultTemplateFor, isTemplateKey } from '../charters/templates.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { REGION_DATASET, validateRegionChain } from '../regions/model.js';
import { ZCreateCoopRequest, type Coop, type CreateCoopRequest } from './model.js';
import { findAccountByEmailOrPhone, findCoopBySlug, insertCoop, insertCoopUser, toCoop } from './store.js';

export type CreateCoopResult = { coop: Coop; ketua: { accountId: string; created: boolean }; charterTemplate: string };

/**
 * Found a cooperative on the platform (platform administrator only): the coop row, its
 * first ketua (an existing account or a new one), and its initial charter from a
 * template — all in one transaction, audited.
 */
export async function createCoop(ctx: Ctx, input: CreateCoopRequest): Promise<CreateCoopResult> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  if (!ctx.actor.isPlatformAdmin) throw new AppError('FORBIDDEN');
  const actor = ctx.actor;
  const data = parseInput(ZCreateCoopRequest, input);
  const regionIssues = await validateRegionChain(data);
  if (regionIssues.length) throw new AppError('REGION_INVALID', { fields: regionIssues });
  const templateKey = data.charterTemplate ?? defaultTemplateFor(data.coopType);
  if (!isTemplateKey(templateKey)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'charterTemplate', code: 'invalid_value' }] });

  // The id is chosen first so the whole founding runs inside the new tenant's scope.
  const coopId = randomUUID();
  try {
    return await withTenant(ctx.db, coopId, async (trx) => {
      if (await findCoopBySlug(trx, data.slug)) throw slugTaken();
      const hasRegion = Boolean(data.provinceCode);
      const row = await insertCoop(trx, {
        id: coopId,
        slug: data.slug,
        name: data.name,
        coop_type: data.coopType,
        legal_number: data.legalNumber ?? null,
        legal_date: data.legalDate ?? null,
        nik_koperasi: data.nikKoperasi ?? null,
        province_code: data.provinceCode ?? null,
        regency_code: data.regencyCode ?? null,
        district_code: data.districtCode ?? null,
        village_code: data.villageCode ?? null,
        region_dataset: hasRegion ? REGION_DATASET : null,
        street: data.street ?? null,
        rt: data.rt ?? null,
        rw: data.rw ?? null,
        postal_code: data.postalCode ?? null,
        description: data.description ?? null,
        phone: data.phone ?? null,
        email: data.email ?? null,
        ...(data.fiscalYearStartMonth === undefined ? {} : { fiscal_year_start_month: data.fiscalYearStartMonth }),
        ...(data.productLines === undefined ? {} : { product_lines: data.productLines }),
        ...(data.isPublic === undefined ? {} : { is_public: data.isPublic })
      });
      const coop = toCoop(row);
      const tenant = { coopId, actor };

      let ketua = await findAccountByEmailOrPhone(trx, data.ketua);
      let created = false;
      if (!ketua) {
        const missing = [
          ...(data.ketua.name ? [] : [{ field: 'ketua.name', code: 'required' }]),
          ...(data.ketua.password ? [] : [{ field: 'ketua.password', code: 'required' }])
        ];
        if (missing.length) throw new AppError('VALIDATION_FAILED', { fields: missing });
        const account = await createAccount(trx, { name: data.ketua.name!, email: data.ketua.email, phone: data.ketua.phone, password: data.ketua.password! }).catch(
          (err: unknown) => {
            throw prefixFields(err, 'ketua.');
          }
        );
        ketua = { id: account.id, name: account.name, email: account.email, phone: account.phone };
        created = true;
      }
      await insertCoopUser(trx, coopId, ketua.id, ['ketua']);

      await recordAudit(trx, tenant, { action: 'coop.create', entity: 'coop', entityId: coopId, after: coop });
      await recordAudit(trx, tenant, {
        action: 'roles.set',
        entity: 'coop_user',
        entityId: ketua.id,
        before: { roles: [] },
        after: { roles: ['ketua'], accountCreated: created }
      });
      await adoptInitialCharter(trx, tenant, templateKey);
      return { coop, ketua: { accountId: ketua.id, created }, charterTemplate: templateKey };
    });
  } catch (err) {
    if ((err as { constraint?: string }).constraint === 'coops_slug_key') throw slugTaken();
    throw err;
  }
}

function slugTaken(): AppError {
  return new AppError('COOP_SLUG_TAKEN', { fields: [{ field: 'slug', code: 'slug_taken' }] });
}

function prefixFields(err: unknown, prefix: string): unknown {
  if (err instanceof AppError) return new AppError(err.code, { params: err.params, fields: err.fields.map((f) => ({ ...f, field: `${prefix}${f.field}` })) });
  return err;
}
