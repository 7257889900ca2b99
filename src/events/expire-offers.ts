import type { Database } from '../db/connection.js';
import { withTenant } from '../db/tenant.js';
import { kickOutbox } from '../governance/mailer.js';
import { expireOffers } from './store.js';

/**
 * Expire lapsed waitlist offers in their own transaction (so the seats come back even when
 * the caller's own transaction later fails, e.g. a checkout that ends in EVENT_FULL). Runs
 * before public registrations, when the board opens the events list, and from a timer.
 */
export async function sweepExpiredOffers(db: Database, coopId: string, workId?: string): Promise<void> {
  await withTenant(db, coopId, async (trx) => {
    let q = trx.selectFrom('event_registrations').select('work_id').distinct().where('coop_id', '=', coopId).where('kind', '=', 'offer').where('status', '=', 'held').where('offer_expires_at', '<', new Date());
    if (workId) q = q.where('work_id', '=', workId);
    for (const r of await q.execute()) await expireOffers(trx, coopId, r.work_id);
  });
  kickOutbox(db, coopId);
}
