import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isValidPlainDate } from '../kernel/clock.js';
import type { FieldIssue } from '../kernel/errors.js';
import type { AccountGroup, AccountSubgroup, CapitalClassification, CashFlowClass, NormalSide } from './tables.js';

export type { AccountGroup, AccountSubgroup, CapitalClassification, CashFlowClass, NormalSide } from './tables.js';

/** Whole rupiah: a safe integer, never a float. */
export type Rupiah = number;

export const ACCOUNT_GROUPS: readonly AccountGroup[] = ['aset', 'kewajiban', 'ekuitas', 'pendapatan', 'beban'];
export const SUBGROUPS_OF: Record<AccountGroup, readonly AccountSubgroup[]> = {
  aset: ['aset_lancar', 'aset_tidak_lancar'],
  kewajiban: ['kewajiban_jangka_pendek', 'kewajiban_jangka_panjang'],
  ekuitas: ['ekuitas'],
  pendapatan: ['pendapatan_anggota', 'pendapatan_non_anggota', 'pendapatan_lain'],
  beban: ['beban_pokok', 'beban_usaha', 'beban_lain', 'beban_pajak']
};
export const ACCOUNT_SUBGROUPS = Object.values(SUBGROUPS_OF).flat() as AccountSubgroup[];
export const CASH_FLOW_CLASSES: readonly CashFlowClass[] = ['kas', 'operasi', 'investasi', 'pendanaan'];

export function groupOf(subgroup: AccountSubgroup): AccountGroup {
  return ACCOUNT_GROUPS.find((g) => SUBGROUPS_OF[g].includes(subgroup))!;
}

/** The side an account of a group normally carries its balance on. */
export function defaultNormalSide(group: AccountGroup): NormalSide {
  return group === 'aset' || group === 'beban' ? 'debit' : 'credit';
}

// ---------------------------------------------------------------------------------------------
// Chart of accounts template (copied into each cooperative on first use; editable afterwards)
// ---------------------------------------------------------------------------------------------

export type TemplateAccount = {
  code: string;
  name: string;
  nameEn: string;
  subgroup: AccountSubgroup;
  systemKey: string | null;
  cashFlow: CashFlowClass;
  /** Contra accounts (accumulated depreciation) carry their balance on the other side. */
  normalSide?: NormalSide;
};

/** Accounts other capabilities post to, by stable key. */
export const SYSTEM_KEYS = [
  'CASH',
  'BANK',
  'RECEIVABLE',
  'MEMBER_RECEIVABLE',
  'INVENTORY',
  'PREPAID',
  'EQUIPMENT',
  'ACCUM_DEPRECIATION',
  'INVESTMENT',
  'PAYABLE',
  'PAYABLE_TO_PRODUCERS',
  'SIMPANAN_SUKARELA',
  'SIMPANAN_KHUSUS',
  'UTANG_SHU_ANGGOTA',
  'DANA_PENGURUS',
  'DANA_PENGAWAS',
  'DANA_KARYAWAN',
  'DANA_PENDIDIKAN',
  'DANA_SOSIAL',
  'DANA_PEMBANGUNAN_DAERAH_KERJA',
  'TAX_PAYABLE',
  'UNEARNED_REVENUE',
  'BANK_LOAN',
  'MEMBER_LOANS',
  'SIMPANAN_POKOK',
  'SIMPANAN_WAJIB',
  'MODAL_PENYERTAAN',
  'HIBAH',
  'CADANGAN',
  'SHU_TAHUN_BERJALAN',
  'ACCUMULATED_DEFICIT',
  'SALES_MEMBER',
  'SERVICE_MEMBER',
  'SALES_NON_MEMBER',
  'SERVICE_NON_MEMBER',
  'OTHER_INCOME',
  'COST_OF_SALES',
  'SALARIES',
  'RENT',
  'UTILITIES',
  'TRANSPORT',
  'PAYMENT_FEES',
  'MEETING_EXPENSE',
  'DEPRECIATION',
  'SAVINGS_INTEREST',
  'GENERAL_EXPENSES',
  'OTHER_EXPENSES',
  'INCOME_TAX'
] as const;
export type SystemKey = (typeof SYSTEM_KEYS)[number];

