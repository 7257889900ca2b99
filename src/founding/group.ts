import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError, type FieldIssue } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { regionByCode } from '../regions/model.js';
import { lockOpenGroup, requireCoordinator, type GroupCtx } from './access.js';
import { dossierComplete, LEGAL_MINIMUM_FOUNDERS, progress, slugFor, ZFounderRequest, ZStartGroupRequest, ZVisionRequest, type FounderRequest } from './model.js';
import type { FoundingKind } from './tables.js';

export type FounderView = {
  id: string;
  fullName: string;
  gender: 'F' | 'M';
  nik: string;
  phone: string | null;
  street: string | null;
  villageCode: string;
  rt: number;
  rw: number;
  householdCode: string;
  isCoordinator: boolean;
  linked: boolean;
  answeredSurvey: boolean;
  attended: boolean;
  office: string | null;
  pokokPaid: number;
};

export type GroupView = {
  coopId: string;
  slug: string;
  name: string;
  kind: FoundingKind;
  status: 'founding' | 'active';
  vision: string;
  mission: string;
  values: string;
  visionAgreed: boolean;
  templateKey: string | null;
  legalMinimum: { count: number; unit: string; source: string };
  me: { founderId: string; isCoordinator: boolean };
  founders: FounderView[];
  progress: ReturnType<typeof progress>;
};

const hash = (code: string) => createHash('sha256').update(code).digest('hex');

/** Masks a NIK for founders who are not coordinators (and not its owner): district and serial hidden. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}••••••••${nik.slice(12)}`;
}

async function founderIssues(data: FounderRequest): Promise<FieldIssue[]> {
  const region = await regionByCode(data.villageCode);
  return region ? [] : [{ field: 'villageCode', code: 'founding_village_code' }];
}

function nikTaken(err: unknown): AppError | null {
  const c = (err as { constraint?: string }).constraint;
  if (c === 'founding_founders_coop_id_nik_key') return new AppError('VALIDATION_FAILED', { fields: [{ field: 'nik', code: 'founding_nik_taken' }] });
  if (c === 'founding_founders_coop_id_account_id_key') return new AppError('VALIDATION_FAILED', { fields: [{ field: 'code', code: 'founding_already_founder' }] });
  return null;
}

function founderColumns(d: FounderRequest) {
  return { full_name: d.fullName, gender: d.gender, nik: d.nik, phone: d.phone ?? null, street: d.street ?? null, village_code: d.villageCode, rt: d.rt, rw: d.rw, household_code: d.householdCode };
}

/**
 * Anyone with an account starts a founding group: a coops row in status 'founding' (hidden from
 * every public list, no coop roles), the group's row, and the starter as its first founder and
 * coordinator. No platform administrator is involved.
 */
export async function startGroup(ctx: Ctx, input: unknown): Promise<{ coopId: string; slug: string; founderId: string }> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  const actor = ctx.actor;
  const data = parseInput(ZStartGroupRequest, input);
  const issues = await founderIssues(data.founder);
  if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues.map((i) => ({ ...i, field: `founder.${i.field}` })) });
  const coopId = randomUUID();
  const slug = slugFor(data.name, randomBytes(3).toString('hex'));
  return withTenant(ctx.db, coopId, async (trx) => {
    await trx
      .insertInto('coops')
      .values({ id: coopId, slug, name: data.name, coop_type: 'produksi', status: 'founding', is_public: false })
      .execute();
    await trx.insertInto('founding_groups').values({ coop_id: coopId, kind: data.kind, started_by: actor.accountId }).execute();
    const f = await trx
      .insertInto('founding_founders')
      .values({ coop_id: coopId, ...founderColumns(data.founder), account_id: actor.accountId, is_coordinator: true, pokok_paid: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('founding_accounts').values({ coop_id: coopId, account_id: actor.accountId }).execute();
    const tenant = { coopId, actor };
    await recordAudit(trx, tenant, { action: 'founding.start', entity: 'founding_group', entityId: coopId, after: { name: data.name, slug, kind: data.kind } });
    await recordAudit(trx, tenant, { action: 'founding.founder_add', entity: 'founding_founder', entityId: f.id, after: { fullName: data.founder.fullName, isCoordinator: true } });
    return { coopId, slug, founderId: f.id };
  });
}

/** The groups the actor is a founder of (their own dashboard). */
export async function listMyGroups(ctx: Ctx): Promise<{ coopId: string; slug: string; name: string; status: string }[]> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  // founding_accounts is the platform-side index of who founds which group (like coop_users).
  const rows = await ctx.db
    .selectFrom('founding_accounts as a')
    .innerJoin('coops as c', 'c.id', 'a.coop_id')
    .select(['c.id', 'c.slug', 'c.name', 'c.status'])
    .where('a.account_id', '=', ctx.actor.accountId)
    .orderBy('c.created_at')
    .execute();
  return rows.map((r) => ({ coopId: r.id, slug: r.slug, name: r.name, status: r.status }));
}

