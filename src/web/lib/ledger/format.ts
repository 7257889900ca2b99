const IDR = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', minimumFractionDigits: 0, maximumFractionDigits: 0 });

/** Whole rupiah for display ("Rp 1.500.000"); empty for no value. */
export function rupiah(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : IDR.format(v);
}
