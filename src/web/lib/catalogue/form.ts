import { bpToPercent, percentToBp, type ProductLine } from '../../../catalogue/model.js';

/**
 * The work forms, without JavaScript: one <form> per page, repeated rows (tracks, variants,
 * creators) as parallel fields (`track.title`, `track.durationSec`, …). Empty rows are
 * ignored; what is left is sent to the use case as typed, and Zod names what is wrong.
 */

/** "150.000" or "150000" → 150000; anything else is passed on for the validator to refuse. */
export function rupiahInput(raw: string | undefined): number | string | undefined {
  const v = (raw ?? '').replace(/\s|^Rp/gi, '');
  if (v === '') return undefined;
  if (/^\d+$/.test(v) || /^\d{1,3}(\.\d{3})+$/.test(v)) return Number(v.replaceAll('.', ''));
  return v;
}

export function intInput(raw: string | undefined): number | string | undefined {
  const v = (raw ?? '').trim();
  if (v === '') return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

const str = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === 'string' ? v.trim() : '';
};
const opt = (form: FormData, key: string) => str(form, key) || undefined;
const all = (form: FormData, key: string) => form.getAll(key).map((v) => (typeof v === 'string' ? v.trim() : ''));

/** Rows of parallel fields, dropping rows where every field is empty. */
function rows(form: FormData, keys: string[]): Record<string, string>[] {
  const columns = keys.map((k) => all(form, k));
  const n = Math.max(0, ...columns.map((c) => c.length));
  const out: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    const row = Object.fromEntries(keys.map((k, j) => [k, columns[j]![i] ?? '']));
    if (Object.values(row).some((v) => v !== '')) out.push(row);
  }
  return out;
}

/** "2026-05-01T19:00" from a datetime-local field, read as Jakarta time (WIB, +07:00). */
export function jakartaDateTime(local: string): string | undefined {
  if (!local) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+07:00` : local;
}

/** ISO instant → the value of a datetime-local field in Jakarta time. */
export function toJakartaLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return d.toISOString().slice(0, 16);
}

export function creatorsFromForm(form: FormData): { memberId: string; shareBp: number | string; creditName?: string }[] {
  return rows(form, ['creator.memberId', 'creator.share', 'creator.creditName']).map((r) => ({
    memberId: r['creator.memberId']!,
    shareBp: percentToBp(r['creator.share']!) ?? r['creator.share']!,
    ...(r['creator.creditName'] ? { creditName: r['creator.creditName'] } : {})
  }));
}

export function workRequestFromForm(line: ProductLine, form: FormData): Record<string, unknown> {
  const attr = (k: string) => opt(form, `attr.${k}`);
  const attrInt = (k: string) => intInput(str(form, `attr.${k}`));
  const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const out: Record<string, unknown> = {
    productLine: line,
    title: str(form, 'title'),
    description: str(form, 'description'),
    publicPrice: rupiahInput(str(form, 'publicPrice')),
    memberPrice: rupiahInput(str(form, 'memberPrice')) ?? null
  };
  if (line === 'suara') {
    out.attributes = clean({
      format: attr('format'),
      releaseYear: attrInt('releaseYear'),
      label: attr('label'),
      tracks: rows(form, ['track.title', 'track.durationSec', 'track.audioRef', 'track.previewRef']).map((r) =>
        clean({ title: r['track.title'], durationSec: intInput(r['track.durationSec']), audioRef: r['track.audioRef'] || undefined, previewRef: r['track.previewRef'] || undefined })
      )
    });
  } else if (line === 'rupa') {
    out.attributes = clean({ kind: attr('kind'), medium: attr('medium'), widthMm: attrInt('widthMm'), heightMm: attrInt('heightMm'), depthMm: attrInt('depthMm'), year: attrInt('year'), editionSize: attrInt('editionSize') });
  } else if (line === 'aksara') {
    out.attributes = clean({ format: attr('format'), pages: attrInt('pages'), isbn: attr('isbn'), language: attr('language'), publishedYear: attrInt('publishedYear') });
  } else if (line === 'busana') {
    out.attributes = clean({ material: attr('material'), care: attr('care') });
    out.variants = rows(form, ['variant.size', 'variant.colour', 'variant.sku', 'variant.stock']).map((r) => ({
      size: r['variant.size'],
      colour: r['variant.colour'],
      sku: r['variant.sku'],
      stock: intInput(r['variant.stock']) ?? 0
    }));
  } else {
    out.attributes = clean({ kind: attr('kind'), durationMinutes: attrInt('durationMinutes'), facilitator: attr('facilitator') });
    out.event = clean({ startsAt: jakartaDateTime(str(form, 'event.startsAt')), venue: opt(form, 'event.venue'), capacity: intInput(str(form, 'event.capacity')) });
  }
  return out;
}

/** Form values to show again after a refused submit (flat, by field name). */
export function echo(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = all(form, key);
    out[key] = key.includes('.') && /^(track|variant|creator)\./.test(key) ? values : (values[0] ?? '');
  }
  return out;
}

type WorkLike = {
  title: string;
  description: string;
  publicPrice: number;
  memberPrice: number | null;
  attributes: Record<string, unknown>;
  variants: { size: string; colour: string; sku: string; stock: number }[];
  event: { startsAt: string; venue: string; capacity: number } | null;
  creators: { memberId: string; creditName: string; shareBp: number }[];
};

/** A saved work as the flat form values the fields read. */
export function valuesFromWork(w: WorkLike, locale: 'id' | 'en' = 'id'): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {
    title: w.title,
    description: w.description,
    publicPrice: String(w.publicPrice),
    memberPrice: w.memberPrice === null ? '' : String(w.memberPrice)
  };
  for (const [k, v] of Object.entries(w.attributes)) if (typeof v === 'string' || typeof v === 'number') out[`attr.${k}`] = String(v);
  const tracks = Array.isArray(w.attributes.tracks) ? (w.attributes.tracks as Record<string, unknown>[]) : [];
  for (const key of ['title', 'durationSec', 'audioRef', 'previewRef']) out[`track.${key}`] = tracks.map((t) => (t[key] === undefined ? '' : String(t[key])));
  for (const key of ['size', 'colour', 'sku', 'stock'] as const) out[`variant.${key}`] = w.variants.map((v) => String(v[key]));
  if (w.event) {
    out['event.startsAt'] = toJakartaLocal(w.event.startsAt);
    out['event.venue'] = w.event.venue;
    out['event.capacity'] = String(w.event.capacity);
  }
  out['creator.memberId'] = w.creators.map((c) => c.memberId);
  out['creator.share'] = w.creators.map((c) => bpToPercentFor(c.shareBp, locale));
  out['creator.creditName'] = w.creators.map((c) => c.creditName);
  return out;
}

function bpToPercentFor(bp: number, locale: 'id' | 'en'): string {
  return bpToPercent(bp, locale);
}
