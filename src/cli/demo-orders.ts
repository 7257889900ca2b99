import type { Ctx, TenantCtx } from '../kernel/context.js';
import { withTenant } from '../db/tenant.js';
import { saveQrisSettings } from '../payments/qris-save-settings.js';
import { encodeTlv, withCrc } from '../payments/qris.js';
import { checkout } from '../orders/checkout.js';
import { confirmPayment } from '../orders/confirm-payment.js';
import { markFulfilled } from '../orders/mark-fulfilled.js';
import { cancelOrder } from '../orders/cancel-order.js';
import { requestPayout } from '../payouts/request-payout.js';
import { getOrderSettings, saveOrderSettings } from '../orders/order-settings.js';
import { regionChildren } from '../regions/model.js';
import type { ShipTo } from '../orders/shipping.js';

/** An address in a regency, at its district named `district` (else its first), as the checkout's region picker makes it. */
async function demoAddress(recipient: string, phone: string, provinceCode: string, regencyCode: string, district: string, street: string): Promise<ShipTo> {
  const districts = await regionChildren(regencyCode);
  const d = districts.find((x) => x.name.toLowerCase() === district.toLowerCase()) ?? districts[0]!;
  return { recipient, phone, provinceCode, regencyCode, districtCode: d.code, street };
}

/** A static QRIS as a bank would print it for the demo cooperative (fictional merchant ids). */
export const DEMO_STATIC_QRIS = withCrc([
  { tag: '00', value: '01' },
  { tag: '01', value: '11' },
  { tag: '26', value: encodeTlv([{ tag: '00', value: 'ID.CO.QRIS.WWW' }, { tag: '01', value: '936009150000000001' }, { tag: '02', value: 'ID1020000000001' }, { tag: '03', value: 'UMI' }]) },
  { tag: '52', value: '5947' },
  { tag: '53', value: '360' },
  { tag: '58', value: 'ID' },
  { tag: '59', value: 'KOP LUMBUNG SARI' },
  { tag: '60', value: 'YOGYAKARTA' },
  { tag: '61', value: '55172' }
]);

/**
 * Orders in the demo cooperative, through the same use cases as the pages: a member's album
 * bought with QRIS and confirmed, a guest's batik shirt paid and shipped, a COD order handed
 * over before its money came, a transfer and a QRIS order awaiting payment, a cancelled one,
 * and a payout to a producer. So the board's order screens, the QRIS page and the members'
 * sales pages have something to show.
 */
