import { formatIdr } from '../../../kernel/money.js';

/** Whole rupiah for display ("Rp 1.500.000"); empty for no value. */
export function rupiah(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : formatIdr(v);
}
