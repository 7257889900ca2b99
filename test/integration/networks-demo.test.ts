import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { silentLog } from '../support/fixtures.js';
import type { Ctx, TenantCtx } from '../../src/kernel/context.js';
import { getCityPage, cityCalendar } from '../../src/networks/city.js';
import { listDecisions } from '../../src/networks/decisions.js';
import { reconcileTrades } from '../../src/networks/trade.js';
import { getRollups } from '../../src/networks/rollups.js';
import { DEMO_NETWORK_SLUG } from '../../src/cli/demo-networks.js';
import { getScorecard } from '../../src/care/scorecard.js';

let t: TestDb;
const ctx = (): Ctx => ({ db: t.db, clock: { now: () => new Date() }, log: silentLog, locale: 'id', actor: null });

beforeAll(async () => {
  t = await createTestDb({ demo: true });
}, 240_000);
afterAll(async () => {
  await t?.drop();
});

describe('the demo network (issue 19 item 9)', () => {
  it('is a kota koperasi of three coops in shared mode with decisions taken, a paid and reconciled trade and a live city page', async () => {
    const city = await getCityPage(ctx(), DEMO_NETWORK_SLUG);
    expect(city.network).toMatchObject({ kind: 'kota_koperasi', mode: 'shared' });
    expect(city.coops.map((c) => c.slug).sort()).toEqual(['batik-purbayan', 'lumbung-sari', 'musik-kraton']);
    // The music coop has no village: grouped by its district, not left out.
    expect(city.coops.find((c) => c.slug === 'musik-kraton')).toMatchObject({ district: 'Kraton', groupName: 'Kraton' });
    expect(city.works.length).toBeGreaterThan(3);
    expect(new Set(city.works.map((w) => w.coopSlug)).size).toBe(3);
    expect(city.events.length).toBeGreaterThan(0);
    expect(city.figures.find((f) => f.key === 'members')).toMatchObject({ coops: 3 });
    const search = await getCityPage(ctx(), DEMO_NETWORK_SLUG, { q: 'batik' });
    expect(search.works.map((w) => w.coopSlug)).toContain('batik-purbayan');
    const ics = await cityCalendar(ctx(), DEMO_NETWORK_SLUG, 'http://localhost:3000');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('BEGIN:VEVENT');

    const network = await t.db.selectFrom('networks').select('id').where('slug', '=', DEMO_NETWORK_SLUG).executeTakeFirstOrThrow();
    const decisions = await listDecisions(ctx(), network.id);
    expect(decisions.map((d) => d.outcome).sort()).toEqual(['consensus', 'consensus', 'passed']);

    const coops = await t.db.selectFrom('coops').select(['id', 'slug']).where('slug', 'in', ['lumbung-sari', 'batik-purbayan']).execute();
    const ls = coops.find((c) => c.slug === 'lumbung-sari')!;
    const admin = await t.db.selectFrom('accounts').select(['id', 'name']).where('email', '=', 'admin@lumbung.test').executeTakeFirstOrThrow();
    const asAdmin: TenantCtx = { ...ctx(), actor: { accountId: admin.id, name: admin.name, isPlatformAdmin: true, via: 'session' }, coopId: ls.id, roles: [] };
    const rec = await reconcileTrades(asAdmin);
    expect(rec).toHaveLength(1);
    expect(rec[0]).toMatchObject({ agree: true, differences: [] });
    const sides = await t.db.selectFrom('network_trade_sides').select(['coop_id', 'status']).execute();
    expect(sides.map((s) => s.status)).toEqual(['paid', 'paid']);
    for (const c of coops) {
      const { rows } = await sql<{ d: number; c: number }>`SELECT sum(debit)::bigint AS d, sum(credit)::bigint AS c FROM journal_lines WHERE coop_id = ${c.id}`.execute(t.db);
      expect(Number(rows[0]!.d)).toBe(Number(rows[0]!.c));
    }
    // The seven-principles scorecard measures principle 6 from these trade sides (both coops, this year).
    const year = Number(new Date().toISOString().slice(0, 4));
    for (const c of coops) {
      const p6 = (await getScorecard(ctx(), c.slug, year)).principles[5]!;
      const side = await t.db.selectFrom('network_trade_sides').select(['side', 'total']).where('coop_id', '=', c.id).executeTakeFirstOrThrow();
      const v = Object.fromEntries(p6.measures.map((m) => [m.key, m.current.value]));
      expect(v).toEqual({
        networks: 1,
        tradePartners: 1,
        interCoopSales: side.side === 'seller' ? Number(side.total) : 0,
        interCoopPurchases: side.side === 'buyer' ? Number(side.total) : 0
      });
    }
    const rollups = await getRollups(ctx(), {});
    expect(rollups.total?.coops).toBe(3);
    expect(rollups.children.map((r) => r.code)).toEqual(['34']);
  });
});
