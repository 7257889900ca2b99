import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { commissionRate, settingsFrom } from '../orders/model.js';
import { findSettingsRow, returnLimitedUnits, returnStock, takeLimitedUnits, takeStock, worksForCart } from '../orders/store.js';
import { DEFAULT_TRADE_ACCOUNTS, reconcilePair, tradeBooks, tradePaymentLines, tradeRefundLines, mirrored, ZTradeAccountsRequest, ZTradeOrderRequest, type JournalLine, type PairReconciliation, type SideFigures, type TradeAccounts, type TradeWork } from './model.js';
import { asCounterparty, postSide } from './two-books.js';
import { ensureLedger } from '../ledger/store.js';
import { auditIn, findNetwork, iso, isActiveMember, requireCoopPermission } from './support.js';
import { refreshFiguresIn } from './figures.js';

/**
 * Inter-cooperative trade (decision 0171): a member coop orders from another member coop's
 * catalogue at the network price (the work's member price, else its public price) and one
 * operation posts both books. Every write of the counterparty's rows goes through
 * asCounterparty (two-books.ts); every posting through the ledger's postEntry.
 */

export type TradeSideView = {
  tradeId: string;
  tradeNo: string;
  networkId: string;
  side: 'seller' | 'buyer';
  counterpartyCoopId: string;
  counterpartyName: string;
  status: string;
  lines: { workId: string; variantId?: string | null; title: string; quantity: number; unitPrice: number; lineTotal: number }[];
  total: number;
  commission: number;
  orderEntryId: string;
  paymentEntryId: string | null;
  reversalEntryId: string | null;
  createdAt: string;
  paidAt: string | null;
};

type SideRow = {
  coop_id: string;
  trade_id: string;
  network_id: string;
  side: 'seller' | 'buyer';
  counterparty_coop_id: string;
  trade_no: string;
  status: 'ordered' | 'paid' | 'cancelled' | 'refunded';
  lines: TradeSideView['lines'];
  journal: JournalLine[];
  total: number;
  commission: number;
  order_entry_id: string;
  payment_entry_id: string | null;
  reversal_entry_id: string | null;
  created_at: Date;
  paid_at: Date | null;
};

async function accountsFor(trx: Tx, coopId: string, counterparty: string): Promise<TradeAccounts> {
  const row = await trx.selectFrom('network_trade_accounts').selectAll().where('coop_id', '=', coopId).where('counterparty_coop_id', '=', counterparty).executeTakeFirst();
  return row ? { purchase: row.purchase_account, payable: row.payable_account, receivable: row.receivable_account, sales: row.sales_account } : DEFAULT_TRADE_ACCOUNTS;
}

async function findSide(trx: Tx, coopId: string, tradeId: string, lock = false): Promise<SideRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(tradeId)) return undefined;
  let q = trx.selectFrom('network_trade_sides').selectAll().where('coop_id', '=', coopId).where('trade_id', '=', tradeId);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as SideRow | undefined;
}

async function view(trx: Tx, s: SideRow): Promise<TradeSideView> {
  const c = await trx.selectFrom('coops').select('name').where('id', '=', s.counterparty_coop_id).executeTakeFirst();
  return {
    tradeId: s.trade_id,
    tradeNo: s.trade_no,
    networkId: s.network_id,
    side: s.side,
    counterpartyCoopId: s.counterparty_coop_id,
    counterpartyName: c?.name ?? '',
    status: s.status,
    lines: s.lines,
    total: Number(s.total),
    commission: Number(s.commission),
    orderEntryId: s.order_entry_id,
    paymentEntryId: s.payment_entry_id,
    reversalEntryId: s.reversal_entry_id,
    createdAt: iso(s.created_at)!,
    paidAt: iso(s.paid_at)
  };
}

/** The two sides of a trade must agree (status, total); a difference stops the operation, nothing is written. */
function requireAgree(a: SideRow, b: SideRow | undefined): asserts b is SideRow {
  if (!b || a.trade_id !== b.trade_id || Number(a.total) !== Number(b.total) || a.status !== b.status || a.side === b.side) {
    throw new AppError('NETWORK_TRADE_SIDES_DISAGREE', { params: { tradeNo: a.trade_no } });
  }
}

