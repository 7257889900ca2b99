import type { AccountGroup, AccountSubgroup, LedgerAccount, Period, Rupiah } from './model.js';

/**
 * Financial statements built from aggregated rows (pure: no I/O). Amounts are shown on the
 * side their group normally carries (assets and expenses debit minus credit; liabilities,
 * equity and income credit minus debit), so a contra account lowers its group's total.
 */

export type ReportKind = 'posisi-keuangan' | 'hasil-usaha' | 'perubahan-ekuitas' | 'arus-kas' | 'catatan' | 'neraca-saldo' | 'buku-besar' | 'anggota';
export const REPORT_KINDS: readonly ReportKind[] = ['posisi-keuangan', 'hasil-usaha', 'perubahan-ekuitas', 'arus-kas', 'catatan', 'neraca-saldo', 'buku-besar', 'anggota'];

export type ReportRow = {
  kind: 'section' | 'heading' | 'line' | 'subtotal' | 'total' | 'text';
  label: string;
  code?: string;
  date?: string;
  ref?: string;
  values: (Rupiah | null)[];
};

export type Report = {
  kind: ReportKind;
  title: string;
  subtitle?: string;
  period: Period;
  previous: Period;
  columns: string[];
  rows: ReportRow[];
  /** The statement's own arithmetic check (assets = liabilities + equity, debits = credits, …). */
  balanced: boolean;
};

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Signed balance: debit minus credit. */
export type Balances = ReadonlyMap<string, Rupiah>;
export type Movement = { debit: Rupiah; credit: Rupiah };
export type Movements = ReadonlyMap<string, Movement>;

const CREDIT_GROUPS: readonly AccountGroup[] = ['kewajiban', 'ekuitas', 'pendapatan'];

/** A signed (debit − credit) amount as its group presents it. */
export function presented(group: AccountGroup, signed: Rupiah): Rupiah {
  return CREDIT_GROUPS.includes(group) ? 0 - signed : signed;
}

const get = (m: Balances, id: string): Rupiah => m.get(id) ?? 0;
const net = (m: Movements, id: string): Rupiah => {
  const v = m.get(id);
  return v ? v.debit - v.credit : 0;
};

function accountLabel(a: LedgerAccount, locale: 'id' | 'en'): string {
  return locale === 'en' && a.nameEn ? a.nameEn : a.name;
}

function byCode(a: LedgerAccount, b: LedgerAccount): number {
  return a.code.localeCompare(b.code, 'en', { numeric: true });
}

type Ctx = { accounts: readonly LedgerAccount[]; t: Translate; locale: 'id' | 'en' };

/** Lines for the accounts of some subgroups (hiding accounts that are zero in every column) and their subtotal. */
function block(c: Ctx, subgroups: readonly AccountSubgroup[], columns: ((a: LedgerAccount) => Rupiah)[]): { rows: ReportRow[]; totals: Rupiah[] } {
  const rows: ReportRow[] = [];
  const totals = columns.map(() => 0);
  for (const a of c.accounts.filter((x) => subgroups.includes(x.subgroup)).sort(byCode)) {
    const values = columns.map((f) => f(a));
    values.forEach((v, i) => (totals[i]! += v));
    if (values.some((v) => v !== 0)) rows.push({ kind: 'line', label: accountLabel(a, c.locale), code: a.code, values });
  }
  return { rows, totals };
}

function sumOver(c: Ctx, groups: readonly AccountGroup[], f: (a: LedgerAccount) => Rupiah): Rupiah {
  return c.accounts.filter((a) => groups.includes(a.group)).reduce((s, a) => s + f(a), 0);
}

