import { z } from 'zod';
import { decideOutcome, consensusReached, countPositions, RULE_VERSION, type Tally } from '../governance/model.js';
import type { Stance } from '../governance/model.js';
import { lineCommission, splitOrder, type Split } from '../orders/model.js';
import type { GovernanceMode, NetworkDecisionKind, NetworkKind, NetworkOutcome, Weighting } from './tables.js';

export type { GovernanceMode, NetworkDecisionKind, NetworkKind, NetworkOutcome, Weighting };

/**
 * Networks of cooperatives, pure: what each governance mode allows, the weight of a coop's
 * ballot, the count of a network decision (on the governance engine's own rules), and the two
 * books of an inter-coop trade. No clock, no database.
 */

export const NETWORK_KINDS = ['kota_koperasi', 'konsorsium', 'federasi_sektoral', 'koperasi_sekunder'] as const satisfies readonly NetworkKind[];
export const GOVERNANCE_MODES = ['shared', 'lead', 'nao'] as const satisfies readonly GovernanceMode[];
export const DECISION_KINDS = ['general', 'budget', 'admission', 'mode_change', 'lead_change', 'operational'] as const satisfies readonly NetworkDecisionKind[];
export const BRAND_COLOURS = ['hijau', 'biru', 'merah', 'kuning', 'ungu', 'coklat'] as const;

/* ------------------------------------------------------------------ governance modes */

/** Strategic matters go to all member coops in every mode; only operational matters differ. */
export function isStrategic(kind: NetworkDecisionKind): boolean {
  return kind !== 'operational';
}

/** Who is asking: a delegate of a member coop (and whether that coop leads), or a steward of the administrative team. */
export type Proposer = { kind: 'delegate'; coopId: string; isLead: boolean } | { kind: 'steward' };

/**
 * Who may propose what, by mode (issue 19 item 1):
 * - shared: any member coop's delegate proposes anything; stewards nothing.
 * - lead: any member's delegate proposes strategic matters; operational ones only the lead's.
 * - nao: the administrative team proposes operational matters and may put strategic ones to the
 *   members; any member's delegate proposes strategic matters.
 */
export function mayPropose(mode: GovernanceMode, kind: NetworkDecisionKind, who: Proposer): boolean {
  const strategic = isStrategic(kind);
  if (who.kind === 'steward') return mode === 'nao';
  if (mode === 'shared') return true;
  if (mode === 'lead') return strategic || who.isLead;
  return strategic;
}

/**
 * How a decision is taken: by the member coops' vote (musyawarah first), or — an operational
 * matter in lead or NAO mode — by the one who runs operations, recorded as taken.
 */
export function decidedBy(mode: GovernanceMode, kind: NetworkDecisionKind): 'members' | 'lead' | 'administration' {
  if (isStrategic(kind) || mode === 'shared') return 'members';
  return mode === 'lead' ? 'lead' : 'administration';
}

/* ------------------------------------------------------------------ weights and the count */

/** A coop's raw weight: 1, or (weighting by members) its active members, at least 1. */
export function rawWeight(weighting: Weighting, activeMembers: number): number {
  return weighting === 'members' ? Math.max(1, activeMembers) : 1;
}

/**
 * Cap each weight at capBp of the total raw weight (UU 25/1992 lets a secondary coop weigh
 * votes, within limits): floor(capBp × total / 10000), never below 1. One coop one vote when
 * capBp is null.
 */
export function cappedWeights(weights: readonly number[], capBp: number | null): number[] {
  if (capBp === null) return weights.map(() => 1);
  const total = weights.reduce((s, w) => s + w, 0);
  const cap = Math.max(1, Math.floor((capBp * total) / 10_000));
  return weights.map((w) => Math.min(w, cap));
}

export type CoopBallot = { coopId: string; choice: 'yes' | 'no' | 'abstain'; weight: number };
export type ElectorateEntry = { coopId: string };

export type NetworkCount = {
  outcome: NetworkOutcome;
  rule: { version: string; quorumBp: number; thresholdBp: number; weighting: Weighting; capBp: number | null; basis: 'coops' };
  inputs: { electorate: number; ballots: number; weights: Record<string, number> };
  tally: Tally;
  quorumRequired: number;
  yesNeeded: number | null;
};

/**
 * The count of a network vote, on the governance engine's rules (decideOutcome): the quorum
 * counts coops that cast a ballot (one ballot per coop) against the frozen electorate; the
 * majority compares the weights of yes and no (each 1 under one coop one vote). Ballots of
 * coops outside the electorate are ignored.
 */
