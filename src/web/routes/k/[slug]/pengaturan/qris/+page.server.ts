import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../../kernel/permissions.js';
import { getQrisSettings } from '../../../../../../payments/qris-get-settings.js';
import { saveQrisSettings } from '../../../../../../payments/qris-save-settings.js';
import { qrisSvg } from '../../../../../../payments/qris-for-amount.js';
import { dynamicQris } from '../../../../../../payments/qris.js';

const SAMPLE_AMOUNT = 10_000;

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'payments.settings')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const settings = await getQrisSettings(ctx);
  // A sample of what a buyer will scan: the dynamic QRIS for a fixed amount, as an inline SVG.
  const sample = settings ? { amount: SAMPLE_AMOUNT, svg: await qrisSvg(dynamicQris(settings.staticPayload, SAMPLE_AMOUNT)) } : null;
  return { settings, sample, saved: event.url.searchParams.has('tersimpan') };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await saveQrisSettings(ctx, { staticPayload: values.staticPayload ?? '' });
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    return { ok: true };
  }
};