export async function readGroup(trx: Tx, ctx: GroupCtx): Promise<GroupView> {
  const coop = await trx.selectFrom('coops').select(['slug', 'name', 'status']).where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
  const g = await trx.selectFrom('founding_groups').selectAll().where('coop_id', '=', ctx.coopId).executeTakeFirstOrThrow();
  const founders = await trx.selectFrom('founding_founders').selectAll().where('coop_id', '=', ctx.coopId).orderBy('created_at').orderBy('id').execute();
  const answered = new Set((await trx.selectFrom('founding_needs').select('founder_id').distinct().where('coop_id', '=', ctx.coopId).execute()).map((r) => r.founder_id));
  const businesses = Number((await trx.selectFrom('founding_businesses').select((e) => e.fn.countAll<string>().as('n')).where('coop_id', '=', ctx.coopId).executeTakeFirstOrThrow()).n);
  const units = Number((await trx.selectFrom('founding_units').select((e) => e.fn.countAll<string>().as('n')).where('coop_id', '=', ctx.coopId).executeTakeFirstOrThrow()).n);
  const kind = g.kind as FoundingKind;
  return {
    coopId: ctx.coopId,
    slug: coop.slug,
    name: coop.name,
    kind,
    status: coop.status,
    vision: g.vision,
    mission: g.mission,
    values: g.values_text,
    visionAgreed: g.vision_agreed_at !== null,
    templateKey: g.template_key,
    legalMinimum: LEGAL_MINIMUM_FOUNDERS[kind],
    me: { founderId: ctx.founderId, isCoordinator: ctx.isCoordinator },
    founders: founders.map((f) => ({
      id: f.id,
      fullName: f.full_name,
      gender: f.gender,
      nik: ctx.isCoordinator || f.id === ctx.founderId ? f.nik : maskNik(f.nik),
      phone: f.phone,
      street: f.street,
      villageCode: f.village_code,
      rt: f.rt,
      rw: f.rw,
      householdCode: f.household_code,
      isCoordinator: f.is_coordinator,
      linked: f.account_id !== null,
      answeredSurvey: answered.has(f.id),
      attended: f.attended,
      office: f.office,
      pokokPaid: Number(f.pokok_paid)
    })),
    progress: progress({
      kind,
      founders: founders.length,
      visionAgreed: g.vision_agreed_at !== null,
      respondents: answered.size,
      businesses,
      units,
      templateChosen: g.template_key !== null,
      meetingHeld: g.meeting_held_at !== null,
      dossierComplete: dossierComplete({ notarySentOn: g.notary_sent_on, deedNumber: g.deed_number, deedDate: g.deed_date, ahuNumber: g.ahu_number, nib: g.nib, nikKoperasi: g.nik_koperasi }),
      activated: g.activated_at !== null
    })
  };
}

export async function getGroup(ctx: GroupCtx): Promise<GroupView> {
  return withTenant(ctx.db, ctx.coopId, (trx) => readGroup(trx, ctx));
}

/** A coordinator adds a prospective founder; the answer carries the one-time invitation code they claim with their account. */
export async function addFounder(ctx: GroupCtx, input: unknown): Promise<{ founderId: string; inviteCode: string }> {
  requireCoordinator(ctx);
  const data = parseInput(ZFounderRequest, input);
  const issues = await founderIssues(data);
  if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues });
  const inviteCode = randomBytes(12).toString('base64url');
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      await lockOpenGroup(trx, ctx.coopId);
      const f = await trx
        .insertInto('founding_founders')
        .values({ coop_id: ctx.coopId, ...founderColumns(data), is_coordinator: data.isCoordinator ?? false, invite_hash: hash(inviteCode), pokok_paid: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'founding.founder_add', entity: 'founding_founder', entityId: f.id, after: { fullName: data.fullName, isCoordinator: data.isCoordinator ?? false } });
      return { founderId: f.id, inviteCode };
    });
  } catch (err) {
    throw nikTaken(err) ?? err;
  }
}

