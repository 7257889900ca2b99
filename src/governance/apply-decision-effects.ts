import { recordAudit } from '../audit/record-audit.js';
import { adoptCharter } from '../charters/adopt-charter.js';
import { setMemberRoles } from '../coops/set-member-roles.js';
import type { Role } from '../db/schema.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { isAppError } from '../kernel/errors.js';
import { jakartaDate } from '../kernel/clock.js';
import { approveMember } from '../members/approve-member.js';
import { electorateIn } from '../members/list-electorate.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { currentTerms, endTermEarly, findDecision, insertTerm, optionsOf, resultsOf, rolesOfAccounts, updateDecision } from './store.js';
import { actingMember, systemCtx } from './support.js';
import { applyMembersDecision } from '../care/members-decision.js';

/** A meeting decision's reference, as the members and charter registers cite it. */
export function decisionRef(d: { number: number; title: string }): string {
  return `Keputusan No. ${d.number}: ${d.title}`;
}

/**
 * Carry out what a decision decided, once: an election gives the winners the office's role
 * and a term, and takes the role from holders who were not elected; a passed charter
 * change adopts the new charter version; a passed admission admits the applicant. Each
 * step goes through its capability's own use case as the cooperative (system actor). The
 * outcome (or the error that stopped it) is recorded on the decision; a second call does nothing.
 */
export async function applyDecisionEffects(ctx: TenantCtx, decisionId: string): Promise<DecisionView | null> {
  const d = await withTenant(ctx.db, ctx.coopId, (trx) => findDecision(trx, ctx.coopId, decisionId));
  if (!d || d.status !== 'closed' || d.effect !== null) return null;
  const passed = d.outcome === 'passed' || d.outcome === 'consensus';
  // An aid application referred to the members (care, decision 0160) takes the outcome either way.
  if (d.kind === 'general') await applyMembersDecision(systemCtx(ctx), d.id);
  const applies = (d.kind === 'election' && d.outcome === 'elected') || ((d.kind === 'charter_change' || d.kind === 'admission') && passed);
  if (!applies) return null;
  const sys = systemCtx(ctx);
  let effect: Record<string, unknown> = {};
  let winners: { memberId: string; accountId: string | null; fullName: string }[] = [];
  try {
    if (d.kind === 'election') {
      const role = d.election_role! as Role;
      const { options, results, accounts } = await withTenant(ctx.db, ctx.coopId, async (trx) => ({
        options: await optionsOf(trx, ctx.coopId, d.id),
        results: await resultsOf(trx, ctx.coopId, d.id),
        accounts: await rolesOfAccounts(trx, ctx.coopId)
      }));
      const winnerOptionIds = ((results.at(-1)?.inputs as { winners?: string[] }).winners ?? []) as string[];
      const memberIds = options.filter((o) => winnerOptionIds.includes(o.id) && o.member_id).map((o) => o.member_id!);
      winners = (await withTenant(ctx.db, ctx.coopId, (trx) => electorateIn(trx, ctx.coopId, { memberIds }))).map((m) => ({ memberId: m.memberId, accountId: m.accountId, fullName: m.fullName }));
      const winnerAccounts = new Set(winners.map((w) => w.accountId).filter((a): a is string => a !== null));
      for (const accountId of winnerAccounts) {
        const roles = accounts.get(accountId) ?? [];
        if (!roles.includes(role)) await setMemberRoles(sys, { accountId, roles: [...roles, role] });
      }
      // The office passes to the elected: earlier holders lose the role (never leaving the cooperative without a ketua).
      if (winnerAccounts.size > 0) {
        for (const [accountId, roles] of accounts) {
          if (winnerAccounts.has(accountId) || !roles.includes(role)) continue;
          await setMemberRoles(sys, { accountId, roles: roles.filter((r) => r !== role) });
        }
      }
      effect = { role, elected: winners.map((w) => ({ memberId: w.memberId, name: w.fullName, roleGiven: w.accountId !== null })) };
    } else if (d.kind === 'charter_change') {
      const charter = await adoptCharter(sys, { rules: d.charter_rules, note: decisionRef(d), baseVersion: d.charter_base_version ?? undefined });
      effect = { charterVersion: charter.version };
    } else if (d.kind === 'admission') {
      const member = await approveMember(sys, d.subject_member_id!, { meetingRef: decisionRef(d) });
      effect = { memberId: member.id, memberNo: member.memberNo };
    }
  } catch (err) {
    if (!isAppError(err)) throw err;
    effect = { error: err.code };
  }
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const locked = await findDecision(trx, ctx.coopId, decisionId, { lock: 'update' });
    if (!locked || locked.effect !== null) return locked ? decisionView(trx, locked, await actingMember(trx, ctx)) : null;
    if (d.kind === 'election' && !('error' in effect)) {
      const today = jakartaDate(ctx.clock.now());
      const elected = new Set(winners.map((w) => w.memberId));
      for (const term of await currentTerms(trx, ctx.coopId, d.election_role!, today)) {
        if (!elected.has(term.member_id)) await endTermEarly(trx, ctx.coopId, term.id, today);
      }
      for (const w of winners) {
        await insertTerm(trx, { coop_id: ctx.coopId, member_id: w.memberId, role: d.election_role!, starts_on: String(d.term_starts_on), ends_on: String(d.term_ends_on), decision_id: d.id });
      }
    }
    const row = await updateDecision(trx, ctx.coopId, decisionId, { effect: JSON.stringify(effect) });
    await recordAudit(trx, sys, { action: 'decision.effect', entity: 'decision', entityId: decisionId, after: effect });
    return decisionView(trx, row, await actingMember(trx, ctx));
  });
}
