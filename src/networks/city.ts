import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import type { Tx } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { regionByCode } from '../regions/model.js';
import { searchTerms } from '../catalogue/model.js';
import { searchMatch } from '../catalogue/store.js';
import { escapeIcs, foldIcs } from './ics.js';
import { findNetworkBySlug, iso, type NetworkRow } from './support.js';
import { networkSharedFigures } from './figures.js';
import { SHAREABLE_FIGURES, type ShareableFigure } from './model.js';

/**
 * The city page of a network (/jaringan/<slug>) and its feeds: brand and story, member coops'
 * cards, a storefront across all members (each result links to its own coop's work page, where
 * the coop's own checkout takes the order), events across coops, grouping by region, and the
 * figures the coops chose to share. A fixed number of statements whatever the network's size.
 */

export type CityCoop = { id: string; slug: string; name: string; productLines: string[]; members: number | null; village: string | null; district: string | null; groupKey: string; groupName: string };
export type CityWork = { workId: string; coopId: string; coopSlug: string; coopName: string; slug: string; title: string; productLine: string; price: number; startsAt: string | null };
export type CityPage = {
  network: { slug: string; name: string; kind: string; mode: string; region: string; description: string; story: string; logoUrl: string | null; colour: string };
  coops: CityCoop[];
  groups: { key: string; name: string; coops: string[] }[];
  works: CityWork[];
  q: string;
  events: CityWork[];
  figures: { key: ShareableFigure; value: number; coops: number }[];
  memberCount: number;
};

export const CITY_PAGE_WORKS = 24;
export const CITY_PAGE_EVENTS = 30;

