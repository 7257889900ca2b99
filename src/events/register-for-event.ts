import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { kickOutbox } from '../governance/mailer.js';
import { parseInput } from '../kernel/validation.js';
import { ZRegisterRequest } from './model.js';
import { sweepExpiredOffers } from './expire-offers.js';
import { publicEvent } from './public-event.js';
import { expireOffers, issueTicketsFor, mailTickets, seatsAvailable, takeSeats } from './store.js';

/**
 * Free registration for a free/community event (the board turned free registration on). Takes
 * seats atomically (never beyond capacity) and issues the tickets at once. Full → EVENT_FULL
 * (409): the page offers the waitlist.
 */
export async function registerForEvent(ctx: Ctx, coopSlug: string, workSlug: string, input: unknown): Promise<{ registrationId: string; tokens: string[] }> {
  const { coop, work } = await publicEvent(ctx, coopSlug, workSlug);
  const data = parseInput(ZRegisterRequest, input);
  await sweepExpiredOffers(ctx.db, coop.id, work.id);
  const out = await withTenant(ctx.db, coop.id, async (trx) => {
    const seats = await seatsAvailable(trx, coop.id, work.id);
    if (!seats.freeRegistration) throw new AppError('EVENT_REGISTRATION_CLOSED');
    await expireOffers(trx, coop.id, work.id);
    if (!(await takeSeats(trx, coop.id, work.id, data.quantity))) {
      throw new AppError('EVENT_FULL', { params: { available: (await seatsAvailable(trx, coop.id, work.id)).available }, details: { workId: work.id, waitlist: true } });
    }
    const reg = await trx
      .insertInto('event_registrations')
      .values({ coop_id: coop.id, work_id: work.id, kind: 'free', status: 'confirmed', name: data.name, email: data.email, quantity: data.quantity })
      .returning(['id', 'work_id', 'quantity', 'name', 'email'])
      .executeTakeFirstOrThrow();
    const tokens = await issueTicketsFor(trx, coop.id, reg);
    await mailTickets(trx, coop.id, reg, work, tokens);
    return { registrationId: reg.id, tokens };
  });
  kickOutbox(ctx.db, coop.id);
  return out;
}
