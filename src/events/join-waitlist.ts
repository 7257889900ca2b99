import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { ZRegisterRequest } from './model.js';
import { publicEvent } from './public-event.js';

/** Join an event's waitlist (FIFO). One waiting entry per email per event. Returns the place in line. */
export async function joinWaitlist(ctx: Ctx, coopSlug: string, workSlug: string, input: unknown): Promise<{ position: number }> {
  const { coop, work } = await publicEvent(ctx, coopSlug, workSlug);
  const data = parseInput(ZRegisterRequest, input);
  return withTenant(ctx.db, coop.id, async (trx) => {
    const row = await trx
      .insertInto('event_waitlist')
      .values({ coop_id: coop.id, work_id: work.id, name: data.name, email: data.email, quantity: data.quantity })
      .onConflict((oc) => oc.expression(sql`coop_id, work_id, lower(email)`).where('status', '=', 'waiting').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('EVENT_ALREADY_WAITLISTED');
    const ahead = await trx
      .selectFrom('event_waitlist')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('coop_id', '=', coop.id)
      .where('work_id', '=', work.id)
      .where('status', '=', 'waiting')
      .where('id', '<=', row.id)
      .executeTakeFirstOrThrow();
    return { position: Number(ahead.n) };
  });
}
