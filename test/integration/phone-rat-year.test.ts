import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptInitialCharter } from '../../src/charters/adopt-initial-charter.js';
import { getCompliance } from '../../src/charters/get-compliance.js';
import { withTenant } from '../../src/db/tenant.js';
import type { TenantCtx } from '../../src/kernel/context.js';
import { getRatReport } from '../../src/reports/get-rat-report.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';

/**
 * Issue 14 item 5: the RAT report's compliance section is measured for the fiscal year being
 * reported (its last day), not for today; its header carries the coop's full address; and no
 * text claims a module is missing when it exists.
 */
let t: TestDb;
let coop: SeededCoop;
const clock = { now: () => new Date('2026-03-10T03:00:00Z') };
const ctx = (role: Parameters<SeededCoop['ctx']>[0]): TenantCtx => coop.ctx(role, clock);

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db, { name: 'Koperasi Jamaah Tenun' });
  await withTenant(t.db, coop.id, async (trx) => {
    await adoptInitialCharter(trx, ctx('ketua'), 'jamaah_produksi');
    let no = 0;
    // Through 2025: three women and two men. In January 2026 four men join.
    const people: { name: string; gender: 'F' | 'M'; joined: string }[] = [
      { name: 'Sumini', gender: 'F', joined: '2024-02-01' },
      { name: 'Painem', gender: 'F', joined: '2024-02-01' },
      { name: 'Tukinah', gender: 'F', joined: '2024-05-01' },
      { name: 'Slamet', gender: 'M', joined: '2024-02-01' },
      { name: 'Paijo', gender: 'M', joined: '2025-06-01' },
      ...['Budi', 'Joko', 'Agus', 'Wawan'].map((name) => ({ name, gender: 'M' as const, joined: '2026-01-15' }))
    ];
    for (const p of people) {
      await trx.insertInto('members').values({ coop_id: coop.id, member_no: ++no, status: 'active', full_name: p.name, gender: p.gender, joined_on: p.joined, household_code: `KK-${no}` }).execute();
    }
    await trx.insertInto('coop_counters').values({ coop_id: coop.id, name: 'member_no', value: no }).execute();
    await trx.updateTable('coops').set({ street: 'Jl. Parangtritis km 7', rt: 3, rw: 5, village_code: '34.02.09.2001', district_code: '34.02.09', regency_code: '34.02', province_code: '34', postal_code: '55781' }).where('id', '=', coop.id).execute();
  });
});
afterAll(async () => {
  await t?.drop();
});

describe('the RAT report of a past fiscal year', () => {
  it('measures the charter on the members of the year’s last day, not on today’s', async () => {
    const r = await getRatReport(ctx('ketua'), 2025);
    expect(r.compliance.asOf).toBe('2025-12-31');
    const women = r.compliance.items.find((i) => i.title.startsWith('Perempuan') || i.evidenceText.startsWith('Perempuan'));
    expect(women?.evidenceText).toContain('Perempuan 3 dari 5 = 60 %');
    expect(women?.status).toBe('pass');
    // Today the four newcomers count: the dashboard measures 3 of 9, below half.
    const now = await getCompliance(ctx('ketua'));
    const today = now.items.find((i) => i.ruleKey === 'womenMinBp');
    expect(today?.status).toBe('fail');
    expect(now.members.active).toBe(9);
  });

  it('carries the coop’s full address in its header, with the region names', async () => {
    const r = await getRatReport(ctx('anggota'), 2025);
    expect(r.coop.address).toBe('Jl. Parangtritis km 7, RT 003/RW 005, Desa Patalan, Kecamatan Jetis, Kabupaten Bantul, Daerah Istimewa Yogyakarta, 55781');
  });

  it('never says a module is missing when it exists', async () => {
    const r = await getRatReport(ctx('ketua'), 2025);
    const texts = r.compliance.items.map((i) => i.evidenceText).join('\n');
    expect(texts).not.toMatch(/belum tersedia/);
    // Meetings are a module of Lumbung: what is missing is the data, and it says so.
    expect(texts).toContain('belum ada jadwal rapat dan daftar hadir yang tercatat di Rapat & Keputusan');
  });
});
