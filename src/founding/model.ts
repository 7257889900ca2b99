import { z } from 'zod';
import type { FieldIssue } from '../kernel/errors.js';
import type { FoundingKind, NeedCategory, NeedFrequency, Office } from './tables.js';

/**
 * The legal minimum number of founders, in one place with its source. UU 25/1992 Pasal 6 as
 * amended by the Cipta Kerja law (UU 11/2020, re-enacted as UU 6/2023): a primary cooperative
 * is founded by at least 9 persons; a secondary cooperative by at least 3 cooperatives.
 */
export const LEGAL_MINIMUM_FOUNDERS: Readonly<Record<FoundingKind, { count: number; unit: string; source: string }>> = {
  primer: { count: 9, unit: 'orang', source: 'UU No. 25 Tahun 1992 Pasal 6 ayat (1), sebagaimana diubah UU No. 6 Tahun 2023 (Cipta Kerja)' },
  sekunder: { count: 3, unit: 'koperasi', source: 'UU No. 25 Tahun 1992 Pasal 6 ayat (2)' }
};

export const NEED_CATEGORIES: readonly NeedCategory[] = ['primer', 'sekunder', 'penunjang', 'pelengkap'];
export const NEED_FREQUENCIES: readonly NeedFrequency[] = ['harian', 'mingguan', 'bulanan', 'tahunan'];
export const OFFICES: readonly Office[] = ['ketua', 'sekretaris', 'bendahara', 'pengawas'];
export const POTENTIAL_KINDS = ['alam', 'wisata', 'pangan', 'budaya', 'kearifan'] as const;
export const BUSINESS_LINES = ['suara', 'rupa', 'aksara', 'busana', 'agenda', 'lain'] as const;
export const MAX_NEEDS_PER_FOUNDER = 12;

const ZText = (min: number, max: number) => z.string().trim().min(min).max(max);
/** A pattern whose failure names its own message code (a refine: Zod's own regex issue has no code of ours). */
const matching = (re: RegExp, code: string) => z.string().refine((v) => re.test(v), { message: code });
/** Whole rupiah from a number or a form's text ("350000"); anything else names its own code. */
const ZRupiah = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === 'number' ? v : /^\d{1,13}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN))
  .refine((n) => Number.isInteger(n) && n >= 0 && n <= 1_000_000_000, { message: 'founding_rupiah' });

export const ZStartGroupRequest = z.object({
  name: ZText(2, 200),
  kind: z.enum(['primer', 'sekunder']).default('primer'),
  founder: z.lazy(() => ZFounderRequest)
});

export const ZFounderRequest = z.object({
  fullName: ZText(2, 200),
  gender: z.enum(['F', 'M']),
  nik: z.string().transform((s) => s.replace(/[\s.-]/g, '')).pipe(matching(/^[0-9]{16}$/, 'founding_nik_format')),
  phone: z.string().trim().max(30).pipe(matching(/^\+?[0-9 ]{6,30}$/, 'founding_phone_format')).optional().nullable(),
  street: z.string().trim().max(300).optional().nullable(),
  villageCode: matching(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'founding_village_code'),
  rt: z.coerce.number().int().min(1).max(999),
  rw: z.coerce.number().int().min(1).max(999),
  householdCode: ZText(1, 64),
  isCoordinator: z.boolean().optional()
});
export type FounderRequest = z.output<typeof ZFounderRequest>;

export const ZVisionRequest = z.object({ vision: ZText(10, 2000), mission: ZText(10, 4000), values: ZText(5, 4000), agreed: z.boolean().optional() });

export const ZNeed = z.object({
  category: z.enum(['primer', 'sekunder', 'penunjang', 'pelengkap']),
  item: ZText(2, 100),
  frequency: z.enum(['harian', 'mingguan', 'bulanan', 'tahunan']),
  monthlySpend: ZRupiah
});
export const ZSurveyRequest = z.object({ needs: z.array(ZNeed).max(MAX_NEEDS_PER_FOUNDER) });
export type Need = z.output<typeof ZNeed>;

