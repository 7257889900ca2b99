import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMailer } from '../../src/governance/mailer.js';
import { verifyLedger } from '../../src/ledger/verify-ledger.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { headerOf, seedGovernanceCoop, startSmtpSink, type ReceivedMail } from '../support/governance.js';
import { lapsedOffer, lapsedOrder, postings, seedSellable, voteClosingSoon, voteThatIsDue } from '../support/background-work.js';
import type { Mailer } from '../../src/governance/mailer.js';

/**
 * Several Lumbung processes on one database (issue 16 item 8, decision 0111): two real server
 * processes started as `lumbung start` starts them, each running the sealer, the governance
 * clock and the order clock every 100 ms and taking postings over HTTP. Every item of
 * background work must be done once: each entry sealed once into one verified chain, each
 * message delivered to the SMTP server once, each lapsed order expired once with its stock
 * returned once, a lapsed waitlist offer passed on once, each due vote closed once, each member reminded once.
 */

let t: TestDb;
let sink: { mailer: Mailer; messages: ReceivedMail[]; close: () => Promise<void>; port: number };
const procs: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDb();
  const s = await startSmtpSink();
  sink = { ...s, port: (s.mailer.transport.options as { port: number }).port };
  // This process sends nothing: the outbox waits for the servers.
  setMailer(null);
});
afterAll(async () => {
  await Promise.all(procs.filter((p) => p.exitCode === null).map((p) => new Promise((r) => (p.once('exit', r), p.kill('SIGTERM')))));
  await sink?.close();
  await t?.drop();
});

function startServerProcess(): Promise<{ port: number; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/app-server.ts'], {
    env: { ...process.env, DATABASE_URL: t.url, PORT: '0', LUMBUNG_BACKGROUND_MS: '100', SMTP_URL: `smtp://127.0.0.1:${sink.port}`, LUMBUNG_WORKERS: '1', METRICS_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  procs.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), proc });
      }
    });
    proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