/** Simpanan pokok and wajib: equity by default, a liability where the AD says so. */
export const MEMBER_CAPITAL_KEYS: readonly SystemKey[] = ['SIMPANAN_POKOK', 'SIMPANAN_WAJIB'];

const T = (code: string, name: string, nameEn: string, subgroup: AccountSubgroup, systemKey: SystemKey | null, cashFlow: CashFlowClass, normalSide?: NormalSide): TemplateAccount => ({
  code,
  name,
  nameEn,
  subgroup,
  systemKey,
  cashFlow,
  ...(normalSide ? { normalSide } : {})
});

/**
 * A chart of accounts for a producer cooperative, grouped as SAK EP statements are read
 * (aset lancar/tidak lancar, kewajiban jangka pendek/panjang, ekuitas, pendapatan from
 * members apart from non-members, beban).
 */
export const CHART_TEMPLATE: readonly TemplateAccount[] = [
  T('1.1.01', 'Kas', 'Cash on hand', 'aset_lancar', 'CASH', 'kas'),
  T('1.1.02', 'Bank', 'Bank', 'aset_lancar', 'BANK', 'kas'),
  T('1.1.03', 'Piutang usaha', 'Trade receivables', 'aset_lancar', 'RECEIVABLE', 'operasi'),
  T('1.1.04', 'Piutang anggota', 'Receivables from members', 'aset_lancar', 'MEMBER_RECEIVABLE', 'operasi'),
  T('1.1.05', 'Persediaan barang', 'Inventory', 'aset_lancar', 'INVENTORY', 'operasi'),
  T('1.1.06', 'Biaya dibayar di muka', 'Prepaid expenses', 'aset_lancar', 'PREPAID', 'operasi'),
  T('1.2.01', 'Peralatan', 'Equipment', 'aset_tidak_lancar', 'EQUIPMENT', 'investasi'),
  T('1.2.02', 'Akumulasi penyusutan peralatan', 'Accumulated depreciation', 'aset_tidak_lancar', 'ACCUM_DEPRECIATION', 'investasi', 'credit'),
  T('1.2.03', 'Penyertaan pada koperasi sekunder', 'Investment in secondary cooperatives', 'aset_tidak_lancar', 'INVESTMENT', 'investasi'),
  T('2.1.01', 'Utang usaha', 'Trade payables', 'kewajiban_jangka_pendek', 'PAYABLE', 'operasi'),
  T('2.1.02', 'Utang kepada produsen anggota', 'Payable to member producers', 'kewajiban_jangka_pendek', 'PAYABLE_TO_PRODUCERS', 'operasi'),
  T('2.1.03', 'Simpanan sukarela', 'Voluntary savings', 'kewajiban_jangka_pendek', 'SIMPANAN_SUKARELA', 'pendanaan'),
  T('2.1.04', 'Simpanan berjangka', 'Term deposits', 'kewajiban_jangka_pendek', 'SIMPANAN_KHUSUS', 'pendanaan'),
  T('2.1.05', 'Utang SHU anggota', 'Surplus payable to members', 'kewajiban_jangka_pendek', 'UTANG_SHU_ANGGOTA', 'pendanaan'),
  T('2.1.06', 'Dana pengurus', 'Board fund', 'kewajiban_jangka_pendek', 'DANA_PENGURUS', 'operasi'),
  T('2.1.07', 'Dana pengawas', 'Supervisors fund', 'kewajiban_jangka_pendek', 'DANA_PENGAWAS', 'operasi'),
  T('2.1.08', 'Dana karyawan', 'Staff fund', 'kewajiban_jangka_pendek', 'DANA_KARYAWAN', 'operasi'),
  T('2.1.09', 'Dana pendidikan', 'Education fund', 'kewajiban_jangka_pendek', 'DANA_PENDIDIKAN', 'operasi'),
  T('2.1.10', 'Dana sosial', 'Social fund', 'kewajiban_jangka_pendek', 'DANA_SOSIAL', 'operasi'),
  T('2.1.11', 'Dana pembangunan daerah kerja', 'Regional development fund', 'kewajiban_jangka_pendek', 'DANA_PEMBANGUNAN_DAERAH_KERJA', 'operasi'),
  T('2.1.12', 'Utang pajak', 'Taxes payable', 'kewajiban_jangka_pendek', 'TAX_PAYABLE', 'operasi'),
  T('2.1.13', 'Pendapatan diterima di muka', 'Unearned revenue', 'kewajiban_jangka_pendek', 'UNEARNED_REVENUE', 'operasi'),
  T('2.2.01', 'Utang bank', 'Bank loans', 'kewajiban_jangka_panjang', 'BANK_LOAN', 'pendanaan'),
  T('2.2.02', 'Modal pinjaman dari anggota', 'Loans from members', 'kewajiban_jangka_panjang', 'MEMBER_LOANS', 'pendanaan'),
  T('3.01', 'Simpanan pokok', 'Principal savings', 'ekuitas', 'SIMPANAN_POKOK', 'pendanaan'),
  T('3.02', 'Simpanan wajib', 'Mandatory savings', 'ekuitas', 'SIMPANAN_WAJIB', 'pendanaan'),
  T('3.03', 'Modal penyertaan', 'Participation capital', 'ekuitas', 'MODAL_PENYERTAAN', 'pendanaan'),
  T('3.04', 'Hibah', 'Grants', 'ekuitas', 'HIBAH', 'pendanaan'),
  T('3.05', 'Cadangan', 'Reserves', 'ekuitas', 'CADANGAN', 'pendanaan'),
  T('3.06', 'SHU tahun berjalan', 'Surplus of the year', 'ekuitas', 'SHU_TAHUN_BERJALAN', 'pendanaan'),
  T('3.07', 'Akumulasi defisit', 'Accumulated deficit', 'ekuitas', 'ACCUMULATED_DEFICIT', 'pendanaan'),
  T('4.1.01', 'Penjualan karya anggota (partisipasi anggota)', 'Sales to/for members (member participation)', 'pendapatan_anggota', 'SALES_MEMBER', 'operasi'),
  T('4.1.02', 'Pendapatan jasa dari anggota', 'Service income from members', 'pendapatan_anggota', 'SERVICE_MEMBER', 'operasi'),
  T('4.2.01', 'Penjualan kepada non-anggota', 'Sales to non-members', 'pendapatan_non_anggota', 'SALES_NON_MEMBER', 'operasi'),
  T('4.2.02', 'Pendapatan jasa dari non-anggota', 'Service income from non-members', 'pendapatan_non_anggota', 'SERVICE_NON_MEMBER', 'operasi'),
  T('4.3.01', 'Pendapatan lain-lain', 'Other income', 'pendapatan_lain', 'OTHER_INCOME', 'operasi'),
  T('5.1.01', 'Harga pokok penjualan', 'Cost of sales', 'beban_pokok', 'COST_OF_SALES', 'operasi'),
  T('5.2.01', 'Beban gaji dan honor', 'Salaries and fees', 'beban_usaha', 'SALARIES', 'operasi'),
  T('5.2.02', 'Beban sewa', 'Rent', 'beban_usaha', 'RENT', 'operasi'),
  T('5.2.03', 'Beban listrik, air dan internet', 'Utilities', 'beban_usaha', 'UTILITIES', 'operasi'),
  T('5.2.04', 'Beban transportasi', 'Transport', 'beban_usaha', 'TRANSPORT', 'operasi'),
  T('5.2.05', 'Beban biaya pembayaran', 'Payment fees', 'beban_usaha', 'PAYMENT_FEES', 'operasi'),
  T('5.2.06', 'Beban rapat anggota', 'Members meeting expenses', 'beban_usaha', 'MEETING_EXPENSE', 'operasi'),
  T('5.2.07', 'Beban penyusutan', 'Depreciation', 'beban_usaha', 'DEPRECIATION', 'operasi'),
  T('5.2.08', 'Beban jasa simpanan', 'Interest on savings', 'beban_usaha', 'SAVINGS_INTEREST', 'operasi'),
  T('5.2.09', 'Beban umum dan administrasi', 'General and administrative expenses', 'beban_usaha', 'GENERAL_EXPENSES', 'operasi'),
  T('5.3.01', 'Beban lain-lain', 'Other expenses', 'beban_lain', 'OTHER_EXPENSES', 'operasi'),
  T('5.4.01', 'Beban pajak penghasilan', 'Income tax', 'beban_pajak', 'INCOME_TAX', 'operasi')
];

