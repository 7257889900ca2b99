import { formatRupiahId } from '../kernel/money.js';
import { z } from 'zod';
import { isValidPlainDate } from '../kernel/clock.js';

/**
 * Member capital (simpanan): pokok (once, instalments allowed), wajib (per period of the
 * charter), sukarela (deposits and withdrawals, never below zero). PURE: plain data in,
 * plain data out, integer rupiah only. See docs/decisions/0050-capital.md for the rules
 * chosen where the law leaves them to the charter.
 */

export type Rupiah = number;
export type CapitalType = 'pokok' | 'wajib' | 'sukarela';
export const CAPITAL_TYPES: readonly CapitalType[] = ['pokok', 'wajib', 'sukarela'];

/** What happened: each kind moves one or more balances. */
export type MovementKind = 'pokok' | 'wajib' | 'deposit' | 'withdrawal' | 'refund';
export const MOVEMENT_KINDS: readonly MovementKind[] = ['pokok', 'wajib', 'deposit', 'withdrawal', 'refund'];
export type PaymentMethod = 'cash' | 'bank';
/** How a movement's money came or went: paid in cash or by bank, or (a deposit) from the member's SHU share. */
export type MovementMethod = PaymentMethod | 'shu';
export type WajibPeriod = 'monthly' | 'quarterly' | 'yearly';

/** Largest single movement: one trillion rupiah (as the charter's largest amount), far below 2^53. */
export const MAX_MOVEMENT_RUPIAH = 1_000_000_000_000;
/** A wajib payment may pay at most this many periods beyond the current one in advance. */
export const WAJIB_MAX_PERIODS_AHEAD = 12;

export type Balances = { pokok: Rupiah; wajib: Rupiah; sukarela: Rupiah };
export const ZERO_BALANCES: Balances = { pokok: 0, wajib: 0, sukarela: 0 };

/* ------------------------------------------------------------------ terbilang */

const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun'];

/** 0..999 in words ('' for 0). */
function hundreds(n: number): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 1) out.push('seratus');
  else if (h > 1) out.push(ONES[h]!, 'ratus');
  if (rest === 0) return out;
  if (rest < 12) out.push(ONES[rest]!);
  else if (rest < 20) out.push(rest === 10 ? 'sepuluh' : `${ONES[rest - 10]!}`, 'belas');
  else {
    out.push(ONES[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10) out.push(ONES[rest % 10]!);
  }
  return out;
}

/**
 * A whole number in Indonesian words (terbilang): 11 → 'sebelas', 1000 → 'seribu',
 * 1.250.000 → 'satu juta dua ratus lima puluh ribu'. 0 → 'nol'. Up to 999 triliun.
 */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) throw new RangeError(`terbilang: ${n} is not a whole number from 0 to 999 triliun`);
  if (n === 0) return 'nol';
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 1000)) groups.push(v % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    // 'seribu', never 'satu ribu'; but 'satu juta', 'satu miliar'.
    if (i === 1 && g === 1) words.push('seribu');
    else words.push(...hundreds(g), ...(SCALES[i] ? [SCALES[i]!] : []));
  }
  return words.join(' ');
}

/** An amount of money in words, as written on a receipt: 'satu juta dua ratus lima puluh ribu rupiah'. */
export function rupiahInWords(amount: Rupiah): string {
  return `${terbilang(amount)} rupiah`;
}

/** 1250000 → 'Rp1.250.000' (Indonesian grouping, exact from integers). */
export { formatRupiahId };

/* ------------------------------------------------------------------ dates and periods */

function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}
const pad = (n: number) => String(n).padStart(2, '0');
function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export type PeriodSpan = { key: string; start: string; end: string };

