import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { regionByCode } from '../regions/model.js';
import { ZCreateNetworkRequest } from './model.js';
import { auditIn, findNetwork, requireCoopPermission, withNetworkWrite, type NetworkRow } from './support.js';

function isUnique(err: unknown, name: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === name || (e.message ?? '').includes(name));
}

/**
 * Found a network: the founding coop's board (ketua or sekretaris) consents by this act; the
 * coop is its first member, its founder the first delegate, and — NAO mode — the first member of
 * the administrative team; in lead mode the founding coop leads until the members choose another.
 * One transaction on the platform connection (the network's tables are reference tables).
 */
export async function createNetwork(ctx: TenantCtx, input: unknown): Promise<NetworkRow> {
  requireCoopPermission(ctx, 'networks.manage');
  const data = parseInput(ZCreateNetworkRequest, input);
  if (!(await regionByCode(data.regionCode))) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'network_region_invalid' }] });
  const id = await withNetworkWrite(ctx.db, { coopId: ctx.coopId }, async (trx) => {
    let row: { id: string };
    try {
      row = await trx
        .insertInto('networks')
        .values({
          slug: data.slug,
          name: data.name,
          kind: data.kind,
          region_code: data.regionCode,
          description: data.description ?? '',
          brand_story: data.brandStory ?? '',
          brand_logo_url: data.brandLogoUrl ?? null,
          brand_colour: data.brandColour ?? 'hijau',
          mode: data.mode,
          lead_coop_id: data.mode === 'lead' ? ctx.coopId : null,
          weighting: data.weighting,
          weight_cap_bp: data.weighting === 'members' ? (data.weightCapBp ?? null) : null,
          ...(data.quorumBp !== undefined ? { quorum_bp: data.quorumBp } : {}),
          ...(data.thresholdBp !== undefined ? { threshold_bp: data.thresholdBp } : {}),
          created_by: ctx.actor.accountId
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    } catch (err) {
      if (isUnique(err, 'networks_slug_key')) throw new AppError('NETWORK_SLUG_TAKEN', { fields: [{ field: 'slug', code: 'network_slug_taken' }] });
      throw err;
    }
    const now = ctx.clock.now();
    await trx
      .insertInto('network_memberships')
      .values({ network_id: row.id, member_coop_id: ctx.coopId, origin: 'founding', status: 'active', coop_consent_at: now, coop_consent_by: ctx.actor.accountId, network_consent_at: now, joined_at: now })
      .execute();
    await trx.insertInto('network_delegates').values({ coop_id: ctx.coopId, network_id: row.id, account_id: ctx.actor.accountId, authorised_by: ctx.actor.accountId }).execute();
    if (data.mode === 'nao') await trx.insertInto('network_stewards').values({ network_id: row.id, account_id: ctx.actor.accountId }).execute();
    await auditIn(trx, ctx, { action: 'network.create', entity: 'network', entityId: row.id, after: { slug: data.slug, name: data.name, kind: data.kind, mode: data.mode } });
    return row.id;
  });
  return findNetwork(ctx.db, id);
}