/** The group a template account takes in a cooperative, given its capital classification. */
export function templateSubgroup(a: TemplateAccount, classification: CapitalClassification): AccountSubgroup {
  if (a.systemKey && MEMBER_CAPITAL_KEYS.includes(a.systemKey as SystemKey) && classification === 'liability') return 'kewajiban_jangka_panjang';
  return a.subgroup;
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

const plainDate = z.string().refine(isValidPlainDate, 'date_invalid');
const amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Text for the database: PostgreSQL's text cannot hold a NUL character. */
const text = (min: number, max: number) => z.string().trim().min(min).max(max).refine((s) => !s.includes('\0'), 'text_nul');

export const ZJournalLineRequest = z.object({
  account: z.string().trim().min(1).max(64),
  debit: amount.optional(),
  credit: amount.optional(),
  memberId: z.uuid().optional(),
  businessUnit: text(1, 60).optional(),
  memo: text(0, 300).optional()
});
export type JournalLineRequest = z.infer<typeof ZJournalLineRequest>;

const entryFields = {
  idempotencyKey: text(1, 200),
  date: plainDate,
  description: text(1, 500),
  sourceRef: text(1, 200).optional(),
  lines: z.array(ZJournalLineRequest).min(2).max(200)
};

/** What postEntry takes from another capability, inside that capability's transaction. */
export const ZPostEntryRequest = z.object({ ...entryFields, source: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/) });
export type PostEntryRequest = z.infer<typeof ZPostEntryRequest>;

