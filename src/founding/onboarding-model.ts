/**
 * Path B (issue 20 item 9): the opening balance sheet of a cooperative that already exists,
 * checked as a whole before anything is written. Pure: no I/O, unit-tested.
 */

export const SAVINGS_KEYS = { SIMPANAN_POKOK: 'pokok', SIMPANAN_WAJIB: 'wajib', SIMPANAN_SUKARELA: 'sukarela' } as const;
export type SavingsKind = (typeof SAVINGS_KEYS)[keyof typeof SAVINGS_KEYS];

/** The columns of the two template spreadsheets (Indonesian headers, the order they are written in). */
export const BALANCE_COLUMNS = ['kode_akun', 'nama_akun', 'nomor_anggota', 'debit', 'kredit'] as const;
export const BALANCE_REQUIRED = ['kode_akun', 'debit', 'kredit'] as const;
export const SAVINGS_COLUMNS = ['nomor_anggota', 'nama', 'simpanan_pokok', 'simpanan_wajib', 'simpanan_sukarela'] as const;
export const SAVINGS_REQUIRED = ['nomor_anggota', 'simpanan_pokok', 'simpanan_wajib', 'simpanan_sukarela'] as const;

export type RowIssue = { sheet: 'neraca' | 'simpanan'; row: number; field: string; code: string; params?: Record<string, unknown> };
export type SheetRow = { row: number; cells: Record<string, string> };
export type ChartAccount = { code: string; systemKey: string | null };
export type KnownMember = { id: string; memberNo: number; fullName: string };
export type OpeningLine = { account: string; debit?: number; credit?: number; memberId?: string };

/** Whole rupiah from a cell: "1.500.000", "1500000", "Rp 1.500.000"; empty is 0; anything else null. */
export function parseRupiahCell(text: string | undefined): number | null {
  const t = (text ?? '').trim().replace(/^rp\.?\s*/i, '');
  if (t === '') return 0;
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replace(/\./g, ''));
  if (/^\d{1,15}$/.test(t)) return Number(t);
  return null;
}

function memberNoOf(text: string | undefined): number | null | 'bad' {
  const t = (text ?? '').trim();
  if (t === '') return null;
  return /^\d{1,9}$/.test(t) ? Number(t) : 'bad';
}

export type OpeningCheck = { issues: RowIssue[]; lines: OpeningLine[]; totals: { debit: number; credit: number }; savings: { memberNo: number; kind: SavingsKind; amount: number }[] };

/**
 * Checks the balance sheet (one line per account, and per member for the simpanan accounts —
 * the ledger's member sub-accounts) and the members' savings register against each other:
 * every account known, one side per line in whole rupiah, debits equal to credits, every
 * simpanan line naming a known member, and each member's pokok/wajib/sukarela in the register
 * equal to their lines in the balance sheet — a difference is named member by member.
 */
