import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import { withTenant } from '../db/tenant.js';
import { countBackground } from '../kernel/metrics.js';

/**
 * Mail leaves through an outbox: use cases write messages in the same transaction as the
 * change that causes them (so a rolled-back change sends nothing), and a sender drains the
 * outbox after commit over SMTP (nodemailer). The transport comes from SMTP_URL
 * (e.g. smtp://user:pass@host:587); without it mail waits in the outbox.
 */

export type Mailer = { transport: Transporter; from: string };

const SLOT = Symbol.for('lumbung.mailer');

export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  if (!env.SMTP_URL) return null;
  return { transport: nodemailer.createTransport(env.SMTP_URL), from: env.MAIL_FROM ?? 'Lumbung <no-reply@lumbung.local>' };
}

/** Set the process's mailer (the server at start-up; tests with their SMTP sink). A global slot, shared with the web bundle. */
export function setMailer(mailer: Mailer | null): void {
  (globalThis as Record<symbol, unknown>)[SLOT] = mailer;
}

export function getMailer(): Mailer | null {
  const slot = (globalThis as Record<symbol, unknown>)[SLOT] as Mailer | null | undefined;
  if (slot === undefined) {
    const fromEnv = mailerFromEnv();
    setMailer(fromEnv);
    return fromEnv;
  }
  return slot;
}

export type DrainResult = { sent: number; failed: number };

/**
 * Send pending messages, oldest first: one cooperative's (`coopId`), the platform's mail about
 * accounts (`coopId: null`), or — without `coopId` — every cooperative's one after the other,
 * then the platform's. The outbox is a queue per cooperative (decision 0111): rows are claimed
 * in the cooperative's tenant transaction with SKIP LOCKED, so any number of senders in any
 * number of processes never send the same message, and on Citus the claim goes to the
 * cooperative's shard. A failure is recorded and retried on a later drain (up to 5 attempts).
 * A sent message's body is blanked: vote links inside are one-time secrets.
 */
export async function drainOutbox(db: Database, mailer: Mailer | null = getMailer(), opts: { limit?: number; coopId?: string | null } = {}): Promise<DrainResult> {
  if (!mailer) return { sent: 0, failed: 0 };
  const coops = opts.coopId !== undefined ? [{ id: opts.coopId }] : [...(await db.selectFrom('coops').select('id').execute()), { id: null }];
  const out: DrainResult = { sent: 0, failed: 0 };
  for (const { id } of coops) {
    const r = id === null ? await drainPlatformOutbox(db, mailer, opts.limit ?? 50) : await drainCoopOutbox(db, mailer, id, opts.limit ?? 50);
    out.sent += r.sent;
    out.failed += r.failed;
  }
  return out;
}

type OutboxRow = { to_name: string | null; to_address: string; subject: string; text_body: string; ics: string | null };

function send(mailer: Mailer, row: OutboxRow) {
  return mailer.transport.sendMail({
    from: mailer.from,
    to: row.to_name ? { name: row.to_name, address: row.to_address } : row.to_address,
    subject: row.subject,
    text: row.text_body,
    ...(row.ics ? { icalEvent: { method: 'PUBLISH', filename: 'rapat.ics', content: row.ics } } : {})
  });
}

/** The platform's queue (mail about accounts, no cooperative): the same claim, outside any tenant. */
async function drainPlatformOutbox(db: Database, mailer: Mailer, limit: number): Promise<DrainResult> {
  const out: DrainResult = { sent: 0, failed: 0 };
  for (;;) {
    const before = out.sent;
    const batch = await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('platform_mail_outbox').selectAll().where('sent_at', 'is', null).where('attempts', '<', 5).orderBy('created_at').limit(limit).forUpdate().skipLocked().execute();
      for (const row of rows) {
        try {
          await send(mailer, row);
          await trx.updateTable('platform_mail_outbox').set({ sent_at: sql`now()` as never, attempts: sql`attempts + 1` as never, text_body: '', last_error: null }).where('id', '=', row.id).execute();
          out.sent += 1;
        } catch (err) {
          await trx
            .updateTable('platform_mail_outbox')
            .set({ attempts: sql`attempts + 1` as never, last_error: String((err as Error).message).slice(0, 500) })
            .where('id', '=', row.id)
            .execute();
          out.failed += 1;
        }
      }
      return rows.length;
    });
    countBackground('mail', out.sent - before);
    if (batch < limit) return out;
  }
}

async function drainCoopOutbox(db: Database, mailer: Mailer, coopId: string, limit: number): Promise<DrainResult> {
  const out: DrainResult = { sent: 0, failed: 0 };
  for (;;) {
    const before = out.sent;
    const batch = await withTenant(db, coopId, async (trx) => {
      const rows = await trx
        .selectFrom('mail_outbox')
        .selectAll()
        .where('coop_id', '=', coopId)
        .where('sent_at', 'is', null)
        .where('attempts', '<', 5)
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of rows) {
        try {
          await send(mailer, row);
          await trx.updateTable('mail_outbox').set({ sent_at: sql`now()` as never, attempts: sql`attempts + 1` as never, text_body: '', last_error: null }).where('coop_id', '=', coopId).where('id', '=', row.id).execute();
          out.sent += 1;
        } catch (err) {
          await trx
            .updateTable('mail_outbox')
            .set({ attempts: sql`attempts + 1` as never, last_error: String((err as Error).message).slice(0, 500) })
            .where('coop_id', '=', coopId)
            .where('id', '=', row.id)
            .execute();
          out.failed += 1;
        }
      }
      return rows.length;
    });
    countBackground('mail', out.sent - before);
    if (batch < limit) return out;
  }
}

/** After a commit that queued a cooperative's mail (or the platform's: null): send it in the background when a mailer is set (errors stay in the outbox). */
export function kickOutbox(db: Database, coopId: string | null): void {
  const mailer = getMailer();
  if (!mailer) return;
  void drainOutbox(db, mailer, { coopId }).catch(() => undefined);
}
