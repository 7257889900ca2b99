import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, silentLog, type SeededCoop } from '../support/fixtures.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Ctx, TenantCtx } from '../../src/kernel/context.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { createNetwork } from '../../src/networks/create-network.js';
import { answerInvitation, applyToNetwork, inviteCoop, leaveNetwork, listMemberships, nameDelegate } from '../../src/networks/memberships.js';
import { castNetworkBallot, closeNetworkDecision, declareConsensus, getDecision, openVote, proposeDecision, requireDelegate, statePosition } from '../../src/networks/decisions.js';
import { endTrade, payTrade, placeTradeOrder, reconcileTrades, setTradeAccounts } from '../../src/networks/trade.js';
import { networkSharedFigures, setRollupOptIn, setSharing } from '../../src/networks/figures.js';

let t: TestDb;
let a: SeededCoop;
let b: SeededCoop;
let c: SeededCoop;
let outsider: SeededCoop;
let now = new Date('2026-11-23T03:00:00Z');
const clock: Clock = { now: () => now };
const ctxOf = (coop: SeededCoop, role: 'ketua' | 'bendahara' | 'anggota' | 'sekretaris' | 'pengawas'): TenantCtx => coop.ctx(role, clock);
const plain = (tc: TenantCtx): Ctx => ({ db: tc.db, clock: tc.clock, log: silentLog, locale: 'id', actor: tc.actor });
const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'OK', (e: { code?: string }) => e.code ?? String(e));
let networkId = '';
const works = {} as { lukisan: string; album: string };

async function balanceOf(coopId: string): Promise<{ debit: number; credit: number }> {
  const { rows } = await sql<{ d: number; c: number }>`SELECT coalesce(sum(debit),0)::bigint AS d, coalesce(sum(credit),0)::bigint AS c FROM journal_lines WHERE coop_id = ${coopId}`.execute(t.db);
  return { debit: Number(rows[0]!.d), credit: Number(rows[0]!.c) };
}
async function accountBalance(coopId: string, key: string): Promise<number> {
  const { rows } = await sql<{ b: number }>`SELECT coalesce(sum(l.debit - l.credit),0)::bigint AS b FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id WHERE l.coop_id = ${coopId} AND a.system_key = ${key}`.execute(t.db);
  return Number(rows[0]!.b);
}

beforeAll(async () => {
  t = await createTestDb();
  a = await seedCoop(t.db, { slug: 'kop-jaring-a', name: 'Koperasi Jaring A' });
  b = await seedCoop(t.db, { slug: 'kop-jaring-b', name: 'Koperasi Jaring B' });
  c = await seedCoop(t.db, { slug: 'kop-jaring-c', name: 'Koperasi Jaring C' });
  outsider = await seedCoop(t.db, { slug: 'kop-luar', name: 'Koperasi Luar' });
  await t.db.updateTable('coops').set({ province_code: '34', regency_code: '34.71' }).where('id', 'in', [a.id, b.id]).execute();
  // B sells: one original painting (one unit) and an album (no limit), by its members.
  const kb = ctxOf(b, 'ketua');
  const maker = (await addMember(kb, { fullName: 'Nur Aini', gender: 'F', asStatus: 'active' })).id;
  const other = (await addMember(kb, { fullName: 'Andi Saputra', gender: 'M', asStatus: 'active' })).id;
  const publish = async (req: Record<string, unknown>, creators: { memberId: string; shareBp: number }[]) => {
    const w = await createWork(kb, req as never);
    await setWorkCreators(kb, w.id, { creators });
    await publishWork(kb, w.id);
    return w.id;
  };
  works.lukisan = await publish({ productLine: 'rupa', title: 'Lukisan Pasar Kotagede', publicPrice: 1_500_000, attributes: { kind: 'original', medium: 'cat air', widthMm: 400, heightMm: 300 } }, [{ memberId: maker, shareBp: 10000 }]);
  works.album = await publish({ productLine: 'suara', title: 'Album Gamelan Kampung', publicPrice: 100_000, memberPrice: 80_000, attributes: { format: 'album', tracks: [{ title: 'Ladrang', durationSec: 300 }] } }, [{ memberId: maker, shareBp: 6667 }, { memberId: other, shareBp: 3333 }]);
});
afterAll(async () => {
  await t?.drop();
});

