/**
 * QRIS (Bank Indonesia's QR standard) is an EMVCo Merchant-Presented Mode payload: a string
 * of data objects, each "tag (2 digits) · length (2 digits) · value", ending with tag 63, the
 * CRC-16/CCITT-FALSE of everything before its value (including "6304") in 4 upper-case hex
 * digits. A cooperative's printed QR is *static* (tag 01 = "11", the payer types the amount);
 * for an order we derive a *dynamic* one (tag 01 = "12") that carries the exact amount in tag
 * 54, so the payer cannot get it wrong. Pure: no I/O.
 */
import { AppError } from '../kernel/errors.js';

export type Tlv = { tag: string; value: string };

export type QrisIssue =
  | 'qris_format' // not a sequence of tag-length-value objects
  | 'qris_crc' // tag 63 missing, not last, or wrong
  | 'qris_payload_format' // tag 00 is not first or not "01"
  | 'qris_initiation' // tag 01 is not "11" or "12"
  | 'qris_merchant_account' // no merchant account information (26–51) with a QRIS GUI
  | 'qris_currency' // tag 53 is not "360" (rupiah)
  | 'qris_country' // tag 58 is not "ID"
  | 'qris_merchant_name' // tag 59 missing
  | 'qris_merchant_city' // tag 60 missing
  | 'qris_amount'; // tag 54 present in a static payload, or not a whole rupiah amount

export type Qris = {
  objects: Tlv[];
  isDynamic: boolean;
  merchantName: string;
  merchantCity: string;
  /** Globally unique identifiers of the merchant account templates (26–51), e.g. "ID.CO.QRIS.WWW". */
  merchantAccountGuis: string[];
  /** Whole rupiah of tag 54, when present. */
  amount: number | null;
};

export type QrisResult = { ok: true; value: Qris } | { ok: false; issue: QrisIssue };

/** CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR. */
export function crc16CcittFalse(input: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(input)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

export function crcHex(input: string): string {
  return crc16CcittFalse(input).toString(16).toUpperCase().padStart(4, '0');
}

/** Split a string into data objects; null when the lengths do not add up. */
export function parseTlv(payload: string): Tlv[] | null {
  const out: Tlv[] = [];
  let i = 0;
  while (i < payload.length) {
    const head = payload.slice(i, i + 4);
    if (!/^\d{4}$/.test(head)) return null;
    const tag = head.slice(0, 2);
    const length = Number(head.slice(2, 4));
    if (length === 0) return null;
    const value = payload.slice(i + 4, i + 4 + length);
    if (value.length !== length) return null;
    out.push({ tag, value });
    i += 4 + length;
  }
  return out;
}

/** Join data objects back into a string (lengths recomputed). */
export function encodeTlv(objects: readonly Tlv[]): string {
  return objects
    .map((o) => {
      if (!/^\d{2}$/.test(o.tag) || o.value.length < 1 || o.value.length > 99) throw new Error(`bad data object ${o.tag}`);
      return `${o.tag}${String(o.value.length).padStart(2, '0')}${o.value}`;
    })
    .join('');
}

/** Append tag 63 with the CRC of everything before its value. */
export function withCrc(objects: readonly Tlv[]): string {
  const body = `${encodeTlv(objects.filter((o) => o.tag !== '63'))}6304`;
  return `${body}${crcHex(body)}`;
}

const QRIS_GUI = /^(ID|COM)\.[A-Z0-9.-]+$/i;

/** Parse and validate an EMVCo MPM payload as QRIS. */
export function parseQris(payload: string): QrisResult {
  const text = payload.trim();
  const objects = parseTlv(text);
  if (!objects || objects.length < 2) return { ok: false, issue: 'qris_format' };
  const last = objects[objects.length - 1]!;
  if (last.tag !== '63' || last.value.length !== 4 || objects.filter((o) => o.tag === '63').length !== 1) return { ok: false, issue: 'qris_crc' };
  if (crcHex(text.slice(0, -4)) !== last.value.toUpperCase()) return { ok: false, issue: 'qris_crc' };
  const tags = new Set<string>();
  for (const o of objects) {
    if (tags.has(o.tag)) return { ok: false, issue: 'qris_format' };
    tags.add(o.tag);
  }
  const get = (tag: string) => objects.find((o) => o.tag === tag)?.value;
  if (objects[0]!.tag !== '00' || objects[0]!.value !== '01') return { ok: false, issue: 'qris_payload_format' };
  const init = get('01');
  if (init !== '11' && init !== '12') return { ok: false, issue: 'qris_initiation' };
  const guis: string[] = [];
  for (const o of objects) {
    const n = Number(o.tag);
    if (n >= 26 && n <= 51) {
      const sub = parseTlv(o.value);
      if (!sub) return { ok: false, issue: 'qris_merchant_account' };
      const gui = sub.find((s) => s.tag === '00')?.value;
      if (gui && QRIS_GUI.test(gui)) guis.push(gui);
    }
  }
  if (guis.length === 0) return { ok: false, issue: 'qris_merchant_account' };
  if (get('53') !== '360') return { ok: false, issue: 'qris_currency' };
  if (get('58') !== 'ID') return { ok: false, issue: 'qris_country' };
  const merchantName = get('59');
  if (!merchantName?.trim()) return { ok: false, issue: 'qris_merchant_name' };
  const merchantCity = get('60');
  if (!merchantCity?.trim()) return { ok: false, issue: 'qris_merchant_city' };
  const rawAmount = get('54');
  let amount: number | null = null;
  if (rawAmount !== undefined) {
    // Rupiah has no minor unit in practice; accept "15000" and "15000.00", nothing fractional.
    const m = /^(\d{1,13})(?:\.0{1,2})?$/.exec(rawAmount);
    if (!m || Number(m[1]) <= 0) return { ok: false, issue: 'qris_amount' };
    amount = Number(m[1]);
  }
  return { ok: true, value: { objects, isDynamic: init === '12', merchantName, merchantCity, merchantAccountGuis: guis, amount } };
}

/** A static QRIS fit to be stored as the cooperative's: valid, static, no amount. */
export function staticQrisIssue(payload: string): QrisIssue | null {
  const r = parseQris(payload);
  if (!r.ok) return r.issue;
  if (r.value.isDynamic) return 'qris_initiation';
  if (r.value.amount !== null) return 'qris_amount';
  return null;
}

/** The largest amount tag 54 can carry as whole rupiah (13 characters). */
export const QRIS_MAX_AMOUNT = 9_999_999_999_999;

/**
 * The dynamic QRIS for exactly `amount` rupiah: tag 01 becomes "12", tag 54 carries the
 * integer amount, and the CRC is recomputed. Tip/convenience-fee objects (55–57) are dropped:
 * surcharging the buyer is prohibited (PBI 23/2021 art. 52(1)) and the amount is exact.
 */
export function dynamicQris(staticPayload: string, amount: number): string {
  if (typeof amount !== 'number' || !Number.isInteger(amount)) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'amount', code: 'not_integer' }] });
  }
  if (amount <= 0) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'amount', code: 'too_small_number', params: { limit: 1 } }] });
  if (amount > QRIS_MAX_AMOUNT) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'amount', code: 'too_big_number', params: { limit: QRIS_MAX_AMOUNT } }] });
  const parsed = parseQris(staticPayload);
  if (!parsed.ok) throw new AppError('QRIS_INVALID', { fields: [{ field: 'staticPayload', code: parsed.issue }] });
  const kept = parsed.value.objects.filter((o) => !['01', '54', '55', '56', '57', '63'].includes(o.tag));
  const objects = [...kept, { tag: '01', value: '12' }, { tag: '54', value: String(amount) }];
  // Keep the conventional ascending order: 00 first, 63 (appended by withCrc) last.
  objects.sort((a, b) => Number(a.tag) - Number(b.tag));
  return withCrc(objects);
}