/**
 * The buyer coop orders (ketua or bendahara). Both coops must be active members of the named
 * network (else 403, nothing written). In one transaction: the seller's units are taken by a
 * conditional UPDATE (never oversold under parallel orders), both entries are posted, both side
 * rows written and both audit logs appended. The same idempotency key orders once.
 */
export async function placeTradeOrder(ctx: TenantCtx, input: unknown): Promise<TradeSideView> {
  requireCoopPermission(ctx, 'networks.trade');
  const data = parseInput(ZTradeOrderRequest, input);
  if (data.sellerCoopId === ctx.coopId) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'sellerCoopId', code: 'network_trade_self' }] });
  const network = await findNetwork(ctx.db, data.networkId);
  if (!(await isActiveMember(ctx.db, network.id, ctx.coopId)) || !(await isActiveMember(ctx.db, network.id, data.sellerCoopId))) throw new AppError('NETWORK_TRADE_NOT_IN_NETWORK');
  const buyer = ctx.coopId;
  const seller = data.sellerCoopId;
  const key = data.idempotencyKey ?? null;
  const date = jakartaDate(ctx.clock.now());
  const qty = new Map<string, { workId: string; variantId: string | null; quantity: number }>();
  for (const l of data.lines) {
    const k = `${l.workId}|${l.variantId ?? ''}`;
    qty.set(k, { workId: l.workId, variantId: l.variantId ?? null, quantity: (qty.get(k)?.quantity ?? 0) + l.quantity });
  }
  const out = await withTenant(ctx.db, buyer, async (trx) => {
    if (key) {
      const prior = await trx.selectFrom('network_trade_sides').selectAll().where('coop_id', '=', buyer).where('side', '=', 'buyer').where('idempotency_key', '=', key).executeTakeFirst();
      if (prior) return view(trx, prior as SideRow);
    }
    const buyerAccounts = await accountsFor(trx, buyer, seller);
    const tradeId = randomUUID();
    const tradeNo = `JRG-${date.slice(0, 4)}-${tradeId.slice(0, 8).toUpperCase()}`;
    const sellerPart = await asCounterparty(trx, { coopId: buyer }, seller, { actor: ctx.actor, action: 'network.trade.sell', entityId: tradeId, after: { tradeNo } }, async () => {
      const works = await worksForCart(trx, seller, [...new Set([...qty.values()].map((q) => q.workId))]);
      const variants = await trx.selectFrom('work_variants').select(['id', 'work_id']).where('coop_id', '=', seller).where('work_id', 'in', [...works.keys(), '00000000-0000-0000-0000-000000000000']).execute();
      const settings = settingsFrom(await findSettingsRow(trx, seller));
      const charter = await trx.selectFrom('charters').select('rules').where('coop_id', '=', seller).orderBy('version', 'desc').limit(1).executeTakeFirst();
      const items: TradeWork[] = [];
      for (const { workId, variantId, quantity } of qty.values()) {
        const w = works.get(workId);
        if (!w || w.status !== 'published') throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'lines', code: 'network_trade_work_unknown' }] });
        const own = variants.filter((v) => v.work_id === workId);
        // A work sold in variants (Busana sizes) is ordered by variant: its stock is the variant's.
        if (own.length > 0 !== (variantId !== null) || (variantId !== null && !own.some((v) => v.id === variantId))) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'lines', code: 'network_trade_variant' }] });
        const taken = variantId !== null ? await takeStock(trx, seller, variantId, quantity) : await takeLimitedUnits(trx, seller, workId, quantity);
        if (taken === undefined) throw new AppError('ORDER_OUT_OF_STOCK', { params: { title: w.title } });
        items.push({ workId, title: w.title, unitPrice: w.member_price ?? w.public_price, quantity, commissionBp: commissionRate(charter?.rules ?? null, settings, w.product_line), creators: w.creators });
      }
      const sellerAccounts = await accountsFor(trx, seller, buyer);
      const books = tradeBooks(items, sellerAccounts, buyerAccounts);
      const lines = items.map((i, n) => ({ workId: i.workId, variantId: [...qty.values()][n]!.variantId, title: i.title, quantity: i.quantity, unitPrice: i.unitPrice, lineTotal: i.unitPrice * i.quantity }));
      const entryId = await postSide(trx, seller, ctx.actor, { key: `trade:${tradeId}:order`, date, description: `Penjualan antar-koperasi ${tradeNo}`, tradeId, lines: books.seller });
      await trx
        .insertInto('network_trade_sides')
        .values({
          coop_id: seller, trade_id: tradeId, network_id: network.id, side: 'seller', counterparty_coop_id: buyer, trade_no: tradeNo, status: 'ordered',
          lines: JSON.stringify(lines), journal: JSON.stringify(books.seller), total: books.total, commission: books.split.commission,
          debit_account: sellerAccounts.receivable, credit_account: sellerAccounts.sales, order_entry_id: entryId, ordered_by: ctx.actor.accountId
        })
        .execute();
      return { books, lines };
    });
    const entryId = await postSide(trx, buyer, ctx.actor, { key: `trade:${tradeId}:order`, date, description: `Pembelian antar-koperasi ${tradeNo}`, tradeId, lines: sellerPart.books.buyer });
    await trx
      .insertInto('network_trade_sides')
      .values({
        coop_id: buyer, trade_id: tradeId, network_id: network.id, side: 'buyer', counterparty_coop_id: seller, trade_no: tradeNo, status: 'ordered',
        lines: JSON.stringify(sellerPart.lines), journal: JSON.stringify(sellerPart.books.buyer), total: sellerPart.books.total, commission: 0,
        debit_account: buyerAccounts.purchase, credit_account: buyerAccounts.payable, order_entry_id: entryId, idempotency_key: key, ordered_by: ctx.actor.accountId
      })
      .execute();
    await auditIn(trx, ctx, { action: 'network.trade.buy', entity: 'network_trade', entityId: tradeId, after: { tradeNo, sellerCoopId: seller, total: sellerPart.books.total } });
    return view(trx, (await findSide(trx, buyer, tradeId))!);
  });
  await refreshFiguresIn(ctx.db, [buyer, seller], ctx.clock.now()).catch((err) => ctx.log.warn({ err }, 'network figures refresh after trade failed'));
  return out;
}

