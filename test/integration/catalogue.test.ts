import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, silentLog, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import type { Database } from '../../src/db/connection.js';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/db/schema.js';
import { withTenant } from '../../src/db/tenant.js';
import { systemClock } from '../../src/kernel/clock.js';
import type { Ctx, TenantCtx } from '../../src/kernel/context.js';
import { addMember } from '../../src/members/add-member.js';
import { applyForMembership } from '../../src/members/apply-for-membership.js';
import { approveMember } from '../../src/members/approve-member.js';
import { resignMember } from '../../src/members/resign-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { archiveWork } from '../../src/catalogue/archive-work.js';
import { updateWork } from '../../src/catalogue/update-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { browseStorefront } from '../../src/catalogue/browse-storefront.js';
import { priceForViewer } from '../../src/catalogue/price-for-viewer.js';
import type { WorkRequest } from '../../src/catalogue/model.js';

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let ketua: TenantCtx;
const m = {} as { sri: string; joko: string; resigned: string; applicant: string };

const suara = (title: string, extra: Partial<WorkRequest> = {}): WorkRequest =>
  ({
    productLine: 'suara',
    title,
    description: 'Rekaman musik rakyat dari lereng Merapi.',
    publicPrice: 100_000,
    memberPrice: 80_000,
    attributes: { format: 'album', tracks: [{ title: 'Lagu Sawah', durationSec: 215, audioRef: 'asset:lagu-sawah.flac', previewRef: 'asset:lagu-sawah-30s.mp3' }] },
    ...extra
  }) as WorkRequest;