/** Laporan posisi keuangan: balances at the end of the period and of the previous one. */
export function buildBalanceSheet(c: Ctx, period: Period, previous: Period, atEnd: Balances, atPrevEnd: Balances): Report {
  const cols = (a: LedgerAccount) => [presented(a.group, get(atEnd, a.id)), presented(a.group, get(atPrevEnd, a.id))];
  const colFns = [(a: LedgerAccount) => cols(a)[0]!, (a: LedgerAccount) => cols(a)[1]!];
  const rows: ReportRow[] = [];
  const section = (label: string) => rows.push({ kind: 'section', label, values: [null, null] });
  const sub = (label: string, subgroups: AccountSubgroup[]) => {
    rows.push({ kind: 'heading', label, values: [null, null] });
    const b = block(c, subgroups, colFns);
    rows.push(...b.rows, { kind: 'subtotal', label: c.t('ledger.report.totalOf', { what: label }), values: b.totals });
    return b.totals;
  };
  section(c.t('ledger.group.aset'));
  const al = sub(c.t('ledger.subgroup.aset_lancar'), ['aset_lancar']);
  const atl = sub(c.t('ledger.subgroup.aset_tidak_lancar'), ['aset_tidak_lancar']);
  const assets = [al[0]! + atl[0]!, al[1]! + atl[1]!];
  rows.push({ kind: 'total', label: c.t('ledger.report.totalAssets'), values: assets });

  section(c.t('ledger.group.kewajiban'));
  const kp = sub(c.t('ledger.subgroup.kewajiban_jangka_pendek'), ['kewajiban_jangka_pendek']);
  const kl = sub(c.t('ledger.subgroup.kewajiban_jangka_panjang'), ['kewajiban_jangka_panjang']);
  const liabilities = [kp[0]! + kl[0]!, kp[1]! + kl[1]!];
  rows.push({ kind: 'total', label: c.t('ledger.report.totalLiabilities'), values: liabilities });

  section(c.t('ledger.group.ekuitas'));
  const eq = block(c, ['ekuitas'], colFns);
  rows.push(...eq.rows);
  // Income and expenses not yet closed into SHU tahun berjalan belong to equity.
  const unclosed = [
    sumOver(c, ['pendapatan', 'beban'], (a) => -get(atEnd, a.id)),
    sumOver(c, ['pendapatan', 'beban'], (a) => -get(atPrevEnd, a.id))
  ];
  if (unclosed.some((v) => v !== 0)) rows.push({ kind: 'line', label: c.t('ledger.report.unclosedShu'), values: unclosed });
  const equity = [eq.totals[0]! + unclosed[0]!, eq.totals[1]! + unclosed[1]!];
  rows.push({ kind: 'total', label: c.t('ledger.report.totalEquity'), values: equity });
  const le = [liabilities[0]! + equity[0]!, liabilities[1]! + equity[1]!];
  rows.push({ kind: 'total', label: c.t('ledger.report.totalLiabilitiesEquity'), values: le });
  return {
    kind: 'posisi-keuangan',
    title: c.t('ledger.reports.posisi-keuangan'),
    period,
    previous,
    columns: [period.to, previous.to],
    rows,
    balanced: le[0] === assets[0] && le[1] === assets[1]
  };
}

export type ShuFigures = { memberIncome: Rupiah; nonMemberIncome: Rupiah; grossShu: Rupiah; operatingShu: Rupiah; shuBeforeTax: Rupiah; netShu: Rupiah };

/** The SHU figures of one period from its movements (closing entries excluded by the caller). */
export function shuFigures(accounts: readonly LedgerAccount[], mov: Movements): ShuFigures {
  const sum = (subgroups: AccountSubgroup[]) =>
    accounts.filter((a) => subgroups.includes(a.subgroup)).reduce((s, a) => s + presented(a.group, net(mov, a.id)), 0);
  const memberIncome = sum(['pendapatan_anggota']);
  const nonMemberIncome = sum(['pendapatan_non_anggota']);
  const grossShu = memberIncome + nonMemberIncome - sum(['beban_pokok']);
  const operatingShu = grossShu - sum(['beban_usaha']);
  const shuBeforeTax = operatingShu + sum(['pendapatan_lain']) - sum(['beban_lain']);
  return { memberIncome, nonMemberIncome, grossShu, operatingShu, shuBeforeTax, netShu: shuBeforeTax - sum(['beban_pajak']) };
}