export async function seedOrdersDemo(bendahara: TenantCtx, ketua: TenantCtx): Promise<void> {
  const coop = await ketua.db.selectFrom('coops').select('slug').where('id', '=', ketua.coopId).executeTakeFirstOrThrow();
  await saveQrisSettings(ketua, { staticPayload: DEMO_STATIC_QRIS });
  // A bank account (transfer with a unique code), payment windows, and shipping: pick up, own delivery in
  // Yogyakarta and Sleman, couriers priced by province, free from Rp750.000 (decision 0155).
  const settings = await getOrderSettings(ketua);
  await saveOrderSettings(bendahara, {
    ...settings,
    transferAccount: undefined,
    bankAccounts: [
      { bankName: 'BRI', accountNo: '0029-01-001234-56-7', accountName: 'Koperasi Lumbung Sari' },
      { bankName: 'BPD DIY', accountNo: '001.211.004567', accountName: 'Koperasi Lumbung Sari' }
    ],
    transferUniqueCode: true,
    transferWindowDays: 2,
    cashWindowDays: 7,
    shipping: {
      booking: 'pass_through',
      unitWeightGrams: { busana: 300, rupa: 1500, aksara: 150 },
      freeFrom: 750_000,
      pickup: { enabled: true },
      local: { enabled: true, rate: 10_000, regencyCodes: ['34.71', '34.04', '34.02'] },
      courier: {
        enabled: true,
        rates: [
          { region: '34', firstKg: 9_000, nextKg: 5_000 },
          { region: '33', firstKg: 12_000, nextKg: 7_000 },
          { region: '35', firstKg: 14_000, nextKg: 8_000 },
          { region: '31', firstKg: 15_000, nextKg: 9_000 },
          { region: '32', firstKg: 15_000, nextKg: 9_000 },
          { region: '51', firstKg: 24_000, nextKg: 14_000 },
          { region: '*', firstKg: 38_000, nextKg: 22_000 }
        ]
      }
    }
  });
  const works = await withTenant(ketua.db, ketua.coopId, (trx) =>
    trx.selectFrom('works').select(['id', 'title']).where('coop_id', '=', ketua.coopId).where('status', '=', 'published').execute()
  );
  const variants = await withTenant(ketua.db, ketua.coopId, (trx) => trx.selectFrom('work_variants').select(['id', 'work_id', 'sku']).where('coop_id', '=', ketua.coopId).execute());
  const work = (title: string) => works.find((w) => w.title === title)?.id;
  const variant = (sku: string) => variants.find((v) => v.sku === sku);
  const album = work('Keroncong Kali Code');
  const zine = work('Zine Warga Kotagede #3');
  const shirtM = variant('LS-PRG-M-SGN');
  const shirtL = variant('LS-PRG-L-SGN');
  if (!album || !zine || !shirtM || !shirtL) return;
  const guest: Ctx = { db: ketua.db, clock: ketua.clock, log: ketua.log, locale: 'id', actor: null };
  const anggota = await ketua.db.selectFrom('accounts').select(['id', 'name']).where('email', '=', 'anggota@lumbung.test').executeTakeFirst();

  if (anggota) {
    const member: Ctx = { ...guest, actor: { accountId: anggota.id, name: anggota.name, isPlatformAdmin: false, via: 'session' } };
    const o = await checkout(member, coop.slug, { lines: [{ workId: album, quantity: 1 }], paymentMethod: 'qris', idempotencyKey: 'demo-order-member-album' });
    await confirmPayment(bendahara, o.orderId, { amount: o.total, reference: 'QRIS-DEMO-0001' });
  }
  const shirt = await checkout(guest, coop.slug, {
    lines: [{ workId: shirtM.work_id, variantId: shirtM.id, quantity: 1 }, { workId: zine, quantity: 2 }],
    paymentMethod: 'qris',
    buyer: { name: 'Larasati Putri', email: 'larasati@contoh.id' },
    shipping: { method: 'courier', address: await demoAddress('Larasati Putri', '081234560001', '51', '51.71', 'Denpasar Barat', 'Jl. Gunung Agung No. 18') }
  });
  await confirmPayment(bendahara, shirt.orderId, { amount: shirt.total, reference: 'QRIS-DEMO-0002' });
  await markFulfilled(bendahara, shirt.orderId, { courier: 'JNE', trackingNo: 'JNE0102DEMO123' });

  const cod = await checkout(guest, coop.slug, {
    lines: [{ workId: shirtL.work_id, variantId: shirtL.id, quantity: 1 }],
    paymentMethod: 'cod',
    buyer: { name: 'Pak Harjo', phone: '081298765432' },
    shipping: { method: 'local', address: await demoAddress('Pak Harjo', '081298765432', '34', '34.71', 'Kotagede', 'Prenggan KG II/12') }
  });
  await markFulfilled(bendahara, cod.orderId, { note: 'Diantar kurir koperasi' });

  await checkout(guest, coop.slug, { lines: [{ workId: zine, quantity: 1 }], paymentMethod: 'transfer', buyer: { name: 'Yanti Rahayu', email: 'yanti@contoh.id' }, shipping: { method: 'pickup' } });
  await checkout(guest, coop.slug, { lines: [{ workId: album, quantity: 1 }], paymentMethod: 'qris', buyer: { name: 'Tomo Wiryawan', phone: '085712345678' } });
  const cancelled = await checkout(guest, coop.slug, { lines: [{ workId: zine, quantity: 1 }], paymentMethod: 'cash', buyer: { name: 'Bu Sumi', phone: '081311112222' }, shipping: { method: 'pickup' } });
  await cancelOrder(bendahara, cancelled.orderId, { reason: 'Pembeli tidak jadi datang' });

  // Ratna (bendahara, co-creator of the shirt) takes part of her balance.
  const ratna = await withTenant(ketua.db, ketua.coopId, (trx) => trx.selectFrom('members').select('id').where('coop_id', '=', ketua.coopId).where('full_name', '=', 'Ratna Kusumawati').executeTakeFirst());
  if (ratna) await requestPayout(bendahara, ratna.id, { amount: 100_000, reference: 'DEMO-PAYOUT-0001', method: 'bank', note: 'Transfer ke rekening BRI' });
}
