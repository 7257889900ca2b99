import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop } from '../support/fixtures.js';
import { enqueueMail } from '../../src/governance/store.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

describe('inserts for a large cooperative', () => {
  it('queues the results mail for 10,000 members, past PostgreSQL\'s 65,535-parameter limit of one statement', async () => {
    const coop = await seedCoop(t.db);
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      coop_id: coop.id,
      kind: 'result',
      dedupe_key: `result:bench:${i}`,
      to_address: `anggota${i}@contoh.id`,
      to_name: `Anggota ${i}`,
      subject: 'Hasil pemungutan suara',
      text_body: 'Usulan diterima.',
      ics: null
    }));
    await enqueueMail(t.db, rows);
    const n = await t.db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coop.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(10_000);
  });
});
