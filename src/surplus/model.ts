import { allocateLRM } from './allocate.js';

/**
 * The annual surplus (SHU) distribution of docs/domain/surplus.md §5.2, as a pure function
 * of plain data: no clock, no database. Amounts are whole rupiah (safe integers at the
 * edges; weights in plain numbers only while provably below 2^53, else bigint; weights × pool
 * always in bigint, because they exceed 2^53); percentages are basis points.
 */

/** The ledger account (system key) of what the SHU owes each member until it is paid. */
export const MEMBER_PAYABLE_ACCOUNT = 'UTANG_SHU_ANGGOTA';

export type PlainDate = string; // 'YYYY-MM-DD'

export type ShuPolicy = {
  leaver: 'PRO_RATA' | 'FORFEIT_TO_CADANGAN';
  minActiveDays: number;
  emptyPool: 'TO_CADANGAN' | 'TO_OTHER_MEMBER_POOL';
  payoutRoundTo: 1 | 100;
  withholdingBp: number;
};

export const DEFAULT_POLICY: ShuPolicy = { leaver: 'PRO_RATA', minActiveDays: 0, emptyPool: 'TO_CADANGAN', payoutRoundTo: 1, withholdingBp: 0 };

export type ShuInput = {
  period: { start: PlainDate; end: PlainDate };
  /** Net SHU after tax for the period, as proposed. */
  pool: number;
  /** From the ledger: the period is closed and its net SHU. */
  ledger: { periodClosed: boolean; netShu: number; cadanganBalance: number };
  /** From the charter (approved by the RAT): single-level weights in basis points. */
  components: { key: string; bp: number; order: number }[];
  capitalMethod: 'AVG_DAILY' | 'END_OF_PERIOD' | 'AVG_MONTH_END';
  /**
   * `periods`: a person who left and joined again has one entry per membership period (joinDate
   * and exitDate then span the first to the last); days between periods are not membership
   * days, for capital and for dated volumes (decision 0105). Without it: [joinDate, exitDate].
   */
  members: { id: string; memberNo: string; joinDate: PlainDate; exitDate?: PlainDate | null; eligible: boolean; periods?: { joinDate: PlainDate; exitDate?: PlainDate | null }[] }[];
  /** Each member's capital balance (in the capital basis accounts) after every change; 0 before the first. */
  capitalChanges: { memberId: string; date: PlainDate; balance: number }[];
  /**
   * Members' business with the coop (never non-members'), net of returns, by category. Dated
   * rows count on the member's days in the period only; a row without a date is a total already
   * limited to those days (member_volume_totals) and counts in full.
   */
  volumes: { memberId: string; category: string; amount: number; date?: PlainDate }[];
  usahaCategories: { code: string; weightBp: number }[];
  policy?: Partial<ShuPolicy>;
};

export type ShuError = { code: 'PERIOD_NOT_CLOSED' | 'BP_SUM_INVALID' | 'BP_NOT_INTEGER' | 'COMPONENT_DUPLICATE' | 'POOL_MISMATCH' | 'AMOUNT_NOT_INTEGER'; detail?: string };

export type MemberShare = {
  memberId: string;
  memberNo: string;
  /** Rupiah-days (or the method's weight) and weighted volume, as decimal strings (bigint). */
  capitalWeight: string;
  volumeWeight: string;
  jasaModal: number;
  jasaUsaha: number;
  total: number;
  /** After optional rounding down to Rp100; the residue goes to cadangan. */
  payable: number;
  withholding: number;
  netPayout: number;
  flags: ('LEAVER' | 'FORFEITED' | 'BELOW_MIN_ACTIVE_DAYS' | 'NEGATIVE_VOLUME_CLAMPED')[];
};

export type JournalLine = { account: string; debit?: number; credit?: number; memberId?: string };

export type ShuResult =
  | { ok: false; errors: ShuError[] }
  | { ok: true; status: 'NO_DISTRIBUTION'; pool: number; coverage: { fromCadangan: number; carriedForward: number } }
  | {
      ok: true;
      status: 'DISTRIBUTED';
      pool: number;
      /** Level 1, as the charter splits the pool. */
      components: { key: string; amount: number }[];
      /** Moves into cadangan and why; cadangan's final amount includes them. */
      toCadangan: { reason: 'EMPTY_JASA_MODAL' | 'EMPTY_JASA_USAHA' | 'FORFEITED_BY_LEAVERS' | 'PAYOUT_ROUNDING'; amount: number }[];
      cadangan: number;
      members: MemberShare[];
      /** Σ of the members' capital and volume weights (decimal strings, bigint). */
      totalWeights: { capital: string; volume: string };
      journal: JournalLine[];
    };