export function countNetworkVote(
  rule: { quorumBp: number; thresholdBp: number; weighting: Weighting; capBp: number | null },
  electorate: readonly ElectorateEntry[],
  ballots: readonly CoopBallot[]
): NetworkCount {
  const inElectorate = new Set(electorate.map((e) => e.coopId));
  const counted = ballots.filter((b) => inElectorate.has(b.coopId));
  const weights = cappedWeights(counted.map((b) => b.weight), rule.weighting === 'members' ? rule.capBp : null);
  const t = { method: 'yes_no' as const, ballots: counted.length, yes: 0, no: 0, abstain: 0 };
  counted.forEach((b, i) => {
    t[b.choice] += weights[i]!;
  });
  const result = decideOutcome(
    { method: 'yes_no', quorum: { kind: 'percent', bp: rule.quorumBp }, thresholdBp: rule.thresholdBp, seats: 1, eligible: electorate.length, basis: 'ballots' },
    t
  );
  const outcome: NetworkOutcome = result.outcome === 'passed' ? 'passed' : result.outcome === 'no_quorum' ? 'no_quorum' : 'rejected';
  return {
    outcome,
    rule: { version: `${RULE_VERSION}+network-1`, quorumBp: rule.quorumBp, thresholdBp: rule.thresholdBp, weighting: rule.weighting, capBp: rule.capBp, basis: 'coops' },
    inputs: { electorate: electorate.length, ballots: counted.length, weights: Object.fromEntries(counted.map((b, i) => [b.coopId, weights[i]!])) },
    tally: t,
    quorumRequired: result.quorumRequired,
    yesNeeded: result.yesNeeded
  };
}

/** Mufakat among coops: every stance counts once per coop; the governance engine's rule decides. */
export function networkConsensus(stances: readonly Stance[]): { reached: boolean; counts: ReturnType<typeof countPositions> } {
  const counts = countPositions(stances);
  return { reached: consensusReached(counts), counts };
}

/* ------------------------------------------------------------------ the two books of a trade */

export type TradeWork = { workId: string; title: string; unitPrice: number; quantity: number; commissionBp: number; creators: readonly { memberId: string; shareBp: number }[] };
export type TradeAccounts = { purchase: string; payable: string; receivable: string; sales: string };
export const DEFAULT_TRADE_ACCOUNTS: TradeAccounts = { purchase: 'INVENTORY', payable: 'PAYABLE', receivable: 'RECEIVABLE', sales: 'SALES_NON_MEMBER' };

export type JournalLine = { account: string; debit?: number; credit?: number; memberId?: string; memo?: string };

export type TradeBooks = {
  total: number;
  split: Split;
  seller: JournalLine[];
  buyer: JournalLine[];
};

/**
 * Both books of an order between two coops, from the seller's catalogue prices. The seller:
 * Dr receivable (the total); Cr each creator's share to the producers' payable (as any sale,
 * split by largest remainder), Cr its sales account the commission. The buyer: Dr its purchase
 * account (stock or expense), Cr its payable, the same total. Σ seller debits = Σ buyer debits.
 */
export function tradeBooks(works: readonly TradeWork[], seller: TradeAccounts, buyer: TradeAccounts): TradeBooks {
  const lines = works.map((w) => ({ lineTotal: w.unitPrice * w.quantity, commission: lineCommission(w.unitPrice, w.quantity, w.commissionBp), ppn: 0, creators: w.creators }));
  const split = splitOrder(lines, 0);
  const total = split.amount;
  const sellerLines: JournalLine[] = [{ account: seller.receivable, debit: total, memo: 'Piutang antar-koperasi' }];
  for (const p of split.producers) if (p.amount > 0) sellerLines.push({ account: 'PAYABLE_TO_PRODUCERS', credit: p.amount, memberId: p.memberId });
  if (split.commission > 0) sellerLines.push({ account: seller.sales, credit: split.commission });
  const buyerLines: JournalLine[] = [
    { account: buyer.purchase, debit: total, memo: 'Pembelian antar-koperasi' },
    { account: buyer.payable, credit: total, memo: 'Utang antar-koperasi' }
  ];
  return { total, split, seller: sellerLines, buyer: buyerLines };
}

/** Payment settles both: the seller Dr Bank / Cr receivable; the buyer Dr payable / Cr Bank. */
export function tradePaymentLines(total: number, seller: TradeAccounts, buyer: TradeAccounts): { seller: JournalLine[]; buyer: JournalLine[] } {
  return {
    seller: [{ account: 'BANK', debit: total }, { account: seller.receivable, credit: total }],
    buyer: [{ account: buyer.payable, debit: total }, { account: 'BANK', credit: total }]
  };
}

