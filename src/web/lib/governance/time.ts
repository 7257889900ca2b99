import { zoneOfProvince, type Zone } from '../../../governance/model.js';

export type { Zone };

const OFFSET: Record<Zone['tz'], string> = { 'Asia/Jakarta': '+07:00', 'Asia/Makassar': '+08:00', 'Asia/Jayapura': '+09:00' };

/** A `datetime-local` value typed in the cooperative's zone → an ISO instant; null when it is not a time. */
export function localInputToIso(value: unknown, zone: Zone): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const d = new Date(`${value}:00${OFFSET[zone.tz]}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An instant as a `datetime-local` value in the cooperative's zone. */
export function isoToLocalInput(iso: string | Date, zone: Zone): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone.tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export function coopZone(provinceCode: string | null | undefined): Zone {
  return zoneOfProvince(provinceCode);
}
