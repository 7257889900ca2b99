import type { Ctx } from '../kernel/context.js';
import { getOwnMember } from '../members/get-own-member.js';

/**
 * Whether the signed-in account is an ACTIVE member of this cooperative, asked of the
 * members capability on the server. Anonymous visitors, applicants, suspended, resigned or
 * expelled members, and members of other cooperatives are not.
 */
export async function viewerIsActiveMember(ctx: Ctx, coopId: string): Promise<boolean> {
  if (!ctx.actor) return false;
  const own = await getOwnMember({ ...ctx, coopId });
  return own?.status === 'active';
}
