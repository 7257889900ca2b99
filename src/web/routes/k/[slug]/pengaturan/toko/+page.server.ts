import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { AppError, isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { can } from '../../../../../../kernel/permissions.js';
import { parseRupiah } from '../../../../../../charters/model.js';
import { getOrderSettings, saveOrderSettings } from '../../../../../../orders/order-settings.js';

const LINES = ['suara', 'rupa', 'aksara', 'busana', 'agenda'] as const;
const METHODS = ['qris', 'transfer', 'cod', 'cash', 'gateway'] as const;

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    return { settings: await getOrderSettings(ctx), mayWrite: can(ctx, 'payments.settings'), saved: event.url.searchParams.has('tersimpan') };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};

/** A percentage as typed ("12,5" or "12.5") to basis points; anything else is a field error. */
function bpOf(raw: unknown, field: string): number {
  const s = typeof raw === 'string' ? raw.trim().replace(',', '.') : '';
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) throw new AppError('VALIDATION_FAILED', { fields: [{ field, code: 'invalid_format_value' }] });
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const freeUpTo = parseRupiah(String(values.mdrFreeUpTo ?? '0'));
      if (freeUpTo === null) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'mdrFreeUpTo', code: 'amount_invalid' }] });
      await saveOrderSettings(ctx, {
        ppnEnabled: values.ppnEnabled === 'on',
        paymentWindowMinutes: Number(values.paymentWindowMinutes),
        commissionBp: Object.fromEntries(LINES.map((l) => [l, bpOf(values[`commission.${l}`], `commissionBp.${l}`)])),
        mdrBp: Object.fromEntries(METHODS.map((m) => [m, bpOf(values[`mdr.${m}`], `mdrBp.${m}`)])),
        mdrFreeUpTo: freeUpTo,
        // All three empty: no account (the order page asks the buyer to contact the coop).
        transferAccount: [values.bankName, values.accountNo, values.accountName].every((x) => !String(x ?? '').trim())
          ? null
          : { bankName: String(values.bankName ?? ''), accountNo: String(values.accountNo ?? ''), accountName: String(values.accountName ?? '') }
      });
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/pengaturan/toko?tersimpan`);
  }
};
