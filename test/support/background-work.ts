import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/connection.js';
import type { Clock } from '../../src/kernel/clock.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { checkout } from '../../src/orders/checkout.js';
import { getOrderSettings, saveOrderSettings } from '../../src/orders/order-settings.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { openVote } from '../../src/governance/open-vote.js';
import { castBallot } from '../../src/governance/cast-ballot.js';
import { postJournalEntry } from '../../src/ledger/post-journal-entry.js';
import { withTenant } from '../../src/db/tenant.js';
import { holdSeats, releaseSeats } from '../../src/events/order-hooks.js';
import { joinWaitlist } from '../../src/events/join-waitlist.js';
import { silentLog } from './fixtures.js';
import type { GovCoop } from './governance.js';

/**
 * Work for the background jobs (sealer, governance clock, order clock, mail sender), made
 * through the use cases in the test process — which runs none of those jobs, so the work
 * waits for the servers under test.
 */

const MINUTE = 60_000;
const at = (ms: number): Clock => ({ now: () => new Date(ms) });

/** A published T-shirt with one variant of `stock` units. */
export async function seedSellable(coop: GovCoop, stock: number): Promise<{ workId: string; variantId: string }> {
  const ketua = coop.ctx('ketua');
  const work = await createWork(ketua, {
    productLine: 'busana',
    title: `Kaos Uji ${randomBytes(2).toString('hex')}`,
    publicPrice: 150_000,
    attributes: { material: 'katun' },
    variants: [{ size: 'L', colour: 'Hitam', sku: `KU-${randomBytes(3).toString('hex')}`, stock }]
  });
  await setWorkCreators(ketua, work.id, { creators: [{ memberId: coop.voters[0]!.memberId, shareBp: 10_000 }] });
  await publishWork(ketua, work.id);
  // Transfer is offered only with a bank account (decision 0155).
  const settings = await getOrderSettings(ketua);
  if (settings.bankAccounts.length === 0) await saveOrderSettings(ketua, { ...settings, transferAccount: undefined, bankAccounts: [{ bankName: 'BRI', accountNo: '0123-01-000456-30-1', accountName: 'Koperasi Uji' }] });
  return { workId: work.id, variantId: work.variants[0]!.id };
}

/** An unpaid transfer order placed a day and two hours ago: its one-day payment window has lapsed. */
export async function lapsedOrder(db: Database, coop: GovCoop, item: { workId: string; variantId: string }, quantity: number, i: number): Promise<string> {
  const o = await checkout({ db, clock: at(Date.now() - 26 * 60 * MINUTE), log: silentLog, locale: 'id', actor: null }, coop.slug, {
    lines: [{ workId: item.workId, variantId: item.variantId, quantity }],
    paymentMethod: 'transfer',
    buyer: { name: `Pembeli ${i}`, email: `pembeli${i}@contoh.id` }
  });
  return o.orderId;
}

/** A vote opened two hours ago that closed an hour ago, with the first two voters' ballots. */
export async function voteThatIsDue(coop: GovCoop, title: string): Promise<string> {
  const opened = Date.now() - 120 * MINUTE;
  const d = await proposeDecision(coop.ctx('ketua', at(opened)), { title });
  await openVote(coop.ctx('ketua', at(opened)), d.id, { closesAt: new Date(Date.now() - 60 * MINUTE).toISOString() });
  for (const v of coop.voters.slice(0, 2)) await castBallot(coop.memberCtx(v, at(opened + MINUTE)), d.id, { choice: 'yes' });
  return d.id;
}

/** A vote closing in 12 hours, without ballots: every member is due the 24-hour reminder. */
export async function voteClosingSoon(coop: GovCoop, title: string): Promise<string> {
  const opened = Date.now() - 60 * MINUTE;
  const d = await proposeDecision(coop.ctx('ketua', at(opened)), { title });
  await openVote(coop.ctx('ketua', at(opened)), d.id, { closesAt: new Date(Date.now() + 12 * 60 * MINUTE).toISOString() });
  return d.id;
}

/**
 * An event of one seat, held by an order that gave it back: the seat went as an offer to the
 * first of two on the waitlist ("Hana"), and that offer has lapsed — the order clock must
 * expire it and offer the seat to the second ("Indra").
 */
export async function lapsedOffer(db: Database, coop: GovCoop): Promise<{ workId: string }> {
  const ketua = coop.ctx('ketua');
  const w = await createWork(ketua, {
    productLine: 'agenda',
    title: `Diskusi Buku ${randomBytes(2).toString('hex')}`,
    description: 'Di balai desa.',
    publicPrice: 50_000,
    attributes: { kind: 'workshop' },
    event: { startsAt: '2026-12-20T09:00:00+07:00', venue: 'Balai RW 05', capacity: 1 },
    creators: [{ memberId: coop.voters[0]!.memberId, creditName: 'Sri', shareBp: 10_000 }]
  });
  await publishWork(ketua, w.id);
  const orderId = crypto.randomUUID();
  await withTenant(db, coop.id, (trx) => holdSeats(trx, coop.id, orderId, [{ orderLineId: crypto.randomUUID(), workId: w.id, quantity: 1 }]));
  const guest = { db, clock: { now: () => new Date() }, log: silentLog, locale: 'id' as const, actor: null };
  await joinWaitlist(guest, coop.slug, w.slug, { name: 'Hana', email: 'hana@contoh.id' });
  await joinWaitlist(guest, coop.slug, w.slug, { name: 'Indra', email: 'indra@contoh.id' });
  await withTenant(db, coop.id, (trx) => releaseSeats(trx, coop.id, orderId));
  await db.updateTable('event_registrations').set({ offer_expires_at: new Date(Date.now() - 1000) }).where('work_id', '=', w.id).where('kind', '=', 'offer').execute();
  return { workId: w.id };
}

/** `n` balanced postings by the bendahara, committed and left unsealed (no sealer in this process). */
export async function postings(coop: GovCoop, n: number, prefix: string): Promise<void> {
  const bendahara = coop.ctx('bendahara');
  for (let i = 0; i < n; i++) {
    await postJournalEntry(bendahara, {
      idempotencyKey: `${prefix}-${i}`,
      date: '2026-07-01',
      description: `Penjualan ${i}`,
      lines: [
        { account: 'CASH', debit: 1000 + i },
        { account: 'SALES_NON_MEMBER', credit: 1000 + i }
      ]
    });
  }
}
