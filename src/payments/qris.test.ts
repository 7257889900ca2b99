import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc16CcittFalse, crcHex, dynamicQris, encodeTlv, parseQris, parseTlv, staticQrisIssue, withCrc, type Tlv } from './qris.js';

/** A static QRIS as a bank prints it for a small cooperative in Yogyakarta. */
const objects: Tlv[] = [
  { tag: '00', value: '01' },
  { tag: '01', value: '11' },
  { tag: '26', value: encodeTlv([{ tag: '00', value: 'ID.CO.QRIS.WWW' }, { tag: '01', value: '936009153456789012' }, { tag: '02', value: 'ID1024567890123' }, { tag: '03', value: 'UMI' }]) },
  { tag: '52', value: '5947' },
  { tag: '53', value: '360' },
  { tag: '58', value: 'ID' },
  { tag: '59', value: 'KOPERASI LUMBUNG SARI' },
  { tag: '60', value: 'YOGYAKARTA' },
  { tag: '61', value: '55281' }
];
export const SAMPLE_STATIC_QRIS = withCrc(objects);

describe('CRC-16/CCITT-FALSE', () => {
  it('gives 0x29B1 for "123456789" (the standard check value)', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crcHex('123456789')).toBe('29B1');
  });

  it('gives 0xFFFF for the empty string and pads to four hex digits', () => {
    expect(crc16CcittFalse('')).toBe(0xffff);
    expect(crcHex('A')).toMatch(/^[0-9A-F]{4}$/);
    expect(crc16CcittFalse('A')).toBe(0xb915);
  });
});

describe('EMVCo tag-length-value', () => {
  it('splits a payload into its data objects and back', () => {
    const tlv = parseTlv('000201010211');
    expect(tlv).toEqual([
      { tag: '00', value: '01' },
      { tag: '01', value: '11' }
    ]);
    expect(encodeTlv(tlv!)).toBe('000201010211');
  });

  it('refuses a length that runs past the end or a non-numeric header', () => {
    expect(parseTlv('000201011')).toBeNull();
    expect(parseTlv('0002010A11')).toBeNull();
    expect(parseTlv('000501')).toBeNull();
  });
});

describe('parsing a QRIS payload', () => {
  it('reads the sample static QRIS', () => {
    const r = parseQris(SAMPLE_STATIC_QRIS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ isDynamic: false, merchantName: 'KOPERASI LUMBUNG SARI', merchantCity: 'YOGYAKARTA', amount: null, merchantAccountGuis: ['ID.CO.QRIS.WWW'] });
    expect(SAMPLE_STATIC_QRIS.slice(-8, -4)).toBe('6304');
    expect(staticQrisIssue(SAMPLE_STATIC_QRIS)).toBeNull();
  });

  it('rejects a payload whose CRC does not match, even by one character of content', () => {
    const tampered = SAMPLE_STATIC_QRIS.replace('YOGYAKARTA', 'YOGYAKARTO');
    expect(parseQris(tampered)).toEqual({ ok: false, issue: 'qris_crc' });
    const wrongCrc = `${SAMPLE_STATIC_QRIS.slice(0, -4)}0000`;
    expect(parseQris(wrongCrc)).toEqual({ ok: false, issue: 'qris_crc' });
  });

  it('accepts a lower-case CRC as the same number', () => {
    expect(parseQris(SAMPLE_STATIC_QRIS.slice(0, -4) + SAMPLE_STATIC_QRIS.slice(-4).toLowerCase()).ok).toBe(true);
  });

  it('names what is wrong: currency, country, merchant account, payload format', () => {
    const swap = (tag: string, value: string) => withCrc(objects.map((o) => (o.tag === tag ? { tag, value } : o)));
    expect(parseQris(swap('53', '840'))).toEqual({ ok: false, issue: 'qris_currency' });
    expect(parseQris(swap('58', 'MY'))).toEqual({ ok: false, issue: 'qris_country' });
    expect(parseQris(swap('00', '02'))).toEqual({ ok: false, issue: 'qris_payload_format' });
    expect(parseQris(swap('01', '13'))).toEqual({ ok: false, issue: 'qris_initiation' });
    expect(parseQris(withCrc(objects.filter((o) => o.tag !== '26')))).toEqual({ ok: false, issue: 'qris_merchant_account' });
    expect(parseQris(withCrc(objects.filter((o) => o.tag !== '59')))).toEqual({ ok: false, issue: 'qris_merchant_name' });
    expect(parseQris('bukan qris')).toEqual({ ok: false, issue: 'qris_format' });
  });

  it('refuses a dynamic payload or one with an amount as the static QRIS', () => {
    expect(staticQrisIssue(dynamicQris(SAMPLE_STATIC_QRIS, 15000))).toBe('qris_initiation');
    expect(staticQrisIssue(withCrc([...objects, { tag: '54', value: '5000' }].sort((a, b) => Number(a.tag) - Number(b.tag))))).toBe('qris_amount');
  });
});

describe('dynamic QRIS for an exact amount', () => {
  it('sets tag 01 to 12, inserts tag 54 before 58 and recomputes the CRC', () => {
    const d = dynamicQris(SAMPLE_STATIC_QRIS, 125000);
    const r = parseQris(d);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.isDynamic).toBe(true);
    expect(r.value.amount).toBe(125000);
    expect(r.value.objects.map((o) => o.tag)).toEqual(['00', '01', '26', '52', '53', '54', '58', '59', '60', '61', '63']);
    expect(d).toContain('5406125000');
    expect(d).toContain('010212');
    expect(d.slice(-4)).toBe(crcHex(d.slice(0, -4)));
  });

  it('replaces an existing amount and drops tip or convenience-fee objects (no surcharge)', () => {
    const withTip = withCrc([...objects, { tag: '55', value: '02' }, { tag: '56', value: '1000' }].sort((a, b) => Number(a.tag) - Number(b.tag)));
    const first = dynamicQris(withTip, 1000);
    const again = dynamicQris(first, 2500);
    const r = parseQris(again);
    expect(r.ok && r.value.amount).toBe(2500);
    expect(r.ok && r.value.objects.some((o) => ['55', '56', '57'].includes(o.tag))).toBe(false);
  });

  it('rejects fractional, zero and negative amounts', () => {
    for (const bad of [1500.5, 0, -10, Number.NaN]) {
      expect(() => dynamicQris(SAMPLE_STATIC_QRIS, bad)).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('rejects an invalid static payload', () => {
    expect(() => dynamicQris(`${SAMPLE_STATIC_QRIS.slice(0, -4)}ABCD`, 1000)).toThrowError(expect.objectContaining({ code: 'QRIS_INVALID' }));
  });

  it('always yields a valid payload carrying exactly the amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999_999_999 }), (amount) => {
        const r = parseQris(dynamicQris(SAMPLE_STATIC_QRIS, amount));
        return r.ok && r.value.amount === amount && r.value.isDynamic;
      })
    );
  });
});
