import QRCode from 'qrcode';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { publicCoop } from '../catalogue/public-coop.js';
import { TOKEN_RE } from './model.js';

export type TicketView = {
  coop: { slug: string; name: string };
  event: { title: string; slug: string; startsAt: string | null; venue: string | null };
  holderName: string;
  seatNo: number;
  status: 'valid' | 'void';
  checkedInAt: string | null;
  cancellable: boolean;
  token: string;
  qrSvg: string;
};

/** A ticket by its token (whoever holds the token holds the ticket), with its QR code as SVG. */
export async function getTicket(ctx: Ctx, coopSlug: string, token: string): Promise<TicketView> {
  const coop = await publicCoop(ctx, coopSlug);
  if (!TOKEN_RE.test(token)) throw new AppError('TICKET_NOT_FOUND');
  const row = await withTenant(ctx.db, coop.id, (trx) =>
    trx
      .selectFrom('event_tickets as t')
      .innerJoin('works as w', (j) => j.onRef('w.coop_id', '=', 't.coop_id').onRef('w.id', '=', 't.work_id'))
      .innerJoin('event_registrations as r', (j) => j.onRef('r.coop_id', '=', 't.coop_id').onRef('r.id', '=', 't.registration_id'))
      .select(['t.holder_name', 't.seat_no', 't.status', 't.checked_in_at', 'w.title', 'w.slug', 'w.starts_at', 'w.venue', 'r.kind'])
      .where('t.coop_id', '=', coop.id)
      .where('t.token', '=', token)
      .executeTakeFirst()
  );
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  const qrSvg = await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    coop: { slug: coop.slug, name: coop.name },
    event: { title: row.title, slug: row.slug, startsAt: row.starts_at ? new Date(row.starts_at).toISOString() : null, venue: row.venue },
    holderName: row.holder_name,
    seatNo: row.seat_no,
    status: row.status,
    checkedInAt: row.checked_in_at ? new Date(row.checked_in_at).toISOString() : null,
    cancellable: row.kind === 'free' && row.status === 'valid' && !row.checked_in_at,
    token,
    qrSvg
  };
}
