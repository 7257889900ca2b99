import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { kickOutbox } from '../governance/mailer.js';
import { publicCoop } from '../catalogue/public-coop.js';
import { TOKEN_RE } from './model.js';
import { releaseRegistrations } from './store.js';

/**
 * The holder of a free registration's ticket cancels it: every ticket of that registration is
 * voided, the seats return and the oldest waitlister is promoted in the same transaction.
 * (Paid tickets are cancelled through their order: orders call releaseSeats.) Idempotent.
 */
export async function cancelRegistration(ctx: Ctx, coopSlug: string, token: string): Promise<{ cancelled: boolean }> {
  const coop = await publicCoop(ctx, coopSlug);
  if (!TOKEN_RE.test(token)) throw new AppError('TICKET_NOT_FOUND');
  const out = await withTenant(ctx.db, coop.id, async (trx) => {
    const t = await trx.selectFrom('event_tickets').select(['registration_id', 'checked_in_at']).where('coop_id', '=', coop.id).where('token', '=', token).executeTakeFirst();
    if (!t) throw new AppError('TICKET_NOT_FOUND');
    if (t.checked_in_at) throw new AppError('TICKET_ALREADY_USED');
    const regs = await trx
      .updateTable('event_registrations')
      .set({ status: 'cancelled', released_at: new Date() })
      .where('coop_id', '=', coop.id)
      .where('id', '=', t.registration_id)
      .where('kind', '=', 'free')
      .where('status', '=', 'confirmed')
      .returning(['id', 'work_id', 'quantity'])
      .execute();
    await releaseRegistrations(trx, coop.id, regs);
    return { cancelled: regs.length > 0 };
  });
  kickOutbox(ctx.db, coop.id);
  return out;
}
