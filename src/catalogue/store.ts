import { sql, type Selectable } from 'kysely';
import type { Database } from '../db/connection.js';
import type { ProductLine } from '../db/schema.js';
import type { Tx } from '../db/tenant.js';
import { prefixQuery, type CreatorView, type EventView, type VariantView, type WorkView } from './model.js';
import type { WorkStatus, WorksTable } from './tables.js';
import type { StoredImage } from '../media/model.js';

const WORK_COLUMNS = [
  'id',
  'product_line',
  'title',
  'slug',
  'description',
  'attributes',
  'public_price',
  'member_price',
  'status',
  'starts_at',
  'venue',
  'capacity',
  'published_at',
  'created_at',
  'updated_at'
] as const;

export type WorkRow = Pick<Selectable<WorksTable>, (typeof WORK_COLUMNS)[number]>;

export type WorkColumns = {
  title: string;
  slug: string;
  description: string;
  attributes: Record<string, unknown>;
  public_price: number;
  member_price: number | null;
  starts_at: string | null;
  venue: string | null;
  capacity: number | null;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toWorkView(row: WorkRow, creators: CreatorView[], variants: VariantView[]): WorkView {
  const event: EventView | null = row.starts_at && row.venue && row.capacity ? { startsAt: iso(row.starts_at)!, venue: row.venue, capacity: row.capacity } : null;
  return {
    id: row.id,
    productLine: row.product_line,
    title: row.title,
    slug: row.slug,
    description: row.description,
    attributes: row.attributes as Record<string, unknown>,
    publicPrice: row.public_price,
    memberPrice: row.member_price,
    status: row.status,
    publishedAt: iso(row.published_at),
    event,
    variants,
    creators,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!
  };
}

export async function findWork(trx: Tx, coopId: string, id: string, opts: { lock?: boolean } = {}): Promise<WorkRow | undefined> {
  let q = trx.selectFrom('works').select(WORK_COLUMNS).where('coop_id', '=', coopId).where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function slugsLike(trx: Tx, coopId: string, slug: string, exceptId?: string): Promise<Set<string>> {
  let q = trx
    .selectFrom('works')
    .select('slug')
    .where('coop_id', '=', coopId)
    .where((eb) => eb.or([eb('slug', '=', slug), eb('slug', 'like', `${slug}-%`)]));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return new Set((await q.execute()).map((r) => r.slug));
}

export async function insertWork(trx: Tx, coopId: string, row: WorkColumns & { product_line: ProductLine; created_by: string | null }): Promise<WorkRow> {
  return trx
    .insertInto('works')
    .values({ coop_id: coopId, ...row, attributes: JSON.stringify(row.attributes) })
    .returning(WORK_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function updateWork(trx: Tx, coopId: string, id: string, set: Partial<WorkColumns> & { status?: WorkStatus; published_at?: Date | null }): Promise<WorkRow> {
  const { attributes, ...rest } = set;
  return trx
    .updateTable('works')
    .set({ ...rest, ...(attributes === undefined ? {} : { attributes: JSON.stringify(attributes) }), updated_at: sql`now()` as never })
    .where('coop_id', '=', coopId)
    .where('id', '=', id)
    .returning(WORK_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function creatorsOf(trx: Tx, coopId: string, workId: string): Promise<CreatorView[]> {
  const rows = await trx
    .selectFrom('work_creators')
    .select(['member_id', 'credit_name', 'share_bp'])
    .where('coop_id', '=', coopId)
    .where('work_id', '=', workId)
    .orderBy('position')
    .orderBy('credit_name')
    .execute();
  return rows.map((r) => ({ memberId: r.member_id, creditName: r.credit_name, shareBp: r.share_bp }));
}

export async function replaceCreators(trx: Tx, coopId: string, workId: string, creators: CreatorView[]): Promise<void> {
  await trx.deleteFrom('work_creators').where('coop_id', '=', coopId).where('work_id', '=', workId).execute();
  if (creators.length === 0) return;
  await trx
    .insertInto('work_creators')
    .values(creators.map((c, i) => ({ coop_id: coopId, work_id: workId, member_id: c.memberId, credit_name: c.creditName, share_bp: c.shareBp, position: i })))
    .execute();
}

export async function variantsOf(trx: Tx, coopId: string, workId: string): Promise<VariantView[]> {
  return trx
    .selectFrom('work_variants')
    .select(['id', 'size', 'colour', 'sku', 'stock'])
    .where('coop_id', '=', coopId)
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
}

/**
 * Make the work's variants exactly `wanted`, keeping a variant's row (and id) when its SKU
 * stays, so references to it later (orders, reservations) survive an edit.
 */
export async function syncVariants(trx: Tx, coopId: string, workId: string, wanted: { size: string; colour: string; sku: string; stock: number }[]): Promise<void> {
  const current = await variantsOf(trx, coopId, workId);
  const wantedSkus = new Set(wanted.map((v) => v.sku.toUpperCase()));
  const gone = current.filter((v) => !wantedSkus.has(v.sku.toUpperCase())).map((v) => v.id);
  if (gone.length) {
    // A removed variant's own photo becomes the work's (Citus refuses ON DELETE SET NULL on a
    // key holding the distribution column, so the write path does it; decision 0110).
    await trx.updateTable('work_images').set({ variant_id: null }).where('coop_id', '=', coopId).where('variant_id', 'in', gone).execute();
    await trx.deleteFrom('work_variants').where('coop_id', '=', coopId).where('id', 'in', gone).execute();
  }
  // Park kept rows on a temporary size so a size/colour swap between two rows cannot collide.
  const bySku = new Map(current.map((v) => [v.sku.toUpperCase(), v]));
  for (const v of current) {
    if (wantedSkus.has(v.sku.toUpperCase())) {
      await trx.updateTable('work_variants').set({ size: `~${v.id.slice(0, 18)}` }).where('coop_id', '=', coopId).where('id', '=', v.id).execute();
    }
  }
  for (const [i, v] of wanted.entries()) {
    const existing = bySku.get(v.sku.toUpperCase());
    if (existing) {
      await trx.updateTable('work_variants').set({ size: v.size, colour: v.colour, sku: v.sku, stock: v.stock, position: i }).where('coop_id', '=', coopId).where('id', '=', existing.id).execute();
    } else {
      await trx.insertInto('work_variants').values({ coop_id: coopId, work_id: workId, size: v.size, colour: v.colour, sku: v.sku, stock: v.stock, position: i }).execute();
    }
  }
}

/** The stemmed query of a search, for matching and ranking (websearch syntax). */
function searchQuery(terms: string) {
  return sql`websearch_to_tsquery('lumbung_id', ${terms})`;
}

/** A work matches the words as typed (stemmed), or all of them with the last one as a prefix of an unstemmed word. */
export function searchMatch(terms: string) {
  const prefix = prefixQuery(terms);
  return prefix
    ? sql<boolean>`(w.search @@ ${searchQuery(terms)} OR w.search_words @@ to_tsquery('simple', ${prefix}))`
    : sql<boolean>`w.search @@ ${searchQuery(terms)}`;
}

export type BoardFilter = { q: string; line?: ProductLine; status?: WorkStatus };

export async function listWorkRows(trx: Tx, coopId: string, f: BoardFilter, page: { limit: number; offset: number }) {
  let q = trx.selectFrom('works as w').where('w.coop_id', '=', coopId);
  if (f.line) q = q.where('w.product_line', '=', f.line);
  if (f.status) q = q.where('w.status', '=', f.status);
  if (f.q) q = q.where(searchMatch(f.q));
  return q
    .select([
      'w.id',
      'w.product_line',
      'w.title',
      'w.slug',
      'w.status',
      'w.public_price',
      'w.member_price',
      'w.updated_at',
      sql<number>`count(*) OVER ()::int`.as('total'),
      sql<number>`(SELECT coalesce(sum(c.share_bp), 0)::int FROM work_creators c WHERE c.coop_id = ${coopId} AND c.work_id = w.id)`.as('shares_bp'),
      sql<string[]>`ARRAY(SELECT c.credit_name FROM work_creators c WHERE c.coop_id = ${coopId} AND c.work_id = w.id ORDER BY c.position, c.credit_name)`.as('creators')
    ])
    .orderBy('w.updated_at', 'desc')
    .orderBy('w.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/*
 * Subqueries name the cooperative by value (`= ${coopId}`), not by the outer row (`= w.coop_id`):
 * Citus sends a query to one shard only when every table in it is filtered by a constant coop_id;
 * a correlated `= w.coop_id` makes it a query to every shard (decision 0110).
 */

/** A work's photo files as JSON (size, format, width, height, sha256) for the image `i`. */
const filesOf = (coopId: string) => sql`(SELECT json_agg(json_build_object('size', f.size, 'format', f.format, 'width', f.width, 'height', f.height, 'sha256', f.sha256)) FROM work_image_files f WHERE f.coop_id = ${coopId} AND f.image_id = i.id)`;

/** The cover (lowest position) of the work `w`, with its files; a correlated subquery on the page's rows only. */
const coverSql = (coopId: string) => sql<StoredImage | null>`(SELECT json_build_object('alt', i.alt, 'width', i.width, 'height', i.height, 'files', ${filesOf(coopId)}) FROM work_images i WHERE i.coop_id = ${coopId} AND i.work_id = w.id ORDER BY i.position, i.created_at LIMIT 1)`;

/** All photos of the work `w` in order, with the Busana variant each belongs to (size/colour). */
const imagesSql = (coopId: string) => sql<(StoredImage & { variant: string | null })[]>`coalesce((SELECT json_agg(json_build_object('alt', i.alt, 'width', i.width, 'height', i.height, 'files', ${filesOf(coopId)}, 'variant', (SELECT v.size || ' / ' || v.colour FROM work_variants v WHERE v.coop_id = ${coopId} AND v.id = i.variant_id)) ORDER BY i.position, i.created_at) FROM work_images i WHERE i.coop_id = ${coopId} AND i.work_id = w.id), '[]'::json)`;

export type StoreFilter = { q: string; line?: ProductLine };

/**
 * One page of a cooperative's published works in ONE statement: the page's rows, the total
 * (window count), each row's creators' names and Busana stock, or what is left of an original
 * or numbered edition (correlated subqueries on the
 * page's rows only). Its cost does not add a query per product.
 */
export async function storefrontRows(trx: Tx, coopId: string, f: StoreFilter, page: { limit: number; offset: number }) {
  let q = trx.selectFrom('works as w').where('w.coop_id', '=', coopId).where('w.status', '=', 'published');
  if (f.line) q = q.where('w.product_line', '=', f.line);
  const query = f.q ? searchQuery(f.q) : null;
  if (f.q) q = q.where(searchMatch(f.q));
  let s = q
    .select([
      'w.slug',
      'w.product_line',
      'w.title',
      'w.description',
      'w.public_price',
      'w.member_price',
      'w.starts_at',
      sql<number>`count(*) OVER ()::int`.as('total'),
      sql<string[]>`ARRAY(SELECT c.credit_name FROM work_creators c WHERE c.coop_id = ${coopId} AND c.work_id = w.id ORDER BY c.position, c.credit_name)`.as('creators'),
      sql<number | null>`CASE WHEN w.product_line = 'busana' THEN (SELECT coalesce(sum(v.stock), 0)::int FROM work_variants v WHERE v.coop_id = ${coopId} AND v.work_id = w.id)
                              WHEN w.unit_limit IS NOT NULL THEN greatest(w.unit_limit - w.units_taken, 0) END`.as('stock'),
      coverSql(coopId).as('cover')
    ]);
  if (query) s = s.orderBy(sql`ts_rank(w.search, ${query})`, 'desc');
  return s.orderBy('w.published_at', 'desc').orderBy('w.id').limit(page.limit).offset(page.offset).execute();
}

/** A published work by slug, with creators' names and variants, in one statement. */
export async function storeWorkRow(trx: Tx, coopId: string, slug: string) {
  return trx
    .selectFrom('works as w')
    .where('w.coop_id', '=', coopId)
    .where('w.slug', '=', slug)
    .where('w.status', '=', 'published')
    .select([
      'w.id',
      'w.slug',
      'w.product_line',
      'w.title',
      'w.description',
      'w.attributes',
      'w.public_price',
      'w.member_price',
      'w.starts_at',
      'w.venue',
      'w.capacity',
      sql<string[]>`ARRAY(SELECT c.credit_name FROM work_creators c WHERE c.coop_id = ${coopId} AND c.work_id = w.id ORDER BY c.position, c.credit_name)`.as('creators'),
      sql<{ size: string; colour: string; stock: number }[]>`coalesce((SELECT json_agg(json_build_object('size', v.size, 'colour', v.colour, 'stock', v.stock) ORDER BY v.position) FROM work_variants v WHERE v.coop_id = ${coopId} AND v.work_id = w.id), '[]'::json)`.as('variants'),
      imagesSql(coopId).as('images'),
      sql<string | null>`(SELECT f.content_type FROM work_files f WHERE f.coop_id = ${coopId} AND f.work_id = w.id AND f.kind = 'preview')`.as('preview_type'),
      sql<{ taken: number; free: boolean } | null>`(SELECT json_build_object('taken', s.taken, 'free', s.free_registration) FROM event_seats s WHERE s.coop_id = ${coopId} AND s.work_id = w.id)`.as('seats')
    ])
    .executeTakeFirst();
}

/** The published work's prices by id, for pricing an order line. */
export async function publishedPrices(trx: Tx, coopId: string, workId: string) {
  return trx
    .selectFrom('works')
    .select(['id', 'public_price', 'member_price', 'status'])
    .where('coop_id', '=', coopId)
    .where('id', '=', workId)
    .executeTakeFirst();
}

/** The cooperative behind a public address (platform table, no tenant data). */
export async function coopBySlug(db: Database, slug: string) {
  // A named prepared statement (every storefront request and checkout starts here; decision 0140).
  const { rows } = await sql<{ id: string; slug: string; name: string; is_public: boolean }>`/* prepare */ SELECT id, slug, name, is_public FROM coops WHERE slug = ${slug}`.execute(db);
  return rows[0];
}
