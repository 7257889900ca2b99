/**
 * PostgreSQL takes at most 65,535 parameters in one statement, so a multi-row insert of
 * thousands of rows (a 10,000-member electorate's mail, a large import) goes in batches.
 */
export const ROWS_PER_STATEMENT = 1000;

export async function inBatches<T>(rows: readonly T[], fn: (batch: T[]) => Promise<unknown>, size = ROWS_PER_STATEMENT): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}
