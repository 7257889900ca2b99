import { z } from 'zod';
import type { ProductLine } from '../db/schema.js';
import type { FieldIssue } from '../kernel/errors.js';
import type { WorkStatus } from './tables.js';
import type { Picture } from '../media/model.js';

export type { ProductLine, WorkStatus };
/** Whole rupiah. */
export type Rupiah = number;

export const PRODUCT_LINES = ['suara', 'rupa', 'aksara', 'busana', 'agenda'] as const satisfies readonly ProductLine[];
export const WORK_STATUSES = ['draft', 'published', 'archived'] as const satisfies readonly WorkStatus[];

/** Every share in basis points; the creators of a work share exactly this much. */
export const FULL_SHARE_BP = 10_000;
export const MAX_CREATORS = 20;
export const MAX_VARIANTS = 60;
/** Prices stay far below 2^53 and below what a QRIS amount (13 digits) can carry. */
export const MAX_PRICE: Rupiah = 1_000_000_000_000;

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const year = z.number().int().min(1900).max(2100);
const ref = z.string().trim().min(1).max(500);

/* ------------------------------------------------------------------ attributes per line */

/** Suara: a single, EP or album of tracks; audio files and previews are stored references. */
export const ZSuaraAttributes = z.strictObject({
  format: z.enum(['single', 'ep', 'album']),
  releaseYear: year.optional(),
  label: optText(100),
  tracks: z
    .array(
      z.strictObject({
        title: text(200),
        durationSec: z.number().int().min(1).max(24 * 3600),
        audioRef: ref.optional(),
        previewRef: ref.optional()
      })
    )
    .min(1)
    .max(100)
});

/** Rupa: an original, a numbered edition or an open print; dimensions in millimetres. */
export const ZRupaAttributes = z
  .strictObject({
    kind: z.enum(['original', 'edition', 'print']),
    medium: text(200),
    widthMm: z.number().int().min(1).max(100_000),
    heightMm: z.number().int().min(1).max(100_000),
    depthMm: z.number().int().min(1).max(100_000).optional(),
    year: year.optional(),
    editionSize: z.number().int().min(1).max(100_000).optional()
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'edition' && v.editionSize === undefined) ctx.addIssue({ code: 'custom', path: ['editionSize'], message: 'required' });
    if (v.kind === 'original' && v.editionSize !== undefined && v.editionSize !== 1) ctx.addIssue({ code: 'custom', path: ['editionSize'], message: 'original_edition' });
  });

/** Aksara: a book, zine or e-book. */
export const ZAksaraAttributes = z.strictObject({
  format: z.enum(['book', 'zine', 'ebook']),
  pages: z.number().int().min(1).max(100_000),
  isbn: z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
    .refine((s) => isValidIsbn(s), { message: 'isbn_invalid' })
    .optional(),
  language: z.enum(['id', 'en', 'jv', 'su', 'other']).default('id'),
  publishedYear: year.optional()
});

export const ZBusanaAttributes = z.strictObject({
  material: optText(200),
  care: optText(300)
});

export const ZAgendaAttributes = z.strictObject({
  kind: z.enum(['event', 'workshop']),
  durationMinutes: z.number().int().min(1).max(60 * 24 * 30).optional(),
  facilitator: optText(200)
});

export const ATTRIBUTE_SCHEMAS = {
  suara: ZSuaraAttributes,
  rupa: ZRupaAttributes,
  aksara: ZAksaraAttributes,
  busana: ZBusanaAttributes,
  agenda: ZAgendaAttributes
} as const;

export type SuaraAttributes = z.output<typeof ZSuaraAttributes>;
export type RupaAttributes = z.output<typeof ZRupaAttributes>;
export type AksaraAttributes = z.output<typeof ZAksaraAttributes>;
export type BusanaAttributes = z.output<typeof ZBusanaAttributes>;
export type AgendaAttributes = z.output<typeof ZAgendaAttributes>;