/**
 * Payment settles both books in one transaction: the buyer (ketua or bendahara) records that it
 * paid; the buyer's payable and the seller's receivable are cleared against their banks.
 */
export async function payTrade(ctx: TenantCtx, tradeId: string): Promise<TradeSideView> {
  requireCoopPermission(ctx, 'networks.trade');
  const date = jakartaDate(ctx.clock.now());
  const now = ctx.clock.now();
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const own = await findSide(trx, ctx.coopId, tradeId, true);
    if (!own) throw new AppError('NETWORK_TRADE_NOT_FOUND');
    if (own.side !== 'buyer') throw new AppError('FORBIDDEN');
    if (own.status !== 'ordered') throw new AppError('NETWORK_TRADE_STATE', { params: { status: own.status } });
    const buyerAccounts = await accountsFor(trx, ctx.coopId, own.counterparty_coop_id);
    await asCounterparty(trx, { coopId: ctx.coopId }, own.counterparty_coop_id, { actor: ctx.actor, action: 'network.trade.paid', entityId: tradeId }, async () => {
      const theirs = await findSide(trx, own.counterparty_coop_id, tradeId, true);
      requireAgree(own, theirs);
      const sellerAccounts = await accountsFor(trx, own.counterparty_coop_id, ctx.coopId);
      const lines = tradePaymentLines(Number(own.total), sellerAccounts, buyerAccounts);
      const e = await postSide(trx, own.counterparty_coop_id, ctx.actor, { key: `trade:${tradeId}:payment`, date, description: `Pelunasan antar-koperasi ${own.trade_no}`, tradeId, lines: lines.seller });
      await trx.updateTable('network_trade_sides').set({ status: 'paid', paid_at: now, payment_entry_id: e }).where('coop_id', '=', own.counterparty_coop_id).where('trade_id', '=', tradeId).execute();
    });
    const lines = tradePaymentLines(Number(own.total), DEFAULT_TRADE_ACCOUNTS, buyerAccounts);
    const e = await postSide(trx, ctx.coopId, ctx.actor, { key: `trade:${tradeId}:payment`, date, description: `Pembayaran antar-koperasi ${own.trade_no}`, tradeId, lines: lines.buyer });
    await trx.updateTable('network_trade_sides').set({ status: 'paid', paid_at: now, payment_entry_id: e }).where('coop_id', '=', ctx.coopId).where('trade_id', '=', tradeId).execute();
    await auditIn(trx, ctx, { action: 'network.trade.pay', entity: 'network_trade', entityId: tradeId, after: { total: Number(own.total) } });
    return view(trx, (await findSide(trx, ctx.coopId, tradeId))!);
  });
}

