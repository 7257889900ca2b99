import { createHash, randomBytes } from 'node:crypto';
import { getCharter } from '../charters/get-charter.js';
import type { CharterRules } from '../charters/model.js';
import type { Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { electorateIn, type ElectorateMember } from '../members/list-electorate.js';
import { zoneOfProvince, type Zone } from './model.js';

/** The charter rules governance reads; a cooperative without a charter gets the law's defaults. */
export type GovernanceRules = Pick<CharterRules, 'quorum' | 'majority' | 'representationAllowed' | 'meetings' | 'rat' | 'approvalBy'> & { charterVersion: number | null };

const DEFAULT_RULES: GovernanceRules = {
  quorum: { kind: 'more_than_half' },
  majority: { simpleBp: 5000, charterChangeBp: 6666, dissolutionBp: 7500, base: 'present', minTurnoutBp: null },
  representationAllowed: false,
  meetings: { cadence: 'monthly', allMembersMustAttend: false, isEducation: false },
  rat: { monthsAfterYearEnd: 6, noticeDays: 14 },
  approvalBy: 'board',
  charterVersion: null
};

export async function governanceRules(ctx: TenantCtx): Promise<GovernanceRules> {
  const charter = await getCharter(ctx);
  if (!charter) return DEFAULT_RULES;
  const r = charter.rules;
  return { quorum: r.quorum, majority: r.majority, representationAllowed: r.representationAllowed, meetings: r.meetings, rat: r.rat, approvalBy: r.approvalBy, charterVersion: charter.version };
}

/** The signed-in person's active member record, read inside the transaction; null when they are not one. */
export async function actingMember(trx: Tx, ctx: TenantCtx): Promise<ElectorateMember | null> {
  const [me] = await electorateIn(trx, ctx.coopId, { accountId: ctx.actor.accountId });
  return me ?? null;
}

export async function requireActingMember(trx: Tx, ctx: TenantCtx): Promise<ElectorateMember> {
  const me = await actingMember(trx, ctx);
  if (!me) throw new AppError('GOVERNANCE_NOT_MEMBER');
  return me;
}

/**
 * The cooperative acting on its own decision (roles from an election, a charter version,
 * an admission): the platform's system actor with the ketua's powers, audited as such.
 */
export function systemCtx(ctx: TenantCtx): TenantCtx {
  return { ...ctx, actor: { accountId: ctx.actor.accountId, name: 'Lumbung', isPlatformAdmin: false, via: 'system' }, roles: ['ketua'] };
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** A short receipt code people can read out: 10 characters without look-alikes. */
export function receiptCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type CoopInfo = { id: string; slug: string; name: string; zone: Zone };

export async function coopInfo(trx: Tx, coopId: string): Promise<CoopInfo> {
  const row = await trx.selectFrom('coops').select(['id', 'slug', 'name', 'province_code']).where('id', '=', coopId).executeTakeFirstOrThrow();
  return { id: row.id, slug: row.slug, name: row.name, zone: zoneOfProvince(row.province_code) };
}

/** The public address links in messages point to. */
export function publicUrl(): string {
  return (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}

/** Turn a database refusal of a frozen setting into the domain error. */
export function mapGuardError(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.constraint === 'decision_cannot_deanonymize') throw new AppError('DECISION_CANNOT_DEANONYMIZE');
  if (e.constraint === 'decision_settings_frozen') throw new AppError('DECISION_SETTINGS_FROZEN');
  throw err;
}

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
