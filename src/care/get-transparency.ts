import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { regionByCode } from '../regions/model.js';
import { findCoopBySlug } from '../coops/store.js';
import { programmeViews, type ProgrammeView } from './programmes.js';
import { ensureFunds, fundBalances, listFundRows } from './store.js';

export const TRANSPARENCY_PAGE_SIZE = 50;

/** One public line: no applicant's name unless they consented, never a phone or NIK. */
export type PublicMovement = {
  date: string;
  receiptNo: string;
  kind: 'donation' | 'grant' | 'disbursement' | 'reversal';
  fund: string;
  purpose: string;
  programme: string | null;
  category: string | null;
  village: string | null;
  /** A grantor; a donor or recipient only when they chose to be named. */
  counterparty: string | null;
  amount: number;
};

export type Transparency = {
  coop: { slug: string; name: string };
  funds: { name: string; kind: string; grantor: string | null; isStateAid: boolean; balance: number }[];
  years: { year: number; inflow: number; outflow: number; count: number }[];
  programmes: Pick<ProgrammeView, 'id' | 'title' | 'purpose' | 'story' | 'status' | 'fundName' | 'budget' | 'actual' | 'received' | 'lines' | 'startsOn' | 'endsOn'>[];
  movements: PublicMovement[];
  page: number;
  pages: number;
  total: number;
};

async function openCoop(ctx: Ctx, slug: string) {
  const coop = await findCoopBySlug(ctx.db, slug.toLowerCase());
  if (!coop || !coop.is_public) throw new AppError('NOT_FOUND');
  return coop;
}

function movementsQuery(coopId: string) {
  return sql`SELECT m.occurred_on::text AS date, m.receipt_no, m.kind, f.name AS fund, m.purpose, p.title AS programme, m.category, m.village_code,
      CASE WHEN m.counterparty_public THEN m.counterparty END AS counterparty, m.amount
    FROM care_movements m
    JOIN care_funds f ON f.coop_id = m.coop_id AND f.id = m.fund_id
    LEFT JOIN care_programmes p ON p.coop_id = m.coop_id AND p.id = m.programme_id
    WHERE m.coop_id = ${coopId}`;
}
type Raw = { date: string; receipt_no: string; kind: PublicMovement['kind']; fund: string; purpose: string; programme: string | null; category: string | null; village_code: string | null; counterparty: string | null; amount: string };

async function toPublic(rows: Raw[]): Promise<PublicMovement[]> {
  const names = new Map<string, string | null>();
  for (const code of new Set(rows.map((r) => r.village_code).filter((c): c is string => !!c))) names.set(code, (await regionByCode(code))?.name ?? code);
  return rows.map((r) => ({ date: r.date, receiptNo: r.receipt_no, kind: r.kind, fund: r.fund, purpose: r.purpose, programme: r.programme, category: r.category, village: r.village_code ? (names.get(r.village_code) ?? null) : null, counterparty: r.counterparty, amount: Number(r.amount) }));
}

/**
 * What anyone may see of a cooperative's community funds: balances, totals per year, the
 * programmes with budget vs actual, and one page of every movement (newest first). A fixed
 * number of statements per page whatever the history's length.
 */
export async function getTransparency(ctx: Ctx, slug: string, page = 1): Promise<Transparency> {
  const coop = await openCoop(ctx, slug);
  const p = Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1;
  return withTenant(ctx.db, coop.id, async (trx) => {
    await ensureFunds(trx, coop.id);
    const funds = await listFundRows(trx, coop.id);
    const balances = await fundBalances(trx, coop.id);
    const { rows: years } = await sql<{ year: number; inflow: string; outflow: string; count: string }>`SELECT extract(year FROM occurred_on)::int AS year,
        coalesce(sum(amount) FILTER (WHERE amount > 0), 0)::bigint AS inflow, coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)::bigint AS outflow, count(*)::bigint AS count
      FROM care_movements WHERE coop_id = ${coop.id} GROUP BY 1 ORDER BY 1 DESC`.execute(trx);
    const total = years.reduce((s, y) => s + Number(y.count), 0);
    const { rows } = await sql<Raw>`${movementsQuery(coop.id)} ORDER BY m.occurred_on DESC, m.created_at DESC, m.id DESC LIMIT ${TRANSPARENCY_PAGE_SIZE} OFFSET ${(p - 1) * TRANSPARENCY_PAGE_SIZE}`.execute(trx);
    const programmes = await programmeViews(trx, coop.id);
    return {
      coop: { slug: coop.slug, name: coop.name },
      funds: funds.map((f) => ({ name: f.name, kind: f.kind, grantor: f.grantor, isStateAid: f.is_state_aid, balance: balances.get(f.account_id) ?? 0 })),
      years: years.map((y) => ({ year: y.year, inflow: Number(y.inflow), outflow: Number(y.outflow), count: Number(y.count) })),
      programmes: programmes.map((x) => ({ id: x.id, title: x.title, purpose: x.purpose, story: x.story, status: x.status, fundName: x.fundName, budget: x.budget, actual: x.actual, received: x.received, lines: x.lines, startsOn: x.startsOn, endsOn: x.endsOn })),
      movements: await toPublic(rows),
      page: p,
      pages: Math.max(1, Math.ceil(total / TRANSPARENCY_PAGE_SIZE)),
      total
    };
  });
}

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // A cell starting with = + - @ is neutralised so a spreadsheet does not run it.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole history as CSV (oldest first), the same public columns as the page. */
export async function transparencyCsv(ctx: Ctx, slug: string): Promise<string> {
  const coop = await openCoop(ctx, slug);
  return withTenant(ctx.db, coop.id, async (trx) => {
    const { rows } = await sql<Raw>`${movementsQuery(coop.id)} ORDER BY m.occurred_on, m.created_at, m.id`.execute(trx);
    const lines = ['tanggal,no_bukti,jenis,dana,tujuan,program,kategori,desa,pihak,jumlah'];
    for (const m of await toPublic(rows)) lines.push([m.date, m.receiptNo, m.kind, m.fund, m.purpose, m.programme, m.category, m.village, m.counterparty, m.amount].map(csvCell).join(','));
    return lines.join('\n') + '\n';
  });
}
