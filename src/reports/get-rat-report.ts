import { regionKind, regionPath } from '../regions/model.js';
import { roundedShareBp } from '../kernel/percent.js';
import { formatRupiah } from '../kernel/money.js';
import { presentCompliance } from '../charters/present.js';
import { getCompliance } from '../charters/get-compliance.js';
import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { getReport, type ReportResult } from '../ledger/get-report.js';
import { getLatestApprovedRun } from '../surplus/get-run.js';
import { addDays, fiscalYearNumberOf, fiscalYearPeriod, membershipFigures, previousPeriod, ZFiscalYear, type MembershipFigures, type Period } from './model.js';
import { coopHeader, incomeByUnit, ledgerLines, meetingsBetween, memberRegister, officers, openingBalance, staffAccounts } from './store.js';
import { getEducationYear, type EducationYear } from '../education/get-education-year.js';
import { getCareYear, type CareYear } from '../care/care-year.js';

/** The five financial statements of the RAT package, in the order they are presented. */
export const RAT_STATEMENTS = ['posisi-keuangan', 'hasil-usaha', 'perubahan-ekuitas', 'arus-kas', 'catatan'] as const;
export const FUND_KEYS = ['DANA_PENDIDIKAN', 'DANA_SOSIAL'] as const;

export type Person = { name: string; memberNo: number | null; role: string; roleText: string; since: string | null; until: string | null };
export type BusinessRow = { unit: string | null; unitText: string; member: number; nonMember: number; total: number; previousTotal: number };
export type FundUse = { key: string; name: string; opening: number; added: number; used: number; closing: number; lines: { date: string; description: string; added: number; used: number }[] };
export type MeetingLine = { number: number; kind: string; kindText: string; title: string; date: string; status: string; eligible: number | null; attended: number; decisions: number; attendanceBp: number | null };
export type ShuSection =
  | { available: false }
  | {
      available: true;
      runNumber: number;
      status: string;
      outcome: string;
      pool: number;
      decisionRef: string | null;
      components: { key: string; amount: number }[];
      members: { memberNo: number | null; fullName: string; jasaModal: number; jasaUsaha: number; total: number; withholding: number; netPayout: number; paid: boolean }[];
      totals: { jasaModal: number; jasaUsaha: number; total: number; withholding: number; netPayout: number };
    };

export type RatReport = {
  coop: { name: string; slug: string; legalNumber: string | null; legalDate: string | null; nikKoperasi: string | null; address: string | null };
  year: number;
  period: Period;
  previous: Period;
  generatedAt: string;
  /** The board's accountability report (laporan pertanggungjawaban pengurus), generated from the data. */
  organisation: { board: Person[]; supervisors: Person[]; staff: Person[] };
  membership: { current: MembershipFigures; previous: MembershipFigures };
  business: { rows: BusinessRow[]; total: number; previousTotal: number; memberTotal: number; nonMemberTotal: number };
  finance: { netShu: number; previousNetShu: number; totalAssets: number; previousTotalAssets: number };
  narrative: string[];
  statements: ReportResult[];
  shu: ShuSection;
  compliance: { charterVersion: number | null; asOf: string; items: { title: string; statusText: string; status: string; ruleText: string; evidenceText: string }[]; summary: { pass: number; fail: number; pending: number } };
  meetings: MeetingLine[];
  funds: FundUse[];
  /** Principle 5: sessions, participants, hours and spending per programme in the year (decision 0120). */
  education: EducationYear;
  /** The social-fund section from the care records: funds in and out, aid by category, applications, programmes (issue 18). */
  care: CareYear;
};

/**
 * The ledger's statements for the package. The RAT package is the members' own material:
 * every member may read the year's financial statements in it (UU 25/1992: the RAT approves
 * them), so the statements are produced with the ledger's own functions under a read-only
 * pengawas view — never for another cooperative, never for another kind than these five.
 */
async function statementsFor(ctx: TenantCtx, period: Period): Promise<ReportResult[]> {
  const reader: TenantCtx = { ...ctx, roles: ['pengawas'] };
  const out: ReportResult[] = [];
  for (const kind of RAT_STATEMENTS) out.push(await getReport(reader, kind, { from: period.from, to: period.to }));
  return out;
}

function totalOf(r: ReportResult | undefined, label: string, column: 0 | 1): number {
  const row = r?.rows.find((x) => x.kind === 'total' && x.label === label);
  return (row?.values[column] as number | null) ?? 0;
}

function rp(locale: 'id' | 'en', v: number): string {
  return formatRupiah(locale, v);
}

/**
 * The coop's full address for the report's header (issue 14 item 5): street, RT/RW, the
 * village, district, regency/city and province by name, and the postal code.
 */
