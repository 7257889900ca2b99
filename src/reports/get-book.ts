import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import { maskBirthDate, maskNik } from '../members/privacy.js';
import { formatMemberNo } from '../members/model.js';
import {
  addDays,
  BOOK_KEYS,
  BOOK_PAGE_SIZE,
  BOOKS_NOT_GENERATED,
  fiscalYearNumberOf,
  fiscalYearPeriod,
  isBookKey,
  meetingGroup,
  ZFiscalYear,
  type Book,
  type BookCell,
  type BookColumn,
  type BookKey
} from './model.js';
import { busanaStock, capitalBalancesAt, closedDecisions, coopHeader, ledgerLines, meetingsBetween, memberRegister, officers, openingBalance, staffAccounts } from './store.js';
import type { Tx } from '../db/tenant.js';

export type BookIndex = {
  books: { key: BookKey; title: string; description: string }[];
  notGenerated: { key: string; title: string; reason: string }[];
};

/** The administration books that are generated, and those that are not (no data kept for them). Officers and pengawas. */
export function getBookIndex(ctx: TenantCtx): BookIndex {
  requirePermission(ctx, 'reports.books');
  const tr = (k: string) => t(ctx.locale, k);
  return {
    books: BOOK_KEYS.map((key) => ({ key, title: tr(`reports.book.${key}.title`), description: tr(`reports.book.${key}.description`) })),
    notGenerated: BOOKS_NOT_GENERATED.map((key) => ({ key, title: tr(`reports.missing.${key}.title`), reason: tr(`reports.missing.${key}.reason`) }))
  };
}

export type BookPage = Book & { page: number; pages: number; totalRows: number };

const iso = (d: Date | string | null | undefined): string | null => (d ? (d instanceof Date ? jakartaDate(d) : String(d).slice(0, 10)) : null);

/** A whole book (every row), from the data of the cooperative. */
export async function buildBook(ctx: TenantCtx, key: string, yearInput?: unknown): Promise<Book> {
  requirePermission(ctx, 'reports.books');
  if (!isBookKey(key)) throw new AppError('NOT_FOUND');
  const tr = (k: string, p?: Record<string, unknown>) => t(ctx.locale, k, p);
  const col = (k: string, kind: BookColumn['kind'] = 'text'): BookColumn => ({ key: k, label: tr(`reports.col.${k}`), kind });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const head = await coopHeader(trx, ctx.coopId);
    const today = jakartaDate(ctx.clock.now());
    let year: number | null = null;
    const yearly = key === 'kas' || key === 'simpanan-anggota';
    if (yearly) {
      if (yearInput === undefined || yearInput === null || yearInput === '') year = fiscalYearNumberOf(today, head.fiscal_year_start_month);
      else {
        const p = ZFiscalYear.safeParse(yearInput);
        if (!p.success) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'year', code: 'invalid_format_value' }] });
        year = p.data;
      }
    }
    const base = { key, title: tr(`reports.book.${key}.title`), note: tr(`reports.book.${key}.note`), year };
    const built = await rowsOf(trx, ctx, key, year, head.fiscal_year_start_month, today, col, tr);
    return { ...base, ...built };
  });
}

type Col = (k: string, kind?: BookColumn['kind']) => BookColumn;
type Tr = (k: string, p?: Record<string, unknown>) => string;