/** The period (calendar month, quarter or year) containing a date. */
export function periodOf(date: string, period: WajibPeriod): PeriodSpan {
  const [y, m] = parts(date);
  if (period === 'monthly') return { key: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  if (period === 'quarterly') {
    const q = Math.floor((m - 1) / 3) + 1;
    const sm = (q - 1) * 3 + 1;
    return { key: `${y}-Q${q}`, start: `${y}-${pad(sm)}-01`, end: `${y}-${pad(sm + 2)}-${pad(lastDay(y, sm + 2))}` };
  }
  return { key: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
}

/** The day after a plain date. */
export function dayAfter(date: string): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The period right after one. */
export function nextPeriod(p: PeriodSpan, period: WajibPeriod): PeriodSpan {
  return periodOf(dayAfter(p.end), period);
}

/* ------------------------------------------------------------------ simpanan wajib */

/** The wajib amount per period in force from a date (from the charter's versions). */
export type WajibRate = { from: string; amount: Rupiah };

/** The amount due for a period: the rate in force on its first day (the earliest rate before any was adopted). */
export function rateFor(rates: readonly WajibRate[], start: string): Rupiah {
  const sorted = [...rates].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let amount = sorted[0]?.amount ?? 0;
  for (const r of sorted) if (r.from <= start) amount = r.amount;
  return amount;
}

export type WajibPeriodLine = PeriodSpan & {
  due: Rupiah;
  paid: Rupiah;
  outstanding: Rupiah;
  /** The period has ended (its last day is before the day asked about) and is not fully paid. */
  overdue: boolean;
};

export type WajibSchedule = {
  period: WajibPeriod;
  lines: WajibPeriodLine[];
  /** Σ due of the periods from joining up to today (or leaving). */
  totalDue: Rupiah;
  paid: Rupiah;
  /** Unpaid amount of the periods due so far, including the current one. */
  outstanding: Rupiah;
  /** Unpaid amount of the periods that have ended: the member's arrears (tunggakan). */
  arrears: Rupiah;
  arrearsPeriods: number;
  /** Paid beyond every period due so far (paid in advance). */
  advance: Rupiah;
};

export type WajibScheduleInput = {
  joinedOn: string;
  /** The day the schedule is for (today). */
  asOf: string;
  /** A member who left owes no period after the one they left in. */
  leftOn?: string | null;
  period: WajibPeriod;
  rates: readonly WajibRate[];
  /** Σ of the member's wajib payments (net of refunds). */
  paid: Rupiah;
};

/**
 * The member's wajib periods and arrears. The rule (decision 0050): the period in which the
 * member joined is due in full, whatever day they joined (wajib is paid with pokok on
 * joining); every later period is due from its first day; a period unpaid after its last
 * day is in arrears. Payments are applied to the oldest unpaid period first.
 */
export function wajibSchedule(input: WajibScheduleInput): WajibSchedule {
  const end = input.leftOn && input.leftOn < input.asOf ? input.leftOn : input.asOf;
  const lines: WajibPeriodLine[] = [];
  let remaining = input.paid;
  if (input.joinedOn <= end) {
    let p = periodOf(input.joinedOn, input.period);
    while (p.start <= end) {
      const due = rateFor(input.rates, p.start);
      const paid = Math.min(due, Math.max(0, remaining));
      remaining -= paid;
      lines.push({ ...p, due, paid, outstanding: due - paid, overdue: due > paid && p.end < input.asOf });
      p = nextPeriod(p, input.period);
    }
  }
  const totalDue = lines.reduce((s, l) => s + l.due, 0);
  const outstanding = lines.reduce((s, l) => s + l.outstanding, 0);
  const overdue = lines.filter((l) => l.overdue);
  return {
    period: input.period,
    lines,
    totalDue,
    paid: input.paid,
    outstanding,
    arrears: overdue.reduce((s, l) => s + l.outstanding, 0),
    arrearsPeriods: overdue.length,
    advance: Math.max(0, remaining)
  };
}

export type WajibAllocation = { key: string; amount: Rupiah }[];

/**
 * Which periods a new wajib payment pays: the oldest unpaid first, continuing into future
 * periods when paid in advance (at most WAJIB_MAX_PERIODS_AHEAD beyond the current one).
 * Returns an error code when the charter asks no wajib or the payment reaches too far ahead.
 */
export function allocateWajib(
  input: Omit<WajibScheduleInput, 'paid' | 'leftOn'> & { paidBefore: Rupiah; amount: Rupiah }
): { ok: true; allocation: WajibAllocation } | { ok: false; code: 'CAPITAL_WAJIB_NOT_REQUIRED' | 'CAPITAL_WAJIB_TOO_FAR_AHEAD' } {
  let p = periodOf(input.joinedOn < input.asOf ? input.joinedOn : input.asOf, input.period);
  const current = periodOf(input.asOf, input.period);
  let ahead = 0;
  let skip = input.paidBefore;
  let left = input.amount;
  const allocation: WajibAllocation = [];
  let anyDue = false;
  while (left > 0) {
    if (p.start > current.start) ahead += 1;
    if (ahead > WAJIB_MAX_PERIODS_AHEAD) return { ok: false, code: anyDue ? 'CAPITAL_WAJIB_TOO_FAR_AHEAD' : 'CAPITAL_WAJIB_NOT_REQUIRED' };
    const due = rateFor(input.rates, p.start);
    if (due > 0) anyDue = true;
    const already = Math.min(due, skip);
    skip -= already;
    const take = Math.min(due - already, left);
    if (take > 0) {
      allocation.push({ key: p.key, amount: take });
      left -= take;
    }
    p = nextPeriod(p, input.period);
  }
  return { ok: true, allocation };
}

/** 'Jan 2026 – Mar 2026' style label of an allocation: first and last period keys. */
export function allocationRange(allocation: WajibAllocation): { from: string; to: string } | null {
  if (allocation.length === 0) return null;
  return { from: allocation[0]!.key, to: allocation[allocation.length - 1]!.key };
}

/* ------------------------------------------------------------------ simpanan pokok */

export type PokokStatus = { required: Rupiah; paid: Rupiah; outstanding: Rupiah; paidInFull: boolean };

/** Simpanan pokok paid so far against the charter's amount (instalments allowed). */
export function pokokStatus(required: Rupiah, paid: Rupiah): PokokStatus {
  return { required, paid, outstanding: Math.max(0, required - paid), paidInFull: paid >= required };
}

/* ------------------------------------------------------------------ movements */

/** The change of each balance a movement makes (signed). */
export type Deltas = Balances;

/** The balances after a movement, or the reason it cannot happen (balances never go below zero). */
export function applyDeltas(before: Balances, d: Deltas): { ok: true; after: Balances } | { ok: false; type: CapitalType } {
  const after = { pokok: before.pokok + d.pokok, wajib: before.wajib + d.wajib, sukarela: before.sukarela + d.sukarela };
  for (const t of CAPITAL_TYPES) if (after[t] < 0) return { ok: false, type: t };
  return { ok: true, after };
}

/** The deltas of a pokok, wajib, deposit or withdrawal of `amount`. */
export function deltasOf(kind: Exclude<MovementKind, 'refund'>, amount: Rupiah): Deltas {
  switch (kind) {
    case 'pokok':
      return { ...ZERO_BALANCES, pokok: amount };
    case 'wajib':
      return { ...ZERO_BALANCES, wajib: amount };
    case 'deposit':
      return { ...ZERO_BALANCES, sukarela: amount };
    case 'withdrawal':
      return { ...ZERO_BALANCES, sukarela: -amount };
  }
}

export type Refund = { pokok: Rupiah; wajib: Rupiah; sukarela: Rupiah; total: Rupiah };

/**
 * The capital returned to a member who leaves (resigned or expelled): UU 25/1992 makes
 * pokok and wajib the member's own capital, and sukarela a deposit, so every balance is
 * paid back in full and each falls to zero. Null when there is nothing to return.
 */
export function computeRefund(balances: Balances): Refund | null {
  const total = balances.pokok + balances.wajib + balances.sukarela;
  if (total <= 0) return null;
  return { ...balances, total };
}

/** The member statuses in which each kind of movement may be recorded. */
export const ALLOWED_STATUSES: Record<MovementKind, readonly string[]> = {
  // Pokok is paid on joining: an applicant may pay it before admission.
  pokok: ['applicant', 'active', 'suspended'],
  wajib: ['active', 'suspended'],
  deposit: ['active', 'suspended'],
  withdrawal: ['active', 'suspended'],
  // Capital is returned when the membership has ended.
  refund: ['resigned', 'expelled']
};

/** The ledger lines of a movement: cash or bank against the member's simpanan accounts. */
export type PostingLine = { account: string; debit?: Rupiah; credit?: Rupiah; memberId?: string };

export const LEDGER_KEYS: Record<CapitalType, string> = { pokok: 'SIMPANAN_POKOK', wajib: 'SIMPANAN_WAJIB', sukarela: 'SIMPANAN_SUKARELA' };

export function postingLines(deltas: Deltas, method: PaymentMethod, memberId: string): PostingLine[] {
  const cash = method === 'bank' ? 'BANK' : 'CASH';
  const lines: PostingLine[] = [];
  let net = 0;
  for (const t of CAPITAL_TYPES) {
    const d = deltas[t];
    if (d === 0) continue;
    net += d;
    // Money in: the member's simpanan (liability/equity) is credited; money out: debited.
    lines.push(d > 0 ? { account: LEDGER_KEYS[t], credit: d, memberId } : { account: LEDGER_KEYS[t], debit: -d, memberId });
  }
  if (net > 0) lines.unshift({ account: cash, debit: net });
  else if (net < 0) lines.push({ account: cash, credit: -net });
  return lines;
}

/* ------------------------------------------------------------------ receipts */

/** 'KW/2026/000123': gapless per cooperative and year. */
export function formatReceiptNo(year: number, seq: number): string {
  return `KW/${year}/${String(seq).padStart(6, '0')}`;
}

export function receiptCounterName(year: number): string {
  return `receipt:${year}`;
}

/* ------------------------------------------------------------------ requests */

const ZPlainDate = z.string().refine(isValidPlainDate, { message: 'date_invalid' });
const ZAmount = z.number().int().min(1).max(MAX_MOVEMENT_RUPIAH);
/** A client's key for one intended movement; the same key always means the same movement. */
export const ZIdempotencyKey = z.string().trim().regex(/^[A-Za-z0-9_:.-]{8,100}$/, { message: 'idempotency_key_invalid' });

/** A payment into or out of one member's capital. */
export const ZMovementRequest = z.object({
  amount: ZAmount,
  method: z.enum(['cash', 'bank']),
  /** The day of the payment (Asia/Jakarta); today when left out; never in the future. */
  date: ZPlainDate.optional(),
  note: z.string().trim().max(500).optional(),
  idempotencyKey: ZIdempotencyKey.optional()
});
export type MovementRequest = z.input<typeof ZMovementRequest>;

/** The refund on leaving: the amount is computed, not typed. */
export const ZRefundRequest = z.object({
  method: z.enum(['cash', 'bank']),
  date: ZPlainDate.optional(),
  note: z.string().trim().max(500).optional(),
  idempotencyKey: ZIdempotencyKey.optional()
});
export type RefundRequest = z.input<typeof ZRefundRequest>;

const empty = (v: unknown) => (v === '' || v === null ? undefined : v);

/** Filters of the board's capital register; every value may come from a query string. */
export const ZCapitalRegisterRequest = z.object({
  q: z.preprocess(empty, z.string().trim().max(100).optional()),
  inArrears: z.preprocess(empty, z.enum(['true', 'false']).optional()),
  status: z.preprocess(empty, z.enum(['current', 'left', 'all']).optional())
});
export type CapitalRegisterRequest = z.input<typeof ZCapitalRegisterRequest>;

/** Whether a payment date is acceptable: not after today. */
export function isFutureDate(date: string, today: string): boolean {
  return date > today;
}

/* ------------------------------------------------------------------ standing */

export type CapitalRulesData = { pokok: Rupiah; wajibPeriod: WajibPeriod; rates: readonly WajibRate[] };

export type CapitalStanding = {
  pokok: PokokStatus;
  /** Null for someone never admitted (an applicant owes no wajib yet). */
  wajib: WajibSchedule | null;
  /** A current member (active or suspended) who owes pokok or has wajib periods in arrears. */
  inArrears: boolean;
};

/** Where one member stands against the charter's capital rules on a day (pure). */
export function capitalStanding(
  member: { status: string; joinedOn: string | null; leftOn: string | null },
  balances: Balances,
  rules: CapitalRulesData,
  asOf: string
): CapitalStanding {
  const pokok = pokokStatus(rules.pokok, balances.pokok);
  const wajib = member.joinedOn ? wajibSchedule({ joinedOn: member.joinedOn, asOf, leftOn: member.leftOn, period: rules.wajibPeriod, rates: rules.rates, paid: balances.wajib }) : null;
  const current = member.status === 'active' || member.status === 'suspended';
  return { pokok, wajib, inArrears: current && (pokok.outstanding > 0 || (wajib?.arrears ?? 0) > 0) };
}