/**
 * Cancel (before payment: either side) or refund (after payment: the seller) — mirrored on both
 * sides in one transaction. A cancel posts the exact mirror of each side's order entry; a refund
 * reverses the sale and moves the cash back; the seller's units are returned.
 */
export async function endTrade(ctx: TenantCtx, tradeId: string, action: 'cancel' | 'refund'): Promise<TradeSideView> {
  requireCoopPermission(ctx, 'networks.trade');
  const date = jakartaDate(ctx.clock.now());
  const now = ctx.clock.now();
  const out = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const own = await findSide(trx, ctx.coopId, tradeId, true);
    if (!own) throw new AppError('NETWORK_TRADE_NOT_FOUND');
    if (action === 'cancel' && own.status !== 'ordered') throw new AppError('NETWORK_TRADE_STATE', { params: { status: own.status } });
    if (action === 'refund' && (own.status !== 'paid' || own.side !== 'seller')) throw new AppError(own.status !== 'paid' ? 'NETWORK_TRADE_STATE' : 'FORBIDDEN', { params: { status: own.status } });
    const status = action === 'cancel' ? ('cancelled' as const) : ('refunded' as const);
    const other = own.counterparty_coop_id;
    const theirs = await asCounterparty(trx, { coopId: ctx.coopId }, other, { actor: ctx.actor, action: `network.trade.${action}`, entityId: tradeId }, async () => {
      const t = await findSide(trx, other, tradeId, true);
      requireAgree(own, t);
      return t;
    });
    const seller = own.side === 'seller' ? own : theirs;
    const buyer = own.side === 'buyer' ? own : theirs;
    const refund = tradeRefundLines(Number(own.total), seller.journal, buyer.journal);
    const linesOf = (s: SideRow) => (action === 'cancel' ? mirrored(s.journal) : s.side === 'seller' ? refund.seller : refund.buyer);
    const write = async (s: SideRow) => {
      const e = await postSide(trx, s.coop_id, ctx.actor, { key: `trade:${tradeId}:${action}`, date, description: `${action === 'cancel' ? 'Pembatalan' : 'Pengembalian dana'} antar-koperasi ${s.trade_no}`, tradeId, lines: linesOf(s) });
      await trx.updateTable('network_trade_sides').set({ status, ended_at: now, reversal_entry_id: e }).where('coop_id', '=', s.coop_id).where('trade_id', '=', tradeId).execute();
      if (s.side === 'seller') for (const l of s.lines) await (l.variantId ? returnStock(trx, s.coop_id, l.variantId, l.quantity) : returnLimitedUnits(trx, s.coop_id, l.workId, l.quantity));
    };
    await asCounterparty(trx, { coopId: ctx.coopId }, other, { actor: ctx.actor, action: `network.trade.${action}.posted`, entityId: tradeId }, () => write(theirs));
    await write(own);
    await auditIn(trx, ctx, { action: `network.trade.${action}`, entity: 'network_trade', entityId: tradeId });
    return view(trx, (await findSide(trx, ctx.coopId, tradeId))!);
  });
  await refreshFiguresIn(ctx.db, [ctx.coopId], ctx.clock.now()).catch((err) => ctx.log.warn({ err }, 'network figures refresh after trade failed'));
  return out;
}

export async function listTrades(ctx: TenantCtx): Promise<TradeSideView[]> {
  requireCoopPermission(ctx, 'networks.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = (await trx.selectFrom('network_trade_sides').selectAll().where('coop_id', '=', ctx.coopId).orderBy('created_at', 'desc').limit(200).execute()) as SideRow[];
    const out: TradeSideView[] = [];
    for (const r of rows) out.push(await view(trx, r));
    return out;
  });
}

export async function getTrade(ctx: TenantCtx, tradeId: string): Promise<TradeSideView> {
  requireCoopPermission(ctx, 'networks.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const s = await findSide(trx, ctx.coopId, tradeId);
    if (!s) throw new AppError('NETWORK_TRADE_NOT_FOUND');
    return view(trx, s);
  });
}

