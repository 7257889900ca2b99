import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { adoptCharter } from '../../src/charters/adopt-charter.js';
import { adoptInitialCharter } from '../../src/charters/adopt-initial-charter.js';
import { getCompliance } from '../../src/charters/get-compliance.js';
import { templateRules } from '../../src/charters/templates.js';
import { getCharter } from '../../src/charters/get-charter.js';
import { withTenant } from '../../src/db/tenant.js';
import { isAppError } from '../../src/kernel/errors.js';

let t: TestDb;
let app: App;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

/** A cooperative with its first charter from a template, as the coops capability founds one. */
async function coopWithCharter(template: string, coopType = template === 'jamaah_produksi' ? 'jamaah_produksi' : 'produksi'): Promise<SeededCoop> {
  const coop = await seedCoop(t.db, { coopType });
  const ctx = coop.ctx('ketua');
  await withTenant(t.db, coop.id, (trx) => adoptInitialCharter(trx, ctx, template));
  return coop;
}

let memberSeq = 0;
/** Insert active members directly (fixtures may bypass use cases): `women` of them women, each their own household. */
async function addActiveMembers(coopId: string, opts: { count: number; women: number; birthDate?: string | null; rt?: number | null }) {
  const rows = Array.from({ length: opts.count }, (_, i) => {
    memberSeq += 1;
    return {
      coop_id: coopId,
      status: 'active' as const,
      member_no: memberSeq,
      full_name: `Anggota ${memberSeq}`,
      gender: (i < opts.women ? 'F' : 'M') as 'F' | 'M',
      birth_date: opts.birthDate === undefined ? '1980-01-01' : opts.birthDate,
      rt: opts.rt ?? null,
      joined_on: '2024-01-01'
    };
  });
  if (rows.length) await t.db.insertInto('members').values(rows).execute();
}

async function versions(coopId: string): Promise<number[]> {
  const rows = await t.db.selectFrom('charters').select('version').where('coop_id', '=', coopId).orderBy('version').execute();
  return rows.map((r) => r.version);
}

const sessions = new Map<string, Session>();
async function as(coop: SeededCoop, role: 'ketua' | 'sekretaris' | 'anggota' | 'pengawas'): Promise<Session> {
  const key = `${coop.id}:${role}`;
  if (!sessions.has(key)) sessions.set(key, await signInAs(app, coop.accounts[role]));
  return sessions.get(key)!;
}