/** Perhitungan hasil usaha, with income from members apart from income from non-members. */
export function buildShuStatement(c: Ctx, period: Period, previous: Period, movCur: Movements, movPrev: Movements): Report {
  const colFns = [(a: LedgerAccount) => presented(a.group, net(movCur, a.id)), (a: LedgerAccount) => presented(a.group, net(movPrev, a.id))];
  const cur = shuFigures(c.accounts, movCur);
  const prev = shuFigures(c.accounts, movPrev);
  const rows: ReportRow[] = [];
  const part = (label: string, subgroups: AccountSubgroup[]) => {
    rows.push({ kind: 'heading', label, values: [null, null] });
    const b = block(c, subgroups, colFns);
    rows.push(...b.rows, { kind: 'subtotal', label: c.t('ledger.report.totalOf', { what: label }), values: b.totals });
  };
  part(c.t('ledger.subgroup.pendapatan_anggota'), ['pendapatan_anggota']);
  part(c.t('ledger.subgroup.pendapatan_non_anggota'), ['pendapatan_non_anggota']);
  rows.push({ kind: 'total', label: c.t('ledger.report.operatingIncome'), values: [cur.memberIncome + cur.nonMemberIncome, prev.memberIncome + prev.nonMemberIncome] });
  part(c.t('ledger.subgroup.beban_pokok'), ['beban_pokok']);
  rows.push({ kind: 'total', label: c.t('ledger.report.grossShu'), values: [cur.grossShu, prev.grossShu] });
  part(c.t('ledger.subgroup.beban_usaha'), ['beban_usaha']);
  rows.push({ kind: 'total', label: c.t('ledger.report.operatingShu'), values: [cur.operatingShu, prev.operatingShu] });
  part(c.t('ledger.subgroup.pendapatan_lain'), ['pendapatan_lain']);
  part(c.t('ledger.subgroup.beban_lain'), ['beban_lain']);
  rows.push({ kind: 'total', label: c.t('ledger.report.shuBeforeTax'), values: [cur.shuBeforeTax, prev.shuBeforeTax] });
  part(c.t('ledger.subgroup.beban_pajak'), ['beban_pajak']);
  rows.push({ kind: 'total', label: c.t('ledger.report.netShu'), values: [cur.netShu, prev.netShu] });
  const check = (m: Movements, figures: ShuFigures) => sumOver(c, ['pendapatan', 'beban'], (a) => -net(m, a.id)) === figures.netShu;
  return {
    kind: 'hasil-usaha',
    title: c.t('ledger.reports.hasil-usaha'),
    period,
    previous,
    columns: [`${period.from}/${period.to}`, `${previous.from}/${previous.to}`],
    rows,
    balanced: check(movCur, cur) && check(movPrev, prev)
  };
}

export type EquityInputs = {
  /** Balances the day before the period starts and at its end. */
  opening: Balances;
  closing: Balances;
  /** All movements in the period, closing entries included. */
  movements: Movements;
  /** Net SHU of the period (closing entries excluded). */
  netShu: Rupiah;
};

/** Laporan perubahan ekuitas: each equity account and the unclosed SHU, opening → closing. */
export function buildChangesInEquity(c: Ctx, period: Period, previous: Period, cur: EquityInputs, prev: EquityInputs): Report {
  const rows: ReportRow[] = [];
  let balanced = true;
  const part = (label: string, p: Period, x: EquityInputs) => {
    rows.push({ kind: 'heading', label: `${label} (${p.from} – ${p.to})`, values: [null, null, null, null] });
    const b = block(c, ['ekuitas'], [
      (a) => presented(a.group, get(x.opening, a.id)),
      (a) => x.movements.get(a.id)?.credit ?? 0,
      (a) => x.movements.get(a.id)?.debit ?? 0,
      (a) => presented(a.group, get(x.closing, a.id))
    ]);
    rows.push(...b.rows);
    const open = sumOver(c, ['pendapatan', 'beban'], (a) => -get(x.opening, a.id));
    const close = sumOver(c, ['pendapatan', 'beban'], (a) => -get(x.closing, a.id));
    // What closing entries moved out of income and expenses into SHU tahun berjalan.
    const transferred = open + x.netShu - close;
    const up = Math.max(x.netShu, 0);
    const down = Math.max(-x.netShu, 0) + transferred;
    rows.push({ kind: 'line', label: c.t('ledger.report.unclosedShu'), values: [open, up, down, close] });
    const totals = [b.totals[0]! + open, b.totals[1]! + up, b.totals[2]! + down, b.totals[3]! + close];
    rows.push({ kind: 'total', label: c.t('ledger.report.totalEquity'), values: totals });
    if (totals[0]! + totals[1]! - totals[2]! !== totals[3]) balanced = false;
  };
  part(c.t('ledger.report.thisPeriod'), period, cur);
  part(c.t('ledger.report.previousPeriod'), previous, prev);
  return {
    kind: 'perubahan-ekuitas',
    title: c.t('ledger.reports.perubahan-ekuitas'),
    period,
    previous,
    columns: [c.t('ledger.report.opening'), c.t('ledger.report.additions'), c.t('ledger.report.deductions'), c.t('ledger.report.closing')],
    rows,
    balanced
  };
}