describe('a network and its members: consent on both sides', () => {
  it('founds a network in shared mode with the founding coop as its first member and delegate', async () => {
    const n = await createNetwork(ctxOf(a, 'ketua'), { slug: 'kota-koperasi-uji', name: 'Kota Koperasi Uji', kind: 'kota_koperasi', regionCode: '34.71', mode: 'shared', description: 'Jaringan uji', brandColour: 'biru' });
    networkId = n.id;
    expect(n).toMatchObject({ mode: 'shared', kind: 'kota_koperasi', lead_coop_id: null });
    const ms = await listMemberships(plain(ctxOf(a, 'ketua')), n.id);
    expect(ms).toEqual([expect.objectContaining({ coopId: a.id, status: 'active', origin: 'founding' })]);
    await expect(requireDelegate(t.db, n.id, a.id, a.accounts.ketua.id)).resolves.toBeUndefined();
  });

  it('refuses a bad slug, a taken slug, an unknown region and members-weighting outside a koperasi sekunder, writing nothing', async () => {
    const before = await t.db.selectFrom('networks').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(await codeOf(createNetwork(ctxOf(a, 'ketua'), { slug: 'kota-koperasi-uji', name: 'Lagi', kind: 'konsorsium', regionCode: '34', mode: 'shared' }))).toBe('NETWORK_SLUG_TAKEN');
    expect(await codeOf(createNetwork(ctxOf(a, 'ketua'), { slug: 'Ada Spasi', name: 'Lagi', kind: 'konsorsium', regionCode: '34', mode: 'shared' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(createNetwork(ctxOf(a, 'ketua'), { slug: 'wilayah-asing', name: 'Lagi', kind: 'konsorsium', regionCode: '99', mode: 'shared' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(createNetwork(ctxOf(a, 'ketua'), { slug: 'berbobot', name: 'Lagi', kind: 'konsorsium', regionCode: '34', mode: 'shared', weighting: 'members', weightCapBp: 3000 }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(createNetwork(ctxOf(a, 'anggota'), { slug: 'oleh-anggota', name: 'Lagi', kind: 'konsorsium', regionCode: '34', mode: 'shared' }))).toBe('FORBIDDEN');
    const after = await t.db.selectFrom('networks').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('admits an applicant only when the members decide: its own board applied, the members consent by musyawarah', async () => {
    const { membership, decisionId } = await applyToNetwork(ctxOf(b, 'ketua'), networkId);
    expect(membership).toMatchObject({ status: 'pending', origin: 'application' });
    expect(membership.coopConsentAt).not.toBeNull();
    // Only a member coop's delegate takes part: B (not yet a member) cannot state a position.
    expect(await codeOf(statePosition(plain(ctxOf(b, 'ketua')), networkId, decisionId, { coopId: b.id, stance: 'agree' }))).toBe('NETWORK_NOT_MEMBER');
    await statePosition(plain(ctxOf(a, 'ketua')), networkId, decisionId, { coopId: a.id, stance: 'agree' });
    const d = await declareConsensus(plain(ctxOf(a, 'ketua')), networkId, decisionId, { coopId: a.id });
    expect(d).toMatchObject({ status: 'closed', outcome: 'consensus' });
    expect((d.result as { effect: unknown }).effect).toEqual({ membership: 'active' });
    expect((await listMemberships(plain(ctxOf(a, 'ketua')), networkId)).find((m) => m.coopId === b.id)).toMatchObject({ status: 'active', networkDecisionId: decisionId });
    await nameDelegate(ctxOf(b, 'ketua'), networkId, { accountId: b.accounts.ketua.id });
  });

  it('never adds an invited coop without its own consent, and the coop may decline', async () => {
    const { decisionId } = await inviteCoop(plain(ctxOf(a, 'ketua')), networkId, { coopId: a.id, invitedCoopSlug: c.slug }, (coopId) => requireDelegate(t.db, networkId, coopId, a.accounts.ketua.id));
    await statePosition(plain(ctxOf(a, 'ketua')), networkId, decisionId, { coopId: a.id, stance: 'agree' });
    await statePosition(plain(ctxOf(b, 'ketua')), networkId, decisionId, { coopId: b.id, stance: 'agree' });
    const d = await declareConsensus(plain(ctxOf(a, 'ketua')), networkId, decisionId, { coopId: a.id });
    expect((d.result as { effect: unknown }).effect).toEqual({ membership: 'awaiting_coop_consent' });
    // The network said yes; C is still not a member until its board accepts.
    expect((await listMemberships(plain(ctxOf(a, 'ketua')), networkId)).find((m) => m.coopId === c.id)).toMatchObject({ status: 'pending' });
    // Someone without a board role in C cannot consent for it.
    expect(await codeOf(answerInvitation(ctxOf(c, 'anggota'), networkId, true))).toBe('FORBIDDEN');
    expect(await answerInvitation(ctxOf(c, 'ketua'), networkId, true)).toMatchObject({ status: 'active' });
    await nameDelegate(ctxOf(c, 'ketua'), networkId, { accountId: c.accounts.sekretaris.id });
  });

  it('lets a coop leave freely and keeps the history; it may apply again as a new period', async () => {
    const out = await leaveNetwork(ctxOf(c, 'ketua'), networkId, { reason: 'Fokus ke pasar desa' });
    expect(out).toMatchObject({ status: 'left', leftReason: 'Fokus ke pasar desa' });
    await expect(requireDelegate(t.db, networkId, c.id, c.accounts.sekretaris.id)).rejects.toMatchObject({ code: 'NETWORK_NOT_DELEGATE' });
    const again = await applyToNetwork(ctxOf(c, 'ketua'), networkId);
    const rows = (await listMemberships(plain(ctxOf(a, 'ketua')), networkId)).filter((m) => m.coopId === c.id);
    expect(rows.map((r) => r.status)).toEqual(['left', 'pending']);
    // The members refuse this time by vote.
    await openVote(plain(ctxOf(a, 'ketua')), networkId, again.decisionId, { coopId: a.id, closesAt: new Date(now.getTime() + 86_400_000).toISOString() });
    await castNetworkBallot(plain(ctxOf(a, 'ketua')), networkId, again.decisionId, { coopId: a.id, choice: 'no' });
    await castNetworkBallot(plain(ctxOf(b, 'ketua')), networkId, again.decisionId, { coopId: b.id, choice: 'no' });
    const d = await closeNetworkDecision(plain(ctxOf(a, 'ketua')), networkId, again.decisionId, { coopId: a.id });
    expect(d).toMatchObject({ outcome: 'rejected' });
    expect((await listMemberships(plain(ctxOf(a, 'ketua')), networkId)).filter((m) => m.coopId === c.id).map((r) => r.status)).toEqual(['left', 'refused']);
  });
});

describe('network decisions: one coop, one ballot, cast by its delegates', () => {
  let decisionId = '';
  it('refuses a delegate of A voting for B, and a coop outside the electorate', async () => {
    const d = await proposeDecision(plain(ctxOf(a, 'ketua')), networkId, { coopId: a.id, kind: 'budget', title: 'Anggaran festival kota 2027', amount: 25_000_000 });
    expect(d).toMatchObject({ status: 'discussion', decidedBy: 'members' });
    decisionId = d.id;
    await statePosition(plain(ctxOf(b, 'ketua')), networkId, d.id, { coopId: b.id, stance: 'disagree', reason: 'Terlalu besar' });
    expect(await codeOf(declareConsensus(plain(ctxOf(a, 'ketua')), networkId, d.id, { coopId: a.id }))).toBe('NETWORK_NO_CONSENSUS');
    await openVote(plain(ctxOf(a, 'ketua')), networkId, d.id, { coopId: a.id, closesAt: new Date(now.getTime() + 86_400_000).toISOString() });
    expect(await codeOf(castNetworkBallot(plain(ctxOf(a, 'ketua')), networkId, d.id, { coopId: b.id, choice: 'yes' }))).toBe('NETWORK_NOT_DELEGATE');
    expect(await codeOf(castNetworkBallot(plain(ctxOf(c, 'ketua')), networkId, d.id, { coopId: c.id, choice: 'yes' }))).toBe('NETWORK_NOT_ELIGIBLE');
    expect(await t.db.selectFrom('network_ballots').selectAll().where('decision_id', '=', d.id).execute()).toEqual([]);
  });

  it('counts one ballot when ten delegates of one coop vote at once', async () => {
    const delegates: string[] = [];
    for (let i = 0; i < 10; i++) {
      const acc = await createAccount(t.db, { name: `Utusan ${i}`, email: `utusan${i}.a@contoh.id`, password: 'rahasia-koperasi-1' });
      await t.db.insertInto('coop_users').values({ coop_id: a.id, account_id: acc.id, roles: ['anggota'] }).execute();
      await nameDelegate(ctxOf(a, 'ketua'), networkId, { accountId: acc.id });
      delegates.push(acc.id);
    }
    const asDelegate = (id: string): Ctx => ({ db: t.db, clock, log: silentLog, locale: 'id', actor: { accountId: id, name: 'Utusan', isPlatformAdmin: false, via: 'session' } });
    const results = await Promise.all(delegates.map((id, i) => codeOf(castNetworkBallot(asDelegate(id), networkId, decisionId, { coopId: a.id, choice: i % 2 ? 'yes' : 'no' }))));
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r === 'NETWORK_ALREADY_VOTED')).toHaveLength(9);
    const rows = await t.db.selectFrom('network_ballots').selectAll().where('decision_id', '=', decisionId).where('coop_id', '=', a.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('closes when every coop has voted, storing the rule and inputs', async () => {
    await castNetworkBallot(plain(ctxOf(b, 'ketua')), networkId, decisionId, { coopId: b.id, choice: 'yes' });
    const d = await closeNetworkDecision(plain(ctxOf(b, 'ketua')), networkId, decisionId, { coopId: b.id });
    expect(d.status).toBe('closed');
    expect(d.result).toMatchObject({ rule: { basis: 'coops', weighting: 'one_coop_one_vote' }, inputs: { electorate: 2, ballots: 2 } });
    expect(d.ballots).toHaveLength(2);
  });

  it('lets a steward of an NAO network decide operational matters but not strategic ones alone', async () => {
    const n = await createNetwork(ctxOf(b, 'ketua'), { slug: 'konsorsium-nao', name: 'Konsorsium NAO', kind: 'konsorsium', regionCode: '34', mode: 'nao' });
    const op = await proposeDecision(plain(ctxOf(b, 'ketua')), n.id, { kind: 'operational', title: 'Jadwal pameran bersama' });
    expect(op).toMatchObject({ status: 'closed', outcome: 'passed', decidedBy: 'administration' });
    const strat = await proposeDecision(plain(ctxOf(b, 'ketua')), n.id, { kind: 'mode_change', title: 'Menjadi jaringan bersama', mode: 'shared' });
    expect(strat).toMatchObject({ status: 'discussion', decidedBy: 'members' });
    // A member coop's delegate cannot take an operational decision in NAO mode.
    expect(await codeOf(proposeDecision(plain(ctxOf(b, 'ketua')), n.id, { coopId: b.id, kind: 'operational', title: 'Langsung saja' }))).toBe('NETWORK_MAY_NOT_PROPOSE');
  });
});

describe('inter-coop trade: both books in one transaction', () => {
  it('refuses trade with a coop outside the network, and with itself, writing nothing', async () => {
    const before = await t.db.selectFrom('journal_entries').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(await codeOf(placeTradeOrder(ctxOf(outsider, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.album, quantity: 1 }] }))).toBe('NETWORK_TRADE_NOT_IN_NETWORK');
    expect(await codeOf(placeTradeOrder(ctxOf(c, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.album, quantity: 1 }] }))).toBe('NETWORK_TRADE_NOT_IN_NETWORK');
    expect(await codeOf(placeTradeOrder(ctxOf(b, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.album, quantity: 1 }] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(placeTradeOrder(ctxOf(a, 'anggota'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.album, quantity: 1 }] }))).toBe('FORBIDDEN');
    const after = await t.db.selectFrom('journal_entries').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('posts the sale in the seller’s books and the purchase in the buyer’s, with the per-pair mapping; payment settles both', async () => {
    await setTradeAccounts(ctxOf(a, 'bendahara'), b.id, { purchaseAccount: 'GENERAL_EXPENSES' });
    const order = await placeTradeOrder(ctxOf(a, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.album, quantity: 3 }], idempotencyKey: 'uji-album-3-kali' });
    expect(order).toMatchObject({ side: 'buyer', status: 'ordered', total: 240_000 });
    const again = await placeTradeOrder(ctxOf(a, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.album, quantity: 3 }], idempotencyKey: 'uji-album-3-kali' });
    expect(again.tradeId).toBe(order.tradeId);
    expect(await accountBalance(a.id, 'GENERAL_EXPENSES')).toBe(240_000);
    expect(await accountBalance(a.id, 'PAYABLE')).toBe(-240_000);
    expect(await accountBalance(b.id, 'RECEIVABLE')).toBe(240_000);
    // Creators' shares as in any sale: 240,000 − commission, split 2:1 exactly.
    const producers = -(await accountBalance(b.id, 'PAYABLE_TO_PRODUCERS'));
    const sales = -(await accountBalance(b.id, 'SALES_NON_MEMBER'));
    expect(producers + sales).toBe(240_000);
    expect(sales).toBeGreaterThan(0);
    const entries = await t.db.selectFrom('journal_entries').select(['coop_id', 'source']).where('source_ref', '=', order.tradeId).execute();
    expect(entries.map((e) => e.coop_id).sort()).toEqual([a.id, b.id].sort());
    await payTrade(ctxOf(a, 'bendahara'), order.tradeId);
    expect(await accountBalance(a.id, 'PAYABLE')).toBe(0);
    expect(await accountBalance(b.id, 'RECEIVABLE')).toBe(0);
    expect(await accountBalance(a.id, 'BANK')).toBe(-240_000);
    expect(await accountBalance(b.id, 'BANK')).toBe(240_000);
    for (const coop of [a, b]) {
      const bal = await balanceOf(coop.id);
      expect(bal.debit).toBe(bal.credit);
    }
    const rec = await reconcileTrades(ctxOf(a, 'bendahara'));
    expect(rec).toEqual([expect.objectContaining({ counterpartyCoopId: b.id, agree: true, differences: [] })]);
    expect(await codeOf(payTrade(ctxOf(a, 'bendahara'), order.tradeId))).toBe('NETWORK_TRADE_STATE');
    // The seller's audit log names the trade, written by the buyer's action.
    const audit = await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', b.id).where('entity_id', '=', order.tradeId).execute();
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['network.trade.sell', 'network.trade.paid']));
  });

  it('mirrors a refund on both sides and the reconciliation still agrees', async () => {
    const order = await placeTradeOrder(ctxOf(a, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.album, quantity: 1 }] });
    await payTrade(ctxOf(a, 'bendahara'), order.tradeId);
    expect(await codeOf(endTrade(ctxOf(a, 'bendahara'), order.tradeId, 'refund'))).toBe('FORBIDDEN');
    const sellerSide = await endTrade(ctxOf(b, 'bendahara'), order.tradeId, 'refund');
    expect(sellerSide).toMatchObject({ side: 'seller', status: 'refunded' });
    const sides = await t.db.selectFrom('network_trade_sides').select(['coop_id', 'status']).where('trade_id', '=', order.tradeId).execute();
    expect(sides.map((s) => s.status)).toEqual(['refunded', 'refunded']);
    const rec = await reconcileTrades(ctxOf(b, 'bendahara'));
    expect(rec.every((p) => p.agree)).toBe(true);
  });

  it('never oversells the last unit to parallel orders, and both books always balance', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => codeOf(placeTradeOrder(ctxOf(a, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.lukisan, quantity: 1 }], idempotencyKey: `lukisan-${i}-xxxx` }))));
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r === 'ORDER_OUT_OF_STOCK')).toHaveLength(5);
    const sides = await t.db.selectFrom('network_trade_sides').select(['coop_id', 'trade_id']).where('lines', '@>', JSON.stringify([{ workId: works.lukisan }]) as never).execute();
    expect(sides).toHaveLength(2);
    for (const coop of [a, b]) {
      const bal = await balanceOf(coop.id);
      expect(bal.debit).toBe(bal.credit);
    }
    // Cancel before payment: mirrored on both sides, the unit is for sale again.
    const tradeId = sides[0]!.trade_id;
    await endTrade(ctxOf(a, 'bendahara'), tradeId, 'cancel');
    expect(await accountBalance(b.id, 'RECEIVABLE')).toBe(0);
    expect(await codeOf(placeTradeOrder(ctxOf(a, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.lukisan, quantity: 1 }] }))).toBe('OK');
  });

  it('names a difference when one side was changed behind the books', async () => {
    const order = await placeTradeOrder(ctxOf(a, 'bendahara'), { networkId, sellerCoopId: b.id, lines: [{ workId: works.album, quantity: 2 }] });
    await t.db.updateTable('network_trade_sides').set({ total: 1 }).where('coop_id', '=', b.id).where('trade_id', '=', order.tradeId).execute();
    const rec = await reconcileTrades(ctxOf(a, 'bendahara'));
    const pair = rec.find((p) => p.counterpartyCoopId === b.id)!;
    expect(pair.agree).toBe(false);
    expect(pair.differences).toEqual([expect.objectContaining({ tradeId: order.tradeId, issue: 'total_differs', own: 160_000, theirs: 1 })]);
    // Paying a trade whose two sides disagree is refused and changes nothing.
    expect(await codeOf(payTrade(ctxOf(a, 'bendahara'), order.tradeId))).toBe('NETWORK_TRADE_SIDES_DISAGREE');
    expect((await t.db.selectFrom('network_trade_sides').select('status').where('trade_id', '=', order.tradeId).execute()).map((s) => s.status)).toEqual(['ordered', 'ordered']);
  });
});