const DAY = 86_400_000;

const dayNumbers = new Map<string, number>();

function dayNumber(d: PlainDate): number {
  // A year has 365 distinct days and 100,000 members' rows name them again and again.
  let n = dayNumbers.get(d);
  if (n === undefined) {
    n = Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
    if (dayNumbers.size > 10_000) dayNumbers.clear();
    dayNumbers.set(d, n);
  }
  return n;
}

function isInt(n: number): boolean {
  return Number.isSafeInteger(n);
}

export function validateShuInput(input: ShuInput): ShuError[] {
  const errors: ShuError[] = [];
  if (!input.ledger.periodClosed) errors.push({ code: 'PERIOD_NOT_CLOSED' });
  if (!isInt(input.pool) || !isInt(input.ledger.netShu)) errors.push({ code: 'AMOUNT_NOT_INTEGER' });
  else if (input.pool !== input.ledger.netShu) errors.push({ code: 'POOL_MISMATCH', detail: `${input.pool} ≠ ${input.ledger.netShu}` });
  if (input.components.some((c) => !Number.isInteger(c.bp) || c.bp < 0)) errors.push({ code: 'BP_NOT_INTEGER' });
  else if (input.components.reduce((s, c) => s + c.bp, 0) !== 10_000) errors.push({ code: 'BP_SUM_INVALID' });
  const keys = new Set<string>();
  for (const c of input.components) {
    if (keys.has(c.key)) errors.push({ code: 'COMPONENT_DUPLICATE', detail: c.key });
    keys.add(c.key);
  }
  if (input.capitalChanges.some((c) => !isInt(c.balance)) || input.volumes.some((v) => !isInt(v.amount))) errors.push({ code: 'AMOUNT_NOT_INTEGER' });
  return errors;
}

/** The days a member belongs to the period: [max(start, join), min(end, exit)], as day numbers; null if none. */
function activeSpan(m: { joinDate: PlainDate; exitDate?: PlainDate | null }, period: ShuInput['period']): [number, number] | null {
  const from = Math.max(dayNumber(period.start), dayNumber(m.joinDate));
  const to = Math.min(dayNumber(period.end), m.exitDate ? dayNumber(m.exitDate) : Number.POSITIVE_INFINITY);
  return from <= to ? [from, to] : null;
}

/** The member's spans in the period, one per membership period that reaches into it, in order. */
function activeSpans(m: ShuInput['members'][number], period: ShuInput['period']): [number, number][] {
  if (!m.periods || m.periods.length === 0) {
    const span = activeSpan(m, period);
    return span ? [span] : [];
  }
  return m.periods
    .map((p) => activeSpan(p, period))
    .filter((s): s is [number, number] => s !== null)
    .sort((a, b) => a[0] - b[0]);
}

/** Balance on a day from the member's changes sorted by date (last change on or before the day). */
function balanceOn(changes: { day: number; balance: number }[], day: number): number {
  let b = 0;
  for (const c of changes) {
    if (c.day > day) break;
    b = c.balance;
  }
  return b;
}

/**
 * The capital weight in plain numbers. Exact only while every balance times the days of the
 * period stays below 2^53: the caller checks that bound (capitalInNumbers) and uses
 * capitalWeightBig otherwise.
 */
function capitalWeight(method: ShuInput['capitalMethod'], changes: { day: number; balance: number }[], span: [number, number], periodEnd: number): number {
  const [from, to] = span;
  if (method === 'END_OF_PERIOD') return to === periodEnd ? balanceOn(changes, periodEnd) : 0;
  if (method === 'AVG_MONTH_END') {
    let w = 0;
    for (let d = from; d <= to; d++) {
      const next = new Date((d + 1) * DAY);
      if (next.getUTCDate() === 1) w += balanceOn(changes, d);
    }
    return w;
  }
  // AVG_DAILY: rupiah-days, summed interval by interval between balance changes.
  let w = 0;
  let day = from;
  let bal = balanceOn(changes, from);
  for (const c of changes) {
    if (c.day <= from) continue;
    if (c.day > to) break;
    w += bal * (c.day - day);
    day = c.day;
    bal = c.balance;
  }
  return w + bal * (to - day + 1);
}

