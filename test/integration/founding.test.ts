import { writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/create-account.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, seedCoop, signInAs, testApp, type Session } from '../support/fixtures.js';

const VILLAGE = '34.71.14.1002';
let t: TestDb;
let app: App;
let coopId = '';
let slug = '';
let starter: Session;
const founders: { id: string; name: string; session: Session; email: string }[] = [];
const nik = (i: number) => `34711${String(400000 + i).padStart(6, '0')}0${String(i).padStart(4, '0')}`.slice(0, 16);
const person = (i: number, extra: Record<string, unknown> = {}) => ({ fullName: `Pendiri ${String.fromCharCode(65 + i)}`, gender: i % 2 ? 'M' : 'F', nik: nik(i), phone: '0812345678', villageCode: VILLAGE, rt: 3, rw: 5, householdCode: `KK-${i}`, ...extra });
const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE coop_id = ${coopId}`.execute(t.db)).rows[0]!.n);

async function account(i: number): Promise<{ session: Session; email: string }> {
  const email = `pendiri${i}.${Date.now().toString(36)}@contoh.id`;
  await createAccount(t.db, { name: `Pendiri ${i}`, email, password: PASSWORD });
  return { session: await signInAs(app, { email, password: PASSWORD }), email };
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  const a = await account(0);
  starter = a.session;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('path A: founding a cooperative', () => {
  it('anyone with an account starts a group; it is a coops row in founding state, hidden from public lists', async () => {
    const r = await call(app, starter, 'POST', '/api/v1/founding', { name: 'Koperasi Perajin Kotagede', founder: person(0) });
    expect(r.statusCode, r.body).toBe(201);
    coopId = r.json().coopId;
    founders.push({ id: r.json().founderId, name: 'Pendiri A', session: starter, email: '' });
    const coop = await t.db.selectFrom('coops').select(['status', 'is_public']).where('id', '=', coopId).executeTakeFirstOrThrow();
    expect(coop).toEqual({ status: 'founding', is_public: false });
    slug = r.json().slug;
    expect((await call(app, null, 'GET', `/api/v1/public/coops/${slug}/store`)).statusCode).toBe(404);
    // No coop role: the cooperative's own routes do not open it.
    expect((await call(app, starter, 'GET', `/api/v1/coops/${coopId}/members`)).statusCode).toBe(404);
    expect((await call(app, starter, 'GET', '/api/v1/founding')).json().items).toEqual([expect.objectContaining({ coopId, status: 'founding' })]);
  });

  it('a coordinator invites founders; each claims with their own account', async () => {
    for (let i = 1; i <= 9; i++) {
      const r = await call(app, starter, 'POST', `/api/v1/founding/${coopId}/founders`, person(i, i === 1 ? { isCoordinator: true } : {}));
      expect(r.statusCode, r.body).toBe(201);
      const acc = await account(i);
      const c = await call(app, acc.session, 'POST', `/api/v1/founding/${coopId}/claim`, { code: r.json().inviteCode });
      expect(c.statusCode, c.body).toBe(200);
      founders.push({ id: r.json().founderId, name: `Pendiri ${String.fromCharCode(65 + i)}`, session: acc.session, email: acc.email });
      // The code works once.
      expect((await call(app, acc.session, 'POST', `/api/v1/founding/${coopId}/claim`, { code: r.json().inviteCode })).statusCode).toBe(404);
    }
    const g = (await call(app, founders[3]!.session, 'GET', `/api/v1/founding/${coopId}`)).json();
    expect(g.founders).toHaveLength(10);
    // A founder who is not a coordinator sees other founders' NIKs masked, their own in full.
    expect(g.founders.find((f: { id: string }) => f.id === founders[3]!.id).nik).toBe(nik(3));
    expect(g.founders.find((f: { id: string }) => f.id === founders[4]!.id).nik).toMatch(/••••/);
    expect(g.progress.current).toBe('visi');
  });

  it('refuses a NIK that is not 16 digits or repeats in the group, naming the field, and changes nothing', async () => {
    const before = await count('founding_founders');
    const short = await call(app, starter, 'POST', `/api/v1/founding/${coopId}/founders`, person(20, { nik: '12345' }));
    expect(short.statusCode).toBe(400);
    expect(short.json().fields).toEqual([expect.objectContaining({ field: 'nik', code: 'founding_nik_format', message: 'NIK harus 16 angka.' })]);
    const dup = await call(app, starter, 'POST', `/api/v1/founding/${coopId}/founders`, person(21, { nik: nik(2) }));
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields).toEqual([expect.objectContaining({ field: 'nik', code: 'founding_nik_taken' })]);
    expect(await count('founding_founders')).toBe(before);
  });

  it('only coordinators manage the group; nobody outside it sees anything (NIKs included)', async () => {
    expect((await call(app, founders[4]!.session, 'POST', `/api/v1/founding/${coopId}/founders`, person(30))).statusCode).toBe(403);
    expect((await call(app, founders[4]!.session, 'PUT', `/api/v1/founding/${coopId}/founders/${founders[5]!.id}`, person(5))).statusCode).toBe(403);
    // A founder edits their own details.
    expect((await call(app, founders[4]!.session, 'PUT', `/api/v1/founding/${coopId}/founders/${founders[4]!.id}`, person(4, { street: 'Jl. Mondorakan 7' }))).statusCode).toBe(200);
    const outsider = await account(99);
    for (const url of ['', '/needs-map', '/businesses', '/survey', '/dossier'])
      expect((await call(app, outsider.session, 'GET', `/api/v1/founding/${coopId}${url}`)).statusCode).toBe(404);
    // A member of another cooperative, its ketua included, gets nothing either.
    const other = await seedCoop(t.db);
    const ketua = await signInAs(app, other.accounts.ketua);
    const r = await call(app, ketua, 'GET', `/api/v1/founding/${coopId}`);
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain(nik(1));
  });

  it('vision, then each founder answers the needs survey for themselves; the map aggregates households', async () => {
    expect((await call(app, starter, 'PUT', `/api/v1/founding/${coopId}/vision`, { vision: 'Perajin perak Kotagede sejahtera bersama', mission: 'Membeli bahan bersama dan memasarkan karya bersama', values: 'Gotong royong, jujur, terbuka', agreed: true })).statusCode).toBe(200);
    for (const [i, f] of founders.entries()) {
      const needs = [
        { category: 'primer', item: 'Beras', frequency: 'bulanan', monthlySpend: 300_000 + i },
        { category: 'penunjang', item: i % 2 ? 'Perak  batangan' : 'perak batangan', frequency: 'bulanan', monthlySpend: 1_000_000 }
      ];
      const r = await call(app, f.session, 'PUT', `/api/v1/founding/${coopId}/survey`, { needs });
      expect(r.statusCode, r.body).toBe(200);
    }
    const bad = await call(app, founders[2]!.session, 'PUT', `/api/v1/founding/${coopId}/survey`, { needs: [{ category: 'mewah', item: 'X', frequency: 'bulanan', monthlySpend: 1.5 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['needs.0.category', 'needs.0.item', 'needs.0.monthlySpend']);
    const map = (await call(app, founders[5]!.session, 'GET', `/api/v1/founding/${coopId}/needs-map`)).json();
    expect(map.respondents).toBe(10);
    // Ten households each; the larger spending first. "Perak  batangan" and "perak batangan" are one need.
    expect(map.items).toHaveLength(2);
    expect(map.items[0]).toMatchObject({ category: 'penunjang', households: 10, monthlySpend: 10_000_000 });
    expect(map.items[1]).toEqual({ item: 'Beras', category: 'primer', households: 10, founders: 10, monthlySpend: 3_000_045 });
    const audit = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log WHERE coop_id = ${coopId} AND action = 'founding.survey'`.execute(t.db);
    expect(Number(audit.rows[0]!.n)).toBe(10);
  });

  it('businesses and potentials give integration links; the group drafts units', async () => {
    await call(app, founders[1]!.session, 'POST', `/api/v1/founding/${coopId}/businesses`, { productLine: 'rupa', name: 'Bengkel perak Budi', buys: ['perak batangan'], sells: ['cincin perak'], monthlyTurnover: 8_000_000 });
    await call(app, founders[2]!.session, 'POST', `/api/v1/founding/${coopId}/businesses`, { productLine: 'rupa', name: 'Galeri Citra', buys: ['Cincin Perak', 'perak batangan'], sells: ['perhiasan'], monthlyTurnover: 12_000_000 });
    expect((await call(app, starter, 'POST', `/api/v1/founding/${coopId}/potentials`, { regionCode: '34.71.14', kind: 'budaya', description: 'Kerajinan perak Kotagede' })).statusCode).toBe(201);
    const badRegion = await call(app, starter, 'POST', `/api/v1/founding/${coopId}/potentials`, { regionCode: '99.99', kind: 'budaya', description: 'x y' });
    expect(badRegion.json().fields[0]).toMatchObject({ field: 'regionCode', code: 'founding_region_code' });
    const unit = await call(app, starter, 'POST', `/api/v1/founding/${coopId}/units`, { name: 'Pembelian bahan perak bersama', description: 'Membeli perak batangan untuk semua perajin', founderIds: [founders[1]!.id, founders[2]!.id], needs: ['perak batangan'] });
    expect(unit.statusCode, unit.body).toBe(201);
    const map = (await call(app, founders[3]!.session, 'GET', `/api/v1/founding/${coopId}/businesses`)).json();
    expect(map.links).toEqual([
      expect.objectContaining({ kind: 'supply', item: 'cincin perak', from: expect.objectContaining({ founderName: 'Pendiri B' }), to: expect.objectContaining({ founderName: 'Pendiri C' }) }),
      expect.objectContaining({ kind: 'shared_purchase', item: 'perak batangan' }),
      expect.objectContaining({ kind: 'shared_marketing', productLine: 'rupa' })
    ]);
    expect(map.potentials[0]).toMatchObject({ regionName: expect.stringMatching(/kotagede/i) });
  });

  it('the chosen model gives draft statutes as PDF and DOCX; founders comment on chapters', async () => {
    const templates = (await call(app, starter, 'GET', '/api/v1/founding/templates')).json().items;
    expect(templates.map((x: { key: string }) => x.key)).toEqual(['tujuh_prinsip', 'jamaah_produksi', 'primer', 'pekerja', 'platform', 'startup']);
    const rules = templates[0].rules;
    expect(rules.length).toBeGreaterThan(5);
    expect((await call(app, founders[3]!.session, 'PUT', `/api/v1/founding/${coopId}/model`, { templateKey: 'tujuh_prinsip', seat: 'Kotagede', purpose: 'Memajukan kesejahteraan anggota' })).statusCode).toBe(403);
    const r = await call(app, starter, 'PUT', `/api/v1/founding/${coopId}/model`, { templateKey: 'tujuh_prinsip', seat: 'Kelurahan Prenggan, Kecamatan Kotagede, Kota Yogyakarta', purpose: 'Memajukan kesejahteraan anggota perajin perak dan masyarakat sekitar.' });
    expect(r.statusCode, r.body).toBe(200);
    const s = (await call(app, starter, 'GET', `/api/v1/founding/${coopId}/statutes`)).json();
    expect(s.chapters).toHaveLength(13);
    expect(JSON.stringify(s)).toContain('Pembelian bahan perak bersama');
    expect((await call(app, founders[6]!.session, 'POST', `/api/v1/founding/${coopId}/statutes/comments`, { chapter: 'permodalan', body: 'Simpanan wajib bisa dicicil?' })).statusCode).toBe(201);
    expect((await call(app, founders[6]!.session, 'POST', `/api/v1/founding/${coopId}/statutes/comments`, { chapter: 'tidak_ada', body: 'x y' })).statusCode).toBe(400);
    const pdf = await call(app, founders[6]!.session, 'GET', `/api/v1/founding/${coopId}/statutes.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await call(app, founders[6]!.session, 'GET', `/api/v1/founding/${coopId}/statutes.docx`);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('ANGGARAN DASAR KOPERASI PERAJIN KOTAGEDE');
    expect(xml).toContain('Sisa Hasil Usaha'.toUpperCase());
    if (process.env.FOUNDING_RENDER_DIR) writeFileSync(path.join(process.env.FOUNDING_RENDER_DIR, 'statutes.pdf'), pdf.rawPayload);
  });

  it('refuses a founding meeting below the legal minimum, naming it, and saves nothing', async () => {
    const entries = founders.map((f, i) => ({ founderId: f.id, attended: i < 8, office: ({ 0: 'ketua', 1: 'sekretaris', 2: 'bendahara', 3: 'pengawas' } as Record<number, string>)[i] ?? null, pokokPaid: i < 8 ? 100_000 : 0 }));
    const r = await call(app, starter, 'PUT', `/api/v1/founding/${coopId}/meeting`, { heldOn: '2026-11-20', place: 'Pendopo Kelurahan Prenggan', founders: entries });
    expect(r.statusCode).toBe(422);
    expect(r.json().fields).toEqual([expect.objectContaining({ field: 'attendance', code: 'founding_below_minimum', message: expect.stringContaining('minimal 9 orang') })]);
    expect(r.json().fields[0].message).toContain('Pasal 6');
    const g = await t.db.selectFrom('founding_groups').select('meeting_held_at').where('coop_id', '=', coopId).executeTakeFirstOrThrow();
    expect(g.meeting_held_at).toBeNull();
  });

  it('records the founding meeting; the berita acara and dossier are generated; the checklist is kept', async () => {
    const entries = founders.map((f, i) => ({ founderId: f.id, attended: i < 9, office: ({ 0: 'ketua', 1: 'sekretaris', 2: 'bendahara', 3: 'pengawas' } as Record<number, string>)[i] ?? null, pokokPaid: i < 9 ? (i === 8 ? 50_000 : 100_000) : 0 }));
    const r = await call(app, starter, 'PUT', `/api/v1/founding/${coopId}/meeting`, { heldOn: '2026-11-20', place: 'Pendopo Kelurahan Prenggan', founders: entries });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().present).toBe(9);
    const pdf = await call(app, starter, 'GET', `/api/v1/founding/${coopId}/meeting.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const notReady = await call(app, starter, 'POST', `/api/v1/founding/${coopId}/activate`);
    expect(notReady.statusCode).toBe(409);
    expect(notReady.json().code).toBe('FOUNDING_NOT_READY');
    const bad = await call(app, starter, 'PUT', `/api/v1/founding/${coopId}/dossier`, { nib: '123' });
    expect(bad.json().fields[0]).toMatchObject({ field: 'nib', code: 'founding_nib_format' });
    const d = await call(app, starter, 'PUT', `/api/v1/founding/${coopId}/dossier`, { notarySentOn: '2026-11-22', deedNumber: '12', deedDate: '2026-11-25', ahuNumber: 'AHU-0001234.AH.01.29.TAHUN 2026' });
    expect(d.json().complete).toBe(true);
    const zip = await JSZip.loadAsync((await call(app, starter, 'GET', `/api/v1/founding/${coopId}/dossier.zip`)).rawPayload);
    expect(Object.keys(zip.files).sort()).toEqual(['01-berkas-pendaftaran.pdf', '02-rancangan-anggaran-dasar.pdf', '03-rancangan-anggaran-dasar.docx', '04-daftar-pendiri.csv']);
    const csv = await zip.file('04-daftar-pendiri.csv')!.async('string');
    expect(csv).toContain(nik(1));
    if (process.env.FOUNDING_RENDER_DIR) {
      writeFileSync(path.join(process.env.FOUNDING_RENDER_DIR, 'meeting.pdf'), pdf.rawPayload);
      writeFileSync(path.join(process.env.FOUNDING_RENDER_DIR, 'dossier.pdf'), await zip.file('01-berkas-pendaftaran.pdf')!.async('nodebuffer'));
    }
  });

  it('activation: founders become numbered members, charter v1, officers get roles, pokok posted; no admin needed', async () => {
    expect((await call(app, founders[4]!.session, 'POST', `/api/v1/founding/${coopId}/activate`)).statusCode).toBe(403);
    const r = await call(app, starter, 'POST', `/api/v1/founding/${coopId}/activate`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ members: 9, pokokPosted: 9 });
    const coop = await t.db.selectFrom('coops').select(['status', 'is_public', 'legal_number']).where('id', '=', coopId).executeTakeFirstOrThrow();
    expect(coop).toEqual({ status: 'active', is_public: true, legal_number: 'AHU-0001234.AH.01.29.TAHUN 2026' });
    // Now it is a public cooperative: its storefront answers.
    expect((await call(app, null, 'GET', `/api/v1/public/coops/${slug}/store`)).statusCode).toBe(200);
    const members = await t.db.selectFrom('members').select(['member_no', 'full_name', 'joined_on', 'status']).where('coop_id', '=', coopId).orderBy('member_no').execute();
    expect(members.map((m) => m.member_no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(members.map((m) => m.joined_on))).toEqual(new Set(['2026-11-20']));
    expect(members.map((m) => m.full_name)).not.toContain('Pendiri J');
    const charter = await t.db.selectFrom('charters').select(['version', 'template']).where('coop_id', '=', coopId).execute();
    expect(charter).toEqual([{ version: 1, template: 'tujuh_prinsip' }]);
    // The ketua elected at the meeting opens the cooperative's own routes now.
    const roles = await call(app, founders[0]!.session, 'GET', `/api/v1/coops/${coopId}/members`);
    expect(roles.statusCode).toBe(200);
    expect((await call(app, founders[5]!.session, 'GET', `/api/v1/coops/${coopId}`)).statusCode).toBe(200);
    // Simpanan pokok: capital movements with receipts, one ledger entry each, summing to what was paid.
    const pokok = await sql<{ total: string }>`SELECT sum(l.credit) AS total FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id WHERE l.coop_id = ${coopId} AND a.system_key = 'SIMPANAN_POKOK'`.execute(t.db);
    expect(Number(pokok.rows[0]!.total)).toBe(8 * 100_000 + 50_000);
    expect(await count('capital_movements')).toBe(9);
    // A repeat posts nothing more; the founding history stays readable, but no longer changes.
    expect((await call(app, starter, 'POST', `/api/v1/founding/${coopId}/activate`)).json()).toMatchObject({ members: 0, pokokPosted: 0 });
    expect((await call(app, starter, 'GET', `/api/v1/founding/${coopId}/needs-map`)).statusCode).toBe(200);
    const late = await call(app, founders[3]!.session, 'PUT', `/api/v1/founding/${coopId}/survey`, { needs: [] });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('FOUNDING_ALREADY_ACTIVE');
  });
});

