import { parseArgs } from 'node:util';
import { createDb } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { verifyLedger } from './verify-ledger.js';

/** `lumbung verify [--coop SLUG]`: prints OK or the first entry that does not match; exit code 1 on mismatch. */
export async function verifyCommand(url: string, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { coop: { type: 'string' } } });
  await migrate(url);
  const { db } = createDb(url, { max: 4 });
  try {
    let coopId: string | undefined;
    if (values.coop) {
      const coop = await db.selectFrom('coops').select('id').where('slug', '=', values.coop).executeTakeFirst();
      if (!coop) {
        console.error(`lumbung verify: no cooperative with slug ${values.coop}`);
        return 2;
      }
      coopId = coop.id;
    }
    const r = await verifyLedger(db, { coopId });
    if (r.ok) {
      console.log(`OK: ${r.entries} journal entries in ${r.coops} cooperatives; hash chains and balances match.`);
      return 0;
    }
    console.log(`MISMATCH: cooperative ${r.coopSlug}, entry ${r.entryId ?? '—'} (seq ${r.seq ?? '—'}): ${r.reason}`);
    return 1;
  } finally {
    await db.destroy();
  }
}