const asCtx = (coop: SeededCoop, role: 'ketua' | 'anggota' | 'pengawas' | 'staf' | 'sekretaris' | 'bendahara'): Ctx => {
  const c = coop.ctx(role);
  return { db: c.db, clock: c.clock, log: c.log, locale: c.locale, actor: c.actor };
};

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db, { slug: 'kop-sari-uji' });
  b = await seedCoop(t.db, { slug: 'kop-lain-uji' });
  ketua = a.ctx('ketua');
  // A's anggota account is an active member of A; its pengawas account resigned; its staf only applied.
  const joined = await applyForMembership({ ...asCtx(a, 'anggota'), coopId: a.id }, { fullName: 'Sri Wahyuni', gender: 'F' });
  await approveMember(ketua, joined.id, {});
  m.sri = joined.id;
  const leaver = await applyForMembership({ ...asCtx(a, 'pengawas'), coopId: a.id }, { fullName: 'Bambang Leksono', gender: 'M' });
  await approveMember(ketua, leaver.id, {});
  await resignMember(ketua, leaver.id, { reason: 'pindah kota' });
  m.resigned = leaver.id;
  m.applicant = (await applyForMembership({ ...asCtx(a, 'staf'), coopId: a.id }, { fullName: 'Calon Anggota', gender: 'F' })).id;
  m.joko = (await addMember(ketua, { fullName: 'Joko Prasetyo', gender: 'M', asStatus: 'active' })).id;
  // B's anggota is an active member of B only.
  const other = await applyForMembership({ ...asCtx(b, 'anggota'), coopId: b.id }, { fullName: 'Anggota Lain', gender: 'M' });
  await approveMember(b.ctx('ketua'), other.id, {});
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const countWorks = async () => Number((await t.db.selectFrom('works').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

describe('creators and their shares', () => {
  it('rejects shares that do not sum to 10,000 with a 400 and writes nothing', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    const before = await countWorks();
    const audits = Number((await t.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const res = await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, {
      ...suara('Album Setengah'),
      creators: [
        { memberId: m.sri, shareBp: 6000 },
        { memberId: m.joko, shareBp: 3000 }
      ]
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'creators', code: 'bp_sum_invalid' })]));
    expect(await countWorks()).toBe(before);
    expect(Number((await t.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)).toBe(audits);
  });

  it('accepts creators whose shares sum to exactly 10,000 and credits them by name', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    const res = await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, {
      ...suara('Album Bertiga'),
      creators: [
        { memberId: m.sri, shareBp: 6667 },
        { memberId: m.joko, shareBp: 3333, creditName: 'Joko "Kendang"' }
      ]
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().creators).toEqual([
      { memberId: m.sri, creditName: 'Sri Wahyuni', shareBp: 6667 },
      { memberId: m.joko, creditName: 'Joko "Kendang"', shareBp: 3333 }
    ]);
    expect(res.json().status).toBe('draft');
  });

  it('refuses at SQL level a set of creators that does not sum to 10,000 (deferred trigger)', async () => {
    const w = await createWork(ketua, suara('Langsung ke SQL'));
    await expect(
      withTenant(t.db, a.id, async (trx) => {
        await trx.insertInto('work_creators').values({ coop_id: a.id, work_id: w.id, member_id: m.sri, credit_name: 'Sri', share_bp: 5000 }).execute();
        await trx.insertInto('work_creators').values({ coop_id: a.id, work_id: w.id, member_id: m.joko, credit_name: 'Joko', share_bp: 4000 }).execute();
      })
    ).rejects.toMatchObject({ constraint: 'work_creators_shares_sum' });
    // Row by row inside one transaction is fine as long as the total is right at commit.
    await withTenant(t.db, a.id, async (trx) => {
      await trx.insertInto('work_creators').values({ coop_id: a.id, work_id: w.id, member_id: m.sri, credit_name: 'Sri', share_bp: 5000 }).execute();
      await trx.insertInto('work_creators').values({ coop_id: a.id, work_id: w.id, member_id: m.joko, credit_name: 'Joko', share_bp: 5000 }).execute();
    });
    await expect(withTenant(t.db, a.id, (trx) => trx.updateTable('work_creators').set({ share_bp: 4999 }).where('work_id', '=', w.id).where('member_id', '=', m.joko).execute())).rejects.toMatchObject({
      constraint: 'work_creators_shares_sum'
    });
  });

  it('refuses at SQL level to publish a work without creators', async () => {
    const w = await createWork(ketua, suara('Tanpa Pencipta'));
    await expect(withTenant(t.db, a.id, (trx) => trx.updateTable('works').set({ status: 'published', published_at: new Date() }).where('id', '=', w.id).execute())).rejects.toMatchObject({
      constraint: 'works_published_creators'
    });
    await expect(publishWork(ketua, w.id)).rejects.toMatchObject({ code: 'CATALOGUE_NO_CREATORS' });
  });

  it('accepts only active members of this cooperative as creators', async () => {
    const w = await createWork(ketua, suara('Pencipta Diperiksa'));
    for (const memberId of [m.resigned, m.applicant]) {
      await expect(setWorkCreators(ketua, w.id, { creators: [{ memberId, shareBp: 10000 }] })).rejects.toMatchObject({ code: 'CATALOGUE_CREATOR_NOT_ACTIVE', fields: [expect.objectContaining({ field: 'creators.0.memberId', code: 'creator_not_active' })] });
    }
    const foreign = (await t.db.selectFrom('members').select('id').where('coop_id', '=', b.id).executeTakeFirstOrThrow()).id;
    await expect(setWorkCreators(ketua, w.id, { creators: [{ memberId: foreign, shareBp: 10000 }] })).rejects.toMatchObject({ code: 'CATALOGUE_CREATOR_NOT_ACTIVE', fields: [expect.objectContaining({ code: 'creator_not_member' })] });
    expect(await setWorkCreators(ketua, w.id, { creators: [{ memberId: m.joko, shareBp: 10000 }] })).toEqual([{ memberId: m.joko, creditName: 'Joko Prasetyo', shareBp: 10000 }]);
  });
});