/** A founder changes their own details; a coordinator anyone's (and who coordinates). */
export async function updateFounder(ctx: GroupCtx, founderId: string, input: unknown): Promise<void> {
  if (founderId !== ctx.founderId) requireCoordinator(ctx);
  const data = parseInput(ZFounderRequest, input);
  const issues = await founderIssues(data);
  if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues });
  try {
    await withTenant(ctx.db, ctx.coopId, async (trx) => {
      await lockOpenGroup(trx, ctx.coopId);
      const before = await trx.selectFrom('founding_founders').selectAll().where('coop_id', '=', ctx.coopId).where('id', '=', founderId).executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND');
      const coordinator = ctx.isCoordinator && data.isCoordinator !== undefined ? { is_coordinator: data.isCoordinator } : {};
      await trx.updateTable('founding_founders').set({ ...founderColumns(data), ...coordinator }).where('coop_id', '=', ctx.coopId).where('id', '=', founderId).execute();
      if (!(await trx.selectFrom('founding_founders').select('id').where('coop_id', '=', ctx.coopId).where('is_coordinator', '=', true).executeTakeFirst()))
        throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'isCoordinator', code: 'founding_last_coordinator' }] });
      await recordAudit(trx, ctx, { action: 'founding.founder_update', entity: 'founding_founder', entityId: founderId, before: { fullName: before.full_name, isCoordinator: before.is_coordinator }, after: { fullName: data.fullName, ...coordinator } });
    });
  } catch (err) {
    throw nikTaken(err) ?? err;
  }
}

export async function removeFounder(ctx: GroupCtx, founderId: string): Promise<void> {
  requireCoordinator(ctx);
  if (founderId === ctx.founderId) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'founderId', code: 'founding_last_coordinator' }] });
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockOpenGroup(trx, ctx.coopId);
    const gone = await trx.deleteFrom('founding_founders').where('coop_id', '=', ctx.coopId).where('id', '=', founderId).returning(['full_name', 'account_id']).executeTakeFirst();
    if (!gone) throw new AppError('NOT_FOUND');
    if (gone.account_id) await trx.deleteFrom('founding_accounts').where('coop_id', '=', ctx.coopId).where('account_id', '=', gone.account_id).execute();
    await trx.updateTable('founding_units').set((eb) => ({ founder_ids: eb.fn('array_remove', [eb.ref('founder_ids'), eb.val(founderId)]) })).where('coop_id', '=', ctx.coopId).execute();
    await recordAudit(trx, ctx, { action: 'founding.founder_remove', entity: 'founding_founder', entityId: founderId, before: { fullName: gone.full_name } });
  });
}

/** The invited founder claims their place with the code, signed in with their own account. */
export async function claimInvitation(ctx: Ctx, coopId: string, code: unknown): Promise<{ founderId: string }> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  const actor = ctx.actor;
  if (typeof code !== 'string' || code.length < 10 || code.length > 64 || !/^[0-9a-f-]{36}$/i.test(coopId)) throw new AppError('FOUNDING_INVITE_INVALID');
  try {
    return await withTenant(ctx.db, coopId, async (trx) => {
      const f = await trx.selectFrom('founding_founders').select(['id', 'full_name']).where('coop_id', '=', coopId).where('invite_hash', '=', hash(code)).where('account_id', 'is', null).executeTakeFirst();
      if (!f) throw new AppError('FOUNDING_INVITE_INVALID');
      await trx.updateTable('founding_founders').set({ account_id: actor.accountId, invite_hash: null }).where('coop_id', '=', coopId).where('id', '=', f.id).execute();
      await trx.insertInto('founding_accounts').values({ coop_id: coopId, account_id: actor.accountId }).execute();
      await recordAudit(trx, { coopId, actor }, { action: 'founding.invite_claim', entity: 'founding_founder', entityId: f.id, after: { accountId: actor.accountId } });
      return { founderId: f.id };
    });
  } catch (err) {
    throw nikTaken(err) ?? err;
  }
}

/** Step 2: the shared vision, mission and values (coordinators write them down; `agreed` records the group's agreement). */
export async function saveVision(ctx: GroupCtx, input: unknown): Promise<void> {
  requireCoordinator(ctx);
  const data = parseInput(ZVisionRequest, input);
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const g = await lockOpenGroup(trx, ctx.coopId);
    await trx
      .updateTable('founding_groups')
      .set({ vision: data.vision, mission: data.mission, values_text: data.values, vision_agreed_at: data.agreed ? ctx.clock.now() : null, updated_at: ctx.clock.now() })
      .where('coop_id', '=', ctx.coopId)
      .execute();
    await recordAudit(trx, ctx, { action: 'founding.vision', entity: 'founding_group', entityId: ctx.coopId, before: { vision: g.vision, mission: g.mission, values: g.values_text }, after: { vision: data.vision, mission: data.mission, values: data.values, agreed: Boolean(data.agreed) } });
  });
}
