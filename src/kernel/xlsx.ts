import type ExcelJS from 'exceljs';

/**
 * exceljs (about 25 MB resident once loaded) is imported on the first spreadsheet read or written,
 * not at start-up: most processes never touch one between restarts (issue #13, decision 0140).
 */
let loaded: Promise<typeof ExcelJS> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  return (loaded ??= import('exceljs').then((m) => (m as unknown as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS)));
}