const ZItems = z.array(ZText(2, 100)).max(20);
export const ZBusinessRequest = z.object({
  productLine: z.enum(BUSINESS_LINES),
  name: ZText(2, 200),
  buys: ZItems.default([]),
  sells: ZItems.default([]),
  monthlyTurnover: z.coerce.number().int().min(0).max(100_000_000_000).default(0)
});
export const ZPotentialRequest = z.object({ regionCode: matching(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'founding_region_code'), kind: z.enum(POTENTIAL_KINDS), description: ZText(2, 500) });
export const ZUnitRequest = z.object({ name: ZText(2, 200), description: z.string().trim().max(2000).default(''), founderIds: z.array(z.uuid()).max(500).default([]), needs: ZItems.default([]) });
export const ZCommentRequest = z.object({ chapter: ZText(2, 40), body: ZText(2, 2000) });

/** The same thing written differently ("Benang  Tenun", "benang tenun") is one item. */
export function normalizeItem(item: string): string {
  return item.trim().toLowerCase().replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Needs map

export type NeedAnswer = { founderId: string; householdCode: string; category: NeedCategory; item: string; frequency: NeedFrequency; monthlySpend: number };
export type NeedItemRow = { item: string; category: NeedCategory; households: number; founders: number; monthlySpend: number };
export type NeedsMap = {
  respondents: number;
  households: number;
  categories: { category: NeedCategory; households: number; items: number; monthlySpend: number }[];
  items: NeedItemRow[];
  totalMonthlySpend: number;
};

/**
 * The aggregated needs map: per category and per item, how many households need it and what
 * they spend on it now each month (whole rupiah). An item's category is the one most answers
 * gave it (ties: the more basic category).
 */
export function aggregateNeeds(answers: readonly NeedAnswer[]): NeedsMap {
  const byItem = new Map<string, { label: string; cats: Map<NeedCategory, number>; households: Set<string>; founders: Set<string>; spend: number }>();
  for (const a of answers) {
    const key = normalizeItem(a.item);
    let row = byItem.get(key);
    if (!row) byItem.set(key, (row = { label: a.item.trim(), cats: new Map(), households: new Set(), founders: new Set(), spend: 0 }));
    row.cats.set(a.category, (row.cats.get(a.category) ?? 0) + 1);
    row.households.add(a.householdCode);
    row.founders.add(a.founderId);
    row.spend += a.monthlySpend;
  }
  const items: NeedItemRow[] = [...byItem.values()].map((r) => {
    let best: NeedCategory = 'primer';
    let bestCount = -1;
    for (const c of NEED_CATEGORIES) {
      const n = r.cats.get(c) ?? 0;
      if (n > bestCount) [best, bestCount] = [c, n];
    }
    return { item: r.label, category: best, households: r.households.size, founders: r.founders.size, monthlySpend: r.spend };
  });
  items.sort((a, b) => b.households - a.households || b.monthlySpend - a.monthlySpend || a.item.localeCompare(b.item, 'id'));
  const categories = NEED_CATEGORIES.map((category) => {
    const inCat = answers.filter((a) => a.category === category);
    return { category, households: new Set(inCat.map((a) => a.householdCode)).size, items: new Set(inCat.map((a) => normalizeItem(a.item))).size, monthlySpend: inCat.reduce((s, a) => s + a.monthlySpend, 0) };
  });
  return {
    respondents: new Set(answers.map((a) => a.founderId)).size,
    households: new Set(answers.map((a) => a.householdCode)).size,
    categories,
    items,
    totalMonthlySpend: answers.reduce((s, a) => s + a.monthlySpend, 0)
  };
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * A server-rendered bar chart (SVG, no script, no style attribute: CSP-safe) of the top items
 * by households; each bar's label says households and monthly spending.
 */
export function needsChartSvg(map: NeedsMap, labels: { households: string; perMonth: string; categories: Record<NeedCategory, string> }, top = 8): string {
  const rows = map.items.slice(0, top);
  const width = 340;
  const rowH = 40;
  const height = Math.max(1, rows.length) * rowH + 10;
  const max = Math.max(1, ...rows.map((r) => r.households));
  const fills: Record<NeedCategory, string> = { primer: '#2f6f4f', sekunder: '#4f7faf', penunjang: '#af7f2f', pelengkap: '#8f4f8f' };
  const rp = new Intl.NumberFormat('id-ID');
  const bars = rows
    .map((r, i) => {
      const y = i * rowH + 4;
      const w = Math.max(2, Math.round((r.households / max) * (width - 10)));
      const text = `${r.item} — ${r.households} ${labels.households}, Rp${rp.format(r.monthlySpend)}${labels.perMonth}`;
      return `<text x="0" y="${y + 12}" font-size="12" fill="#222">${escapeXml(text)}</text><rect x="0" y="${y + 17}" width="${w}" height="14" fill="${fills[r.category]}"><title>${escapeXml(labels.categories[r.category])}</title></rect>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(labels.households)}">${bars}</svg>`;
}

// ---------------------------------------------------------------------------------------------
// Integration links (seed 003, step 2: businesses that supply, buy and market together)

export type BusinessFacts = { id: string; founderId: string; founderName: string; name: string; productLine: string; buys: readonly string[]; sells: readonly string[] };
export type IntegrationLink =
  | { kind: 'supply'; item: string; from: { founderId: string; founderName: string; business: string }; to: { founderId: string; founderName: string; business: string } }
  | { kind: 'shared_purchase'; item: string; founders: { founderId: string; founderName: string }[] }
  | { kind: 'shared_marketing'; productLine: string; founders: { founderId: string; founderName: string }[] };

/**
 * Proposes integration links between the founders' businesses:
 * - supply: one founder sells an item another founder buys (one member's output is another's input);
 * - shared purchase: two or more founders buy the same item (buy together, cheaper);
 * - shared marketing: two or more founders sell in the same product line (one storefront, one stall).
 * Items match after normalising case and spaces. The order is deterministic.
 */
export function proposeIntegrationLinks(businesses: readonly BusinessFacts[]): IntegrationLink[] {
  const links: IntegrationLink[] = [];
  const sorted = [...businesses].sort((a, b) => a.founderName.localeCompare(b.founderName, 'id') || a.name.localeCompare(b.name, 'id') || a.id.localeCompare(b.id));
  const seenSupply = new Set<string>();
  for (const seller of sorted) {
    for (const sold of seller.sells) {
      const key = normalizeItem(sold);
      for (const buyer of sorted) {
        if (buyer.founderId === seller.founderId) continue;
        const bought = buyer.buys.find((b) => normalizeItem(b) === key);
        if (!bought) continue;
        const id = `${seller.id}|${buyer.id}|${key}`;
        if (seenSupply.has(id)) continue;
        seenSupply.add(id);
        links.push({ kind: 'supply', item: sold.trim(), from: { founderId: seller.founderId, founderName: seller.founderName, business: seller.name }, to: { founderId: buyer.founderId, founderName: buyer.founderName, business: buyer.name } });
      }
    }
  }
  const group = (pick: (b: BusinessFacts) => readonly string[]) => {
    const m = new Map<string, { label: string; founders: Map<string, string> }>();
    for (const b of sorted)
      for (const raw of pick(b)) {
        const key = normalizeItem(raw);
        if (!key) continue;
        const g = m.get(key) ?? { label: raw.trim(), founders: new Map<string, string>() };
        g.founders.set(b.founderId, b.founderName);
        m.set(key, g);
      }
    return [...m.entries()].filter(([, g]) => g.founders.size >= 2).sort(([a], [b]) => a.localeCompare(b, 'id'));
  };
  for (const [, g] of group((b) => b.buys)) links.push({ kind: 'shared_purchase', item: g.label, founders: [...g.founders].map(([founderId, founderName]) => ({ founderId, founderName })) });
  for (const [line, g] of group((b) => (b.sells.length > 0 && b.productLine !== 'lain' ? [b.productLine] : [])))
    links.push({ kind: 'shared_marketing', productLine: line, founders: [...g.founders].map(([founderId, founderName]) => ({ founderId, founderName })) });
  return links;
}

// ---------------------------------------------------------------------------------------------
// The founding meeting

export type MeetingFounder = { id: string; fullName: string; attended: boolean; office: Office | null };

/** Checks the founding meeting's outcome: enough founders present, every office filled by someone present. */
export function meetingIssues(kind: FoundingKind, founders: readonly MeetingFounder[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const present = founders.filter((f) => f.attended).length;
  const min = LEGAL_MINIMUM_FOUNDERS[kind];
  if (present < min.count) issues.push({ field: 'attendance', code: 'founding_below_minimum', params: { present, min: min.count, unit: min.unit, source: min.source } });
  founders.forEach((f) => {
    if (f.office && !f.attended) issues.push({ field: `founders.${f.id}`, code: 'founding_officer_absent', params: { name: f.fullName } });
  });
  for (const office of OFFICES) {
    const holders = founders.filter((f) => f.office === office);
    if (holders.length === 0) issues.push({ field: `offices.${office}`, code: 'founding_office_empty', params: { office } });
    if (office !== 'pengawas' && holders.length > 1) issues.push({ field: `offices.${office}`, code: 'founding_office_twice', params: { office } });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Progress through the steps

export const STEPS = ['pendiri', 'visi', 'kebutuhan', 'usaha', 'anggaran_dasar', 'rapat', 'berkas', 'aktif'] as const;
export type Step = (typeof STEPS)[number];
export type ProgressFacts = {
  kind: FoundingKind;
  founders: number;
  visionAgreed: boolean;
  respondents: number;
  businesses: number;
  units: number;
  templateChosen: boolean;
  meetingHeld: boolean;
  dossierComplete: boolean;
  activated: boolean;
};

/** Which steps are done; the current step is the first one not done. */
export function progress(f: ProgressFacts): { steps: { step: Step; done: boolean }[]; current: Step } {
  const done: Record<Step, boolean> = {
    pendiri: f.founders >= LEGAL_MINIMUM_FOUNDERS[f.kind].count,
    visi: f.visionAgreed,
    kebutuhan: f.founders > 0 && f.respondents * 2 >= f.founders,
    usaha: f.businesses > 0 && f.units > 0,
    anggaran_dasar: f.templateChosen,
    rapat: f.meetingHeld,
    berkas: f.dossierComplete,
    aktif: f.activated
  };
  const steps = STEPS.map((step) => ({ step, done: done[step] }));
  return { steps, current: steps.find((s) => !s.done)?.step ?? 'aktif' };
}

export type DossierFacts = { notarySentOn: string | null; deedNumber: string | null; deedDate: string | null; ahuNumber: string | null; nib: string | null; nikKoperasi: string | null };
export const DOSSIER_STEPS = ['notarySentOn', 'deedNumber', 'deedDate', 'ahuNumber', 'nib', 'nikKoperasi'] as const;
/** The external steps needed before activation: sent to the notary, the deed and the AHU decree (NIB and NIK koperasi may follow). */
export const DOSSIER_REQUIRED: readonly (keyof DossierFacts)[] = ['notarySentOn', 'deedNumber', 'deedDate', 'ahuNumber'];
export function dossierComplete(d: DossierFacts): boolean {
  return DOSSIER_REQUIRED.every((k) => Boolean(d[k]));
}

export const ZDossierRequest = z.object({
  notarySentOn: z.iso.date().nullable().optional(),
  deedNumber: z.string().trim().min(1).max(100).nullable().optional(),
  deedDate: z.iso.date().nullable().optional(),
  ahuNumber: z.string().trim().min(3).max(100).nullable().optional(),
  nib: matching(/^[0-9]{13}$/, 'founding_nib_format').nullable().optional(),
  nikKoperasi: matching(/^[0-9]{16}$/, 'founding_nik_koperasi_format').nullable().optional()
});

/** A slug for the group's coop row: the name's words and a short random tail (the final slug can be changed when active). */
export function slugFor(name: string, tail: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return `${base || 'kelompok'}-${tail}`;
}
