import type { Tx } from '../db/tenant.js';
import { electorateIn, type ElectorateMember } from '../members/list-electorate.js';
import { isMembersMeeting, type QuorumRule } from './model.js';
import { rolesOfAccounts } from './store.js';
import type { MeetingKind } from './tables.js';

/**
 * Who may attend a meeting: every active member for members' meetings; the active members
 * holding a board (ketua, sekretaris, bendahara) or supervisor (pengawas) role for those meetings.
 */
export async function meetingEligibleMembers(trx: Tx, coopId: string, kind: MeetingKind): Promise<ElectorateMember[]> {
  const all = await electorateIn(trx, coopId);
  if (isMembersMeeting(kind)) return all;
  const roles = await rolesOfAccounts(trx, coopId);
  const wanted = kind === 'board' ? ['ketua', 'sekretaris', 'bendahara'] : ['pengawas'];
  return all.filter((m) => m.accountId && (roles.get(m.accountId) ?? []).some((r) => wanted.includes(r)));
}

/** Members' meetings use the charter's quorum; the board and supervisors decide by more than half of themselves. */
export function meetingQuorum(kind: MeetingKind, charterQuorum: QuorumRule): QuorumRule {
  return isMembersMeeting(kind) ? charterQuorum : { kind: 'more_than_half' };
}