/** The same weight in bigint, for balances too large for capitalWeight's plain numbers. */
function capitalWeightBig(method: ShuInput['capitalMethod'], changes: { day: number; balance: number }[], span: [number, number], periodEnd: number): bigint {
  const [from, to] = span;
  const on = (d: number) => BigInt(balanceOn(changes, d));
  if (method === 'END_OF_PERIOD') return to === periodEnd ? on(periodEnd) : 0n;
  if (method === 'AVG_MONTH_END') {
    let w = 0n;
    for (let d = from; d <= to; d++) {
      const next = new Date((d + 1) * DAY);
      if (next.getUTCDate() === 1) w += on(d);
    }
    return w;
  }
  let w = 0n;
  let day = from;
  let bal = on(from);
  for (const c of changes) {
    if (c.day <= from) continue;
    if (c.day > to) break;
    w += bal * BigInt(c.day - day);
    day = c.day;
    bal = BigInt(c.balance);
  }
  return w + bal * BigInt(to - day + 1);
}

const toNum = (b: bigint): number => Number(b);

/**
 * Rows grouped into one list per member, in their order: the store lists them by member, so
 * each run of a member's rows costs one map lookup (a member listed again later joins their list).
 */
function byMember<T extends { memberId: string }, U>(rows: readonly T[], item: (r: T) => U): Map<string, U[]> {
  const out = new Map<string, U[]>();
  let id: string | undefined;
  let list: U[] = [];
  for (const r of rows) {
    if (r.memberId !== id) {
      id = r.memberId;
      const seen = out.get(id);
      if (seen) list = seen;
      else out.set(id, (list = []));
    }
    list.push(item(r));
  }
  return out;
}

/** A weight as the bigint it stands for (plain numbers are exact integers here). */
const big = (w: number | bigint): bigint => (typeof w === 'bigint' ? w : BigInt(w));

/**
 * Largest remainder over weights listed in tie order (the members by number), so a tie in the
 * remainder goes to the lower index — the same parts as allocateLRM with the member numbers as
 * tie keys, without comparing bigints and strings in the sort: remainders are compared as
 * doubles first (Number() of a bigint never reverses an order) and exactly only when those are equal.
 */
function allocateInOrder(total: bigint, weights: readonly (number | bigint)[]): number[] {
  const n = weights.length;
  let sum = 0n;
  for (const w of weights) sum += big(w);
  if (sum === 0n) throw new RangeError('allocateLRM: the weights sum to zero');
  const parts = new Array<number>(n);
  const rems = new Array<bigint>(n);
  const approx = new Float64Array(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w === 0 || w === 0n) {
      parts[i] = 0;
      rems[i] = 0n;
      continue;
    }
    const p = total * big(w);
    const q = p / sum;
    const r = p - q * sum;
    parts[i] = Number(q);
    rems[i] = r;
    approx[i] = Number(r);
    given += q;
  }
  let left = Number(total - given);
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      const da = approx[a]!;
      const db = approx[b]!;
      if (da !== db) return da > db ? -1 : 1;
      const ra = rems[a]!;
      const rb = rems[b]!;
      if (ra !== rb) return ra > rb ? -1 : 1;
      return a - b;
    });
    for (const i of order) {
      if (left === 0) break;
      parts[i] = parts[i]! + 1;
      left -= 1;
    }
  }
  return parts;
}

/** floor(a × b / 10,000) exactly, for a, b ≥ 0 whole numbers. */
function bpOf(a: number, bp: number): number {
  if (a === 0 || bp === 0) return 0;
  const p = a * bp;
  if (Number.isSafeInteger(p)) return (p - (p % 10_000)) / 10_000;
  return toNum((BigInt(a) * BigInt(bp)) / 10_000n);
}

