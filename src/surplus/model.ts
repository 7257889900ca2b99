import { allocateLRM } from './allocate.js';

/**
 * The annual surplus (SHU) distribution of docs/domain/surplus.md §5.2, as a pure function
 * of plain data: no clock, no database. Amounts are whole rupiah (safe integers at the
 * edges, bigint inside, because weights × pool exceed 2^53); percentages are basis points.
 */

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
  members: { id: string; memberNo: string; joinDate: PlainDate; exitDate?: PlainDate | null; eligible: boolean }[];
  /** Each member's capital balance (in the capital basis accounts) after every change; 0 before the first. */
  capitalChanges: { memberId: string; date: PlainDate; balance: number }[];
  /** Members' business with the coop (never non-members'), net of returns, by category. */
  volumes: { memberId: string; category: string; amount: number; date: PlainDate }[];
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
function activeSpan(m: ShuInput['members'][number], period: ShuInput['period']): [number, number] | null {
  const from = Math.max(dayNumber(period.start), dayNumber(m.joinDate));
  const to = Math.min(dayNumber(period.end), m.exitDate ? dayNumber(m.exitDate) : Number.POSITIVE_INFINITY);
  return from <= to ? [from, to] : null;
}

/** Balance on a day from the member's changes sorted by date (last change on or before the day). */
function balanceOn(changes: { day: number; balance: number }[], day: number): bigint {
  let b = 0;
  for (const c of changes) {
    if (c.day > day) break;
    b = c.balance;
  }
  return BigInt(b);
}

function capitalWeight(method: ShuInput['capitalMethod'], changes: { day: number; balance: number }[], span: [number, number], periodEnd: number): bigint {
  const [from, to] = span;
  if (method === 'END_OF_PERIOD') return to === periodEnd ? balanceOn(changes, periodEnd) : 0n;
  if (method === 'AVG_MONTH_END') {
    let w = 0n;
    for (let d = from; d <= to; d++) {
      const next = new Date((d + 1) * DAY);
      if (next.getUTCDate() === 1) w += balanceOn(changes, d);
    }
    return w;
  }
  // AVG_DAILY: rupiah-days, summed interval by interval between balance changes.
  let w = 0n;
  let day = from;
  let bal = balanceOn(changes, from);
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

  // Level 2 weights.
  const periodEnd = dayNumber(input.period.end);
  const changesBy = new Map<string, { day: number; balance: number }[]>();
  for (const c of input.capitalChanges) {
    const list = changesBy.get(c.memberId) ?? [];
    list.push({ day: dayNumber(c.date), balance: c.balance });
    changesBy.set(c.memberId, list);
  }
  for (const list of changesBy.values()) list.sort((a, b) => a.day - b.day);
  const weightOfCategory = new Map(input.usahaCategories.map((c) => [c.code, BigInt(c.weightBp)]));
  // Each member's volumes, grouped once (a scan per member is quadratic at 100,000 members).
  const volumesBy = new Map<string, ShuInput['volumes']>();
  for (const vol of input.volumes) {
    const list = volumesBy.get(vol.memberId);
    if (list) list.push(vol);
    else volumesBy.set(vol.memberId, [vol]);
  }

  const members = [...input.members].filter((m) => m.eligible).sort((a, b) => (a.memberNo < b.memberNo ? -1 : a.memberNo > b.memberNo ? 1 : 0));
  const rows = members.map((m) => {
    const flags: MemberShare['flags'] = [];
    const span = activeSpan(m, input.period);
    const activeDays = span ? span[1] - span[0] + 1 : 0;
    const leaver = Boolean(m.exitDate && dayNumber(m.exitDate) <= periodEnd);
    if (leaver) flags.push('LEAVER');
    let w = 0n;
    let v = 0n;
    if (span && activeDays >= policy.minActiveDays) {
      w = capitalWeight(input.capitalMethod, changesBy.get(m.id) ?? [], span, periodEnd);
      for (const vol of volumesBy.get(m.id) ?? []) {
        const d = dayNumber(vol.date);
        if (d < span[0] || d > span[1]) continue;
        v += BigInt(vol.amount) * (weightOfCategory.get(vol.category) ?? 0n);
      }
      if (v < 0n) {
        v = 0n;
        flags.push('NEGATIVE_VOLUME_CLAMPED');
      }
      if (w < 0n) w = 0n;
    } else if (span) flags.push('BELOW_MIN_ACTIVE_DAYS');
    return { m, w, v, flags, leaver };
  });

  // Empty pools (step 6).
  const sumW = rows.reduce((s, r) => s + r.w, 0n);
  const sumV = rows.reduce((s, r) => s + r.v, 0n);
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
  const jm = jmPool > 0n ? allocateLRM(jmPool, rows.map((r) => ({ weight: r.w, tieKey: r.m.memberNo }))) : rows.map(() => 0n);
  const ju = juPool > 0n ? allocateLRM(juPool, rows.map((r) => ({ weight: r.v, tieKey: r.m.memberNo }))) : rows.map(() => 0n);

  let forfeited = 0n;
  let residues = 0n;
  const shares: MemberShare[] = rows.map((r, i) => {
    const total = jm[i]! + ju[i]!;
    const flags = [...r.flags];
    let payable = total;
    if (r.leaver && policy.leaver === 'FORFEIT_TO_CADANGAN' && total > 0n) {
      forfeited += total;
      payable = 0n;
      flags.push('FORFEITED');
    }
    if (policy.payoutRoundTo === 100) {
      const rounded = (payable / 100n) * 100n;
      residues += payable - rounded;
      payable = rounded;
    }
    const withholding = (payable * BigInt(policy.withholdingBp)) / 10_000n;
    return {
      memberId: r.m.id,
      memberNo: r.m.memberNo,
      capitalWeight: r.w.toString(),
      volumeWeight: r.v.toString(),
      jasaModal: toNum(jm[i]!),
      jasaUsaha: toNum(ju[i]!),
      total: toNum(total),
      payable: toNum(payable),
      withholding: toNum(withholding),
      netPayout: toNum(payable - withholding),
      flags
    };
  });
  if (forfeited > 0n) toCadangan.push({ reason: 'FORFEITED_BY_LEAVERS', amount: forfeited });
  if (residues > 0n) toCadangan.push({ reason: 'PAYOUT_ROUNDING', amount: residues });

  const cadangan = (amountOf.get('CADANGAN') ?? 0n) + toCadangan.reduce((s, t) => s + t.amount, 0n);
  const journal: JournalLine[] = [{ account: 'SHU_TAHUN_BERJALAN', debit: pool }];
  if (cadangan > 0n) journal.push({ account: 'CADANGAN', credit: toNum(cadangan) });
  for (const s of shares) if (s.payable > 0) journal.push({ account: 'UTANG_SHU_ANGGOTA', credit: s.payable, memberId: s.memberId });
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
    journal
  };
}