/** The mirror of a line set: every debit becomes a credit and back (a cancel or a full refund). */
export function mirrored(lines: readonly JournalLine[]): JournalLine[] {
  return lines.map((l) => ({ ...l, ...(l.debit !== undefined ? { debit: undefined, credit: l.debit } : { credit: undefined, debit: l.credit }) })).map((l) => {
    const out: JournalLine = { account: l.account };
    if (l.debit !== undefined) out.debit = l.debit;
    if (l.credit !== undefined) out.credit = l.credit;
    if (l.memberId !== undefined) out.memberId = l.memberId;
    if (l.memo !== undefined) out.memo = l.memo;
    return out;
  });
}

/**
 * A full refund after payment, on both sides, from the lines of each side's order entry: the
 * seller reverses the sale and pays the cash back (Dr producers' shares and sales, Cr Bank); the
 * buyer takes the cash back and removes the purchase (Dr Bank, Cr its purchase account).
 */
export function tradeRefundLines(total: number, sellerOrder: readonly JournalLine[], buyerOrder: readonly JournalLine[]): { seller: JournalLine[]; buyer: JournalLine[] } {
  const seller = mirrored(sellerOrder.filter((l) => l.debit === undefined));
  seller.push({ account: 'BANK', credit: total });
  const buyer: JournalLine[] = [{ account: 'BANK', debit: total }, ...mirrored(buyerOrder.filter((l) => l.credit === undefined))];
  return { seller, buyer };
}

/* ------------------------------------------------------------------ reconciliation */

export type SideFigures = { tradeId: string; tradeNo: string; status: string; total: number; entries: number; posted: number };
export type PairReconciliation = {
  counterpartyCoopId: string;
  ownTotal: number;
  theirTotal: number;
  agree: boolean;
  differences: { tradeId: string; tradeNo: string; issue: 'missing_mirror' | 'status_differs' | 'total_differs' | 'posting_differs'; own: string | number | null; theirs: string | number | null }[];
};

/**
 * Compare one coop's sides with the mirror sides the counterparty keeps (by trade id): both
 * must exist, carry the same status and total, and have posted the same amount in their own
 * journal (`posted`: Σ debits of the side's entries). Names every difference.
 */
export function reconcilePair(counterpartyCoopId: string, own: readonly SideFigures[], theirs: readonly SideFigures[]): PairReconciliation {
  const byId = new Map(theirs.map((s) => [s.tradeId, s]));
  const differences: PairReconciliation['differences'] = [];
  for (const s of own) {
    const m = byId.get(s.tradeId);
    byId.delete(s.tradeId);
    if (!m) {
      differences.push({ tradeId: s.tradeId, tradeNo: s.tradeNo, issue: 'missing_mirror', own: s.total, theirs: null });
      continue;
    }
    if (m.status !== s.status) differences.push({ tradeId: s.tradeId, tradeNo: s.tradeNo, issue: 'status_differs', own: s.status, theirs: m.status });
    if (m.total !== s.total) differences.push({ tradeId: s.tradeId, tradeNo: s.tradeNo, issue: 'total_differs', own: s.total, theirs: m.total });
    if (m.posted !== s.posted) differences.push({ tradeId: s.tradeId, tradeNo: s.tradeNo, issue: 'posting_differs', own: s.posted, theirs: m.posted });
  }
  for (const m of byId.values()) differences.push({ tradeId: m.tradeId, tradeNo: m.tradeNo, issue: 'missing_mirror', own: null, theirs: m.total });
  const open = (xs: readonly SideFigures[]) => xs.filter((s) => s.status === 'ordered' || s.status === 'paid').reduce((a, s) => a + s.total, 0);
  return { counterpartyCoopId, ownTotal: open(own), theirTotal: open(theirs), agree: differences.length === 0, differences };
}

/* ------------------------------------------------------------------ sharing and roll-ups */

export const SHAREABLE_FIGURES = ['members', 'women', 'youth', 'capital', 'turnover', 'shu', 'trade', 'rat_on_time'] as const;
export type ShareableFigure = (typeof SHAREABLE_FIGURES)[number];
export type CoopFigures = Record<ShareableFigure, number>;

/** Only the figures a coop chose: every other key is absent, not zero. */
export function sharedValues(figures: CoopFigures, chosen: readonly ShareableFigure[]): Partial<CoopFigures> {
  const out: Partial<CoopFigures> = {};
  for (const k of chosen) out[k] = figures[k];
  return out;
}

/** What a coop's new figures add to each roll-up row it counts in: (new − old), with coops ±1 on opting in or out. */
export function rollupDelta(before: (CoopFigures & { optIn: boolean }) | null, after: CoopFigures & { optIn: boolean }): (CoopFigures & { coops: number }) | null {
  const zero: CoopFigures = { members: 0, women: 0, youth: 0, capital: 0, turnover: 0, shu: 0, trade: 0, rat_on_time: 0 };
  const b = before && before.optIn ? before : zero;
  const a = after.optIn ? after : zero;
  const d = { coops: (after.optIn ? 1 : 0) - (before?.optIn ? 1 : 0) } as CoopFigures & { coops: number };
  let any = d.coops !== 0;
  for (const k of SHAREABLE_FIGURES) {
    d[k] = a[k] - b[k];
    if (d[k] !== 0) any = true;
  }
  return any ? d : null;
}