/** Compute the distribution; the result's parts always add up to the pool exactly. */
export function computeShuDistribution(input: ShuInput): ShuResult {
  const errors = validateShuInput(input);
  if (errors.length) return { ok: false, errors };
  const policy: ShuPolicy = { ...DEFAULT_POLICY, ...input.policy };
  const pool = input.pool;

  if (pool <= 0) {
    const loss = -pool;
    const fromCadangan = Math.min(loss, Math.max(0, input.ledger.cadanganBalance));
    return { ok: true, status: 'NO_DISTRIBUTION', pool, coverage: { fromCadangan, carriedForward: loss - fromCadangan } };
  }

  // Level 1: the charter's components.
  const comps = [...input.components].sort((a, b) => a.order - b.order);
  const level1 = allocateLRM(BigInt(pool), comps.map((c) => ({ weight: BigInt(c.bp), tieKey: c.order })));
  const amountOf = new Map(comps.map((c, i) => [c.key, level1[i]!]));
  let jmPool = amountOf.get('JASA_MODAL') ?? 0n;
  let juPool = amountOf.get('JASA_USAHA') ?? 0n;
  const toCadangan: { reason: 'EMPTY_JASA_MODAL' | 'EMPTY_JASA_USAHA' | 'FORFEITED_BY_LEAVERS' | 'PAYOUT_ROUNDING'; amount: bigint }[] = [];

  // Level 2 weights, in plain numbers where they are exact (below 2^53), in bigint beyond.
  const periodStart = dayNumber(input.period.start);
  const periodEnd = dayNumber(input.period.end);
  const changesBy = byMember(input.capitalChanges, (c) => ({ day: dayNumber(c.date), balance: c.balance }));
  let maxBalance = 0;
  for (const c of input.capitalChanges) {
    const abs = Math.abs(c.balance);
    if (abs > maxBalance) maxBalance = abs;
  }
  for (const list of changesBy.values()) {
    // Usually listed by day already; sort only when not.
    for (let i = 1; i < list.length; i++) {
      if (list[i - 1]!.day > list[i]!.day) {
        list.sort((x, y) => x.day - y.day);
        break;
      }
    }
  }
  // Every method sums at most one balance per day of the period.
  const capitalInNumbers = maxBalance * (Math.max(0, periodEnd - periodStart) + 2) <= Number.MAX_SAFE_INTEGER;
  const weightOfCategory = new Map(input.usahaCategories.map((c) => [c.code, c.weightBp]));
  let maxWeightBp = 0;
  // (A weight that is not a whole number takes the bigint path, which refuses it as before.)
  for (const c of input.usahaCategories) maxWeightBp = Number.isInteger(c.weightBp) ? Math.max(maxWeightBp, Math.abs(c.weightBp)) : Number.POSITIVE_INFINITY;
  // Each member's volumes, grouped once (a scan per member is quadratic at 100,000 members).
  const volumesBy = byMember(input.volumes, (vol) => vol);

  const members = [...input.members].filter((m) => m.eligible).sort((a, b) => (a.memberNo < b.memberNo ? -1 : a.memberNo > b.memberNo ? 1 : 0));
  const rows = members.map((m) => {
    const flags: MemberShare['flags'] = [];
    const spans = activeSpans(m, input.period);
    const activeDays = spans.reduce((s, [from, to]) => s + to - from + 1, 0);
    const leaver = Boolean(m.exitDate && dayNumber(m.exitDate) <= periodEnd);
    if (leaver) flags.push('LEAVER');
    let w: number | bigint = 0;
    let v: number | bigint = 0;
    if (spans.length && activeDays >= policy.minActiveDays) {
      const changes = changesBy.get(m.id) ?? [];
      // The weight of each span, added (every method counts at most one balance per day).
      if (capitalInNumbers) {
        let n = 0;
        for (const span of spans) n += capitalWeight(input.capitalMethod, changes, span, periodEnd);
        w = n;
      } else {
        let n = 0n;
        for (const span of spans) n += capitalWeightBig(input.capitalMethod, changes, span, periodEnd);
        w = n;
      }
      const vols = volumesBy.get(m.id);
      if (vols) {
        // Dated rows count on the member's days only; undated ones are totals of those days.
        const counts = (vol: ShuInput['volumes'][number]) => vol.date === undefined || spans.some(([from, to]) => dayNumber(vol.date!) >= from && dayNumber(vol.date!) <= to);
        let abs = 0;
        for (const vol of vols) abs += Math.abs(vol.amount);
        if (abs * maxWeightBp <= Number.MAX_SAFE_INTEGER) {
          let n = 0;
          for (const vol of vols) if (counts(vol)) n += vol.amount * (weightOfCategory.get(vol.category) ?? 0);
          v = n;
        } else {
          let n = 0n;
          for (const vol of vols) if (counts(vol)) n += BigInt(vol.amount) * BigInt(weightOfCategory.get(vol.category) ?? 0);
          v = n;
        }
      }
      if (v < 0) {
        v = 0;
        flags.push('NEGATIVE_VOLUME_CLAMPED');
      }
      if (w < 0) w = 0;
    } else if (spans.length) flags.push('BELOW_MIN_ACTIVE_DAYS');
    return { m, w, v, flags, leaver };
  });

  // Empty pools (step 6).
  let sumW = 0n;
  let sumV = 0n;
  for (const r of rows) {
    if (r.w !== 0) sumW += big(r.w);
    if (r.v !== 0) sumV += big(r.v);
  }
  if (sumW === 0n && jmPool > 0n) {
    if (policy.emptyPool === 'TO_OTHER_MEMBER_POOL' && sumV > 0n) juPool += jmPool;
    else toCadangan.push({ reason: 'EMPTY_JASA_MODAL', amount: jmPool });
    jmPool = 0n;
  }
  if (sumV === 0n && juPool > 0n) {
    if (policy.emptyPool === 'TO_OTHER_MEMBER_POOL' && sumW > 0n) jmPool += juPool;
    else toCadangan.push({ reason: 'EMPTY_JASA_USAHA', amount: juPool });
    juPool = 0n;
  }
  // Members come sorted by number, so index order is the tie order (allocateLRM's tie key).
  const jm = jmPool > 0n ? allocateInOrder(jmPool, rows.map((r) => r.w)) : rows.map(() => 0);
  const ju = juPool > 0n ? allocateInOrder(juPool, rows.map((r) => r.v)) : rows.map(() => 0);

  // Member amounts are parts of the pool, a safe integer: plain numbers from here on.
  let forfeitedN = 0;
  let residuesN = 0;
  const shares: MemberShare[] = rows.map((r, i) => {
    const total = jm[i]! + ju[i]!;
    const flags = [...r.flags];
    let payable = total;
    if (r.leaver && policy.leaver === 'FORFEIT_TO_CADANGAN' && total > 0) {
      forfeitedN += total;
      payable = 0;
      flags.push('FORFEITED');
    }
    if (policy.payoutRoundTo === 100) {
      const rounded = payable - (payable % 100);
      residuesN += payable - rounded;
      payable = rounded;
    }
    const withholding = bpOf(payable, policy.withholdingBp);
    return {
      memberId: r.m.id,
      memberNo: r.m.memberNo,
      capitalWeight: r.w.toString(),
      volumeWeight: r.v.toString(),
      jasaModal: jm[i]!,
      jasaUsaha: ju[i]!,
      total,
      payable,
      withholding,
      netPayout: payable - withholding,
      flags
    };
  });
  const forfeited = BigInt(forfeitedN);
  const residues = BigInt(residuesN);
  if (forfeited > 0n) toCadangan.push({ reason: 'FORFEITED_BY_LEAVERS', amount: forfeited });
  if (residues > 0n) toCadangan.push({ reason: 'PAYOUT_ROUNDING', amount: residues });

  const cadangan = (amountOf.get('CADANGAN') ?? 0n) + toCadangan.reduce((s, t) => s + t.amount, 0n);
  const journal: JournalLine[] = [{ account: 'SHU_TAHUN_BERJALAN', debit: pool }];
  if (cadangan > 0n) journal.push({ account: 'CADANGAN', credit: toNum(cadangan) });
  for (const s of shares) if (s.payable > 0) journal.push({ account: MEMBER_PAYABLE_ACCOUNT, credit: s.payable, memberId: s.memberId });
  for (const c of comps) {
    if (c.key === 'CADANGAN' || c.key === 'JASA_MODAL' || c.key === 'JASA_USAHA') continue;
    const amount = amountOf.get(c.key)!;
    if (amount > 0n) journal.push({ account: c.key, credit: toNum(amount) });
  }
  return {
    ok: true,
    status: 'DISTRIBUTED',
    pool,
    components: comps.map((c) => ({ key: c.key, amount: toNum(amountOf.get(c.key)!) })),
    toCadangan: toCadangan.map((t) => ({ reason: t.reason, amount: toNum(t.amount) })),
    cadangan: toNum(cadangan),
    members: shares,
    totalWeights: { capital: sumW.toString(), volume: sumV.toString() },
    journal
  };
}
