import { z } from 'zod';
import type { CoopType, ProductLine, Role } from '../db/schema.js';
import { ZPassword, ZPhone } from '../accounts/model.js';
import { isValidPlainDate } from '../kernel/clock.js';
import { newSecret } from '../accounts/tokens.js';

/** The Indonesian cooperative types (UU 25/1992 and practice) and the newer forms the seeds ask for. */
export const COOP_TYPES = ['produksi', 'konsumen', 'jasa', 'simpan_pinjam', 'pemasaran', 'pekerja', 'platform', 'startup', 'jamaah_produksi'] as const satisfies readonly CoopType[];
export const PRODUCT_LINES = ['suara', 'rupa', 'aksara', 'busana', 'agenda'] as const satisfies readonly ProductLine[];
export const ROLES = ['anggota', 'ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'] as const satisfies readonly Role[];

/** Short names used in addresses (/k/<slug>, /koperasi/<slug>): lowercase letters, digits, inner hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]{1,62}[a-z0-9])$/;
/** Slugs that read as platform words rather than a cooperative's name. */
export const RESERVED_SLUGS = new Set(['admin', 'api', 'baru', 'new', 'koperasi', 'masuk', 'keluar', 'bahasa', 'lumbung', 'static', 'k']);

export function isValidSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug) && !slug.includes('--') && !RESERVED_SLUGS.has(slug);
}

/** A whole number given as a number (API) or as digits (form). */
function wholeNumber(min: number, max: number) {
  return z.preprocess((v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));
}

/** Optional text: a blank string counts as "cleared" (null). */
function optionalText(max: number) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable()).optional();
}

function optionalPattern(pattern: RegExp, code: string) {
  return z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v),
      z
        .string()
        .refine((s) => pattern.test(s), { error: code })
        .nullable()
    )
    .optional();
}

const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isValidSlug, { error: 'slug_invalid' });

const ZRegionCode = (pattern: RegExp) => optionalPattern(pattern, 'region_unknown');

/** The editable data of a cooperative, shared by create and update. */
const coopFields = {
  name: z.string().trim().min(2).max(200),
  slug: ZSlug,
  coopType: z.enum(COOP_TYPES),
  legalNumber: optionalText(100),
  legalDate: z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().refine(isValidPlainDate, { error: 'date_invalid' }).nullable())
    .optional(),
  /** Nomor Induk Koperasi (from the ministry's ODS registry): 16 digits. Not a person's NIK. */
  nikKoperasi: optionalPattern(/^[0-9]{16}$/, 'nik_koperasi_invalid'),
  provinceCode: ZRegionCode(/^\d{2}$/),
  regencyCode: ZRegionCode(/^\d{2}\.\d{2}$/),
  districtCode: ZRegionCode(/^\d{2}\.\d{2}\.\d{2}$/),
  villageCode: ZRegionCode(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/),
  street: optionalText(300),
  rt: z.preprocess((v) => (v === '' ? null : v), wholeNumber(1, 999).nullable()).optional(),
  rw: z.preprocess((v) => (v === '' ? null : v), wholeNumber(1, 999).nullable()).optional(),
  postalCode: optionalPattern(/^[0-9]{5}$/, 'postal_code_invalid'),
  fiscalYearStartMonth: wholeNumber(1, 12).optional(),
  productLines: z
    .array(z.enum(PRODUCT_LINES))
    .max(PRODUCT_LINES.length)
    .transform((v) => PRODUCT_LINES.filter((p) => v.includes(p)))
    .optional(),
  description: optionalText(4000),
  phone: z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z
        .string()
        .trim()
        .refine((s) => /^\+?[0-9][0-9 ()-]{5,20}$/.test(s), { error: 'phone_invalid' })
        .nullable()
    )
    .optional(),
  email: z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.email().transform((v) => v.toLowerCase()).nullable())
    .optional(),
  isPublic: z.boolean().optional()
};