const num = async (q: Promise<{ rows: unknown[] }>) => Number(((await q).rows[0] as { n: unknown }).n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two server processes on one database', () => {
  it('seal, mail, expire and close each item once', async () => {
    // Two votes past their closing time wait for the servers (their ballots are cast before);
    // both servers then start at once, and the other work appears under their running clocks.
    const coop = await seedGovernanceCoop(t.db, { members: 30, accounts: 30 });
    const other = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const due = [await voteThatIsDue(coop, 'Tanggal pentas akhir tahun'), await voteThatIsDue(other, 'Tema lokakarya')];
    const servers = await Promise.all([startServerProcess(), startServerProcess()]);
    const item = await seedSellable(coop, 20);
    const stock = async () => (await t.db.selectFrom('work_variants').select('stock').where('id', '=', item.variantId).executeTakeFirstOrThrow()).stock;
    const orders = [await lapsedOrder(t.db, coop, item, 2, 1), await lapsedOrder(t.db, coop, item, 3, 2), await lapsedOrder(t.db, coop, item, 4, 3)];
    const soon = await voteClosingSoon(coop, 'Warna seragam');
    const event = await lapsedOffer(t.db, coop);
    await Promise.all([postings(coop, 120, 'a'), postings(other, 80, 'b')]);

    // Postings through both servers at once while their clocks run.
    const sessions = await Promise.all(
      servers.map(async (s) => {
        const res = await fetch(`http://127.0.0.1:${s.port}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: coop.accounts.bendahara.email, password: coop.accounts.bendahara.password })
        });
        expect(res.status).toBe(200);
        const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
        return { port: s.port, cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
      })
    );
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const s = sessions[i % 2]!;
        return fetch(`http://127.0.0.1:${s.port}/api/v1/coops/${coop.id}/ledger/entries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          body: JSON.stringify({ idempotencyKey: `http-${i}`, date: '2026-07-02', description: 'Penjualan', lines: [{ account: 'CASH', debit: 500 + i }, { account: 'SALES_NON_MEMBER', credit: 500 + i }] })
        }).then((r) => r.status);
      })
    );
    expect(statuses).toEqual(Array(40).fill(201));

    // Wait until every job is done, then a little longer: a second doing would show by then.
    const pendingWork = async () =>
      (await num(sql`SELECT count(*) AS n FROM journal_entries WHERE seq IS NULL`.execute(t.db))) +
      (await num(sql`SELECT count(*) AS n FROM mail_outbox WHERE sent_at IS NULL`.execute(t.db))) +
      (await num(sql`SELECT count(*) AS n FROM orders WHERE status = 'awaiting_payment'`.execute(t.db))) +
      (await num(sql`SELECT count(*) AS n FROM event_registrations WHERE kind = 'offer' AND status = 'held' AND offer_expires_at < now()`.execute(t.db))) +
      (await num(sql`SELECT count(*) AS n FROM decisions WHERE status = 'voting' AND closes_at <= now()`.execute(t.db))) +
      ((await num(sql`SELECT count(*) AS n FROM mail_outbox WHERE kind = 'voting_reminder'`.execute(t.db))) === 30 ? 0 : 1);
    for (let i = 0; i < 1200 && (await pendingWork()) > 0; i++) await sleep(100);
    if ((await pendingWork()) > 0) {
      const left = await sql`SELECT (SELECT count(*) FROM journal_entries WHERE seq IS NULL) AS unsealed, (SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL) AS mail,
        (SELECT count(*) FROM orders WHERE status = 'awaiting_payment') AS orders, (SELECT count(*) FROM mail_outbox WHERE kind = 'voting_reminder') AS reminders`.execute(t.db);
      throw new Error(`work left undone: ${JSON.stringify(left.rows[0])}`);
    }
    await sleep(1500);

    // Ledger: one chain per cooperative, seq 1..n without gaps or repeats, every entry sealed once.
    const report = await verifyLedger(t.db);
    expect(report).toMatchObject({ ok: true, entries: 240 });
    for (const [c, n] of [[coop.id, 160], [other.id, 80]] as const) {
      const seqs = await t.db.selectFrom('journal_entries').select('seq').where('coop_id', '=', c).orderBy('seq').execute();
      expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }

    // Mail: every outbox row delivered once, in one attempt; the SMTP server got nothing twice.
    const rows = await t.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'attempts', 'sent_at']).execute();
    // The opening of three votes (to 30, 3 and 30 members), their results (two due votes), 30 reminders, two waitlist offers,
    // and the order-placed mail to the buyer of each of the three lapsed orders (decision 0155).
    expect(rows.length).toBe(30 + 3 + 30 + 30 + 3 + 30 + 2 + 3);
    expect(rows.every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
    expect(sink.messages.length).toBe(rows.length);
    const delivered = sink.messages.map((m) => `${m.to.join(',')}|${headerOf(m.raw, 'Subject')}`);
    expect(new Set(delivered).size).toBe(delivered.length);

    // Orders: each lapsed order expired once, its units returned once.
    expect(await stock()).toBe(20);
    const history = await t.db.selectFrom('order_status_history').select(['order_id']).where('order_id', 'in', orders).where('event', '=', 'expired').execute();
    expect(history.map((h) => h.order_id).sort()).toEqual([...orders].sort());

    // The lapsed waitlist offer: expired once, its seat offered once to the next in line.
    const offers = await t.db.selectFrom('event_registrations').select(['name', 'status']).where('work_id', '=', event.workId).where('kind', '=', 'offer').orderBy('created_at').execute();
    expect(offers).toEqual([
      { name: 'Hana', status: 'expired' },
      { name: 'Indra', status: 'held' }
    ]);
    expect((await t.db.selectFrom('event_seats').select('taken').where('work_id', '=', event.workId).executeTakeFirstOrThrow()).taken).toBe(1);

    // Votes: each due vote closed once (one result, one audit line); the open one got one reminder per member.
    for (const d of due) {
      expect(await num(sql`SELECT count(*) AS n FROM decision_results WHERE decision_id = ${d}`.execute(t.db))).toBe(1);
      expect(await num(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'decision.close' AND entity_id = ${d}`.execute(t.db))).toBe(1);
    }
    expect(await t.db.selectFrom('decisions').select('status').where('id', '=', soon).executeTakeFirstOrThrow()).toEqual({ status: 'voting' });
    expect(await num(sql`SELECT count(*) AS n FROM vote_tokens WHERE decision_id = ${soon}`.execute(t.db))).toBe(30 + 30);

    // Each process counts the work it did: together exactly the work there was.
    const done = await Promise.all(
      servers.map(async (s) => {
        const text = await (await fetch(`http://127.0.0.1:${s.port}/metrics`)).text();
        const of = (job: string) => Number(new RegExp(`^lumbung_background_items_total\\{job="${job}"\\} (\\d+)`, 'm').exec(text)?.[1]);
        return { seal: of('seal'), mail: of('mail'), order_expiry: of('order_expiry') };
      })
    );
    expect(done[0]!.seal + done[1]!.seal).toBe(240);
    expect(done[0]!.mail + done[1]!.mail).toBe(rows.length);
    expect(done[0]!.order_expiry + done[1]!.order_expiry).toBe(3);
  }, 300_000);
});
