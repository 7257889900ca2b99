import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { formatMinutes, parseHours } from '../../src/production/model.js';

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let staf: Session;
const m = {} as { sri: string; joko: string; other: string };
let workId: string;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
  m.sri = (await addMember(a.ctx('ketua'), { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' })).id;
  m.joko = (await addMember(a.ctx('ketua'), { fullName: 'Joko Santoso', gender: 'M', asStatus: 'active' })).id;
  m.other = (await addMember(b.ctx('ketua'), { fullName: 'Orang Lain', gender: 'M', asStatus: 'active' })).id;
  workId = (await createWork(a.ctx('ketua'), { productLine: 'suara', title: 'Album Kolektif', description: '', publicPrice: 90_000, attributes: { format: 'album', tracks: [{ title: 'Satu', durationSec: 100 }] } })).id;
  staf = await signInAs(app, a.accounts.staf);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('hours typed in forms', () => {
  it('parses hours to whole minutes without floats', () => {
    expect(parseHours('1,5')).toBe(90);
    expect(parseHours('1.25')).toBe(75);
    expect(parseHours('0:45')).toBe(45);
    expect(parseHours('2')).toBe(120);
    expect(parseHours('0,01')).toBe(1);
    expect(parseHours('25')).toBeNull();
    expect(parseHours('-1')).toBeNull();
    expect(parseHours('1,555')).toBeNull();
    expect(formatMinutes(90)).toBe('1 j 30 m');
  });
});

describe('production projects', () => {
  it('records tasks, work logs per member and material costs, and totals them per member and per project', async () => {
    const base = `/api/v1/coops/${a.id}/production/projects`;
    const created = await call(app, staf, 'POST', base, { title: 'Rekaman Album Kolektif', description: 'Rekaman 8 lagu di studio desa.', startsOn: '2026-11-01', workIds: [workId] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().works).toEqual([{ id: workId, title: 'Album Kolektif', productLine: 'suara' }]);

    const task = await call(app, staf, 'POST', `${base}/${id}/tasks`, { title: 'Mixing lagu 1–4', assigneeMemberId: m.joko });
    expect(task.statusCode).toBe(201);
    const taskId = task.json().tasks[0].id;
    for (const [memberId, minutes, day] of [
      [m.sri, 90, '2026-11-02'],
      [m.sri, 150, '2026-11-03'],
      [m.joko, 45, '2026-11-03']
    ] as const) {
      expect((await call(app, staf, 'POST', `${base}/${id}/work-logs`, { memberId, minutes, workedOn: day, taskId: memberId === m.joko ? taskId : null })).statusCode).toBe(201);
    }
    expect((await call(app, staf, 'POST', `${base}/${id}/costs`, { description: 'Kabel dan senar', amount: 185_000, incurredOn: '2026-11-02', paidByMemberId: m.sri })).statusCode).toBe(201);
    expect((await call(app, staf, 'POST', `${base}/${id}/costs`, { description: 'Sewa mikrofon', amount: 250_000, incurredOn: '2026-11-03' })).statusCode).toBe(201);
    expect((await call(app, staf, 'PATCH', `${base}/${id}/tasks/${taskId}`, { status: 'done' })).statusCode).toBe(200);

    const detail = await call(app, await signInAs(app, a.accounts.pengawas), 'GET', `${base}/${id}`);
    expect(detail.statusCode).toBe(200);
    const p = detail.json();
    expect(p.totals).toEqual({ minutes: 285, cost: 435_000 });
    expect(p.perMember).toEqual([
      { memberId: m.sri, name: 'Sri Wahyuni', minutes: 240, costsPaid: 185_000 },
      { memberId: m.joko, name: 'Joko Santoso', minutes: 45, costsPaid: 0 }
    ]);
    expect(p.tasks[0]).toMatchObject({ status: 'done', assigneeName: 'Joko Santoso', minutes: 45 });

    const list = await call(app, staf, 'GET', base);
    expect(list.json().items).toEqual([expect.objectContaining({ id, totalMinutes: 285, totalCost: 435_000, tasksDone: 1, tasksTotal: 1, works: 1 })]);
  });

  it('rejects fractional rupiah, fractional minutes, members and works of another cooperative, with nothing written', async () => {
    const base = `/api/v1/coops/${a.id}/production/projects`;
    const id = (await call(app, staf, 'POST', base, { title: 'Pameran Cukil' })).json().id;
    const frac = await call(app, staf, 'POST', `${base}/${id}/costs`, { description: 'Tinta', amount: 1500.5, incurredOn: '2026-11-02' });
    expect(frac.statusCode).toBe(400);
    expect(frac.json().fields[0].field).toBe('amount');
    expect((await call(app, staf, 'POST', `${base}/${id}/work-logs`, { memberId: m.sri, minutes: 1.5, workedOn: '2026-11-02' })).statusCode).toBe(400);
    const outsider = await call(app, staf, 'POST', `${base}/${id}/work-logs`, { memberId: m.other, minutes: 60, workedOn: '2026-11-02' });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().fields[0]).toMatchObject({ field: 'memberId', code: 'member_unknown' });
    expect((await call(app, staf, 'POST', base, { title: 'Salah', workIds: ['00000000-0000-4000-8000-000000000000'] })).statusCode).toBe(400);
    const p = (await call(app, staf, 'GET', `${base}/${id}`)).json();
    expect(p.totals).toEqual({ minutes: 0, cost: 0 });
  });

  it('anggota cannot read or write; another cooperative gets 404', async () => {
    const base = `/api/v1/coops/${a.id}/production/projects`;
    const anggota = await signInAs(app, a.accounts.anggota);
    expect((await call(app, anggota, 'GET', base)).statusCode).toBe(403);
    expect((await call(app, anggota, 'POST', base, { title: 'Coba' })).statusCode).toBe(403);
    const pengawas = await signInAs(app, a.accounts.pengawas);
    expect((await call(app, pengawas, 'POST', base, { title: 'Coba' })).statusCode).toBe(403);
    const other = await signInAs(app, b.accounts.ketua);
    expect((await call(app, other, 'GET', base)).statusCode).toBe(404);
    const id = (await call(app, staf, 'GET', base)).json().items[0].id;
    expect((await call(app, other, 'GET', `/api/v1/coops/${b.id}/production/projects/${id}`)).statusCode).toBe(404);
  });
});