/** A manual journal entry from the board (form or API). */
export const ZJournalEntryRequest = z.object(entryFields);
export type JournalEntryRequest = z.infer<typeof ZJournalEntryRequest>;

export const ZReverseEntryRequest = z.object({
  date: plainDate.optional(),
  reason: z.string().trim().min(3).max(300)
});
export type ReverseEntryRequest = z.infer<typeof ZReverseEntryRequest>;

export const ZPeriodRequest = z.object({ from: plainDate.optional(), to: plainDate.optional() });
export type PeriodRequest = z.infer<typeof ZPeriodRequest>;

export const ZClosePeriodRequest = z.object({ throughDate: plainDate });
export const ZReopenPeriodRequest = z.object({ reason: z.string().trim().min(10).max(500) });

export const ZAccountRequest = z.object({
  code: z.string().trim().regex(/^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$/, 'account_code_invalid'),
  name: z.string().trim().min(2).max(120),
  nameEn: z.string().trim().min(2).max(120).optional(),
  subgroup: z.enum(ACCOUNT_SUBGROUPS as [AccountSubgroup, ...AccountSubgroup[]]),
  cashFlow: z.enum(CASH_FLOW_CLASSES as [CashFlowClass, ...CashFlowClass[]]).optional()
});
export type AccountRequest = z.infer<typeof ZAccountRequest>;

export const ZAccountUpdateRequest = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  nameEn: z.string().trim().min(2).max(120).nullable().optional(),
  isActive: z.boolean().optional()
});
export type AccountUpdateRequest = z.infer<typeof ZAccountUpdateRequest>;

export const ZLedgerSettingsRequest = z.object({ capitalClassification: z.enum(['equity', 'liability']) });

// ---------------------------------------------------------------------------------------------
// Entry rules
// ---------------------------------------------------------------------------------------------

