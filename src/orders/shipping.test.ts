import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentJournalLines, refundJournalLines, refundParts, splitOrder } from './model.js';
import { chargedKg, courierRateFor, DEFAULT_SHIPPING, expiryFor, parcelWeight, pickUniqueCode, reminderAt, shippingQuotes, type ShippingSettings } from './shipping.js';

const settings = (over: Partial<ShippingSettings> = {}): ShippingSettings => ({
  ...structuredClone(DEFAULT_SHIPPING),
  pickup: { enabled: true },
  local: { enabled: true, rate: 15_000, regencyCodes: ['34.71'] },
  courier: {
    enabled: true,
    rates: [
      { region: '34', firstKg: 12_000, nextKg: 5_000 },
      { region: '51.71', firstKg: 30_000, nextKg: 12_000 },
      { region: '51', firstKg: 35_000, nextKg: 14_000 },
      { region: '*', firstKg: 45_000, nextKg: 20_000 }
    ]
  },
  ...over
});
const sum = (ls: { debit?: number; credit?: number }[]) => ({ d: ls.reduce((s, l) => s + (l.debit ?? 0), 0), c: ls.reduce((s, l) => s + (l.credit ?? 0), 0) });

describe('shipping cost (decision 0155)', () => {
  it('picks the most specific courier rate: regency, then province, then anywhere', () => {
    const s = settings();
    expect(courierRateFor(s.courier.rates, { provinceCode: '51', regencyCode: '51.71' })!.firstKg).toBe(30_000);
    expect(courierRateFor(s.courier.rates, { provinceCode: '51', regencyCode: '51.03' })!.firstKg).toBe(35_000);
    expect(courierRateFor(s.courier.rates, { provinceCode: '94', regencyCode: '94.01' })!.firstKg).toBe(45_000);
    expect(courierRateFor(s.courier.rates.slice(0, 3), { provinceCode: '94', regencyCode: '94.01' })).toBeUndefined();
  });
  it('charges every started kilogram: 1 g → 1 kg, 1000 g → 1 kg, 1001 g → 2 kg', () => {
    expect([0, 1, 1000, 1001, 2500].map(chargedKg)).toEqual([1, 1, 1, 2, 3]);
    const q = shippingQuotes(settings(), 100_000, 2_500, { provinceCode: '51', regencyCode: '51.03' });
    expect(q.find((x) => x.method === 'courier')!.cost).toBe(35_000 + 2 * 14_000);
  });
  it('local delivery only inside its regencies; nothing but pickup before an address is chosen', () => {
    const s = settings();
    expect(shippingQuotes(s, 1, 300, { provinceCode: '34', regencyCode: '34.71' }).find((x) => x.method === 'local')).toMatchObject({ available: true, cost: 15_000 });
    expect(shippingQuotes(s, 1, 300, { provinceCode: '34', regencyCode: '34.02' }).find((x) => x.method === 'local')!.available).toBe(false);
    expect(shippingQuotes(s, 1, 300, null).filter((x) => x.available).map((x) => x.method)).toEqual(['pickup']);
  });
  it('free-shipping threshold: one rupiah below pays, exactly at and above is free', () => {
    const s = settings({ freeFrom: 500_000 });
    const dest = { provinceCode: '94', regencyCode: '94.01' };
    const courier = (goods: number) => shippingQuotes(s, goods, 1200, dest).find((x) => x.method === 'courier')!;
    expect(courier(499_999)).toMatchObject({ cost: 65_000, free: false });
    expect(courier(500_000)).toMatchObject({ cost: 0, free: true });
    expect(courier(500_001)).toMatchObject({ cost: 0, free: true });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 10_000_000 }), (goods, grams, from) => {
        const c = shippingQuotes(settings({ freeFrom: from }), goods, grams, dest).find((x) => x.method === 'courier')!;
        return goods >= from ? c.cost === 0 : c.cost === 45_000 + 20_000 * (chargedKg(grams) - 1);
      })
    );
  });
  it('parcel weight: the line default per unit × quantity', () => {
    expect(parcelWeight([{ productLine: 'busana', quantity: 3, weightGrams: null }, { productLine: 'rupa', quantity: 1, weightGrams: 2500 }], settings())).toBe(900 + 2500);
  });
});