/** A read of published works of the network's members: row-level security's network_catalogue policy (migration 0173). */
async function withNetworkCatalogue<T>(db: Database, coopIds: readonly string[], fn: (trx: Tx) => Promise<T>): Promise<T> {
  const list = coopIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(',');
  return db.connection().execute(async (conn) => {
    const trx = conn as unknown as Tx;
    await sql.raw(`BEGIN READ ONLY; SET LOCAL citus.propagate_set_commands = 'local'; SET LOCAL lumbung.coop_id = ''; SET LOCAL lumbung.network_coops = '${list}'; SET LOCAL ROLE lumbung_app`).execute(conn);
    try {
      const out = await fn(trx);
      await sql.raw(`SET LOCAL lumbung.network_coops = ''`).execute(conn);
      await sql.raw('COMMIT').execute(conn);
      return out;
    } catch (err) {
      await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

async function regionName(code: string | null): Promise<string | null> {
  if (!code) return null;
  return (await regionByCode(code))?.name ?? null;
}

type WorkRow = { id: string; coop_id: string; slug: string; title: string; product_line: string; public_price: number; starts_at: Date | null };

export async function getCityPage(ctx: Ctx, slug: string, input: { q?: string } = {}): Promise<CityPage> {
  const network: NetworkRow = await findNetworkBySlug(ctx.db, slug).catch(() => {
    throw new AppError('NETWORK_NOT_FOUND');
  });
  const coops = await ctx.db
    .selectFrom('network_memberships as m')
    .innerJoin('coops as c', 'c.id', 'm.member_coop_id')
    .select(['c.id', 'c.slug', 'c.name', 'c.product_lines', 'c.village_code', 'c.district_code', 'c.regency_code'])
    .where('m.network_id', '=', network.id)
    .where('m.status', '=', 'active')
    .orderBy('c.name')
    .execute();
  const ids = coops.map((c) => c.id);
  const shared = await networkSharedFigures(ctx, network.id);
  const membersOf = new Map(shared.perCoop.map((p) => [p.coopId, typeof p.figures.members === 'number' ? p.figures.members : null]));
  const q = searchTerms(input.q ?? '');
  const { works, events } = await withNetworkCatalogue(ctx.db, ids, async (trx) => {
    const cols = ['w.id', 'w.coop_id', 'w.slug', 'w.title', 'w.product_line', 'w.public_price', 'w.starts_at'] as const;
    let wq = trx.selectFrom('works as w').select(cols).where('w.coop_id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']).where('w.status', '=', 'published');
    if (q) wq = wq.where(searchMatch(q));
    const works = (await wq.orderBy('w.published_at', 'desc').orderBy('w.id').limit(CITY_PAGE_WORKS).execute()) as WorkRow[];
    const events = (await trx
      .selectFrom('works as w')
      .select(cols)
      .where('w.coop_id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
      .where('w.status', '=', 'published')
      .where('w.product_line', '=', 'agenda')
      .where('w.starts_at', '>=', ctx.clock.now())
      .orderBy('w.starts_at')
      .limit(CITY_PAGE_EVENTS)
      .execute()) as WorkRow[];
    return { works, events };
  });
  const byId = new Map(coops.map((c) => [c.id, c]));
  const toWork = (w: WorkRow): CityWork => ({ workId: w.id, coopId: w.coop_id, coopSlug: byId.get(w.coop_id)!.slug, coopName: byId.get(w.coop_id)!.name, slug: w.slug, title: w.title, productLine: w.product_line, price: Number(w.public_price), startsAt: iso(w.starts_at) });
  const cards: CityCoop[] = [];
  for (const c of coops) {
    // No coop has map coordinates in Lumbung: each is grouped by its district (kecamatan), else its regency, else "wilayah belum diisi" — none disappears.
    const district = c.district_code ?? (c.village_code ? c.village_code.split('.').slice(0, 3).join('.') : null);
    const groupKey = district ?? c.regency_code ?? '-';
    const groupName = (await regionName(district)) ?? (await regionName(c.regency_code)) ?? 'Wilayah belum diisi';
    cards.push({ id: c.id, slug: c.slug, name: c.name, productLines: c.product_lines, members: membersOf.get(c.id) ?? null, village: await regionName(c.village_code), district: await regionName(district), groupKey, groupName });
  }
  const groups = new Map<string, { key: string; name: string; coops: string[] }>();
  for (const c of cards) {
    const g = groups.get(c.groupKey) ?? { key: c.groupKey, name: c.groupName, coops: [] };
    g.coops.push(c.slug);
    groups.set(c.groupKey, g);
  }
  return {
    network: { slug: network.slug, name: network.name, kind: network.kind, mode: network.mode, region: (await regionName(network.region_code)) ?? network.region_code, description: network.description, story: network.brand_story, logoUrl: network.brand_logo_url, colour: network.brand_colour },
    coops: cards,
    groups: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'id')),
    works: works.map(toWork),
    q,
    events: events.map(toWork),
    figures: SHAREABLE_FIGURES.flatMap((k) => (shared.totals[k] ? [{ key: k, value: shared.totals[k]!.value, coops: shared.totals[k]!.coops }] : [])),
    memberCount: coops.length
  };
}

/** The events of every member coop as one iCalendar feed. */
export async function cityCalendar(ctx: Ctx, slug: string, publicUrl: string): Promise<string> {
  const page = await getCityPage(ctx, slug);
  const stamp = ctx.clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Lumbung//Jaringan//ID', `X-WR-CALNAME:${escapeIcs(page.network.name)}`, 'CALSCALE:GREGORIAN'];
  for (const e of page.events) {
    if (!e.startsAt) continue;
    const at = e.startsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    lines.push('BEGIN:VEVENT', `UID:${e.coopSlug}-${e.slug}@lumbung`, `DTSTAMP:${stamp}`, `DTSTART:${at}`, `SUMMARY:${escapeIcs(e.title)}`, `DESCRIPTION:${escapeIcs(e.coopName)}`, `URL:${publicUrl}/koperasi/${e.coopSlug}/toko/${e.slug}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldIcs).join('\r\n') + '\r\n';
}