export type LedgerAccount = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  group: AccountGroup;
  subgroup: AccountSubgroup;
  normalSide: NormalSide;
  systemKey: string | null;
  cashFlow: CashFlowClass;
  isActive: boolean;
};

/** A line as validated: resolved account, exactly one positive side. */
export type EntryLine = {
  lineNo: number;
  accountId: string;
  debit: Rupiah;
  credit: Rupiah;
  memberId: string | null;
  businessUnit: string | null;
  memo: string | null;
};

export type EntryCheck =
  | { ok: true; lines: EntryLine[]; total: Rupiah }
  | { ok: false; unbalanced: false; fields: FieldIssue[] }
  | { ok: false; unbalanced: true; fields: FieldIssue[]; debit: Rupiah; credit: Rupiah };

function isAmount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/**
 * Validate an entry's lines against the chart: at least two lines; each line debit XOR
 * credit, a positive safe integer; accounts known and active; debits equal credits (the
 * sums kept within the safe range). `findAccount` looks an account up by system key or code.
 */
export function checkEntryLines(lines: readonly JournalLineRequest[], findAccount: (ref: string) => LedgerAccount | undefined): EntryCheck {
  const fields: FieldIssue[] = [];
  if (lines.length < 2) fields.push({ field: 'lines', code: 'ledger_min_lines', params: { limit: 2 } });
  const out: EntryLine[] = [];
  let debit = 0;
  let credit = 0;
  lines.forEach((l, i) => {
    const d = l.debit ?? 0;
    const c = l.credit ?? 0;
    const hasD = l.debit !== undefined && l.debit !== 0;
    const hasC = l.credit !== undefined && l.credit !== 0;
    if (hasD === hasC) fields.push({ field: `lines.${i}.${hasD ? 'credit' : 'debit'}`, code: 'ledger_debit_xor_credit' });
    else if (!isAmount(hasD ? d : c)) fields.push({ field: `lines.${i}.${hasD ? 'debit' : 'credit'}`, code: 'ledger_amount_invalid' });
    const account = findAccount(l.account);
    if (!account) fields.push({ field: `lines.${i}.account`, code: 'ledger_account_unknown', params: { account: l.account } });
    else if (!account.isActive) fields.push({ field: `lines.${i}.account`, code: 'ledger_account_inactive', params: { account: account.code } });
    if (hasD !== hasC && isAmount(hasD ? d : c)) {
      debit += hasD ? d : 0;
      credit += hasC ? c : 0;
    }
    out.push({
      lineNo: i + 1,
      accountId: account?.id ?? '',
      debit: hasD ? d : 0,
      credit: hasC ? c : 0,
      memberId: l.memberId ?? null,
      businessUnit: l.businessUnit ?? null,
      memo: l.memo ?? null
    });
  });
  if (!Number.isSafeInteger(debit) || !Number.isSafeInteger(credit)) fields.push({ field: 'lines', code: 'ledger_total_too_large' });
  if (fields.length) return { ok: false, unbalanced: false, fields };
  if (debit !== credit) return { ok: false, unbalanced: true, debit, credit, fields: [{ field: 'lines', code: 'ledger_unbalanced', params: { debit, credit } }] };
  return { ok: true, lines: out, total: debit };
}

/** The lines of a reversing entry: each side swapped, everything else kept. */
export function reverseLines<L extends { debit: Rupiah; credit: Rupiah }>(lines: readonly L[]): L[] {
  return lines.map((l) => ({ ...l, debit: l.credit, credit: l.debit }));
}

export const GENESIS_HASH = '0'.repeat(64);

/** What the chain hashes: the entry's content, its place, and the hash before it. */
export type HashableEntry = {
  coopId: string;
  id: string;
  seq: number;
  date: string;
  description: string;
  source: string;
  sourceRef: string | null;
  idempotencyKey: string;
  reversesEntryId: string | null;
  createdBy: string | null;
  lines: readonly EntryLine[];
};