/** ISBN-10 (mod 11, X = 10) or ISBN-13 (978/979, alternate weights 1 and 3), digits only. */
export function isValidIsbn(isbn: string): boolean {
  if (/^\d{9}[\dX]$/.test(isbn)) {
    const sum = [...isbn].reduce((s, c, i) => s + (c === 'X' ? 10 : Number(c)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  if (/^97[89]\d{10}$/.test(isbn)) {
    const sum = [...isbn].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0;
  }
  return false;
}

/* ------------------------------------------------------------------ creators */

export const ZCreator = z.strictObject({
  memberId: z.uuid(),
  shareBp: z.number().int().min(1).max(FULL_SHARE_BP),
  creditName: optText(200)
});
export type CreatorInput = z.output<typeof ZCreator>;

/** Why a set of creators cannot stand: shares not summing to 10,000, or a member twice. */
export function creatorIssues(creators: readonly { memberId: string; shareBp: number }[], field = 'creators'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  creators.forEach((c, i) => {
    if (seen.has(c.memberId)) issues.push({ field: `${field}.${i}.memberId`, code: 'creator_duplicate' });
    seen.add(c.memberId);
  });
  const total = creators.reduce((s, c) => s + c.shareBp, 0);
  if (creators.length > 0 && total !== FULL_SHARE_BP) issues.push({ field, code: 'bp_sum_invalid', params: { total } });
  return issues;
}

const creatorsArray = z
  .array(ZCreator)
  .max(MAX_CREATORS)
  .superRefine((cs, ctx) => {
    for (const issue of creatorIssues(cs, '')) {
      ctx.addIssue({ code: 'custom', path: issue.field ? issue.field.split('.').slice(1) : [], message: issue.code });
    }
  });

export const ZSetCreatorsRequest = z.strictObject({ creators: creatorsArray.refine((cs) => cs.length > 0, { message: 'required' }) });
export type SetCreatorsRequest = z.input<typeof ZSetCreatorsRequest>;

/**
 * "33,33" or "33.34" (percent, at most two decimals) → basis points, by string arithmetic
 * (no floats). Null when it is not such a number.
 */
export function percentToBp(value: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(value.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= FULL_SHARE_BP ? bp : null;
}

/** 3334 → "33,34" (id) / "33.34" (en); whole percents without decimals. */
export function bpToPercent(bp: number, locale: 'id' | 'en' = 'id'): string {
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  if (frac === 0) return String(whole);
  return `${whole}${locale === 'id' ? ',' : '.'}${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/* ------------------------------------------------------------------ the work request */

export const ZVariant = z.strictObject({
  size: text(20),
  colour: text(40),
  sku: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/),
  stock: z.number().int().min(0).max(1_000_000)
});
export type VariantInput = z.output<typeof ZVariant>;

export const ZEvent = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  venue: text(300).refine((v) => v.length >= 2, { message: 'too_short' }),
  capacity: z.number().int().min(1).max(1_000_000)
});
export type EventInput = z.output<typeof ZEvent>;

const price = z.number().int().min(1).max(MAX_PRICE);

const base = {
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(5000).default(''),
  publicPrice: price,
  memberPrice: price.nullable().optional(),
  creators: creatorsArray.optional()
};

function pricesRefine(v: { publicPrice: number; memberPrice?: number | null }, ctx: z.RefinementCtx) {
  if (v.memberPrice != null && v.memberPrice > v.publicPrice) ctx.addIssue({ code: 'custom', path: ['memberPrice'], message: 'member_price_above_public' });
}

function variantsRefine(vs: readonly VariantInput[], ctx: z.RefinementCtx) {
  const skus = new Set<string>();
  const combos = new Set<string>();
  vs.forEach((v, i) => {
    const sku = v.sku.toUpperCase();
    if (skus.has(sku)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'sku'], message: 'sku_duplicate' });
    skus.add(sku);
    const combo = `${v.size.toLowerCase()}|${v.colour.toLowerCase()}`;
    if (combos.has(combo)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'size'], message: 'variant_duplicate' });
    combos.add(combo);
  });
}

/** A work as the board writes it: common fields, the line's attributes, and its line's extras. */
export const ZWorkRequest = z
  .discriminatedUnion('productLine', [
    z.strictObject({ productLine: z.literal('suara'), ...base, attributes: ZSuaraAttributes }),
    z.strictObject({ productLine: z.literal('rupa'), ...base, attributes: ZRupaAttributes }),
    z.strictObject({ productLine: z.literal('aksara'), ...base, attributes: ZAksaraAttributes }),
    z.strictObject({ productLine: z.literal('busana'), ...base, attributes: ZBusanaAttributes, variants: z.array(ZVariant).min(1).max(MAX_VARIANTS) }),
    z.strictObject({ productLine: z.literal('agenda'), ...base, attributes: ZAgendaAttributes, event: ZEvent })
  ])
  .superRefine((v, ctx) => {
    pricesRefine(v, ctx);
    if (v.productLine === 'busana') variantsRefine(v.variants, ctx);
  });
export type WorkRequest = z.input<typeof ZWorkRequest>;
export type WorkData = z.output<typeof ZWorkRequest>;

/* ------------------------------------------------------------------ status */

export type WorkAction = 'publish' | 'archive';

const ACTIONS: Record<WorkAction, { from: readonly WorkStatus[]; to: WorkStatus }> = {
  publish: { from: ['draft', 'archived'], to: 'published' },
  archive: { from: ['draft', 'published'], to: 'archived' }
};

/** The status an action leads to from `from`, or null when it is not allowed there. */
export function workStatusAfter(action: WorkAction, from: WorkStatus): WorkStatus | null {
  return ACTIONS[action].from.includes(from) ? ACTIONS[action].to : null;
}

/* ------------------------------------------------------------------ slugs */

/** A URL-safe slug from a title: "Lagu Sawah & Kota (2024)" → "lagu-sawah-kota-2024". */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/g, '');
  return s.length >= 1 ? s : 'karya';
}

/** The first of slug, slug-2, slug-3 … not in `taken`. */
export function freeSlug(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/* ------------------------------------------------------------------ prices */

export type PriceKind = 'member' | 'public';
export type ViewerPrice = { amount: Rupiah; kind: PriceKind };

/**
 * The price a viewer pays: the member price only for an active member of the work's own
 * cooperative (the caller establishes that on the server), the public price otherwise.
 */
export function priceFor(work: { publicPrice: Rupiah; memberPrice: Rupiah | null }, viewerIsActiveMember: boolean): ViewerPrice {
  if (viewerIsActiveMember && work.memberPrice !== null) return { amount: work.memberPrice, kind: 'member' };
  return { amount: work.publicPrice, kind: 'public' };
}

/* ------------------------------------------------------------------ search */

/**
 * Common Indonesian function words dropped from a storefront query (PostgreSQL ships an
 * Indonesian stemmer but no stop-word list). They stay in the index; dropping them from the
 * query only keeps "buku tentang laut" from requiring the word "tentang".
 */
export const INDONESIAN_STOP_WORDS: ReadonlySet<string> = new Set(
  'ada adalah agar akan aku anda antara apa atau bagi bahwa banyak beberapa belum berbagai bisa dalam dan dapat dari daripada demi dengan di dia dua ia ini itu jika juga kah kami kamu karena ke kepada ketika kita lagi lah lain maka masih mereka nya oleh pada para pun saat saja sama sampai satu saya sebagai sebelum sedang sejak seperti serta setelah sudah supaya tanpa tapi telah tentang tersebut tetapi untuk walau yaitu yakni yang'.split(' ')
);

/**
 * The user's search words, cleaned for websearch_to_tsquery: stop words dropped (unless
 * nothing else is left), quotes and "-" kept, length capped. Empty → no search.
 */
export function searchTerms(q: string | undefined | null): string {
  const raw = (q ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!raw) return '';
  if (raw.includes('"')) return raw;
  const words = raw.split(' ');
  const kept = words.filter((w) => !INDONESIAN_STOP_WORDS.has(w.toLowerCase()));
  return (kept.length ? kept : words).join(' ');
}

/**
 * A to_tsquery text that also finds words the last search word begins ("kop" finds "kopi"):
 * every word required, the last one as a prefix. Only for plain words: a query with quotes
 * or a leading "-" is left to websearch_to_tsquery alone ('' here). Non-letters are dropped,
 * so nothing the user types can break the tsquery syntax.
 */
export function prefixQuery(terms: string): string {
  if (!terms || terms.includes('"') || /(^|\s)-/.test(terms)) return '';
  const words = terms
    .split(' ')
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter((w) => w.length > 0 && w.toLowerCase() !== 'or');
  if (words.length === 0) return '';
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

export const STORE_PAGE_SIZE = 24;
export const ZStorefrontRequest = z.object({
  q: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().max(200).optional()),
  line: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(PRODUCT_LINES).optional()),
  page: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(1).max(10_000).optional())
});
export type StorefrontRequest = z.input<typeof ZStorefrontRequest>;

export const ZListWorksRequest = z.object({
  q: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().max(200).optional()),
  line: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(PRODUCT_LINES).optional()),
  status: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(WORK_STATUSES).optional()),
  page: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(1).max(10_000).optional())
});
export type ListWorksRequest = z.input<typeof ZListWorksRequest>;

/* ------------------------------------------------------------------ views */

export type CreatorView = { memberId: string; creditName: string; shareBp: number };
export type VariantView = { id: string; size: string; colour: string; sku: string; stock: number };
export type EventView = { startsAt: string; venue: string; capacity: number };

/** A work as the board sees it. */
export type WorkView = {
  id: string;
  productLine: ProductLine;
  title: string;
  slug: string;
  description: string;
  attributes: Record<string, unknown>;
  publicPrice: Rupiah;
  memberPrice: Rupiah | null;
  status: WorkStatus;
  publishedAt: string | null;
  event: EventView | null;
  variants: VariantView[];
  creators: CreatorView[];
  createdAt: string;
  updatedAt: string;
};

/** A card on the public storefront. */
export type StoreItem = {
  slug: string;
  productLine: ProductLine;
  title: string;
  excerpt: string;
  price: ViewerPrice;
  creators: string[];
  startsAt: string | null;
  /** Busana: total stock across variants; null for other lines. */
  stock: number | null;
  /** The cover photo, if any. */
  cover: Picture | null;
};

export type StorePage = {
  coop: { slug: string; name: string };
  items: StoreItem[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  viewerIsMember: boolean;
};

/** The public product page: no internal ids, no shares, no full audio files. */
export type StoreWork = {
  coop: { slug: string; name: string };
  slug: string;
  productLine: ProductLine;
  title: string;
  description: string;
  attributes: Record<string, unknown>;
  price: ViewerPrice;
  publicPrice: Rupiah;
  creators: string[];
  variants: { size: string; colour: string; stock: number }[];
  event: EventView | null;
  viewerIsMember: boolean;
  /** Photos in order (the first is the cover); `variant` names a Busana variant's own photo. */
  images: (Picture & { variant: string | null })[];
  /** An event's seats left and whether anyone may register for free from its page (null: not an event). */
  seats: { left: number; freeRegistration: boolean } | null;
  /** The public preview: an audio clip (Suara) or sample pages (Aksara, PDF), served by the downloads capability. */
  preview: { kind: 'audio' | 'document'; url: string; contentType: string } | null;
};

/** What the public may see of a line's attributes: the full audio file is a paid download. */
export function publicAttributes(line: ProductLine, attributes: Record<string, unknown>): Record<string, unknown> {
  if (line !== 'suara') return attributes;
  const tracks = Array.isArray(attributes.tracks) ? attributes.tracks : [];
  return { ...attributes, tracks: tracks.map((t) => Object.fromEntries(Object.entries(t as Record<string, unknown>).filter(([k]) => k !== 'audioRef'))) };
}

/** First sentence-ish of a description for a card. */
export function excerpt(description: string, max = 140): string {
  const s = description.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