/** The first ketua: an existing account (by email or phone) or a new one (then name and password too). */
export const ZFirstKetua = z
  .object({
    email: z.email().transform((v) => v.toLowerCase()).optional(),
    phone: ZPhone.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    password: ZPassword.optional()
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, { error: 'required', path: ['email'] });

export const ZCreateCoopRequest = z.strictObject({
  ...coopFields,
  ketua: ZFirstKetua,
  /** A charter template key; the coop type's default when absent. */
  charterTemplate: z.string().min(1).max(60).optional()
});
export type CreateCoopRequest = z.input<typeof ZCreateCoopRequest>;

export const ZUpdateCoopRequest = z
  .strictObject({
    name: coopFields.name.optional(),
    slug: coopFields.slug.optional(),
    coopType: coopFields.coopType.optional(),
    legalNumber: coopFields.legalNumber,
    legalDate: coopFields.legalDate,
    nikKoperasi: coopFields.nikKoperasi,
    provinceCode: coopFields.provinceCode,
    regencyCode: coopFields.regencyCode,
    districtCode: coopFields.districtCode,
    villageCode: coopFields.villageCode,
    street: coopFields.street,
    rt: coopFields.rt,
    rw: coopFields.rw,
    postalCode: coopFields.postalCode,
    fiscalYearStartMonth: coopFields.fiscalYearStartMonth,
    productLines: coopFields.productLines,
    description: coopFields.description,
    phone: coopFields.phone,
    email: coopFields.email,
    isPublic: coopFields.isPublic
  });
export type UpdateCoopRequest = z.input<typeof ZUpdateCoopRequest>;

/** The API's and pages' view of a cooperative (camelCase, dates as strings). */
export type Coop = {
  id: string;
  slug: string;
  name: string;
  coopType: CoopType;
  legalNumber: string | null;
  legalDate: string | null;
  nikKoperasi: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  regionDataset: string | null;
  street: string | null;
  rt: number | null;
  rw: number | null;
  postalCode: string | null;
  fiscalYearStartMonth: number;
  productLines: ProductLine[];
  description: string | null;
  phone: string | null;
  email: string | null;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
};

/** Column of `coops` for each API field. */
export const COLUMN_OF = {
  name: 'name',
  slug: 'slug',
  coopType: 'coop_type',
  legalNumber: 'legal_number',
  legalDate: 'legal_date',
  nikKoperasi: 'nik_koperasi',
  provinceCode: 'province_code',
  regencyCode: 'regency_code',
  districtCode: 'district_code',
  villageCode: 'village_code',
  street: 'street',
  rt: 'rt',
  rw: 'rw',
  postalCode: 'postal_code',
  fiscalYearStartMonth: 'fiscal_year_start_month',
  productLines: 'product_lines',
  description: 'description',
  phone: 'phone',
  email: 'email',
  isPublic: 'is_public'
} as const;

export type CoopField = keyof typeof COLUMN_OF;

export const REGION_FIELDS = ['provinceCode', 'regencyCode', 'districtCode', 'villageCode'] as const;

/**
 * When a level of the region chain changes, the levels below it that no longer share
 * its prefix are cleared (a picker that changes the province resets the regency…).
 */
export function trimRegionChain<T extends Partial<Record<(typeof REGION_FIELDS)[number], string | null | undefined>>>(input: T): T {
  const out = { ...input };
  let parent: string | null = null;
  for (const field of REGION_FIELDS) {
    const code = out[field] ?? null;
    if (!code) {
      parent = null;
      for (const below of REGION_FIELDS.slice(REGION_FIELDS.indexOf(field) + 1)) (out as Record<string, unknown>)[below] = null;
      break;
    }
    if (parent !== null && !code.startsWith(`${parent}.`)) {
      for (const below of REGION_FIELDS.slice(REGION_FIELDS.indexOf(field))) (out as Record<string, unknown>)[below] = null;
      break;
    }
    parent = code;
  }
  return out;
}

/**
 * The fields that differ between two views, as { before, after } with only those keys:
 * the audit line then says exactly what changed.
 */
export function diffFields<T extends Record<string, unknown>>(before: T, after: T, keys: readonly (keyof T)[]): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of keys) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/** True when a role list keeps at least one ketua among all accounts of the coop. */
export function keepsAKetua(rolesByAccount: ReadonlyMap<string, readonly Role[]>): boolean {
  for (const roles of rolesByAccount.values()) if (roles.includes('ketua')) return true;
  return false;
}

/** Roles in a stable, readable order without duplicates. */
export function normalizeRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((r) => roles.includes(r));
}

export const ZSetMemberRolesRequest = z
  .strictObject({
    /** Email or phone number of the account. */
    identifier: z.string().trim().min(3).max(200).optional(),
    accountId: z.uuid().optional(),
    /** The account's complete set of roles here; an empty list removes the account from the cooperative. */
    roles: z.array(z.enum(ROLES)).max(ROLES.length)
  })
  .refine((v) => v.identifier !== undefined || v.accountId !== undefined, { error: 'required', path: ['identifier'] });
export type SetMemberRolesRequest = z.input<typeof ZSetMemberRolesRequest>;

export const ZCreateApiTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Optional end of validity: a date (valid through that day, Asia/Jakarta) or an ISO date-time. */
  expiresAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional()
});

/** When a token given `expiresAt` stops working: a plain date lasts through that day in Jakarta (UTC+7). */
export function tokenExpiry(expiresAt: string | undefined): Date | null {
  if (expiresAt === undefined) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(expiresAt)) return new Date(new Date(`${expiresAt}T00:00:00+07:00`).getTime() + 86_400_000);
  return new Date(expiresAt);
}
export type CreateApiTokenRequest = z.input<typeof ZCreateApiTokenRequest>;

/** API tokens start with this prefix, so a leaked one is recognisable (secret scanners). */
export const API_TOKEN_PREFIX = 'lt';

/**
 * An API token names its cooperative: `lt_<coop id, 32 hex digits>_<256-bit secret>` (decision
 * 0110). The server reads the cooperative from the token and looks the token up by
 * `(coop_id, token_hash)` — on Citus a query to one shard instead of every shard. The hash covers
 * the whole token, so a token with another cooperative written in matches nothing; the coop id is
 * no secret (the token's holder works in that cooperative anyway).
 */
export function newApiTokenSecret(coopId: string): string {
  return newSecret(`${API_TOKEN_PREFIX}_${coopId.replace(/-/g, '').toLowerCase()}`);
}

const API_TOKEN_WITH_COOP = /^lt_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

/** The cooperative an API token names, or null for a token of the older form `lt_<secret>` (looked up by hash alone). */
export function apiTokenCoop(token: string): string | null {
  const m = API_TOKEN_WITH_COOP.exec(token);
  return m ? m.slice(1, 6).join('-') : null;
}