describe('charter versions', () => {
  it('adds a version for each change and keeps the whole history, with who, when and what changed', async () => {
    const coop = await coopWithCharter('jamaah_produksi');
    const ketua = await as(coop, 'ketua');
    const rules = templateRules('jamaah_produksi');
    rules.membership.max = 45;
    const res = await call(app, ketua, 'POST', `/api/v1/coops/${coop.id}/charter`, { rules, note: 'Keputusan RAT 2025 No. 3', baseVersion: 1 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, template: 'jamaah_produksi', matchesTemplate: false, note: 'Keputusan RAT 2025 No. 3', adoptedBy: { accountId: coop.accounts.ketua.id } });

    const sekretaris = await as(coop, 'sekretaris');
    const back = await call(app, sekretaris, 'POST', `/api/v1/coops/${coop.id}/charter`, { template: 'jamaah_produksi', note: 'Kembali ke templat' });
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ version: 3, matchesTemplate: true });

    const list = await call(app, ketua, 'GET', `/api/v1/coops/${coop.id}/charter/versions`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { version: number; changed: string[]; rules: { membership: { max: number } }; adoptedBy: { name: string } | null }[];
    expect(items.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(items.map((v) => v.changed)).toEqual([['membership.max'], ['membership.max'], []]);
    expect(items.map((v) => v.rules.membership.max)).toEqual([40, 45, 40]);
    expect(items[1]!.adoptedBy!.name).toBe(coop.accounts.ketua.name);

    const current = await call(app, ketua, 'GET', `/api/v1/coops/${coop.id}/charter`);
    expect(current.json()).toMatchObject({ version: 3, rules: { membership: { max: 40 } } });

    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('coop_id', '=', coop.id).where('entity', '=', 'charter').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'charter.adopt', entity_id: '1' },
      { action: 'charter.adopt', entity_id: '2' },
      { action: 'charter.adopt', entity_id: '3' }
    ]);
  });

  it('never rewrites a version: the table refuses updates and deletes', async () => {
    const coop = await coopWithCharter('primer');
    await expect(sql`UPDATE charters SET note = 'x' WHERE coop_id = ${coop.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM charters WHERE coop_id = ${coop.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await versions(coop.id)).toEqual([1]);
  });

  it('refuses an adoption that changes nothing', async () => {
    const coop = await coopWithCharter('primer');
    const res = await call(app, await as(coop, 'ketua'), 'POST', `/api/v1/coops/${coop.id}/charter`, { rules: templateRules('primer'), note: 'Tanpa perubahan' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: 'rules', code: 'charter_unchanged', message: 'Tidak ada aturan yang berubah dibanding versi yang berlaku.' }]);
    expect(await versions(coop.id)).toEqual([1]);
  });

  it('gives every one of simultaneous adoptions its own version', async () => {
    const coop = await coopWithCharter('primer');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        const rules = templateRules('primer');
        rules.membership.min = 10 + i;
        return adoptCharter(coop.ctx(i % 2 ? 'ketua' : 'sekretaris'), { rules, note: `Perubahan ${i}` });
      })
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await versions(coop.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets one of simultaneous edits of the same version win and tells the others it changed', async () => {
    const coop = await coopWithCharter('primer');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => {
        const rules = templateRules('primer');
        rules.rat.noticeDays = 20 + i;
        return adoptCharter(coop.ctx('ketua'), { rules, note: `Suntingan ${i}`, baseVersion: 1 });
      })
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const conflicts = outcomes.filter((o) => o.status === 'rejected' && isAppError(o.reason) && o.reason.code === 'CHARTER_VERSION_CONFLICT');
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(5);
    expect(await versions(coop.id)).toEqual([1, 2]);
  });

  it('answers 409 over the API for an edit of an old version', async () => {
    const coop = await coopWithCharter('primer');
    const ketua = await as(coop, 'ketua');
    const rules = templateRules('primer');
    rules.membership.min = 12;
    expect((await call(app, ketua, 'POST', `/api/v1/coops/${coop.id}/charter`, { rules, note: 'Pertama', baseVersion: 1 })).statusCode).toBe(201);
    rules.membership.min = 15;
    const stale = await call(app, ketua, 'POST', `/api/v1/coops/${coop.id}/charter`, { rules, note: 'Basi', baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CHARTER_VERSION_CONFLICT', message: expect.stringContaining('versi 2') });
  });
});

describe('who may change and read the charter', () => {
  it('refuses an anggota or pengawas who tries to adopt (403) and writes nothing', async () => {
    const coop = await coopWithCharter('jamaah_produksi');
    for (const role of ['anggota', 'pengawas'] as const) {
      const res = await call(app, await as(coop, role), 'POST', `/api/v1/coops/${coop.id}/charter`, { template: 'primer', note: 'Coba ubah' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect(await versions(coop.id)).toEqual([1]);
  });

  it('lets an anggota read the charter, its history and the compliance view', async () => {
    const coop = await coopWithCharter('jamaah_produksi');
    const anggota = await as(coop, 'anggota');
    expect((await call(app, anggota, 'GET', `/api/v1/coops/${coop.id}/charter`)).statusCode).toBe(200);
    expect((await call(app, anggota, 'GET', `/api/v1/coops/${coop.id}/charter/versions`)).statusCode).toBe(200);
    const res = await call(app, anggota, 'GET', `/api/v1/coops/${coop.id}/compliance`);
    expect(res.statusCode).toBe(200);
    expect(res.json().charterVersion).toBe(1);
  });

  it('hides a cooperative’s charter from someone of another cooperative', async () => {
    const coop = await coopWithCharter('primer');
    const other = await coopWithCharter('primer');
    const res = await call(app, await as(other, 'ketua'), 'GET', `/api/v1/coops/${coop.id}/charter`);
    expect(res.statusCode).toBe(404);
    const write = await call(app, await as(other, 'ketua'), 'POST', `/api/v1/coops/${coop.id}/charter`, { template: 'startup', note: 'Bukan milik saya' });
    expect(write.statusCode).toBe(404);
    expect(await versions(coop.id)).toEqual([1]);
  });

  it('answers 404 for the charter of a cooperative that has none, and an empty compliance view', async () => {
    const coop = await seedCoop(t.db);
    const ketua = await as(coop, 'ketua');
    expect((await call(app, ketua, 'GET', `/api/v1/coops/${coop.id}/charter`)).statusCode).toBe(404);
    const res = await call(app, ketua, 'GET', `/api/v1/coops/${coop.id}/compliance`);
    expect(res.json()).toMatchObject({ charterVersion: null, items: [], summary: { pass: 0, fail: 0, pending: 0 } });
  });
});

describe('invalid rules', () => {
  it('answers 400 with a message per field and adopts nothing', async () => {
    const coop = await coopWithCharter('jamaah_produksi');
    const rules = templateRules('jamaah_produksi') as unknown as Record<string, any>;
    rules.surplus.components[0].bp -= 1; // 9999 in all
    rules.membership.min = 41; // above the maximum of 40
    rules.womenMinBp = 4999.5; // fractional basis points
    const res = await call(app, await as(coop, 'ketua'), 'POST', `/api/v1/coops/${coop.id}/charter`, { rules, note: 'Salah' });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; fields: { field: string; code: string; message: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries(body.fields.map((f) => [f.field, f]));
    expect(byField['rules.surplus.components']).toMatchObject({ code: 'bp_sum_invalid', message: 'Jumlah persentase harus tepat 100% (10.000 basis poin).' });
    expect(byField['rules.membership.max']).toMatchObject({ code: 'min_gt_max', message: 'Batas minimal tidak boleh melebihi batas maksimal.' });
    expect(byField['rules.womenMinBp']).toMatchObject({ code: 'not_integer', message: 'Harus bilangan bulat.' });
    expect(await versions(coop.id)).toEqual([1]);
  });

  it('reports a missing note and an unknown template together, in English when asked', async () => {
    const coop = await coopWithCharter('primer');
    const res = await call(app, await as(coop, 'ketua'), 'POST', `/api/v1/coops/${coop.id}/charter`, { template: 'tidak_ada' }, { cookie: `${(await as(coop, 'ketua')).cookie}; lang=en` });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field).sort()).toEqual(['note', 'template']);
    expect(fields.find((f) => f.field === 'note')!.message).toBe('Required.');
    expect(await versions(coop.id)).toEqual([1]);
  });
});

describe('compliance', () => {
  type Item = { ruleKey: string; status: string; evidence: { text: string; params: Record<string, unknown> }; rule: { text: string } };
  const get = async (coop: SeededCoop, headers: Record<string, string> = {}) => {
    const res = await call(app, await as(coop, 'anggota'), 'GET', `/api/v1/coops/${coop.id}/compliance`, undefined, headers);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Item[]; summary: { pass: number; fail: number; pending: number } };
    return { ...body, of: (k: string) => body.items.find((i) => i.ruleKey === k)! };
  };

  it('changes as members are added: too few, then within bounds with half women, then over the maximum', async () => {
    const coop = await coopWithCharter('jamaah_produksi');
    let c = await get(coop);
    expect(c.of('membership.min').status).toBe('fail');
    expect(c.of('womenMinBp').status).toBe('pending');

    await addActiveMembers(coop.id, { count: 22, women: 11 });
    c = await get(coop);
    expect(c.of('membership.min')).toMatchObject({ status: 'pass', evidence: { text: '22 keluarga dari 22 anggota aktif' } });
    expect(c.of('membership.max').status).toBe('pass');
    expect(c.of('womenMinBp')).toMatchObject({ status: 'pass', evidence: { text: 'Perempuan 11 dari 22 = 50 % (aturan ≥ 50 %)', params: { women: 11, active: 22, shareBp: 5000, ruleBp: 5000 } } });

    await addActiveMembers(coop.id, { count: 19, women: 10 });
    c = await get(coop, { cookie: `${(await as(coop, 'anggota')).cookie}; lang=en` });
    expect(c.of('membership.max')).toMatchObject({ status: 'fail', rule: { text: 'At most 40 member households' }, evidence: { text: '41 households among 41 active members', params: { count: 41, max: 40 } } });
    expect(c.of('womenMinBp')).toMatchObject({ status: 'pass', evidence: { params: { women: 21, active: 41 } } });
  });

  it('fails the maximum for a Jamaah Produksi of 41 active members, and passes the women rule with 11 women of 22', async () => {
    const big = await coopWithCharter('jamaah_produksi');
    await addActiveMembers(big.id, { count: 41, women: 20 });
    const report = await getCompliance(big.ctx('anggota'));
    const max = report.items.find((i) => i.ruleKey === 'membership.max')!;
    expect(max.status).toBe('fail');
    expect(max.evidence.params).toMatchObject({ count: 41, max: 40 });
    expect(report.items.find((i) => i.ruleKey === 'womenMinBp')!.status).toBe('fail'); // 20 of 41 = 48.78 %

    const small = await coopWithCharter('jamaah_produksi');
    await addActiveMembers(small.id, { count: 22, women: 11 });
    const ok = await getCompliance(small.ctx('anggota'));
    expect(ok.items.find((i) => i.ruleKey === 'womenMinBp')!.status).toBe('pass');
    expect(ok.items.find((i) => i.ruleKey === 'membership.max')!.status).toBe('pass');
  });

  it('counts only active members, and says so when birth dates are missing for youth', async () => {
    const coop = await coopWithCharter('jamaah_produksi');
    await addActiveMembers(coop.id, { count: 20, women: 10, birthDate: null });
    await t.db.insertInto('members').values({ coop_id: coop.id, status: 'resigned', full_name: 'Sudah Keluar', gender: 'M' }).execute();
    const c = await get(coop);
    expect(c.of('membership.min').evidence.params).toMatchObject({ count: 20 });
    expect(c.of('youth')).toMatchObject({ status: 'pending', evidence: { params: { missing: 20, youth: 0 } } });
    expect(c.of('youth').evidence.text).toContain('20 dari 20 anggota aktif belum mencatat tanggal lahir');
  });

  it('keeps rules whose data comes later pending, never passing', async () => {
    const coop = await coopWithCharter('jamaah_produksi');
    await addActiveMembers(coop.id, { count: 22, women: 11 });
    const c = await get(coop);
    for (const k of ['meetings', 'representationAllowed', 'collectiveBusinessOnly', 'localResourceBusiness']) {
      expect(c.of(k).status, k).toBe('pending');
      expect(c.of(k).evidence.text).toMatch(/^Belum dapat diukur/);
    }
    // Its members joined in 2024, so financial years have ended since, with no RAT held and no
    // surplus approved: once the deadline is past, both rules fail (they never silently pass).
    const today = new Date().toISOString().slice(0, 10);
    const expected = today > `${today.slice(0, 4)}-0${1 + 6}-01` ? 'fail' : c.of('rat').status;
    expect(['pending', 'fail']).toContain(c.of('rat').status);
    expect(c.of('rat').status).toBe(expected);
    expect(c.of('rat').evidence.text).toMatch(/ahun buku (yang )?berakhir 31 Desember/);
    expect(['pending', 'fail']).toContain(c.of('surplus').status);
    expect(c.summary.pass + c.summary.fail + c.summary.pending).toBe(c.items.length);
  });
});

describe('the RAT rule measured from the meetings held', () => {
  it('passes a RAT held within the months the charter allows with its notice, fails once the deadline passes without one', async () => {
    const coop = await coopWithCharter('tujuh_prinsip');
    await t.db.updateTable('coops').set({ legal_date: '2020-02-01', fiscal_year_start_month: 1 }).where('id', '=', coop.id).execute();
    const rules = (await getCharter(coop.ctx('ketua')))!.rules;
    const compliance = async (day: string) => (await getCompliance(coop.ctx('anggota', { now: () => new Date(`${day}T05:00:00Z`) }))).items.find((i) => i.ruleKey === 'rat')!;
    const due = rules.rat.monthsAfterYearEnd;
    const deadline = new Date(Date.UTC(2026, due, 0)).toISOString().slice(0, 10);
    const afterDeadline = new Date(Date.UTC(2026, due, 1)).toISOString().slice(0, 10);
    expect((await compliance('2026-01-15')).status).toBe('pending');
    expect((await compliance(afterDeadline)).status).toBe('fail');

    const starts = new Date('2026-01-24T02:00:00Z');
    const notice = new Date(starts.getTime() - rules.rat.noticeDays * 86_400_000);
    await t.db
      .insertInto('meetings')
      .values({ coop_id: coop.id, number: 1, kind: 'rat', title: 'RAT Tahun Buku 2025', starts_at: starts, status: 'closed', notice_days: rules.rat.noticeDays, notice_sent_at: notice, opened_at: starts, closed_at: new Date(starts.getTime() + 3_600_000), eligible_count: 0, checkin_code: 'kode-rat-2025' } as never)
      .execute();
    const held = await compliance(afterDeadline);
    expect(held.status).toBe('pass');
    expect(held.evidence.params).toMatchObject({ heldDate: '2026-01-24', deadlineDate: deadline, notice: rules.rat.noticeDays });
  });
});

describe('templates', () => {
  it('lists the six templates in the request’s language, without signing in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/charter-templates', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { key: string; name: string; defaultFor: string[]; sources: unknown[] }[];
    expect(items.map((i) => i.key).sort()).toEqual(['jamaah_produksi', 'pekerja', 'platform', 'primer', 'startup', 'tujuh_prinsip']);
    const jp = items.find((i) => i.key === 'jamaah_produksi')!;
    expect(jp.name).toBe('Jamaah Produksi (production community, SPPQT)');
    expect(jp.defaultFor).toEqual(['jamaah_produksi']);
    expect(jp.sources).toHaveLength(10);
  });

  it('documents the charter routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/charter-templates', '/api/v1/coops/{coopId}/charter', '/api/v1/coops/{coopId}/charter/versions', '/api/v1/coops/{coopId}/compliance']));
    expect(doc.paths['/api/v1/coops/{coopId}/charter'].post.requestBody).toBeTruthy();
  });
});