describe('attributes per product line', () => {
  it('validates each line with its own fields and says which field is wrong', async () => {
    const s = await signInAs(app, a.accounts.staf);
    const rupa = await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, { productLine: 'rupa', title: 'Sawah Senja', publicPrice: 2_500_000, attributes: { kind: 'original', widthMm: 600 } });
    expect(rupa.statusCode).toBe(400);
    expect(rupa.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['attributes.heightMm', 'attributes.medium']);

    const busana = await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, { productLine: 'busana', title: 'Kaos Lumbung', publicPrice: 120_000, attributes: {} });
    expect(busana.statusCode).toBe(400);
    expect(busana.json().fields.map((f: { field: string }) => f.field)).toContain('variants');

    const agenda = await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, { productLine: 'agenda', title: 'Lokakarya Cukil', publicPrice: 50_000, attributes: { kind: 'workshop' }, event: { startsAt: '2026-03-01T09:00:00+07:00', venue: 'Balai RW 05', capacity: 0 } });
    expect(agenda.statusCode).toBe(400);
    expect(agenda.json().fields.map((f: { field: string }) => f.field)).toEqual(['event.capacity']);

    const isbn = await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, { productLine: 'aksara', title: 'Zine Kampung', publicPrice: 25_000, attributes: { format: 'zine', pages: 32, isbn: '978-602-1234-56-0' } });
    expect(isbn.statusCode).toBe(400);
    expect(isbn.json().fields).toEqual([expect.objectContaining({ field: 'attributes.isbn', code: 'isbn_invalid' })]);

    const fractional = await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, { ...suara('Harga Pecahan'), publicPrice: 1500.5 });
    expect(fractional.statusCode).toBe(400);
    const memberAbove = await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, { ...suara('Harga Terbalik'), publicPrice: 50_000, memberPrice: 60_000 });
    expect(memberAbove.json().fields).toEqual([expect.objectContaining({ field: 'memberPrice', code: 'member_price_above_public' })]);
  });

  it('keeps Busana variants with stock and refuses a SKU another work uses', async () => {
    const kaos = await createWork(ketua, {
      productLine: 'busana',
      title: 'Kaos Panen Raya',
      publicPrice: 150_000,
      attributes: { material: 'katun organik' },
      variants: [
        { size: 'M', colour: 'Hitam', sku: 'KPR-M-HTM', stock: 10 },
        { size: 'L', colour: 'Hitam', sku: 'KPR-L-HTM', stock: 0 }
      ]
    });
    expect(kaos.variants.map((v) => [v.sku, v.stock])).toEqual([
      ['KPR-M-HTM', 10],
      ['KPR-L-HTM', 0]
    ]);
    const keptId = kaos.variants[0]!.id;
    const edited = await updateWork(ketua, kaos.id, {
      productLine: 'busana',
      title: 'Kaos Panen Raya',
      publicPrice: 150_000,
      attributes: {},
      variants: [
        { size: 'L', colour: 'Hitam', sku: 'KPR-M-HTM', stock: 7 },
        { size: 'XL', colour: 'Putih', sku: 'KPR-XL-PTH', stock: 3 }
      ]
    });
    expect(edited.variants.find((v) => v.sku === 'KPR-M-HTM')).toMatchObject({ id: keptId, size: 'L', stock: 7 });
    expect(edited.variants).toHaveLength(2);
    await expect(
      createWork(ketua, { productLine: 'busana', title: 'Kaos Tiruan', publicPrice: 90_000, attributes: {}, variants: [{ size: 'S', colour: 'Merah', sku: 'KPR-XL-PTH', stock: 1 }] })
    ).rejects.toMatchObject({ code: 'CATALOGUE_SKU_TAKEN' });
    await expect(withTenant(t.db, a.id, (trx) => trx.updateTable('work_variants').set({ stock: -1 }).where('id', '=', keptId).execute())).rejects.toMatchObject({ code: '23514' });
  });

  it('does not let the product line change', async () => {
    const w = await createWork(ketua, suara('Tetap Suara'));
    await expect(updateWork(ketua, w.id, { productLine: 'aksara', title: 'Tetap Suara', publicPrice: 10_000, attributes: { format: 'book', pages: 10 } })).rejects.toMatchObject({ code: 'CATALOGUE_LINE_MISMATCH' });
  });
});

