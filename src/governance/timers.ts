import type { Logger } from 'pino';
import type { Database } from '../db/connection.js';
import type { Clock } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { withTenant } from '../db/tenant.js';
import { closeDecisionAs } from './close-decision.js';
import { drainOutbox, getMailer } from './mailer.js';
import { withCoopClaim } from '../db/claim.js';
import { sendVotingReminders } from './send-voting-reminders.js';
import { openDecisionsPastClose } from './store.js';
import { closeEndedSessions } from '../education/mark-attendance.js';

const SYSTEM_ACCOUNT = '00000000-0000-0000-0000-000000000000';

/** The platform acting on a cooperative's schedule (closing due votes, reminders): audited as the system. */
function systemFor(db: Database, clock: Clock, log: Logger, coopId: string): TenantCtx {
  return { db, clock, log, locale: 'id', actor: { accountId: SYSTEM_ACCOUNT, name: 'Lumbung', isPlatformAdmin: false, via: 'system' }, coopId, roles: ['ketua'] };
}

/**
 * One pass of the governance clock: close votes whose time is up, queue the 24-hour
 * reminders, then send the outbox. Cooperatives are visited one by one (each in its own
 * tenant transactions). Every Lumbung process runs this clock: a cooperative's closing and
 * reminders are claimed (withCoopClaim), so while one process does them the others pass
 * by; its mail is claimed row by row (SKIP LOCKED). Decision 0111.
 */
export async function runGovernanceTick(db: Database, clock: Clock, log: Logger): Promise<void> {
  const coops = await db.selectFrom('coops').select('id').execute();
  for (const { id } of coops) {
    const ctx = systemFor(db, clock, log, id);
    try {
      await withCoopClaim(db, 'governance', id, async () => {
        const due = await withTenant(db, id, (trx) => openDecisionsPastClose(trx, id, clock.now()));
        for (const d of due) await closeDecisionAs(ctx, d.id);
        await sendVotingReminders(ctx);
        // Education sessions whose time is up: the unmarked become absent (decision 0120).
        await closeEndedSessions(ctx);
      });
      await drainOutbox(db, getMailer(), { coopId: id });
    } catch (err) {
      log.error({ err, coopId: id }, 'governance tick failed');
    }
  }
  // Mail about accounts (sign-up links) belongs to no cooperative.
  await drainOutbox(db, getMailer(), { coopId: null }).catch((err: unknown) => log.error({ err }, 'platform mail failed'));
}

/** Run the governance clock every `everyMs` (default 5 minutes); returns a stop function. */
export function startGovernanceTimers(db: Database, clock: Clock, log: Logger, everyMs = 5 * 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runGovernanceTick(db, clock, log).finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