export type CashInputs = {
  /** Per non-cash account: credit − debit of its lines in entries that touch a cash account. */
  counterparts: Balances;
  cashOpening: Rupiah;
  cashClosing: Rupiah;
};

/**
 * Laporan arus kas, direct method: every entry that moves cash is balanced, so its non-cash
 * lines (credit − debit) add up to the cash it moved; each is counted in its account's activity.
 */
export function buildCashFlow(c: Ctx, period: Period, previous: Period, cur: CashInputs, prev: CashInputs): Report {
  const rows: ReportRow[] = [];
  const nets = [0, 0];
  for (const activity of ['operasi', 'investasi', 'pendanaan'] as const) {
    const label = c.t(`ledger.cashFlow.${activity}`);
    rows.push({ kind: 'heading', label, values: [null, null] });
    const list = c.accounts.filter((a) => a.cashFlow === activity).sort(byCode);
    const totals = [0, 0];
    for (const a of list) {
      const values = [get(cur.counterparts, a.id), get(prev.counterparts, a.id)];
      totals[0]! += values[0]!;
      totals[1]! += values[1]!;
      if (values.some((v) => v !== 0)) rows.push({ kind: 'line', label: accountLabel(a, c.locale), code: a.code, values });
    }
    rows.push({ kind: 'subtotal', label: c.t('ledger.report.netCashFrom', { what: label }), values: totals });
    nets[0]! += totals[0]!;
    nets[1]! += totals[1]!;
  }
  rows.push({ kind: 'total', label: c.t('ledger.report.netCashChange'), values: nets });
  rows.push({ kind: 'line', label: c.t('ledger.report.cashOpening'), values: [cur.cashOpening, prev.cashOpening] });
  rows.push({ kind: 'total', label: c.t('ledger.report.cashClosing'), values: [cur.cashClosing, prev.cashClosing] });
  return {
    kind: 'arus-kas',
    title: c.t('ledger.reports.arus-kas'),
    period,
    previous,
    columns: [`${period.from}/${period.to}`, `${previous.from}/${previous.to}`],
    rows,
    balanced: cur.cashOpening + nets[0]! === cur.cashClosing && prev.cashOpening + nets[1]! === prev.cashClosing
  };
}

/** Neraca saldo: movements of the period and the debit/credit balance at its end and at the previous end. */
export function buildTrialBalance(c: Ctx, period: Period, previous: Period, movements: Movements, atEnd: Balances, atPrevEnd: Balances): Report {
  const rows: ReportRow[] = [];
  const totals = [0, 0, 0, 0, 0, 0];
  for (const a of [...c.accounts].sort(byCode)) {
    const m = movements.get(a.id) ?? { debit: 0, credit: 0 };
    const end = get(atEnd, a.id);
    const prevEnd = get(atPrevEnd, a.id);
    const values = [m.debit, m.credit, Math.max(end, 0), Math.max(-end, 0), Math.max(prevEnd, 0), Math.max(-prevEnd, 0)];
    values.forEach((v, i) => (totals[i]! += v));
    if (values.some((v) => v !== 0)) rows.push({ kind: 'line', label: accountLabel(a, c.locale), code: a.code, values });
  }
  rows.push({ kind: 'total', label: c.t('ledger.report.total'), values: totals });
  return {
    kind: 'neraca-saldo',
    title: c.t('ledger.reports.neraca-saldo'),
    period,
    previous,
    columns: [c.t('ledger.report.debit'), c.t('ledger.report.credit'), c.t('ledger.report.balanceDebit'), c.t('ledger.report.balanceCredit'), c.t('ledger.report.prevBalanceDebit'), c.t('ledger.report.prevBalanceCredit')],
    rows,
    balanced: totals[0] === totals[1] && totals[2] === totals[3] && totals[4] === totals[5]
  };
}

export type LedgerLine = { date: string; entryId: string; description: string; debit: Rupiah; credit: Rupiah; memo: string | null };
export type AccountActivity = { account: LedgerAccount; opening: Rupiah; lines: readonly LedgerLine[]; previous: Movement };