export function checkOpening(balance: readonly SheetRow[], register: readonly SheetRow[], chart: readonly ChartAccount[], members: readonly KnownMember[]): OpeningCheck {
  const issues: RowIssue[] = [];
  const byCode = new Map(chart.map((a) => [a.code, a]));
  const byNo = new Map(members.map((m) => [m.memberNo, m]));
  const lines: OpeningLine[] = [];
  let debit = 0;
  let credit = 0;
  const ledgerSavings = new Map<string, number>(); // `${memberNo}|${kind}` → credit − debit
  for (const { row, cells } of balance) {
    const code = (cells.kode_akun ?? '').trim();
    const account = byCode.get(code);
    if (!account) {
      issues.push({ sheet: 'neraca', row, field: 'kode_akun', code: 'onboarding_account_unknown', params: { code } });
      continue;
    }
    const d = parseRupiahCell(cells.debit);
    const c = parseRupiahCell(cells.kredit);
    if (d === null || c === null || (d > 0 && c > 0)) {
      issues.push({ sheet: 'neraca', row, field: d === null || (d > 0 && c !== null && c > 0) ? 'debit' : 'kredit', code: 'onboarding_amount' });
      continue;
    }
    if (d === 0 && c === 0) continue;
    const kind = account.systemKey ? (SAVINGS_KEYS as Record<string, SavingsKind>)[account.systemKey] : undefined;
    const no = memberNoOf(cells.nomor_anggota);
    let memberId: string | undefined;
    if (no === 'bad' || (no !== null && !byNo.has(no))) {
      issues.push({ sheet: 'neraca', row, field: 'nomor_anggota', code: 'onboarding_member_unknown', params: { memberNo: cells.nomor_anggota?.trim() ?? '' } });
      continue;
    }
    if (no !== null) memberId = byNo.get(no)!.id;
    if (kind) {
      if (no === null) {
        issues.push({ sheet: 'neraca', row, field: 'nomor_anggota', code: 'onboarding_member_line_needed' });
        continue;
      }
      const key = `${no}|${kind}`;
      ledgerSavings.set(key, (ledgerSavings.get(key) ?? 0) + c - d);
    }
    debit += d;
    credit += c;
    lines.push({ account: code, ...(d > 0 ? { debit: d } : { credit: c }), ...(memberId ? { memberId } : {}) });
  }
  const lastRow = balance.length ? balance[balance.length - 1]!.row + 1 : 2;
  if (debit !== credit) issues.push({ sheet: 'neraca', row: lastRow, field: 'total', code: 'onboarding_unbalanced', params: { debit, credit, difference: Math.abs(debit - credit) } });

  const seen = new Map<number, number>();
  const savings: OpeningCheck['savings'] = [];
  const registerSavings = new Map<string, { row: number; amount: number }>();
  for (const { row, cells } of register) {
    const no = memberNoOf(cells.nomor_anggota);
    if (no === null || no === 'bad' || !byNo.has(no)) {
      issues.push({ sheet: 'simpanan', row, field: 'nomor_anggota', code: 'onboarding_member_unknown', params: { memberNo: cells.nomor_anggota?.trim() ?? '' } });
      continue;
    }
    if (seen.has(no)) {
      issues.push({ sheet: 'simpanan', row, field: 'nomor_anggota', code: 'onboarding_member_twice', params: { memberNo: no, row: seen.get(no) } });
      continue;
    }
    seen.set(no, row);
    for (const [column, kind] of [['simpanan_pokok', 'pokok'], ['simpanan_wajib', 'wajib'], ['simpanan_sukarela', 'sukarela']] as const) {
      const amount = parseRupiahCell(cells[column]);
      if (amount === null) {
        issues.push({ sheet: 'simpanan', row, field: column, code: 'onboarding_amount' });
        continue;
      }
      registerSavings.set(`${no}|${kind}`, { row, amount });
      if (amount > 0) savings.push({ memberNo: no, kind, amount });
    }
  }
  // Member by member: the register against the ledger's sub-accounts, both ways.
  const keys = new Set([...ledgerSavings.keys(), ...registerSavings.keys()]);
  const sorted = [...keys].sort((a, b) => Number(a.split('|')[0]) - Number(b.split('|')[0]) || a.localeCompare(b));
  for (const key of sorted) {
    const [noText, kind] = key.split('|') as [string, SavingsKind];
    const no = Number(noText);
    const inLedger = ledgerSavings.get(key) ?? 0;
    const inRegister = registerSavings.get(key)?.amount ?? 0;
    if (inLedger === inRegister) continue;
    const m = byNo.get(no)!;
    const inSavings = registerSavings.get(key);
    const row = inSavings?.row ?? balance.find((r) => memberNoOf(r.cells.nomor_anggota) === no)?.row ?? 0;
    issues.push({ sheet: inSavings ? 'simpanan' : 'neraca', row, field: `simpanan_${kind}`, code: 'onboarding_member_mismatch', params: { kind, memberNo: no, name: m.fullName, register: inRegister, ledger: inLedger, difference: Math.abs(inRegister - inLedger) } });
  }
  issues.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { issues, lines, totals: { debit, credit }, savings };
}