describe('permissions', () => {
  it('lets the board and staf write the catalogue, pengawas read it, members neither', async () => {
    for (const role of ['ketua', 'sekretaris', 'bendahara', 'staf'] as const) {
      const s = await signInAs(app, a.accounts[role]);
      expect((await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, suara(`Karya ${role}`))).statusCode).toBe(201);
    }
    for (const role of ['pengawas', 'anggota'] as const) {
      const s = await signInAs(app, a.accounts[role]);
      expect((await call(app, s, 'POST', `/api/v1/coops/${a.id}/works`, suara(`Karya ${role}`))).statusCode).toBe(403);
    }
    expect((await call(app, await signInAs(app, a.accounts.pengawas), 'GET', `/api/v1/coops/${a.id}/works`)).statusCode).toBe(200);
    expect((await call(app, await signInAs(app, a.accounts.anggota), 'GET', `/api/v1/coops/${a.id}/works`)).statusCode).toBe(403);
    // Another cooperative's board cannot see A's works at all.
    expect((await call(app, await signInAs(app, b.accounts.ketua), 'GET', `/api/v1/coops/${a.id}/works`)).statusCode).toBe(404);
  });
});

describe('the public storefront', () => {
  let storeSlug: string;
  let workId: string;
  beforeAll(async () => {
    const w = await createWork(ketua, {
      ...suara('Tembang Lautan Biru', { description: 'Kumpulan lagu para nelayan tentang ombak dan perahu.' }),
      creators: [
        { memberId: m.sri, shareBp: 5000 },
        { memberId: m.joko, shareBp: 5000 }
      ]
    });
    await publishWork(ketua, w.id);
    storeSlug = w.slug;
    workId = w.id;
    const lukisan = await createWork(ketua, {
      productLine: 'rupa',
      title: 'Petani Pulang',
      description: 'Lukisan tentang sore di sawah.',
      publicPrice: 3_000_000,
      attributes: { kind: 'original', medium: 'cat minyak di atas kanvas', widthMm: 800, heightMm: 600 },
      creators: [{ memberId: m.sri, shareBp: 10000 }]
    });
    await publishWork(ketua, lukisan.id);
    const archived = await createWork(ketua, { ...suara('Lautan Lama'), creators: [{ memberId: m.joko, shareBp: 10000 }] });
    await publishWork(ketua, archived.id);
    await archiveWork(ketua, archived.id);
    await createWork(ketua, { ...suara('Lautan Draf'), creators: [{ memberId: m.joko, shareBp: 10000 }] });
  });

  const store = (s: Parameters<typeof call>[1], path = '') => call(app, s, 'GET', `/api/v1/public/coops/${a.slug}/store${path}`);

  it('shows only published works of a public cooperative', async () => {
    const res = await store(null, '?q=lautan');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { title: string }) => i.title)).toEqual(['Tembang Lautan Biru']);
    expect((await store(null, '/lautan-draf')).statusCode).toBe(404);
    expect((await store(null, '/lautan-lama')).statusCode).toBe(404);
    await t.db.updateTable('coops').set({ is_public: false }).where('id', '=', a.id).execute();
    try {
      expect((await store(null)).statusCode).toBe(404);
      expect((await store(null, `/${storeSlug}`)).statusCode).toBe(404);
    } finally {
      await t.db.updateTable('coops').set({ is_public: true }).where('id', '=', a.id).execute();
    }
  });

  it('finds works by words of the title, the description and the attributes, with Indonesian stems and stop words', async () => {
    const titles = async (q: string, line = '') => (await store(null, `?q=${encodeURIComponent(q)}${line ? `&line=${line}` : ''}`)).json().items.map((i: { title: string }) => i.title);
    expect(await titles('tembang')).toEqual(['Tembang Lautan Biru']);
    expect(await titles('nelayan')).toEqual(['Tembang Lautan Biru']);
    // The Indonesian stemmer: "laut" finds "Lautan", "tani" finds "Petani".
    expect(await titles('laut')).toEqual(['Tembang Lautan Biru']);
    expect(await titles('kanvas')).toEqual(['Petani Pulang']);
    expect(await titles('tani')).toEqual(['Petani Pulang']);
    // "tentang" and "yang" are stop words: they do not have to appear.
    expect(await titles('lagu yang tentang ombak')).toEqual(['Tembang Lautan Biru']);
    // A track title is searchable too ("Lagu Sawah"); the line filter narrows.
    expect(await titles('sawah')).toEqual(expect.arrayContaining(['Tembang Lautan Biru', 'Petani Pulang']));
    expect(await titles('sawah', 'rupa')).toEqual(['Petani Pulang']);
    expect(await titles('sore', 'suara')).toEqual([]);
    expect(await titles('kapal selam')).toEqual([]);
    // The last word also matches as a prefix, as one types: "temb" finds "Tembang", "petan" "Petani".
    expect(await titles('temb')).toEqual(['Tembang Lautan Biru']);
    expect(await titles('lagu nelay')).toEqual(['Tembang Lautan Biru']);
    expect(await titles('petan')).toEqual(['Petani Pulang']);
    expect(await titles('zzq')).toEqual([]);
    // Tsquery syntax typed by a user is only text.
    expect((await store(null, `?q=${encodeURIComponent("tem:* & !'|")}`)).statusCode).toBe(200);
  });

  it('shows the full audio file to no one and the names of the creators to everyone', async () => {
    const res = await store(null, `/${storeSlug}`);
    expect(res.json().creators).toEqual(['Sri Wahyuni', 'Joko Prasetyo']);
    expect(JSON.stringify(res.json())).not.toContain('lagu-sawah.flac');
    expect(res.json().attributes.tracks[0].previewRef).toBe('asset:lagu-sawah-30s.mp3');
  });

  it('gives the member price only to a signed-in active member of that cooperative', async () => {
    const priceAs = async (who: SeededCoop['accounts'][keyof SeededCoop['accounts']] | null) => {
      const s = who ? await signInAs(app, who) : null;
      const list = (await store(s, '?q=tembang')).json().items[0].price;
      const page = (await store(s, `/${storeSlug}`)).json().price;
      expect(page).toEqual(list);
      return page;
    };
    expect(await priceAs(null)).toEqual({ amount: 100_000, kind: 'public' });
    expect(await priceAs(a.accounts.anggota)).toEqual({ amount: 80_000, kind: 'member' });
    expect(await priceAs(b.accounts.anggota)).toEqual({ amount: 100_000, kind: 'public' }); // member of another coop
    expect(await priceAs(a.accounts.pengawas)).toEqual({ amount: 100_000, kind: 'public' }); // resigned
    expect(await priceAs(a.accounts.staf)).toEqual({ amount: 100_000, kind: 'public' }); // applicant
    expect(await priceAs(a.accounts.ketua)).toEqual({ amount: 100_000, kind: 'public' }); // board role, no membership
    // A query string cannot ask for the member price.
    const forged = await call(app, null, 'GET', `/api/v1/public/coops/${a.slug}/store/${storeSlug}?member=true&priceKind=member`);
    expect(forged.json().price).toEqual({ amount: 100_000, kind: 'public' });
    expect(await priceForViewer(asCtx(a, 'anggota'), a.id, workId)).toMatchObject({ amount: 80_000, kind: 'member', isMember: true });
    expect(await priceForViewer(asCtx(b, 'anggota'), a.id, workId)).toMatchObject({ amount: 100_000, kind: 'public', isMember: false });
  });

  it('runs the same number of SQL statements for a page whatever the number of products', async () => {
    const counted = (): { db: Database; count: () => number; close: () => Promise<void> } => {
      // Counted at the driver: every statement sent, BEGIN/SET/COMMIT included.
      let n = 0;
      const pool = new pg.Pool({ connectionString: t.url, max: 4 });
      pool.on('connect', (client) => {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
          n++;
          return query(...args);
        };
      });
      const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
      return { db, count: () => n, close: () => db.destroy() };
    };
    const measure = async () => {
      const c = counted();
      const ctx: Ctx = { db: c.db, clock: systemClock, log: silentLog, locale: 'id', actor: null };
      const page = await browseStorefront(ctx, a.slug, {});
      await c.close();
      return { n: c.count(), items: page.items.length };
    };
    const small = await measure();
    for (let i = 0; i < 40; i++) {
      const w = await createWork(ketua, { ...suara(`Lagu Tambahan ${i}`), creators: [{ memberId: m.joko, shareBp: 10000 }] });
      await publishWork(ketua, w.id);
    }
    const large = await measure();
    expect(large.items).toBeGreaterThan(small.items);
    expect(large.n).toBe(small.n);
    expect(large.n).toBeLessThanOrEqual(8);
  });
});

