import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { getMemberStatistics } from '../../src/members/get-member-statistics.js';

let t: TestDb;
let app: App;
let coop: SeededCoop;
let other: SeededCoop;
const s = {} as Record<'ketua' | 'sekretaris' | 'staf' | 'pengawas' | 'anggota' | 'bendahara', Session>;

const NIK_F = '3322015708950001'; // woman, 17-08-1995, Getasan
const url = (path = '') => `/api/v1/coops/${coop.id}/members${path}`;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  coop = await seedCoop(t.db);
  other = await seedCoop(t.db);
  for (const role of ['ketua', 'sekretaris', 'staf', 'pengawas', 'anggota', 'bendahara'] as const) s[role] = await signInAs(app, coop.accounts[role]);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

async function count(table: 'members' | 'member_status_history' | 'audit_log', coopId = coop.id): Promise<number> {
  const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('member lifecycle through the API', () => {
  it('takes a person from applicant to active, suspended, resigned and back with the same number, keeping the history', async () => {
    const created = await call(app, s.staf, 'POST', url(), {
      fullName: 'Siti Aminah',
      gender: 'F',
      birthDate: '1995-08-17',
      nik: NIK_F,
      phone: '0812 3456 7890',
      villageCode: '33.22.01.2001',
      rt: 3,
      rw: 2,
      householdCode: 'RT03-017',
      occupation: 'Penenun',
      skills: ['tenun', 'batik'],
      civilSocietyGroup: 'petani'
    });
    expect(created.statusCode).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ status: 'applicant', memberNo: null, phone: '6281234567890', nik: NIK_F, rt: 3, gender: 'F' });

    const approved = await call(app, s.ketua, 'POST', url(`/${m.id}/approve`), {});
    expect(approved.statusCode).toBe(200);
    const number = approved.json().memberNo;
    expect(number).toBeGreaterThan(0);
    expect(approved.json()).toMatchObject({ status: 'active', joinedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    expect((await call(app, s.ketua, 'POST', url(`/${m.id}/suspend`), { reason: 'Tidak hadir tiga rapat berturut-turut' })).json().status).toBe('suspended');
    expect((await call(app, s.sekretaris, 'POST', url(`/${m.id}/reinstate`), {})).json().status).toBe('active');
    const resigned = await call(app, s.sekretaris, 'POST', url(`/${m.id}/resign`), { reason: 'Pindah kota' });
    expect(resigned.json()).toMatchObject({ status: 'resigned', leftOn: expect.any(String), memberNo: number });
    const rejoined = await call(app, s.sekretaris, 'POST', url(`/${m.id}/rejoin`), {});
    expect(rejoined.json()).toMatchObject({ status: 'applicant', memberNo: number, leftOn: null });
    const again = await call(app, s.ketua, 'POST', url(`/${m.id}/approve`), {});
    expect(again.json()).toMatchObject({ status: 'active', memberNo: number });

    const history = await call(app, s.pengawas, 'GET', url(`/${m.id}/history`));
    expect(history.statusCode).toBe(200);
    expect(history.json().map((h: { fromStatus: string | null; toStatus: string }) => `${h.fromStatus ?? '∅'}→${h.toStatus}`)).toEqual([
      '∅→applicant',
      'applicant→active',
      'active→suspended',
      'suspended→active',
      'active→resigned',
      'resigned→applicant',
      'applicant→active'
    ]);
    expect(history.json()[2]).toMatchObject({ reason: 'Tidak hadir tiga rapat berturut-turut', actorName: coop.accounts.ketua.name });
  });

  it('refuses a status change the machine does not allow, with a translated 409', async () => {
    const m = (await call(app, s.staf, 'POST', url(), { fullName: 'Budi Santoso', gender: 'M' })).json();
    const res = await call(app, s.ketua, 'POST', url(`/${m.id}/suspend`), { reason: 'coba-coba' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'MEMBER_TRANSITION_INVALID' });
    expect(res.json().message).toContain('Calon anggota');
    const rejected = await call(app, s.ketua, 'POST', url(`/${m.id}/reject`), { reason: 'Belum memenuhi syarat' });
    expect(rejected.json().status).toBe('rejected');
    expect((await call(app, s.ketua, 'POST', url(`/${m.id}/approve`), {})).statusCode).toBe(409);
  });

  it('requires a reason to expel, and keeps it', async () => {
    const m = (await call(app, s.ketua, 'POST', url(), { fullName: 'Joko Widodo', gender: 'M', asStatus: 'active' })).json();
    expect(m.status).toBe('active');
    const noReason = await call(app, s.ketua, 'POST', url(`/${m.id}/expel`), {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
    expect((await call(app, s.ketua, 'GET', url(`/${m.id}`))).json().status).toBe('active');
    const expelled = await call(app, s.ketua, 'POST', url(`/${m.id}/expel`), { reason: 'Menjual produk koperasi atas nama pribadi' });
    expect(expelled.json().status).toBe('expelled');
    const h = (await call(app, s.ketua, 'GET', url(`/${m.id}/history`))).json();
    expect(h.at(-1)).toMatchObject({ toStatus: 'expelled', reason: 'Menjual produk koperasi atas nama pribadi' });
  });

  it('updates personal data with PATCH and checks the merged record', async () => {
    const m = (await call(app, s.staf, 'POST', url(), { fullName: 'Wulan Sari', gender: 'F', birthDate: '1995-08-17' })).json();
    const ok = await call(app, s.staf, 'PATCH', url(`/${m.id}`), { phone: '+62 811 2222 333', rt: 5 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '628112222333', rt: 5, fullName: 'Wulan Sari' });
    // A NIK of a man does not fit this woman's record.
    const bad = await call(app, s.staf, 'PATCH', url(`/${m.id}`), { nik: '3322011708950003' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([expect.objectContaining({ field: 'nik', code: 'nik_gender_mismatch' })]);
  });

  it('lists members with search, filters, sorting and paging', async () => {
    for (const [fullName, gender, birthDate, rt] of [
      ['Ani Lestari', 'F', '2003-01-01', 7],
      ['Bambang Pamungkas', 'M', '1960-05-05', 7],
      ['Citra Kirana', 'F', '1970-02-02', 8]
    ] as const) {
      await call(app, s.ketua, 'POST', url(), { fullName, gender, birthDate, rt, asStatus: 'active' });
    }
    const byName = await call(app, s.pengawas, 'GET', url('?q=kirana'));
    expect(byName.json().items.map((m: { fullName: string }) => m.fullName)).toEqual(['Citra Kirana']);
    const rt7 = await call(app, s.pengawas, 'GET', url('?rt=7&sort=name'));
    expect(rt7.json().items.map((m: { fullName: string }) => m.fullName)).toEqual(['Ani Lestari', 'Bambang Pamungkas']);
    const youngWomen = await call(app, s.pengawas, 'GET', url('?rt=7&gender=F&youth=true'));
    expect(youngWomen.json().items.map((m: { fullName: string }) => m.fullName)).toEqual(['Ani Lestari']);
    expect(youngWomen.json().items[0].isYouth).toBe(true);
    const ani = youngWomen.json().items[0];
    const byNumber = await call(app, s.pengawas, 'GET', url(`?q=${ani.memberNo}&status=active`));
    expect(byNumber.json().items.map((m: { id: string }) => m.id)).toContain(ani.id);
    const paged = await call(app, s.pengawas, 'GET', url('?pageSize=2&page=2&sort=number'));
    expect(paged.json()).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.json().items).toHaveLength(2);
    const all = (await call(app, s.pengawas, 'GET', url('?pageSize=200&sort=number'))).json();
    const numbers = all.items.map((m: { memberNo: number | null }) => m.memberNo).filter((n: number | null) => n !== null);
    expect(numbers).toEqual([...numbers].sort((a: number, b: number) => a - b));
    const phone = await call(app, s.pengawas, 'GET', url('?q=0812-3456'));
    expect(phone.json().items.map((m: { fullName: string }) => m.fullName)).toEqual(['Siti Aminah']);
    expect((await call(app, s.pengawas, 'GET', url('?status=nonsense'))).statusCode).toBe(400);
  });
});

describe('who may do what', () => {
  it('does not let a member list others, but lets them read their own record and resign themselves', async () => {
    expect((await call(app, s.anggota, 'GET', url())).statusCode).toBe(403);
    // The anggota account's own member record.
    const own = await t.db
      .insertInto('members')
      .values({ coop_id: coop.id, full_name: 'Anggota Sendiri', gender: 'F', status: 'active', member_no: 900, account_id: coop.accounts.anggota.id, joined_on: '2024-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const someoneElse = (await call(app, s.staf, 'POST', url(), { fullName: 'Orang Lain', gender: 'M' })).json();
    expect((await call(app, s.anggota, 'GET', url(`/${own.id}`))).statusCode).toBe(200);
    expect((await call(app, s.anggota, 'GET', url(`/${own.id}/history`))).statusCode).toBe(200);
    expect((await call(app, s.anggota, 'GET', url(`/${someoneElse.id}`))).statusCode).toBe(403);
    expect((await call(app, s.anggota, 'POST', url(`/${someoneElse.id}/resign`), {})).statusCode).toBe(403);
    expect((await call(app, s.anggota, 'GET', url(`/${own.id}/card.pdf`))).statusCode).toBe(200);
    const resigned = await call(app, s.anggota, 'POST', url(`/${own.id}/resign`), { reason: 'Keluar dengan sukarela' });
    expect(resigned.statusCode).toBe(200);
    expect(resigned.json()).toMatchObject({ status: 'resigned', memberNo: 900 });
    // Leaving removes the member role: the account no longer opens the cooperative.
    const roles = await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', coop.id).where('account_id', '=', coop.accounts.anggota.id).executeTakeFirst();
    expect(roles).toBeUndefined();
  });

  it('lets the supervisor read everything and change nothing', async () => {
    const m = (await call(app, s.staf, 'POST', url(), { fullName: 'Dewi Pengawas Uji', gender: 'F' })).json();
    expect((await call(app, s.pengawas, 'GET', url())).statusCode).toBe(200);
    expect((await call(app, s.pengawas, 'GET', url(`/${m.id}`))).statusCode).toBe(200);
    const before = await count('members');
    expect((await call(app, s.pengawas, 'POST', url(), { fullName: 'Tidak Boleh', gender: 'M' })).statusCode).toBe(403);
    expect((await call(app, s.pengawas, 'PATCH', url(`/${m.id}`), { fullName: 'Diubah' })).statusCode).toBe(403);
    expect((await call(app, s.pengawas, 'POST', url(`/${m.id}/approve`), {})).statusCode).toBe(403);
    expect((await call(app, s.pengawas, 'POST', url('/import'), { format: 'csv', contentBase64: Buffer.from('nama,jenis_kelamin\nA B,P\n').toString('base64') })).statusCode).toBe(403);
    expect(await count('members')).toBe(before);
  });

  it('lets staff enter applicants but not approve them or add active members', async () => {
    expect((await call(app, s.staf, 'POST', url(), { fullName: 'Staf Coba Aktif', gender: 'M', asStatus: 'active' })).statusCode).toBe(403);
    const m = (await call(app, s.staf, 'POST', url(), { fullName: 'Staf Coba Calon', gender: 'M' })).json();
    expect((await call(app, s.staf, 'POST', url(`/${m.id}/approve`), {})).statusCode).toBe(403);
    expect((await call(app, s.bendahara, 'POST', url(`/${m.id}/approve`), {})).statusCode).toBe(403);
  });

  it('hides one cooperative\'s members from another cooperative\'s board', async () => {
    const m = (await call(app, s.staf, 'POST', url(), { fullName: 'Rahasia Koperasi', gender: 'F' })).json();
    const otherKetua = await signInAs(app, other.accounts.ketua);
    expect((await call(app, otherKetua, 'GET', url(`/${m.id}`))).statusCode).toBe(404);
    const theirs = await call(app, otherKetua, 'GET', `/api/v1/coops/${other.id}/members/${m.id}`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('MEMBER_NOT_FOUND');
  });
});

describe('applying for membership', () => {
  it('creates an applicant linked to the signed-in account only, then approval gives the member role', async () => {
    const acc = await createAccount(t.db, { name: 'Calon Mandiri', email: 'calon.mandiri@contoh.id', password: 'rahasia-koperasi-1' });
    const session = await signInAs(app, { email: 'calon.mandiri@contoh.id', password: 'rahasia-koperasi-1' });
    const res = await call(app, session, 'POST', `/api/v1/coops/${coop.id}/apply`, {
      fullName: 'Calon Mandiri',
      gender: 'F',
      accountId: coop.accounts.ketua.id,
      status: 'active'
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'applicant', accountId: acc.id, memberNo: null });
    const twice = await call(app, session, 'POST', `/api/v1/coops/${coop.id}/apply`, { fullName: 'Calon Mandiri', gender: 'F' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('MEMBER_ALREADY_APPLIED');
    // Still no role: the private member list stays closed to the applicant.
    expect((await call(app, session, 'GET', url(`/${res.json().id}`))).statusCode).toBe(404);
    const approved = await call(app, s.ketua, 'POST', url(`/${res.json().id}/approve`), {});
    expect(approved.json().status).toBe('active');
    const roles = await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', coop.id).where('account_id', '=', acc.id).executeTakeFirstOrThrow();
    expect(roles.roles).toEqual(['anggota']);
    expect((await call(app, session, 'GET', url(`/${res.json().id}`))).statusCode).toBe(200);
  });

  it('refuses an application without a session, and to a cooperative that does not exist', async () => {
    expect((await call(app, null, 'POST', `/api/v1/coops/${coop.id}/apply`, { fullName: 'Anonim', gender: 'M' })).statusCode).toBe(401);
    const acc = await createAccount(t.db, { name: 'Salah Alamat', email: 'salah.alamat@contoh.id', password: 'rahasia-koperasi-1' });
    const session = await signInAs(app, { email: 'salah.alamat@contoh.id', password: 'rahasia-koperasi-1' });
    const res = await call(app, session, 'POST', `/api/v1/coops/00000000-0000-4000-8000-000000000000/apply`, { fullName: 'Salah Alamat', gender: 'M' });
    expect(res.statusCode).toBe(404);
    expect(await t.db.selectFrom('members').select('id').where('account_id', '=', acc.id).execute()).toEqual([]);
  });

  it('closes a cooperative that is not public to new applicants, but lets a former member apply again', async () => {
    const closed = await seedCoop(t.db);
    await t.db.updateTable('coops').set({ is_public: false }).where('id', '=', closed.id).execute();
    await createAccount(t.db, { name: 'Orang Luar', email: 'orang.luar@contoh.id', password: 'rahasia-koperasi-1' });
    const outsider = await signInAs(app, { email: 'orang.luar@contoh.id', password: 'rahasia-koperasi-1' });
    const res = await call(app, outsider, 'POST', `/api/v1/coops/${closed.id}/apply`, { fullName: 'Orang Luar', gender: 'M' });
    expect(res.statusCode).toBe(404);
    expect(await t.db.selectFrom('members').select('id').where('coop_id', '=', closed.id).execute()).toEqual([]);

    const former = await createAccount(t.db, { name: 'Mantan Anggota', email: 'mantan@contoh.id', password: 'rahasia-koperasi-1' });
    await t.db.insertInto('members').values({ coop_id: closed.id, account_id: former.id, status: 'resigned', full_name: 'Mantan Anggota', gender: 'F', member_no: 7 }).execute();
    const again = await call(app, await signInAs(app, { email: 'mantan@contoh.id', password: 'rahasia-koperasi-1' }), 'POST', `/api/v1/coops/${closed.id}/apply`, { fullName: 'Mantan Anggota', gender: 'F' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ status: 'applicant', memberNo: 7 });
  });
});

describe('the charter decides who admits members', () => {
  it('asks for the members\' meeting decision when the charter says the meeting admits members', async () => {
    const c = await seedCoop(t.db);
    await t.db.insertInto('charters').values({ coop_id: c.id, version: 1, template: 'jamaah_produksi', rules: JSON.stringify({ approvalBy: 'meeting' }) }).execute();
    const ketua = await signInAs(app, c.accounts.ketua);
    const u = `/api/v1/coops/${c.id}/members`;
    expect((await call(app, ketua, 'POST', u, { fullName: 'Langsung Aktif', gender: 'F', asStatus: 'active' })).json().code).toBe('MEMBER_APPROVAL_BY_MEETING');
    const m = (await call(app, ketua, 'POST', u, { fullName: 'Lewat Rapat', gender: 'F' })).json();
    const without = await call(app, ketua, 'POST', `${u}/${m.id}/approve`, {});
    expect(without.statusCode).toBe(400);
    expect(without.json().fields[0]).toMatchObject({ field: 'meetingRef', code: 'meeting_ref_required' });
    const withRef = await call(app, ketua, 'POST', `${u}/${m.id}/approve`, { meetingRef: 'Rapat anggota 5 Mei 2025, keputusan no. 3' });
    expect(withRef.json()).toMatchObject({ status: 'active', memberNo: 1 });
    const h = (await call(app, ketua, 'GET', `${u}/${m.id}/history`)).json();
    expect(h.at(-1).reason).toContain('keputusan no. 3');
  });
});

describe('bad input', () => {
  it('answers 400 with a message per field in Indonesian and English, and writes nothing', async () => {
    const before = await Promise.all([count('members'), count('audit_log'), count('member_status_history')]);
    const body = { fullName: 'X', gender: 'perempuan', birthDate: '2999-01-01', nik: '123', phone: '999', rt: 1000, email: 'x@' };
    const id = await call(app, s.ketua, 'POST', url(), body);
    expect(id.statusCode).toBe(400);
    expect(id.json().code).toBe('VALIDATION_FAILED');
    const fields = id.json().fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field).sort()).toEqual(['email', 'fullName', 'gender', 'nik', 'phone', 'rt'].sort());
    expect(fields.find((f) => f.field === 'phone')?.message).toBe('Nomor HP tidak valid (contoh: 081234567890).');
    expect(fields.every((f) => f.message.length > 0)).toBe(true);
    const en = await call(app, s.ketua, 'POST', url(), body, { cookie: `${s.ketua.cookie}; lang=en` });
    expect((en.json().fields as { field: string; message: string }[]).find((f) => f.field === 'phone')?.message).toBe('Not a valid phone number (e.g. 081234567890).');
    // Once the fields are well formed, the date and region checks speak.
    const later = await call(app, s.ketua, 'POST', url(), { fullName: 'Yanti', gender: 'F', birthDate: '2999-01-01', villageCode: '99.99.99.9999' });
    expect(later.json().fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual(['birthDate:date_in_future', 'villageCode:region_unknown']);
    const region = await call(app, s.ketua, 'POST', url(), { fullName: 'Yanti', gender: 'F', nik: '9999995708950001' });
    expect(region.json().fields).toEqual([{ field: 'nik', code: 'nik_region_unknown', message: 'Enam angka pertama NIK bukan kode kecamatan yang dikenal.' }]);
    expect(await Promise.all([count('members'), count('audit_log'), count('member_status_history')])).toEqual(before);
  });

  it('refuses a NIK that another member of the cooperative already has, but not one in another cooperative', async () => {
    const nik = '3322014101900001'; // woman born 01-01-1990
    expect((await call(app, s.staf, 'POST', url(), { fullName: 'Pemilik NIK', gender: 'F', nik })).statusCode).toBe(201);
    const dup = await call(app, s.staf, 'POST', url(), { fullName: 'Peniru NIK', gender: 'F', nik });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'MEMBER_NIK_TAKEN', fields: [expect.objectContaining({ field: 'nik', code: 'nik_taken' })] });
    const otherStaf = await signInAs(app, other.accounts.staf);
    expect((await call(app, otherStaf, 'POST', `/api/v1/coops/${other.id}/members`, { fullName: 'Pemilik NIK', gender: 'F', nik })).statusCode).toBe(201);
  });
});

describe('audit and statistics', () => {
  it('writes an audit line for each change, in the same transaction', async () => {
    const m = (await call(app, s.staf, 'POST', url(), { fullName: 'Audit Jejak', gender: 'M' })).json();
    await call(app, s.ketua, 'POST', url(`/${m.id}/approve`), {});
    await call(app, s.staf, 'PATCH', url(`/${m.id}`), { occupation: 'Pematung' });
    const lines = await t.db.selectFrom('audit_log').select(['action', 'actor_account_id', 'before', 'after']).where('coop_id', '=', coop.id).where('entity_id', '=', m.id).orderBy('id').execute();
    expect(lines.map((l) => l.action)).toEqual(['member.add', 'member.approve', 'member.update']);
    expect(lines[1]!.actor_account_id).toBe(coop.accounts.ketua.id);
    expect(lines[2]).toMatchObject({ before: { occupation: null }, after: { occupation: 'Pematung' } });
  });

  it('counts a newly added active woman in the statistics the charter checks', async () => {
    const c = await seedCoop(t.db);
    const before = await getMemberStatistics(c.ctx('ketua'));
    const ketua = await signInAs(app, c.accounts.ketua);
    await call(app, ketua, 'POST', `/api/v1/coops/${c.id}/members`, { fullName: 'Perempuan Baru', gender: 'F', birthDate: '2000-01-01', asStatus: 'active' });
    const after = await getMemberStatistics(c.ctx('ketua'));
    expect(after.active - before.active).toBe(1);
    expect(after.women - before.women).toBe(1);
  });

  it('documents the member routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of ['/api/v1/coops/{coopId}/members', '/api/v1/coops/{coopId}/members/{memberId}/approve', '/api/v1/coops/{coopId}/members/import', '/api/v1/coops/{coopId}/apply']) {
      expect(doc.paths[p], p).toBeTruthy();
    }
  });
});
