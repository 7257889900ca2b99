import type ExcelJS from 'exceljs';
import { loadExcel } from '../kernel/xlsx.js';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { t, type Locale } from '../kernel/i18n.js';
import { renderPdf } from '../kernel/pdf.js';
import { formatRupiah } from '../ledger/export-report.js';
import type { ReportResult } from '../ledger/get-report.js';
import type { RatReport } from './get-rat-report.js';
import type { Book } from './model.js';

/** The RAT package and the books as files: PDF with pdfmake (as the ledger's statements), XLSX with exceljs. */

const MUTED = '#6b6258';
const RUPIAH_FMT = '"Rp"#,##0;-"Rp"#,##0';

function pct(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })} %`;
}

/** The section titles of the package, numbered, in order: the contents page lists them. */
export function ratSections(locale: Locale): { key: string; title: string }[] {
  const keys = ['accountability', 'statements', 'shu', 'membership', 'compliance', 'meetings', 'funds'];
  return keys.map((key, i) => ({ key, title: `${i + 1}. ${t(locale, `reports.section.${key}`)}` }));
}

/** Section 7's social-fund part, from the care records: no applicant is named. */
function careSection(r: RatReport, tr: (key: string, params?: Record<string, unknown>) => string): Content[] {
  const c = r.care;
  if (!c) return [];
  return [
    { text: tr('care.rat.title'), style: 'h2' },
    table(
      [tr('care.rat.fund'), tr('reports.fundRow.opening'), tr('care.rat.donations'), tr('care.rat.grants'), tr('care.rat.otherIn'), tr('care.rat.aid'), tr('care.rat.otherOut'), tr('reports.fundRow.closing')],
      c.funds.map((f) => [`${f.name}${f.grantor ? ` (${f.grantor}${f.isStateAid ? `, ${tr('care.stateAid')}` : ''})` : ''}`, f.opening, f.donations, f.grants, f.otherIn, f.aid, f.otherOut, f.closing]),
      ['*', 50, 50, 50, 50, 50, 50, 50],
      [1, 2, 3, 4, 5, 6, 7]
    ),
    { text: tr('care.rat.aidByCategory'), style: 'h2' },
    c.aidByCategory.length
      ? table([tr('care.rat.category'), tr('care.rat.households'), tr('reports.col.amount')], c.aidByCategory.map((a) => [tr(`care.categories.${a.category}`), String(a.households), a.amount]), ['*', 70, 90], [2])
      : { text: tr('care.rat.noAid') },
    { text: tr('care.rat.applications', { received: c.applications.received, approved: c.applications.approved, refused: c.applications.refused, open: c.applications.open }), margin: [0, 6, 0, 2] },
    ...c.applications.refusedByRule.map((x): Content => ({ text: `• ${tr(`care.rules.${x.rule}`)}: ${x.count}` })),
    { text: tr('care.programmes'), style: 'h2' },
    c.programmes.length
      ? table([tr('care.programme'), tr('care.budget'), tr('care.actual')], c.programmes.map((p) => [`${p.title} (${tr(`care.statuses.${p.status}`)})`, p.budget, p.actual]), ['*', 90, 90], [1, 2])
      : { text: tr('care.noProgrammes') }
  ];
}

function table(header: string[], rows: (TableCell | null)[][], widths?: (string | number)[], money: number[] = []): Content {
  const head: TableCell[] = header.map((h, i) => ({ text: h, bold: true, alignment: money.includes(i) ? 'right' : 'left' }));
  const cell = (c: TableCell | null, i: number): TableCell => (money.includes(i) && (typeof c === 'number' || c === null) ? { text: formatRupiah(c as number | null), alignment: 'right' as const } : c === null ? '' : c);
  const body: TableCell[][] = [head, ...rows.map((r) => r.map(cell))];
  if (rows.length === 0) body.push([{ text: '—', colSpan: header.length }, ...header.slice(1).map(() => ({ text: '' }))]);
  return { table: { headerRows: 1, widths: widths ?? header.map(() => '*'), body }, layout: 'lightHorizontalLines', fontSize: 8, margin: [0, 2, 0, 8] };
}

function statementContent(r: ReportResult, locale: Locale): Content[] {
  const body: TableCell[][] = [[{ text: '', bold: true }, ...r.columns.map((c) => ({ text: c, bold: true, alignment: 'right' as const }))]];
  for (const row of r.rows) {
    const strong = row.kind !== 'line' && row.kind !== 'text';
    if (row.kind === 'text') {
      body.push([{ text: row.label, colSpan: r.columns.length + 1, italics: true }, ...r.columns.map(() => ({ text: '' }))]);
      continue;
    }
    body.push([
      { text: `${row.code && row.kind === 'line' ? `${row.code}  ` : ''}${row.label}`, bold: strong, margin: [row.kind === 'line' ? 8 : 0, 0, 0, 0] },
      ...row.values.map((v) => ({ text: formatRupiah(v), alignment: 'right' as const, bold: row.kind === 'total' || row.kind === 'subtotal' }))
    ]);
  }
  return [
    { text: r.title, style: 'h2', tocItem: true, tocMargin: [12, 0, 0, 0] },
    { text: `${t(locale, 'ledger.report.periodLabel', r.period)} — ${t(locale, 'ledger.report.previousLabel', r.previous)}`, fontSize: 8, color: MUTED, margin: [0, 0, 0, 4] },
    { table: { headerRows: 1, widths: ['*', ...r.columns.map(() => 90)], body }, layout: 'lightHorizontalLines', fontSize: 8 },
    { text: `${t(locale, 'ledger.report.checks')}: ${r.balanced ? t(locale, 'ledger.checkOk') : t(locale, 'ledger.checkFail')}`, fontSize: 7, color: MUTED, margin: [0, 4, 0, 10] }
  ];
}

function membershipRows(r: RatReport, locale: Locale): [string, number, number][] {
  const c = r.membership.current;
  const p = r.membership.previous;
  const keys: (keyof typeof c)[] = ['opening', 'joined', 'left', 'total', 'men', 'women', 'withBirthDate', 'youth'];
  return keys.map((k) => [t(locale, `reports.membership.${k}`), c[k], p[k]]);
}

/** The RAT package as one PDF: cover, contents with page numbers, then the sections. */
export async function renderRatPdf(r: RatReport, locale: Locale): Promise<Buffer> {
  const tr = (k: string, p?: Record<string, unknown>) => t(locale, k, p);
  const sections = ratSections(locale);
  const h1 = (i: number): Content => ({ text: sections[i]!.title, style: 'h1', tocItem: true, pageBreak: 'before' });
  const h2 = (text: string): Content => ({ text, style: 'h2', tocItem: true, tocMargin: [12, 0, 0, 0] });
  const yearCols = [tr('reports.yearColumn', { year: r.year }), tr('reports.yearColumn', { year: r.year - 1 })];
  const content: Content[] = [
    // Cover
    { text: tr('reports.rat.coverKicker'), fontSize: 12, color: MUTED, margin: [0, 160, 0, 8], alignment: 'center' },
    { text: tr('reports.rat.title'), fontSize: 24, bold: true, alignment: 'center' },
    { text: tr('reports.rat.fiscalYear', { year: r.year }), fontSize: 16, alignment: 'center', margin: [0, 6, 0, 30] },
    { text: r.coop.name, fontSize: 18, bold: true, alignment: 'center' },
    ...(r.coop.legalNumber ? [{ text: tr('reports.rat.legal', { no: r.coop.legalNumber, date: r.coop.legalDate ?? '—' }), alignment: 'center' as const, fontSize: 10 }] : []),
    ...(r.coop.address ? [{ text: r.coop.address, alignment: 'center' as const, fontSize: 10 }] : []),
    { text: tr('reports.rat.period', r.period), alignment: 'center', fontSize: 10, margin: [0, 30, 0, 0] },
    { text: tr('reports.rat.generated', { at: r.generatedAt.slice(0, 16).replace('T', ' ') }), alignment: 'center', fontSize: 8, color: MUTED },
    // Contents
    { toc: { title: { text: tr('reports.rat.contents'), style: 'h1' }, numberStyle: { fontSize: 9 }, textStyle: { fontSize: 9 } }, pageBreak: 'before' },

    // 1. Accountability
    h1(0),
    ...r.narrative.map((p) => ({ text: p, margin: [0, 0, 0, 6] as [number, number, number, number] })),
    h2(tr('reports.sub.organisation')),
    { text: tr('reports.sub.board'), bold: true },
    table([tr('reports.col.name'), tr('reports.col.memberNo'), tr('reports.col.office'), tr('reports.col.startsOn'), tr('reports.col.endsOn')], r.organisation.board.map((p) => [p.name, p.memberNo === null ? '—' : String(p.memberNo).padStart(4, '0'), p.roleText, p.since ?? '—', p.until ?? '—'])),
    { text: tr('reports.sub.supervisors'), bold: true },
    table([tr('reports.col.name'), tr('reports.col.memberNo'), tr('reports.col.office'), tr('reports.col.startsOn'), tr('reports.col.endsOn')], r.organisation.supervisors.map((p) => [p.name, p.memberNo === null ? '—' : String(p.memberNo).padStart(4, '0'), p.roleText, p.since ?? '—', p.until ?? '—'])),
    { text: tr('reports.sub.staff'), bold: true },
    table([tr('reports.col.name'), tr('reports.col.office'), tr('reports.col.startsOn')], r.organisation.staff.map((p) => [p.name, p.roleText, p.since ?? '—'])),
    h2(tr('reports.sub.membership')),
    table([tr('reports.col.figure'), ...yearCols], membershipRows(r, locale).map(([l, c, p]) => [l, { text: String(c), alignment: 'right' }, { text: String(p), alignment: 'right' }]), ['*', 90, 90]),
    { text: tr('reports.membership.youthNote'), fontSize: 7, color: MUTED, margin: [0, 0, 0, 8] },
    h2(tr('reports.sub.business')),
    table(
      [tr('reports.col.unit'), tr('reports.col.memberIncome'), tr('reports.col.nonMemberIncome'), yearCols[0]!, yearCols[1]!],
      [...r.business.rows.map((b) => [b.unitText, b.member, b.nonMember, b.total, b.previousTotal] as TableCell[]), [{ text: tr('reports.total'), bold: true }, r.business.memberTotal, r.business.nonMemberTotal, r.business.total, r.business.previousTotal]],
      ['*', 75, 75, 75, 75],
      [1, 2, 3, 4]
    ),
    h2(tr('reports.sub.finance')),
    table([tr('reports.col.figure'), ...yearCols], [
      [tr('reports.finance.totalAssets'), r.finance.totalAssets, r.finance.previousTotalAssets],
      [tr('reports.finance.volume'), r.business.total, r.business.previousTotal],
      [tr('reports.finance.netShu'), r.finance.netShu, r.finance.previousNetShu]
    ], ['*', 90, 90], [1, 2]),

    // 2. Statements
    h1(1),
    { text: tr('reports.statementsNote'), fontSize: 8, color: MUTED, margin: [0, 0, 0, 6] },
    ...r.statements.flatMap((s) => statementContent(s, locale)),

    // 3. SHU
    h1(2),
    ...(r.shu.available
      ? [
          { text: tr('reports.shu.summary', { no: r.shu.runNumber, status: tr(`reports.shuStatus.${r.shu.status}`), pool: formatRupiah(r.shu.pool), decision: r.shu.decisionRef ?? '—' }), margin: [0, 0, 0, 6] as [number, number, number, number] },
          table(
            [tr('reports.col.memberNo'), tr('reports.col.name'), tr('reports.col.jasaModal'), tr('reports.col.jasaUsaha'), tr('reports.col.total'), tr('reports.col.withholding'), tr('reports.col.netPayout')],
            [
              ...r.shu.members.map((m) => [m.memberNo === null ? '—' : String(m.memberNo).padStart(4, '0'), m.fullName, m.jasaModal, m.jasaUsaha, m.total, m.withholding, m.netPayout] as TableCell[]),
              ['', { text: tr('reports.total'), bold: true }, r.shu.totals.jasaModal, r.shu.totals.jasaUsaha, r.shu.totals.total, r.shu.totals.withholding, r.shu.totals.netPayout]
            ],
            [34, '*', 62, 62, 62, 52, 62],
            [2, 3, 4, 5, 6]
          )
        ]
      : [{ text: tr('reports.shu.none'), italics: true }]),

    // 4. Membership
    h1(3),
    table([tr('reports.col.figure'), ...yearCols], membershipRows(r, locale).map(([l, c, p]) => [l, { text: String(c), alignment: 'right' }, { text: String(p), alignment: 'right' }]), ['*', 90, 90]),
    { text: tr('reports.membership.youthNote'), fontSize: 7, color: MUTED },

    // 5. Compliance
    h1(4),
    { text: r.compliance.charterVersion === null ? tr('reports.compliance.noCharter') : tr('reports.compliance.asOf', { version: r.compliance.charterVersion, date: r.compliance.asOf, ...r.compliance.summary }), margin: [0, 0, 0, 6] },
    table([tr('reports.col.rule'), tr('reports.col.status'), tr('reports.col.evidence')], r.compliance.items.map((i) => [{ text: `${i.title}\n${i.ruleText}` }, i.statusText, i.evidenceText]), ['*', 50, '*']),

    // 6. Meetings
    h1(5),
    table(
      [tr('reports.col.meetingNo'), tr('reports.col.date'), tr('reports.col.meetingKind'), tr('reports.col.title'), tr('reports.col.attendance'), tr('reports.col.decisions')],
      r.meetings.map((m) => [String(m.number), m.date, m.kindText, m.title, `${m.attended}${m.eligible ? `/${m.eligible} (${pct(m.attendanceBp)})` : ''}`, String(m.decisions)]),
      [30, 55, 70, '*', 80, 40]
    ),

    // 7. Funds
    h1(6),
    ...r.funds.flatMap((f): Content[] => [
      { text: f.name, style: 'h2' },
      table([tr('reports.col.figure'), tr('reports.col.amount')], [
        [tr('reports.fundRow.opening'), f.opening],
        [tr('reports.fundRow.added'), f.added],
        [tr('reports.fundRow.used'), f.used],
        [{ text: tr('reports.fundRow.closing'), bold: true }, f.closing]
      ], ['*', 100], [1]),
      table([tr('reports.col.date'), tr('reports.col.description'), tr('reports.fundRow.added'), tr('reports.fundRow.used')], f.lines.map((l) => [l.date, l.description, l.added || null, l.used || null]), [55, '*', 75, 75], [2, 3])
    ]),
    // Education (decision 0165): per programme — sessions, participants, hours, budget vs spent from the education fund.
    ...educationPdf(r, locale),
    // The social fund from the care records (issue 18): funds, aid by category, applications, programmes.
    ...careSection(r, tr)
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    info: { title: `${tr('reports.rat.title')} ${r.year} — ${r.coop.name}`, creator: 'Lumbung', subject: tr('reports.rat.fiscalYear', { year: r.year }) },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: { h1: { fontSize: 14, bold: true, margin: [0, 0, 0, 8] }, h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] } },
    footer: (page: number, pages: number) => (page === 1 ? '' : { text: `${r.coop.name} — ${tr('reports.rat.title')} ${r.year} — ${page}/${pages}`, fontSize: 7, color: MUTED, alignment: 'center', margin: [0, 16, 0, 0] }),
    content
  };
  return renderPdf(doc);
}

function addStatementSheet(wb: ExcelJS.Workbook, r: ReportResult, locale: Locale, name: string): void {
  const ws = wb.addWorksheet(name);
  ws.addRow([r.title]).font = { bold: true, size: 14 };
  ws.addRow([`${t(locale, 'ledger.report.periodLabel', r.period)} — ${t(locale, 'ledger.report.previousLabel', r.previous)}`]);
  ws.addRow([]);
  ws.addRow([t(locale, 'ledger.code'), t(locale, 'ledger.account'), ...r.columns]).font = { bold: true };
  for (const row of r.rows) {
    const added = ws.addRow([row.code ?? '', row.label, ...row.values.map((v) => (v === null ? null : v))]);
    if (row.kind !== 'line' && row.kind !== 'text') added.font = { bold: true };
  }
  ws.getColumn(2).width = 48;
  for (let i = 0; i < r.columns.length; i++) {
    ws.getColumn(3 + i).numFmt = RUPIAH_FMT;
    ws.getColumn(3 + i).width = 18;
  }
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, header: string[], rows: (string | number | null)[][], moneyCols: number[] = []): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([]);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  header.forEach((_, i) => (ws.getColumn(i + 1).width = i === 0 ? 34 : 18));
  for (const c of moneyCols) ws.getColumn(c + 1).numFmt = RUPIAH_FMT;
  return ws;
}

/** Sheet names in the package workbook (Excel limits them to 31 characters). */
export const RAT_SHEETS = ['Sampul', 'Pertanggungjawaban', 'Posisi Keuangan', 'Hasil Usaha', 'Perubahan Ekuitas', 'Arus Kas', 'Catatan', 'SHU Anggota', 'Keanggotaan', 'Kepatuhan AD', 'Rapat', 'Dana Pendidikan Sosial'] as const;

/** The RAT package as a workbook: one sheet per section, amounts as numbers with a rupiah format. */
export async function renderRatXlsx(r: RatReport, locale: Locale): Promise<Buffer> {
  const tr = (k: string, p?: Record<string, unknown>) => t(locale, k, p);
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Lumbung';
  const yearCols = [tr('reports.yearColumn', { year: r.year }), tr('reports.yearColumn', { year: r.year - 1 })];
  const cover = wb.addWorksheet(RAT_SHEETS[0]);
  cover.addRow([tr('reports.rat.title')]).font = { bold: true, size: 16 };
  cover.addRow([r.coop.name]).font = { bold: true, size: 14 };
  cover.addRow([tr('reports.rat.fiscalYear', { year: r.year }), r.year]);
  cover.addRow([tr('reports.rat.period', r.period)]);
  if (r.coop.legalNumber) cover.addRow([tr('reports.rat.legal', { no: r.coop.legalNumber, date: r.coop.legalDate ?? '—' })]);
  cover.addRow([tr('reports.rat.generated', { at: r.generatedAt })]);
  cover.addRow([]);
  cover.addRow([tr('reports.rat.contents')]).font = { bold: true };
  for (const s of ratSections(locale)) cover.addRow([s.title]);
  cover.getColumn(1).width = 60;

  const acc = sheet(wb, RAT_SHEETS[1], tr('reports.section.accountability'), [tr('reports.col.figure'), ...yearCols], [
    ...membershipRows(r, locale),
    [tr('reports.finance.totalAssets'), r.finance.totalAssets, r.finance.previousTotalAssets],
    [tr('reports.finance.volume'), r.business.total, r.business.previousTotal],
    [tr('reports.finance.netShu'), r.finance.netShu, r.finance.previousNetShu]
  ]);
  acc.addRow([]);
  for (const p of r.narrative) acc.addRow([p]);
  acc.addRow([]);
  acc.addRow([tr('reports.sub.business')]).font = { bold: true };
  acc.addRow([tr('reports.col.unit'), tr('reports.col.memberIncome'), tr('reports.col.nonMemberIncome'), ...yearCols]).font = { bold: true };
  for (const b of r.business.rows) acc.addRow([b.unitText, b.member, b.nonMember, b.total, b.previousTotal]);
  acc.addRow([tr('reports.total'), r.business.memberTotal, r.business.nonMemberTotal, r.business.total, r.business.previousTotal]).font = { bold: true };
  acc.addRow([]);
  acc.addRow([tr('reports.sub.organisation')]).font = { bold: true };
  acc.addRow([tr('reports.col.name'), tr('reports.col.office'), tr('reports.col.startsOn'), tr('reports.col.endsOn')]).font = { bold: true };
  for (const p of [...r.organisation.board, ...r.organisation.supervisors, ...r.organisation.staff]) acc.addRow([p.name, p.roleText, p.since, p.until]);

  r.statements.forEach((s, i) => addStatementSheet(wb, s, locale, RAT_SHEETS[2 + i]!));

  if (r.shu.available) {
    sheet(
      wb,
      RAT_SHEETS[7],
      tr('reports.section.shu'),
      [tr('reports.col.name'), tr('reports.col.memberNo'), tr('reports.col.jasaModal'), tr('reports.col.jasaUsaha'), tr('reports.col.total'), tr('reports.col.withholding'), tr('reports.col.netPayout')],
      [...r.shu.members.map((m) => [m.fullName, m.memberNo, m.jasaModal, m.jasaUsaha, m.total, m.withholding, m.netPayout]), [tr('reports.total'), null, r.shu.totals.jasaModal, r.shu.totals.jasaUsaha, r.shu.totals.total, r.shu.totals.withholding, r.shu.totals.netPayout]],
      [2, 3, 4, 5, 6]
    );
  } else {
    sheet(wb, RAT_SHEETS[7], tr('reports.section.shu'), [tr('reports.shu.none')], []);
  }
  sheet(wb, RAT_SHEETS[8], tr('reports.section.membership'), [tr('reports.col.figure'), ...yearCols], membershipRows(r, locale));
  sheet(wb, RAT_SHEETS[9], tr('reports.section.compliance'), [tr('reports.col.rule'), tr('reports.col.status'), tr('reports.col.evidence')], r.compliance.items.map((i) => [`${i.title}: ${i.ruleText}`, i.statusText, i.evidenceText]));
  sheet(
    wb,
    RAT_SHEETS[10],
    tr('reports.section.meetings'),
    [tr('reports.col.title'), tr('reports.col.meetingNo'), tr('reports.col.date'), tr('reports.col.meetingKind'), tr('reports.col.eligible'), tr('reports.col.attended'), tr('reports.col.decisions')],
    r.meetings.map((m) => [m.title, m.number, m.date, m.kindText, m.eligible, m.attended, m.decisions])
  );
  const funds = sheet(wb, RAT_SHEETS[11], tr('reports.section.funds'), [tr('reports.col.figure'), tr('reports.fundRow.opening'), tr('reports.fundRow.added'), tr('reports.fundRow.used'), tr('reports.fundRow.closing')], r.funds.map((f) => [f.name, f.opening, f.added, f.used, f.closing]), [1, 2, 3, 4]);
  for (const f of r.funds) {
    funds.addRow([]);
    funds.addRow([f.name]).font = { bold: true };
    for (const l of f.lines) funds.addRow([l.description, l.date, l.added || null, l.used || null]);
  }
  educationXlsx(funds, r, locale);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/* ---------------------------------------------------------------- education (decision 0165) */

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

function educationRows(r: RatReport): (string | number)[][] {
  const e = r.education;
  return [
    ...e.programmes.map((p) => [p.title, p.sessions, p.participants, hours(p.minutes), p.budget, p.spent]),
    ['', e.sessions, e.participants, hours(e.minutes), e.programmes.reduce((s, p) => s + p.budget, 0), e.programmes.reduce((s, p) => s + p.spent, 0)]
  ];
}

/** The table of education programmes in the year, under the funds section of the PDF. */
function educationPdf(r: RatReport, locale: Locale): Content[] {
  const tr = (k: string) => t(locale, k);
  const rows = educationRows(r).map((row, i, all) => {
    const last = i === all.length - 1;
    const [title, ...rest] = row;
    return [last ? { text: tr('reports.total'), bold: true } : String(title), ...rest.slice(0, 3).map((n) => (typeof n === 'number' ? n.toLocaleString(locale === 'en' ? 'en-GB' : 'id-ID') : n)), rest[3] as number, rest[4] as number] as TableCell[];
  });
  return [
    { text: tr('education.ratProgrammes'), style: 'h2' },
    table(
      ['programme', 'sessions', 'participants', 'hours', 'budget', 'spent'].map((c) => tr(`education.ratColumns.${c}`)),
      r.education.programmes.length === 0 ? [] : rows,
      ['*', 35, 50, 35, 70, 70],
      [4, 5]
    )
  ];
}

/** The same table appended to the funds sheet of the workbook. */
function educationXlsx(ws: ExcelJS.Worksheet, r: RatReport, locale: Locale): void {
  ws.addRow([]);
  ws.addRow([t(locale, 'education.ratProgrammes')]).font = { bold: true };
  ws.addRow(['programme', 'sessions', 'participants', 'hours', 'budget', 'spent'].map((c) => t(locale, `education.ratColumns.${c}`))).font = { bold: true };
  if (r.education.programmes.length === 0) return;
  const rows = educationRows(r);
  rows.forEach((row, i) => {
    const added = ws.addRow(i === rows.length - 1 ? [t(locale, 'reports.total'), ...row.slice(1)] : row);
    if (i === rows.length - 1) added.font = { bold: true };
    added.getCell(5).numFmt = RUPIAH_FMT;
    added.getCell(6).numFmt = RUPIAH_FMT;
  });
}

/** A book as a workbook: title, source note, header, every row, totals. */
export async function renderBookXlsx(b: Book, coopName: string): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Lumbung';
  const ws = wb.addWorksheet(b.title.slice(0, 31));
  ws.addRow([b.title]).font = { bold: true, size: 14 };
  ws.addRow([coopName]);
  ws.addRow([b.note]);
  ws.addRow([]);
  ws.addRow(b.columns.map((c) => c.label)).font = { bold: true };
  for (const r of b.rows) ws.addRow(b.columns.map((c) => r[c.key] ?? null));
  if (b.totals) ws.addRow(b.columns.map((c) => b.totals![c.key] ?? null)).font = { bold: true };
  b.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.kind === 'number' ? 8 : c.kind === 'date' ? 12 : c.kind === 'money' ? 16 : 28;
    if (c.kind === 'money') column.numFmt = RUPIAH_FMT;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
