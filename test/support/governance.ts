import { SMTPServer } from 'smtp-server';
import nodemailer from 'nodemailer';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../src/db/connection.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { adoptCharter } from '../../src/charters/adopt-charter.js';
import type { TenantCtx } from '../../src/kernel/context.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Mailer } from '../../src/governance/mailer.js';
import { PASSWORD, seedCoop, silentLog, type SeededCoop } from './fixtures.js';

export type Voter = { memberId: string; accountId: string | null; email: string | null; name: string };
export type GovCoop = SeededCoop & { voters: Voter[]; memberCtx: (v: Voter, clock?: Clock) => TenantCtx };

/**
 * A cooperative under the 'tujuh_prinsip' charter (quorum > ½, simple majority 50 %,
 * charter change 66,66 %) with `members` active members; the first `accounts` of them
 * can sign in (role anggota) and have an email.
 */
export async function seedGovernanceCoop(db: Database, opts: { members: number; accounts: number; template?: 'tujuh_prinsip' | 'jamaah_produksi' | 'platform' }): Promise<GovCoop> {
  const coop = await seedCoop(db);
  await adoptCharter(coop.ctx('ketua'), { template: opts.template ?? 'tujuh_prinsip', note: 'Rapat pendirian' });
  const voters: Voter[] = [];
  for (let i = 1; i <= opts.members; i++) {
    let accountId: string | null = null;
    let email: string | null = null;
    const name = `Anggota ${i} ${coop.slug}`;
    if (i <= opts.accounts) {
      email = `anggota${i}.${coop.slug}@contoh.id`;
      accountId = (await createAccount(db, { name, email, password: PASSWORD })).id;
      await db.insertInto('coop_users').values({ coop_id: coop.id, account_id: accountId, roles: ['anggota'] }).execute();
    }
    const m = await db
      .insertInto('members')
      .values({ coop_id: coop.id, member_no: i, status: 'active', full_name: name, gender: i % 2 ? 'F' : 'M', account_id: accountId, email, joined_on: '2026-01-05' })
      .returning('id')
      .executeTakeFirstOrThrow();
    voters.push({ memberId: m.id, accountId, email, name });
  }
  await db.insertInto('coop_counters').values({ coop_id: coop.id, name: 'member_no', value: opts.members }).onConflict((oc) => oc.columns(['coop_id', 'name']).doNothing()).execute();
  return {
    ...coop,
    voters,
    memberCtx: (v, clock) => ({
      ...coop.ctx('anggota', clock),
      actor: { accountId: v.accountId!, name: v.name, isPlatformAdmin: false, via: 'session' },
      roles: ['anggota'],
      log: silentLog
    })
  };
}

export type ReceivedMail = { from: string; to: string[]; raw: string };

/** A real SMTP server in this process that keeps every message it receives. */
export async function startSmtpSink(): Promise<{ mailer: Mailer; messages: ReceivedMail[]; close: () => Promise<void> }> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return { mailer: { transport, from: 'Lumbung <no-reply@lumbung.test>' }, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The decoded body of the MIME part with this content type (base64 or quoted-printable or plain). */
export function mimePart(raw: string, contentType: string): string | null {
  const idx = raw.toLowerCase().indexOf(`content-type: ${contentType.toLowerCase()}`);
  if (idx < 0) return null;
  // The part's header block runs from the blank line (or boundary line) before it to the blank line after.
  const blockStart = Math.max(raw.lastIndexOf('\r\n\r\n', idx) + 4, raw.lastIndexOf('\r\n--', idx) + 2, 0);
  const headerEnd = raw.indexOf('\r\n\r\n', idx);
  const headers = raw.slice(blockStart, headerEnd).toLowerCase();
  let body = raw.slice(headerEnd + 4);
  const boundary = body.search(/\r\n--/);
  if (boundary >= 0) body = body.slice(0, boundary);
  if (headers.includes('content-transfer-encoding: base64')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (headers.includes('content-transfer-encoding: quoted-printable')) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** A header's value with RFC 2047 encoded words decoded and folding undone. */
export function headerOf(raw: string, name: string): string {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const value = new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1] ?? '';
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _cs: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
    );
}
