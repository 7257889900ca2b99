import type { TenantCtx } from '../kernel/context.js';
import { getOwnMember } from '../members/get-own-member.js';
import { getMemberCapital, type MemberCapital } from './get-member-capital.js';

/** The signed-in person's own capital in the cooperative, or null when they have no member record there. */
export async function getOwnCapital(ctx: TenantCtx): Promise<MemberCapital | null> {
  const me = await getOwnMember(ctx);
  return me ? getMemberCapital(ctx, me.id) : null;
}