/**
 * Canonical serialisation: a JSON array in a fixed order (no object key order to depend on),
 * integers as integers, absent values as null, lines by line number.
 */
export function canonicalEntry(e: HashableEntry, prevHash: string): string {
  const lines = [...e.lines].sort((a, b) => a.lineNo - b.lineNo).map((l) => [l.lineNo, l.accountId, l.debit, l.credit, l.memberId, l.businessUnit, l.memo]);
  return JSON.stringify(['lumbung-ledger-v1', e.coopId, e.seq, e.id, e.date, e.description, e.source, e.sourceRef, e.idempotencyKey, e.reversesEntryId, e.createdBy, lines, prevHash]);
}

export function entryHash(e: HashableEntry, prevHash: string): string {
  return createHash('sha256').update(canonicalEntry(e, prevHash)).digest('hex');
}

/** Digest of what was posted under an idempotency key (accounts, amounts, members, units). */
export function linesDigest(lines: readonly EntryLine[]): string {
  return createHash('sha256')
    .update(JSON.stringify(lines.map((l) => [l.accountId, l.debit, l.credit, l.memberId, l.businessUnit])))
    .digest('hex');
}

/** A sealed entry as stored, for chain verification. */
export type StoredEntry = HashableEntry & { prevHash: string | null; hash: string | null; lineCount: number; total: Rupiah };

export type ChainProblem = { entryId: string; seq: number | null; reason: 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'unbalanced' | 'line_count_mismatch' | 'total_mismatch' };

/**
 * Check a run of sealed entries (in seq order) continuing a chain that ended at
 * (`lastSeq`, `lastHash`). Returns the first problem, or the new end of the chain.
 */
export function checkChain(entries: readonly StoredEntry[], lastSeq: number, lastHash: string): { problem: ChainProblem } | { lastSeq: number; lastHash: string } {
  let seq = lastSeq;
  let prev = lastHash;
  for (const e of entries) {
    const d = e.lines.reduce((s, l) => s + l.debit, 0);
    const c = e.lines.reduce((s, l) => s + l.credit, 0);
    if (e.seq !== seq + 1) return { problem: { entryId: e.id, seq: e.seq, reason: 'seq_gap' } };
    if (d !== c) return { problem: { entryId: e.id, seq: e.seq, reason: 'unbalanced' } };
    if (e.lines.length !== e.lineCount) return { problem: { entryId: e.id, seq: e.seq, reason: 'line_count_mismatch' } };
    if (d !== e.total) return { problem: { entryId: e.id, seq: e.seq, reason: 'total_mismatch' } };
    if (e.prevHash !== prev) return { problem: { entryId: e.id, seq: e.seq, reason: 'prev_hash_mismatch' } };
    if (entryHash(e, prev) !== e.hash) return { problem: { entryId: e.id, seq: e.seq, reason: 'hash_mismatch' } };
    seq = e.seq;
    prev = e.hash;
  }
  return { lastSeq: seq, lastHash: prev };
}

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, daysInMonth(ny, nm))).padStart(2, '0')}`;
}

export type Period = { from: string; to: string };

/**
 * The period before `p`, of the same length: whole months shift by months (a year's
 * previous period is the year before), anything else by days.
 */
export function previousPeriod(p: Period): Period {
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number];
  if (fd === 1 && td === daysInMonth(ty, tm)) {
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    const from = addMonths(p.from, -months);
    return { from, to: addDays(p.from, -1) };
  }
  const days = Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

/** The fiscal year containing `day`, for a cooperative whose year starts in `startMonth` (1–12). */
export function fiscalYearOf(day: string, startMonth: number): Period {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const startYear = m >= startMonth ? y : y - 1;
  const from = `${startYear}-${String(startMonth).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 12), -1) };
}

export function isFiscalYearEnd(day: string, startMonth: number): boolean {
  return fiscalYearOf(day, startMonth).to === day;
}

export function validPeriod(p: Period): boolean {
  return isValidPlainDate(p.from) && isValidPlainDate(p.to) && p.from <= p.to;
}