async function rowsOf(trx: Tx, ctx: TenantCtx, key: BookKey, year: number | null, startMonth: number, today: string, col: Col, tr: Tr): Promise<Pick<Book, 'columns' | 'rows' | 'totals'>> {
  const coopId = ctx.coopId;
  switch (key) {
    case 'daftar-anggota': {
      const rows = await memberRegister(trx, coopId);
      // The register's NIK and birth dates: in full for the officers who keep it, each view audited; masked for the others (decision 0106).
      const full = can(ctx, 'members.personal');
      if (full) await recordAudit(trx, ctx, { action: 'member.personal.view', entity: 'member', after: { book: key, count: rows.length } });
      return {
        columns: [col('no', 'number'), col('memberNo'), col('name'), col('gender'), col('birthDate', 'date'), col('nik'), col('address'), col('occupation'), col('joinedOn', 'date'), col('leftOn', 'date'), col('status')],
        rows: rows.map((m, i) => ({
          no: i + 1,
          memberNo: formatMemberNo(m.member_no),
          name: m.full_name,
          gender: m.gender === 'F' ? 'P' : 'L',
          birthDate: full ? m.birth_date : maskBirthDate(m.birth_date),
          nik: full ? m.nik : maskNik(m.nik),
          address: [m.street, m.rt !== null ? `RT ${m.rt}` : null, m.rw !== null ? `RW ${m.rw}` : null].filter(Boolean).join(', ') || null,
          occupation: m.occupation,
          joinedOn: m.joined_on,
          leftOn: m.left_on,
          status: tr(`reports.memberStatus.${m.status}`)
        })),
        totals: null
      };
    }
    case 'daftar-pengurus':
    case 'daftar-pengawas': {
      const list = await officers(trx, coopId, key === 'daftar-pengurus' ? ['ketua', 'sekretaris', 'bendahara'] : ['pengawas']);
      return {
        columns: [col('no', 'number'), col('name'), col('memberNo'), col('office'), col('startsOn', 'date'), col('endsOn', 'date'), col('basis')],
        rows: list.map((o, i) => ({
          no: i + 1,
          name: o.name,
          memberNo: formatMemberNo(o.memberNo),
          office: tr(`reports.role.${o.role}`),
          startsOn: o.startsOn,
          endsOn: o.endedEarlyOn ?? o.endsOn,
          basis: o.basis === 'election' ? tr('reports.basis.election', { no: o.decisionNo ?? '—' }) : tr('reports.basis.account_role')
        })),
        totals: null
      };
    }
    case 'daftar-karyawan': {
      const list = await staffAccounts(trx, coopId);
      return {
        columns: [col('no', 'number'), col('name'), col('memberNo'), col('email'), col('phone'), col('startsOn', 'date')],
        rows: list.map((s, i) => ({ no: i + 1, name: s.name, memberNo: s.member_no === null ? null : formatMemberNo(s.member_no), email: s.email, phone: s.phone, startsOn: iso(s.since) })),
        totals: null
      };
    }
    case 'simpanan-anggota': {
      const period = fiscalYearPeriod(year!, startMonth);
      const at = period.to < today ? period.to : today;
      const list = await capitalBalancesAt(trx, coopId, at);
      const rows = list.map((m, i) => ({ no: i + 1, memberNo: formatMemberNo(m.member_no), name: m.full_name, pokok: m.pokok, wajib: m.wajib, sukarela: m.sukarela, total: m.pokok + m.wajib + m.sukarela }));
      const sum = (k: 'pokok' | 'wajib' | 'sukarela' | 'total') => rows.reduce((s, r) => s + r[k], 0);
      return {
        columns: [col('no', 'number'), col('memberNo'), col('name'), col('pokok', 'money'), col('wajib', 'money'), col('sukarela', 'money'), col('total', 'money')],
        rows,
        totals: { name: tr('reports.totalAt', { date: at }), pokok: sum('pokok'), wajib: sum('wajib'), sukarela: sum('sukarela'), total: sum('total') }
      };
    }
    case 'keputusan-rapat-anggota':
    case 'keputusan-pengurus': {
      const want = key === 'keputusan-pengurus' ? 'board' : 'members';
      const list = (await closedDecisions(trx, coopId)).filter((d) => meetingGroup(d.meeting_kind ?? 'regular') === want);
      return {
        columns: [col('no', 'number'), col('decisionNo'), col('date', 'date'), col('meeting'), col('title'), col('outcome')],
        rows: list.map((d, i) => ({
          no: i + 1,
          decisionNo: d.number,
          date: iso(d.closed_at ?? d.created_at),
          meeting: d.meeting_no !== null ? `${d.meeting_no}. ${d.meeting_title ?? ''}`.trim() : tr('reports.onlineVote'),
          title: d.title,
          outcome: d.outcome ? tr(`reports.outcome.${d.outcome}`) : null
        })),
        totals: null
      };
    }
    case 'notulen-rapat': {
      const list = await meetingsBetween(trx, coopId, null, null);
      return {
        columns: [col('no', 'number'), col('meetingNo'), col('date', 'date'), col('meetingKind'), col('title'), col('attendance'), col('minutesStatus'), col('summary')],
        rows: list.map((m, i) => ({
          no: i + 1,
          meetingNo: m.number,
          date: iso(m.starts_at),
          meetingKind: tr(`reports.meetingKind.${m.kind}`),
          title: m.title,
          attendance: m.eligible ? `${m.attended}/${m.eligible}` : String(m.attended),
          minutesStatus: m.minutes_status ? tr(`reports.minutesStatus.${m.minutes_status}`) : tr('reports.minutesStatus.none'),
          summary: m.minutes_summary || null
        })),
        totals: null
      };
    }
    case 'kas': {
      const period = fiscalYearPeriod(year!, startMonth);
      const opening = await openingBalance(trx, coopId, addDays(period.from, -1), { cash: true });
      const lines = await ledgerLines(trx, coopId, period.from, period.to, { cash: true });
      let running = opening;
      const rows: Record<string, BookCell>[] = [{ no: null, date: period.from, account: null, description: tr('reports.openingBalance'), ref: null, debit: null, credit: null, balance: opening }];
      lines.forEach((l, i) => {
        running += l.debit - l.credit;
        rows.push({ no: i + 1, date: l.entry_date, account: `${l.account_code} ${l.account_name}`, description: l.description, ref: l.source_ref, debit: l.debit || null, credit: l.credit || null, balance: running });
      });
      return {
        columns: [col('no', 'number'), col('date', 'date'), col('account'), col('description'), col('ref'), col('debit', 'money'), col('credit', 'money'), col('balance', 'money')],
        rows,
        totals: { description: tr('reports.closingBalance'), debit: lines.reduce((s, l) => s + l.debit, 0), credit: lines.reduce((s, l) => s + l.credit, 0), balance: running }
      };
    }
    case 'inventaris': {
      const list = await busanaStock(trx, coopId);
      const rows = list.map((v, i) => ({
        no: i + 1,
        item: v.title,
        variant: [v.size, v.colour].filter(Boolean).join(' / ') || null,
        sku: v.sku,
        stock: v.stock ?? 0,
        price: v.public_price,
        value: (v.stock ?? 0) * v.public_price
      }));
      return {
        columns: [col('no', 'number'), col('item'), col('variant'), col('sku'), col('stock', 'number'), col('price', 'money'), col('value', 'money')],
        rows,
        totals: { item: tr('reports.totalAt', { date: today }), stock: rows.reduce((s, r) => s + r.stock, 0), value: rows.reduce((s, r) => s + r.value, 0) }
      };
    }
  }
}

/** One page of a book for the phone-sized view (50 rows a page; the download holds every row). */
export async function getBook(ctx: TenantCtx, key: string, input: { year?: unknown; page?: unknown } = {}): Promise<BookPage> {
  const book = await buildBook(ctx, key, input.year);
  const totalRows = book.rows.length;
  const pages = Math.max(1, Math.ceil(totalRows / BOOK_PAGE_SIZE));
  const asked = Number(input.page ?? 1);
  const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  return { ...book, rows: book.rows.slice((page - 1) * BOOK_PAGE_SIZE, page * BOOK_PAGE_SIZE), page, pages, totalRows };
}