describe('order total = items + shipping (+ unique code), exactly, through the split, the entry and refunds', () => {
  it('holds for any lines, shipping, booking and code; a full refund in parts gives every part back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 1, max: 5_000_000 }), qty: fc.integer({ min: 1, max: 5 }), bp: fc.integer({ min: 0, max: 10_000 }), ppn: fc.integer({ min: 0, max: 100_000 }) }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('revenue' as const, 'pass_through' as const),
        fc.constantFrom('member' as const, 'non_member' as const),
        fc.integer({ min: 1, max: 99 }),
        (ls, shipping, code, booking, kind, cutPct) => {
          const lines = ls.map((l) => ({ lineTotal: l.price * l.qty, commission: Math.floor((l.price * l.qty * l.bp) / 10_000), ppn: l.ppn, creators: [{ memberId: 'm1', shareBp: 6000 }, { memberId: 'm2', shareBp: 4000 }] }));
          const items = lines.reduce((s, l) => s + l.lineTotal + l.ppn, 0);
          const split = splitOrder(lines, 0, { shipping, shippingBooking: booking, uniqueCode: code });
          if (split.amount !== items + shipping + code) return false;
          const entry = paymentJournalLines(split, 'transfer', kind);
          const e = sum(entry);
          if (e.d !== e.c || e.d !== split.amount) return false;
          const shipLine = entry.find((l) => l.memo === 'Ongkos kirim');
          if (shipping > 0 && shipLine?.account !== (booking === 'pass_through' ? 'PAYABLE' : kind === 'member' ? 'SERVICE_MEMBER' : 'SERVICE_NON_MEMBER')) return false;
          const first = Math.max(1, Math.floor((split.amount * cutPct) / 100));
          const parts = [refundParts(split, 0, first), ...(first < split.amount ? [refundParts(split, first, split.amount - first)] : [])];
          const back = parts.reduce((s, p) => s + (p.shipping ?? 0), 0);
          const codeBack = parts.reduce((s, p) => s + (p.uniqueCode ?? 0), 0);
          return back === shipping && codeBack === code && parts.every((p) => { const r = sum(refundJournalLines(p, 'transfer', kind, booking)); return r.d === r.c; });
        }
      )
    );
  });
});

describe('transfer unique code and payment windows', () => {
  it('a unique code makes the total differ from every open transfer; 0 when all 999 are taken', () => {
    const open = new Set([150_001, 150_002]);
    expect(pickUniqueCode(150_000, open, 0)).toBe(3);
    expect(pickUniqueCode(150_000, open, 998)).toBe(999);
    expect(pickUniqueCode(1, new Set(Array.from({ length: 999 }, (_, i) => 2 + i)), 5)).toBe(0);
  });
  it('QRIS lapses in minutes, transfer in days, cash/COD per the coop (never when unset)', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const w = { qrisMinutes: 30, transferDays: 2, cashDays: null };
    expect(expiryFor('qris', w, now)!.toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect(expiryFor('transfer', w, now)!.toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(expiryFor('cod', w, now)).toBeNull();
    expect(expiryFor('cash', { ...w, cashDays: 3 }, now)!.toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });
  it('reminds a quarter of the window before it lapses, between 10 minutes and 24 hours; none for short windows', () => {
    const c = new Date('2026-12-01T00:00:00Z');
    const at = (ms: number) => reminderAt(c, new Date(c.getTime() + ms))?.toISOString() ?? null;
    expect(at(20 * 60_000)).toBeNull();
    expect(at(60 * 60_000)).toBe('2026-12-01T00:45:00.000Z');
    expect(at(2 * 86_400_000)).toBe('2026-12-02T12:00:00.000Z');
    expect(at(8 * 86_400_000)).toBe('2026-12-08T00:00:00.000Z');
    expect(at(40 * 60_000)).toBe('2026-12-01T00:30:00.000Z');
  });
});
