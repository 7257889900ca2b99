import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Logger } from 'pino';
import { backupDatabase, restoreDatabase } from '../db/backup.js';
import { isAppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';

function explain(err: unknown): string | null {
  if (!isAppError(err)) return null;
  const reason = typeof err.params.reason === 'string' ? ` (${err.params.reason})` : typeof err.params.table === 'string' ? ` (${err.params.table})` : '';
  return `${t('id', `errors.${err.code}`)} / ${t('en', `errors.${err.code}`)}${reason}`;
}

/** `lumbung backup --out FILE`: a full logical backup (no pg_dump needed). */
export async function backupCommand(url: string, args: string[], log: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string', short: 'o' } } });
  const out = values.out ?? `lumbung-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`;
  try {
    const summary = await backupDatabase(url, path.resolve(out));
    log.info({ file: summary.file, tables: summary.tables, rows: summary.rows }, 'backup written');
    console.log(`Cadangan ditulis / backup written: ${summary.file} (${summary.tables} tables, ${summary.rows} rows, ${summary.bytes} bytes)`);
    return 0;
  } catch (err) {
    const message = explain(err);
    if (!message) throw err;
    console.error(message);
    return 1;
  }
}

/** `lumbung restore --in FILE`: restore into an empty database and verify every table. */
export async function restoreCommand(url: string, args: string[], log: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { in: { type: 'string', short: 'i' } } });
  if (!values.in) {
    console.error('lumbung restore --in FILE');
    return 2;
  }
  try {
    const summary = await restoreDatabase(url, path.resolve(values.in));
    log.info({ tables: summary.tables, rows: summary.rows }, 'backup restored');
    console.log(`Dipulihkan dan diperiksa / restored and verified: ${summary.tables} tables, ${summary.rows} rows (backup of ${summary.header.createdAt})`);
    return 0;
  } catch (err) {
    const message = explain(err);
    if (!message) throw err;
    console.error(message);
    return 1;
  }
}