/** The coop's account mapping for its trade with one counterparty; each account must exist in its chart. */
export async function setTradeAccounts(ctx: TenantCtx, counterpartyCoopId: string, input: unknown): Promise<TradeAccounts> {
  requireCoopPermission(ctx, 'ledger.manage');
  const data = parseInput(ZTradeAccountsRequest, input);
  if (!/^[0-9a-f-]{36}$/i.test(counterpartyCoopId) || counterpartyCoopId === ctx.coopId) throw new AppError('NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await ensureLedger(trx, ctx.coopId);
    const current = await accountsFor(trx, ctx.coopId, counterpartyCoopId);
    const next: TradeAccounts = { purchase: data.purchaseAccount ?? current.purchase, payable: data.payableAccount ?? current.payable, receivable: data.receivableAccount ?? current.receivable, sales: data.salesAccount ?? current.sales };
    const fields: { field: string; code: string }[] = [];
    for (const [field, ref] of [['purchaseAccount', next.purchase], ['payableAccount', next.payable], ['receivableAccount', next.receivable], ['salesAccount', next.sales]] as const) {
      const hit = await trx.selectFrom('ledger_accounts').select('id').where('coop_id', '=', ctx.coopId).where((eb) => eb.or([eb('code', '=', ref), eb('system_key', '=', ref)])).executeTakeFirst();
      if (!hit) fields.push({ field, code: 'ledger_account_unknown' });
    }
    if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
    await trx
      .insertInto('network_trade_accounts')
      .values({ coop_id: ctx.coopId, counterparty_coop_id: counterpartyCoopId, purchase_account: next.purchase, payable_account: next.payable, receivable_account: next.receivable, sales_account: next.sales, updated_by: ctx.actor.accountId })
      .onConflict((oc) => oc.columns(['coop_id', 'counterparty_coop_id']).doUpdateSet({ purchase_account: next.purchase, payable_account: next.payable, receivable_account: next.receivable, sales_account: next.sales, updated_by: ctx.actor.accountId, updated_at: ctx.clock.now() }))
      .execute();
    await auditIn(trx, ctx, { action: 'network.trade.accounts', entity: 'network_trade_accounts', entityId: counterpartyCoopId, after: next });
    return next;
  });
}

async function sideFigures(trx: Tx, coopId: string, counterparty: string | null): Promise<(SideFigures & { counterparty: string })[]> {
  const { rows } = await sql<{ trade_id: string; trade_no: string; status: string; total: number; counterparty: string; entries: number; posted: number }>`
    SELECT s.trade_id, s.trade_no, s.status, s.total, s.counterparty_coop_id AS counterparty,
           count(e.id)::int AS entries, coalesce(sum(e.total), 0)::bigint AS posted
      FROM network_trade_sides s
      LEFT JOIN journal_entries e ON e.coop_id = s.coop_id AND e.id IN (s.order_entry_id, s.payment_entry_id, s.reversal_entry_id)
     WHERE s.coop_id = ${coopId} AND (${counterparty}::uuid IS NULL OR s.counterparty_coop_id = ${counterparty}::uuid)
     GROUP BY s.trade_id, s.trade_no, s.status, s.total, s.counterparty_coop_id
     ORDER BY s.trade_id`.execute(trx);
  return rows.map((r) => ({ tradeId: r.trade_id, tradeNo: r.trade_no, status: r.status, total: Number(r.total), entries: r.entries, posted: Number(r.posted), counterparty: r.counterparty }));
}

/**
 * Reconciliation, pair by pair: this coop's sides against the mirror sides each counterparty
 * keeps, including what both journals posted. The counterparty's mirror rows are read through
 * asCounterparty (only its sides naming this coop); a difference is named per trade.
 */
export async function reconcileTrades(ctx: TenantCtx): Promise<PairReconciliation[]> {
  requireCoopPermission(ctx, 'networks.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const own = await sideFigures(trx, ctx.coopId, null);
    const pairs = [...new Set(own.map((s) => s.counterparty))].sort();
    const out: PairReconciliation[] = [];
    for (const other of pairs) {
      const theirs = await asCounterparty(trx, { coopId: ctx.coopId }, other, { actor: ctx.actor, action: 'network.trade.reconcile.read', entityId: ctx.coopId }, () => sideFigures(trx, other, ctx.coopId));
      out.push(reconcilePair(other, own.filter((s) => s.counterparty === other), theirs));
    }
    return out;
  });
}
