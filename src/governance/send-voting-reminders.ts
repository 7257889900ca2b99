import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { electorateIn } from '../members/list-electorate.js';
import { kickOutbox } from './mailer.js';
import { findDecision, nonVotersClosingBy, sentDedupeKeys } from './store.js';
import { queueVoteMail } from './vote-mail.js';

const DAY_MS = 86_400_000;

/**
 * The 24-hour reminder (item 18): for every vote closing within the next 24 hours (by the
 * context's clock), each eligible member who has NOT voted gets one reminder with a fresh
 * one-time link; members who voted get nothing, so no message reveals anything about a
 * ballot. Run it as often as you like: each member is reminded once per vote.
 */
export async function sendVotingReminders(ctx: TenantCtx): Promise<{ queued: number }> {
  requirePermission(ctx, 'decisions.manage');
  const now = ctx.clock.now();
  const queued = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const due = await nonVotersClosingBy(trx, ctx.coopId, now, new Date(now.getTime() + DAY_MS));
    const byDecision = new Map<string, string[]>();
    for (const r of due) byDecision.set(r.decision_id, [...(byDecision.get(r.decision_id) ?? []), r.member_id]);
    let n = 0;
    for (const [decisionId, memberIds] of byDecision) {
      const d = (await findDecision(trx, ctx.coopId, decisionId))!;
      const already = await sentDedupeKeys(trx, ctx.coopId, `reminder:${decisionId}:`);
      const members = (await electorateIn(trx, ctx.coopId, { memberIds })).filter((m) => !already.has(`reminder:${decisionId}:${m.memberId}`));
      n += await queueVoteMail(trx, d, members, 'voting_reminder', 'reminder');
    }
    return n;
  });
  kickOutbox(ctx.db, ctx.coopId);
  return { queued };
}