describe('sharing by consent', () => {
  it('shows a network only the figures a coop chose, and counts opted-in coops in the roll-ups', async () => {
    expect((await networkSharedFigures(plain(ctxOf(a, 'ketua')), networkId)).perCoop).toEqual([]);
    await setSharing(ctxOf(b, 'ketua'), networkId, { figures: ['members', 'trade'] });
    const seen = await networkSharedFigures(plain(ctxOf(a, 'ketua')), networkId);
    expect(seen.perCoop).toHaveLength(1);
    expect(Object.keys(seen.perCoop[0]!.figures).sort()).toEqual(['members', 'trade']);
    expect(seen.perCoop[0]!.figures.members).toBe(2);
    expect(await codeOf(setSharing(ctxOf(outsider, 'ketua'), networkId, { figures: ['members'] }))).toBe('NETWORK_NOT_MEMBER');
    await setRollupOptIn(ctxOf(b, 'ketua'), { optIn: true });
    await setRollupOptIn(ctxOf(a, 'ketua'), { optIn: true });
    const rows = await t.db.selectFrom('region_rollups').selectAll().where('year', '=', 2026).orderBy('level').execute();
    expect(rows.map((r) => [r.level, r.region_code, r.coops, Number(r.members)])).toEqual([
      ['instance', '', 2, 2],
      ['province', '34', 2, 2],
      ['regency', '34.71', 2, 2]
    ]);
    await setRollupOptIn(ctxOf(a, 'ketua'), { optIn: false });
    const inst = await t.db.selectFrom('region_rollups').selectAll().where('level', '=', 'instance').where('year', '=', 2026).executeTakeFirstOrThrow();
    expect(inst.coops).toBe(1);
  });
});
