import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../kernel/permissions.js';
import { getCoop } from '../../../../../coops/get-coop.js';
import { updateCoop } from '../../../../../coops/update-coop.js';
import { COOP_TYPES, PRODUCT_LINES, trimRegionChain, type Coop } from '../../../../../coops/model.js';
import { regionPickerOptions } from '../../../../../coops/region-picker.js';

/** This page's live extras need JavaScript (the root layout turns it off); the form works without it. */
export const csr = true;

/** The form's fields, as strings (and the product lines as a list), as the page shows them. */
type FormValues = Record<string, string | string[]>;

const TEXT_FIELDS = ['name', 'slug', 'coopType', 'legalNumber', 'legalDate', 'nikKoperasi', 'provinceCode', 'regencyCode', 'districtCode', 'villageCode', 'street', 'rt', 'rw', 'postalCode', 'fiscalYearStartMonth', 'description', 'phone', 'email'] as const;

function valuesOf(coop: Coop): FormValues {
  const out: FormValues = {};
  for (const f of TEXT_FIELDS) {
    const v = coop[f];
    out[f] = v === null || v === undefined ? '' : String(v);
  }
  out.productLines = coop.productLines;
  out.isPublic = coop.isPublic ? 'on' : '';
  return out;
}

async function readForm(request: Request): Promise<FormValues> {
  const raw = formObject(await request.formData(), ['productLines']);
  const out: FormValues = {};
  for (const f of TEXT_FIELDS) out[f] = typeof raw[f] === 'string' ? (raw[f] as string) : '';
  out.productLines = (raw.productLines as string[]).filter((p) => (PRODUCT_LINES as readonly string[]).includes(p));
  out.isPublic = raw.isPublic === 'on' ? 'on' : '';
  return { ...out, ...trimRegionChain({ provinceCode: out.provinceCode as string, regencyCode: out.regencyCode as string, districtCode: out.districtCode as string, villageCode: out.villageCode as string }) } as FormValues;
}

const regionsFor = (v: FormValues) =>
  regionPickerOptions({ provinceCode: (v.provinceCode as string) || null, regencyCode: (v.regencyCode as string) || null, districtCode: (v.districtCode as string) || null });

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'coop.write')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const coop = await getCoop(ctx);
  const values = valuesOf(coop);
  return {
    values,
    options: await regionsFor(values),
    coopTypes: COOP_TYPES,
    productLines: PRODUCT_LINES,
    slug: coop.slug,
    isPublic: coop.isPublic,
    saved: event.url.searchParams.has('disimpan'),
    links: { roles: can(ctx, 'roles.read'), tokens: can(ctx, 'tokens.manage'), audit: can(ctx, 'audit.read') }
  };
};

export const actions: Actions = {
  /** "Pilih": reload the region lists below the level just chosen, keeping everything typed. */
  pilih: async (event) => {
    await tenantFor(event);
    const values = await readForm(event.request);
    return { picking: true, values, options: await regionsFor(values) };
  },
  simpan: async (event) => {
    const ctx = await tenantFor(event);
    const values = await readForm(event.request);
    const input: Record<string, unknown> = {};
    for (const f of TEXT_FIELDS) input[f] = values[f] === '' ? null : values[f];
    // Required fields stay required: an empty one is sent as given so the rule names it.
    for (const f of ['name', 'slug', 'coopType', 'fiscalYearStartMonth'] as const) input[f] = values[f];
    input.productLines = values.productLines;
    input.isPublic = values.isPublic === 'on';
    let coop: Coop;
    try {
      coop = await updateCoop(ctx, input);
    } catch (err) {
      const failed = failWith(ctx.locale, err, values);
      return fail(failed.status, { ...failed.data, options: await regionsFor(values) });
    }
    // The slug may have changed: the settings live at the new address.
    redirect(303, `/k/${coop.slug}/pengaturan?disimpan=1`);
  }
};