async function fullAddress(locale: 'id' | 'en', head: { street: string | null; rt: number | null; rw: number | null; village_code: string | null; postal_code: string | null }): Promise<string | null> {
  const pad = (n: number) => String(n).padStart(3, '0');
  const rtRw = head.rt !== null || head.rw !== null ? [head.rt !== null ? `RT ${pad(head.rt)}` : null, head.rw !== null ? `RW ${pad(head.rw)}` : null].filter(Boolean).join('/') : null;
  const path = await regionPath(head.village_code);
  const [province, regency, district, village] = path;
  const villageWord = village ? ({ kelurahan: 'Kelurahan', desa: 'Desa', desa_adat: 'Desa Adat' } as Record<string, string>)[regionKind(village.code) ?? ''] ?? '' : '';
  const parts = [
    head.street,
    rtRw,
    village ? `${villageWord} ${village.name}`.trim() : null,
    district ? `${locale === 'en' ? 'District' : 'Kecamatan'} ${district.name}` : null,
    regency?.name ?? null,
    province ? (/^(Daerah|Provinsi|DKI)/.test(province.name) ? province.name : `${locale === 'en' ? 'Province of' : 'Provinsi'} ${province.name}`) : null,
    head.postal_code
  ].filter((x): x is string => Boolean(x));
  return parts.length ? parts.join(', ') : null;
}