/** A regency code's province (34.71 → 34). */
export function provinceOf(code: string | null | undefined): string | null {
  if (!code) return null;
  return code.slice(0, 2);
}

/* ------------------------------------------------------------------ requests */

const ZText = (min: number, max: number) => z.string().trim().min(min).max(max);
const ZOptText = (max: number) => z.string().trim().max(max).optional();

export const ZCreateNetworkRequest = z
  .object({
    slug: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'network_slug_invalid'),
    name: ZText(3, 200),
    kind: z.enum(NETWORK_KINDS),
    regionCode: z.string().trim().regex(/^[0-9]{2}(\.[0-9]{2})?$/, 'network_region_invalid'),
    description: ZOptText(5000),
    brandStory: ZOptText(10000),
    brandLogoUrl: z.string().trim().max(500).regex(/^https:\/\//, 'network_logo_https').optional(),
    brandColour: z.enum(BRAND_COLOURS).optional(),
    mode: z.enum(GOVERNANCE_MODES),
    weighting: z.enum(['one_coop_one_vote', 'members']).default('one_coop_one_vote'),
    weightCapBp: z.number().int().min(1000).max(10000).optional(),
    quorumBp: z.number().int().min(1).max(10000).optional(),
    thresholdBp: z.number().int().min(5000).max(9999).optional()
  })
  .superRefine((v, ctx) => {
    if (v.weighting === 'members' && v.kind !== 'koperasi_sekunder') ctx.addIssue({ code: 'custom', path: ['weighting'], message: 'network_weighting_secondary_only' });
    if (v.weighting === 'members' && v.weightCapBp === undefined) ctx.addIssue({ code: 'custom', path: ['weightCapBp'], message: 'required' });
  });
export type CreateNetworkRequest = z.input<typeof ZCreateNetworkRequest>;

export const ZProposeRequest = z
  .object({
    coopId: z.uuid().optional(),
    kind: z.enum(DECISION_KINDS),
    title: ZText(3, 200),
    body: ZOptText(20000),
    mode: z.enum(GOVERNANCE_MODES).optional(),
    leadCoopId: z.uuid().optional(),
    amount: z.number().int().min(0).max(1_000_000_000_000).optional()
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'mode_change' && !v.mode) ctx.addIssue({ code: 'custom', path: ['mode'], message: 'required' });
    if (((v.kind === 'mode_change' && v.mode === 'lead') || v.kind === 'lead_change') && !v.leadCoopId) ctx.addIssue({ code: 'custom', path: ['leadCoopId'], message: 'required' });
    if (v.kind === 'budget' && v.amount === undefined) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'required' });
    if (v.kind === 'admission') ctx.addIssue({ code: 'custom', path: ['kind'], message: 'network_admission_by_application' });
  });

export const ZBallotRequest = z.object({ coopId: z.uuid(), choice: z.enum(['yes', 'no', 'abstain']) });
export const ZPositionRequest = z
  .object({ coopId: z.uuid(), stance: z.enum(['agree', 'abstain', 'disagree', 'block']), reason: ZOptText(2000) })
  .refine((v) => v.stance !== 'block' || (v.reason ?? '').length >= 3, { path: ['reason'], message: 'network_block_reason' });
export const ZOpenVoteRequest = z.object({ closesAt: z.iso.datetime({ offset: true }) });
export const ZDelegateRequest = z.object({ accountId: z.uuid() });
export const ZTradeLine = z.object({ workId: z.uuid(), variantId: z.uuid().optional(), quantity: z.number().int().min(1).max(1000) });
export const ZTradeOrderRequest = z.object({
  networkId: z.uuid(),
  sellerCoopId: z.uuid(),
  lines: z.array(ZTradeLine).min(1).max(50),
  idempotencyKey: z.string().trim().min(8).max(100).optional()
});
export const ZTradeAccountsRequest = z.object({
  purchaseAccount: ZText(1, 40).optional(),
  payableAccount: ZText(1, 40).optional(),
  receivableAccount: ZText(1, 40).optional(),
  salesAccount: ZText(1, 40).optional()
});
export const ZSharingRequest = z.object({ figures: z.array(z.enum(SHAREABLE_FIGURES)).max(SHAREABLE_FIGURES.length) });
export const ZRollupOptInRequest = z.object({ optIn: z.boolean() });
