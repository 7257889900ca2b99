import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { AppError, isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { can } from '../../../../../../kernel/permissions.js';
import { parseRupiah } from '../../../../../../charters/model.js';
import { getOrderSettings, getShippingRegionLists, saveOrderSettings } from '../../../../../../orders/order-settings.js';
import type { ShippingSettings } from '../../../../../../orders/shipping.js';

/** Rate rows shown: the stored ones and two blank ones to add. */
const RATE_ROWS = (stored: number) => stored + 2;

const LINES = ['suara', 'rupa', 'aksara', 'busana', 'agenda'] as const;
const METHODS = ['qris', 'transfer', 'cod', 'cash', 'gateway'] as const;

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const settings = await getOrderSettings(ctx);
    const provinces = settings.shipping.courier.rates.map((r) => r.region.slice(0, 2)).filter((c) => /^\d{2}$/.test(c));
    return { settings, regions: await getShippingRegionLists(ctx, provinces), rateRows: RATE_ROWS(settings.shipping.courier.rates.length), mayWrite: can(ctx, 'payments.settings'), saved: event.url.searchParams.has('tersimpan') };
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

const rupiahOf = (raw: unknown, field: string): number => {
  const n = parseRupiah(String(raw ?? '0'));
  if (n === null) throw new AppError('VALIDATION_FAILED', { fields: [{ field, code: 'amount_invalid' }] });
  return n;
};
const intOf = (raw: unknown): number => (typeof raw === 'string' && /^\d{1,9}$/.test(raw.trim()) ? Number(raw) : Number.NaN);

/** The shipping part of the form: options, rates (a row without a destination is dropped), weights, threshold and booking. */
function shippingOf(v: Record<string, unknown>): ShippingSettings {
  const rates: ShippingSettings['courier']['rates'] = [];
  for (let i = 0; i < 200 && (`rate.${i}.province` in v || `rate.${i}.firstKg` in v); i++) {
    const province = String(v[`rate.${i}.province`] ?? '');
    const regency = String(v[`rate.${i}.regency`] ?? '');
    if (!province) continue;
    const region = province === '*' ? '*' : regency.startsWith(`${province}.`) ? regency : province;
    rates.push({ region, firstKg: rupiahOf(v[`rate.${i}.firstKg`], `shipping.courier.rates.${rates.length}.firstKg`), nextKg: rupiahOf(v[`rate.${i}.nextKg`] ?? '0', `shipping.courier.rates.${rates.length}.nextKg`) });
  }
  return {
    booking: v.shippingBooking === 'revenue' ? 'revenue' : 'pass_through',
    unitWeightGrams: { busana: intOf(v['weight.busana']), rupa: intOf(v['weight.rupa']), aksara: intOf(v['weight.aksara']) },
    freeFrom: v.freeFrom ? rupiahOf(v.freeFrom, 'shipping.freeFrom') : null,
    pickup: { enabled: v.pickup === 'on' },
    local: { enabled: v.local === 'on', rate: rupiahOf(v.localRate ?? '0', 'shipping.local.rate'), regencyCodes: ([] as string[]).concat((v.localArea as string[] | undefined) ?? []) },
    courier: { enabled: v.courier === 'on', rates }
  };
}

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData(), ['localArea']);
    try {
      const freeUpTo = parseRupiah(String(values.mdrFreeUpTo ?? '0'));
      if (freeUpTo === null) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'mdrFreeUpTo', code: 'amount_invalid' }] });
      await saveOrderSettings(ctx, {
        ppnEnabled: values.ppnEnabled === 'on',
        paymentWindowMinutes: Number(values.paymentWindowMinutes),
        commissionBp: Object.fromEntries(LINES.map((l) => [l, bpOf(values[`commission.${l}`], `commissionBp.${l}`)])),
        mdrBp: Object.fromEntries(METHODS.map((m) => [m, bpOf(values[`mdr.${m}`], `mdrBp.${m}`)])),
        mdrFreeUpTo: freeUpTo,
        // An account whose three fields are all empty is left out; no account: transfer is not offered.
        bankAccounts: [0, 1, 2]
          .map((i) => ({ bankName: String(values[`bank.${i}.bankName`] ?? ''), accountNo: String(values[`bank.${i}.accountNo`] ?? ''), accountName: String(values[`bank.${i}.accountName`] ?? '') }))
          .filter((a) => a.bankName || a.accountNo || a.accountName),
        transferUniqueCode: values.transferUniqueCode === 'on',
        transferWindowDays: intOf(values.transferWindowDays),
        cashWindowDays: values.cashWindowDays ? intOf(values.cashWindowDays) : null,
        shipping: shippingOf(values)
      });
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/pengaturan/toko?tersimpan`);
  }
};