/** The RAT report package of a fiscal year (default: the last complete one). Anggota and officers (reports.rat). */
export async function getRatReport(ctx: TenantCtx, yearInput?: unknown): Promise<RatReport> {
  requirePermission(ctx, 'reports.rat');
  const tr = (key: string, params?: Record<string, unknown>) => t(ctx.locale, key, params);
  const today = jakartaDate(ctx.clock.now());
  const head = await withTenant(ctx.db, ctx.coopId, (trx) => coopHeader(trx, ctx.coopId));
  const startMonth = head.fiscal_year_start_month;
  let year: number;
  if (yearInput === undefined || yearInput === null || yearInput === '') year = fiscalYearNumberOf(today, startMonth) - 1;
  else {
    const parsed = ZFiscalYear.safeParse(yearInput);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'year', code: 'invalid_format_value' }] });
    year = parsed.data;
  }
  const period = fiscalYearPeriod(year, startMonth);
  const previous = previousPeriod(period);
  if (period.from > today) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'year', code: 'invalid_format_value' }] });

  const statements = await statementsFor(ctx, period);
  // The compliance of the year reported, not of today (issue 14 item 5).
  const compliance = await getCompliance(ctx, { asOf: period.to < today ? period.to : today });

  const data = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const members = await memberRegister(trx, ctx.coopId);
    const board = await officers(trx, ctx.coopId, ['ketua', 'sekretaris', 'bendahara']);
    const supervisors = await officers(trx, ctx.coopId, ['pengawas']);
    const staff = await staffAccounts(trx, ctx.coopId);
    const income = await incomeByUnit(trx, ctx.coopId, period.from, period.to);
    const incomePrev = await incomeByUnit(trx, ctx.coopId, previous.from, previous.to);
    const meetings = await meetingsBetween(trx, ctx.coopId, period.from, period.to);
    const funds: FundUse[] = [];
    for (const key of FUND_KEYS) {
      const opening = 0 - (await openingBalance(trx, ctx.coopId, addDays(period.from, -1), { systemKeys: [key] }));
      const lines = await ledgerLines(trx, ctx.coopId, period.from, period.to, { systemKeys: [key] });
      const added = lines.reduce((s, l) => s + l.credit, 0);
      const used = lines.reduce((s, l) => s + l.debit, 0);
      funds.push({
        key,
        name: tr(`reports.fund.${key}`),
        opening,
        added,
        used,
        closing: opening + added - used,
        lines: lines.map((l) => ({ date: l.entry_date, description: l.description, added: l.credit, used: l.debit }))
      });
    }
    const run = await getLatestApprovedRun(trx, ctx.coopId, year);
    const education = await getEducationYear(trx, ctx.coopId, period.from, period.to);
    const care = await getCareYear(trx, ctx.coopId, period.from, period.to);
    return { members, board, supervisors, staff, income, incomePrev, meetings, funds, run, education, care };
  });

  // Organisation: who held office during the year.
  // Elected terms count when they overlap the year; a role held on an account (no election
  // recorded, e.g. set at founding) has no reliable start, so its current holder is shown.
  const inYear = (p: { startsOn: string | null; endsOn: string | null; endedEarlyOn: string | null; basis: string }) =>
    p.basis === 'account_role' || ((p.startsOn === null || p.startsOn <= period.to) && (p.endedEarlyOn ?? p.endsOn ?? '9999-12-31') >= period.from);
  // An account role's date is when it was granted in Lumbung, not a term of office: not shown as one.
  const person = (o: (typeof data.board)[number]): Person => ({ name: o.name, memberNo: o.memberNo, role: o.role, roleText: tr(`reports.role.${o.role}`), since: o.basis === 'election' ? o.startsOn : null, until: o.endedEarlyOn ?? o.endsOn });
  const organisation = {
    board: data.board.filter(inYear).map(person),
    supervisors: data.supervisors.filter(inYear).map(person),
    staff: data.staff.map((s) => ({ name: s.name, memberNo: s.member_no, role: 'staf', roleText: tr('reports.role.staf'), since: null, until: null }))
  };

  const membership = { current: membershipFigures(data.members, period), previous: membershipFigures(data.members, previous) };

  const units = new Map<string, BusinessRow>();
  const unitRow = (unit: string | null): BusinessRow => {
    const k = unit ?? '';
    let row = units.get(k);
    if (!row) {
      row = { unit, unitText: unit ? tr(`reports.unit.${unit}`, { defaultValue: unit }) : tr('reports.unit.general'), member: 0, nonMember: 0, total: 0, previousTotal: 0 };
      units.set(k, row);
    }
    return row;
  };
  for (const i of data.income) {
    const r = unitRow(i.unit);
    r.member += i.member;
    r.nonMember += i.nonMember;
    r.total += i.member + i.nonMember;
  }
  for (const i of data.incomePrev) unitRow(i.unit).previousTotal += i.member + i.nonMember;
  const businessRows = [...units.values()];
  const business = {
    rows: businessRows,
    total: businessRows.reduce((s, r) => s + r.total, 0),
    previousTotal: businessRows.reduce((s, r) => s + r.previousTotal, 0),
    memberTotal: businessRows.reduce((s, r) => s + r.member, 0),
    nonMemberTotal: businessRows.reduce((s, r) => s + r.nonMember, 0)
  };

  const [balance, shuStatement] = statements;
  const finance = {
    netShu: totalOf(shuStatement, t(ctx.locale, 'ledger.report.netShu'), 0),
    previousNetShu: totalOf(shuStatement, t(ctx.locale, 'ledger.report.netShu'), 1),
    totalAssets: totalOf(balance, t(ctx.locale, 'ledger.report.totalAssets'), 0),
    previousTotalAssets: totalOf(balance, t(ctx.locale, 'ledger.report.totalAssets'), 1)
  };

  const meetings: MeetingLine[] = data.meetings.map((m) => ({
    number: m.number,
    kind: m.kind,
    kindText: tr(`reports.meetingKind.${m.kind}`),
    title: m.title,
    date: jakartaDate(new Date(m.starts_at)),
    status: tr(`reports.meetingStatus.${m.status}`),
    eligible: m.eligible,
    attended: m.attended,
    decisions: m.decisions,
    attendanceBp: m.eligible ? roundedShareBp(m.attended, m.eligible) : null
  }));

  const shu: ShuSection = data.run
    ? {
        available: true,
        runNumber: data.run.number,
        status: data.run.status,
        outcome: data.run.outcome,
        pool: data.run.pool,
        decisionRef: data.run.decision?.ref ?? null,
        components: data.run.components,
        members: data.run.members.map((m) => ({ memberNo: m.memberNo, fullName: m.fullName, jasaModal: m.jasaModal, jasaUsaha: m.jasaUsaha, total: m.total, withholding: m.withholding, netPayout: m.netPayout, paid: m.payment !== null })),
        totals: { jasaModal: data.run.totals.jasaModal, jasaUsaha: data.run.totals.jasaUsaha, total: data.run.totals.total, withholding: data.run.totals.withholding, netPayout: data.run.totals.netPayout }
      }
    : { available: false };

  const m = membership.current;
  const narrative = [
    tr('reports.narrative.organisation', { board: organisation.board.length, supervisors: organisation.supervisors.length, staff: organisation.staff.length }),
    tr('reports.narrative.membership', { opening: m.opening, joined: m.joined, left: m.left, total: m.total, women: m.women, men: m.men, youth: m.youth }),
    tr('reports.narrative.business', { total: rp(ctx.locale, business.total), member: rp(ctx.locale, business.memberTotal), nonMember: rp(ctx.locale, business.nonMemberTotal), previous: rp(ctx.locale, business.previousTotal) }),
    tr(finance.netShu >= 0 ? 'reports.narrative.surplus' : 'reports.narrative.deficit', { amount: rp(ctx.locale, Math.abs(finance.netShu)), previous: rp(ctx.locale, finance.previousNetShu), assets: rp(ctx.locale, finance.totalAssets) }),
    tr('reports.narrative.meetings', { count: meetings.length, members: meetings.filter((x) => x.kind !== 'board' && x.kind !== 'supervisors').length }),
    tr('education.narrative', { sessions: data.education.sessions, participants: data.education.participants, hours: Math.floor(data.education.minutes / 60), spent: rp(ctx.locale, data.education.programmes.reduce((s, p) => s + p.spent, 0)) })
  ];

  const address = await fullAddress(ctx.locale, head);
  return {
    coop: { name: head.name, slug: head.slug, legalNumber: head.legal_number, legalDate: head.legal_date ? String(head.legal_date).slice(0, 10) : null, nikKoperasi: head.nik_koperasi, address },
    year,
    period,
    previous,
    generatedAt: ctx.clock.now().toISOString(),
    organisation,
    membership,
    business,
    finance,
    narrative,
    statements,
    shu,
    compliance: {
      charterVersion: compliance.charterVersion,
      asOf: compliance.asOf,
      items: presentCompliance(ctx.locale, compliance.items).map((i) => ({ title: i.title, status: i.status, statusText: i.statusText, ruleText: i.ruleText, evidenceText: i.evidenceText })),
      summary: compliance.summary
    },
    meetings,
    funds: data.funds,
    education: data.education,
    care: data.care
  };
}