/**
 * Buku besar (and a member's statement, which is the same shape over the member's lines):
 * per account the opening balance, each line with a running balance on the account's
 * normal side, the closing balance, and the previous period's movements.
 */
export function buildAccountLedger(c: Ctx, kind: 'buku-besar' | 'anggota', title: string, period: Period, previous: Period, activity: readonly AccountActivity[], subtitle?: string): Report {
  const rows: ReportRow[] = [];
  let balanced = true;
  for (const { account: a, opening, lines, previous: pm } of [...activity].sort((x, y) => byCode(x.account, y.account))) {
    const sign = a.normalSide === 'debit' ? 1 : -1;
    rows.push({ kind: 'heading', label: accountLabel(a, c.locale), code: a.code, values: [null, null, null] });
    rows.push({ kind: 'line', label: c.t('ledger.report.previousMovements'), values: [pm.debit, pm.credit, null] });
    let running = sign * opening;
    rows.push({ kind: 'line', label: c.t('ledger.report.opening'), date: period.from, values: [null, null, running] });
    let d = 0;
    let cr = 0;
    for (const l of lines) {
      running += sign * (l.debit - l.credit);
      d += l.debit;
      cr += l.credit;
      rows.push({ kind: 'line', label: l.memo ? `${l.description} — ${l.memo}` : l.description, date: l.date, ref: l.entryId, values: [l.debit || null, l.credit || null, running] });
    }
    rows.push({ kind: 'subtotal', label: c.t('ledger.report.closing'), date: period.to, values: [d, cr, running] });
    if (running !== sign * (opening + d - cr)) balanced = false;
  }
  return {
    kind,
    title,
    ...(subtitle ? { subtitle } : {}),
    period,
    previous,
    columns: [c.t('ledger.report.debit'), c.t('ledger.report.credit'), c.t('ledger.report.balance')],
    rows,
    balanced
  };
}

export type NotesInputs = {
  coopName: string;
  legalNumber: string | null;
  capitalClassification: 'equity' | 'liability';
  closedThrough: string | null;
  balanceSheet: Report;
  shu: ShuFigures;
  previousShu: ShuFigures;
};

/** Catatan atas laporan keuangan: the skeleton with what the ledger knows filled in. */
export function buildNotes(c: Ctx, period: Period, previous: Period, x: NotesInputs): Report {
  const rows: ReportRow[] = [];
  const heading = (key: string) => rows.push({ kind: 'heading', label: c.t(`ledger.notes.${key}.title`), values: [null, null] });
  const text = (label: string) => rows.push({ kind: 'text', label, values: [null, null] });
  heading('general');
  text(c.t('ledger.notes.general.body', { name: x.coopName, legal: x.legalNumber ?? '—' }));
  heading('policies');
  text(c.t('ledger.notes.policies.body'));
  text(c.t(`ledger.notes.policies.capital_${x.capitalClassification}`));
  text(x.closedThrough && x.closedThrough >= period.to ? c.t('ledger.notes.policies.closed', { date: x.closedThrough }) : c.t('ledger.notes.policies.open'));
  heading('cash');
  for (const r of x.balanceSheet.rows.filter((r) => r.kind === 'line' && (r.code === '1.1.01' || r.code === '1.1.02'))) rows.push({ ...r });
  heading('capital');
  for (const r of x.balanceSheet.rows.filter((r) => r.kind === 'line' && /^(3\.0[1-4]|2\.1\.0[34])$/.test(r.code ?? ''))) rows.push({ ...r });
  heading('income');
  rows.push({ kind: 'line', label: c.t('ledger.subgroup.pendapatan_anggota'), values: [x.shu.memberIncome, x.previousShu.memberIncome] });
  rows.push({ kind: 'line', label: c.t('ledger.subgroup.pendapatan_non_anggota'), values: [x.shu.nonMemberIncome, x.previousShu.nonMemberIncome] });
  heading('shu');
  rows.push({ kind: 'line', label: c.t('ledger.report.netShu'), values: [x.shu.netShu, x.previousShu.netShu] });
  text(c.t('ledger.notes.shu.body'));
  heading('events');
  text(c.t('ledger.notes.events.body'));
  return { kind: 'catatan', title: c.t('ledger.reports.catatan'), period, previous, columns: [period.to, previous.to], rows, balanced: true };
}
