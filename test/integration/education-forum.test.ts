import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, signInAs, testApp, type Session } from '../support/fixtures.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import type { App } from '../../src/server/types.js';
import { withTenant } from '../../src/db/tenant.js';

/**
 * The peer-learning forum across cooperatives (decision 0165) and session materials, on real
 * PostgreSQL: a member of coop A opens a theme, members of coop B take part, helpful marks are
 * idempotent under races, A's board hides with a reason, followers get one mail per post, and
 * row-level security refuses what the use cases would never do.
 */
let t: TestDb;
let app: App;
let a: GovCoop;
let b: GovCoop;
const login = (c: GovCoop, i: number) => signInAs(app, { email: c.voters[i]!.email!, password: PASSWORD });
const base = (c: GovCoop) => `/api/v1/coops/${c.id}/forum/themes`;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
  b = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('peer-learning forum across cooperatives', () => {
  let memberA: Session;
  let memberB: Session;
  let memberB2: Session;
  let themeUrl: string;
  let threadId: string;
  let replyB: string;
  let replyB2: string;

  it('lets a member of A open a theme that a member of B sees and replies in', async () => {
    memberA = await login(a, 0);
    memberB = await login(b, 0);
    memberB2 = await login(b, 1);
    const opened = await call(app, memberA, 'POST', base(a), {
      title: 'Menentukan harga karya bersama',
      body: 'Bagaimana koperasi Anda menetapkan harga? Saya mulai dengan cerita kami.',
      sessionStartsAt: '2030-05-01T19:00:00+07:00',
      sessionEndsAt: '2030-05-01T21:00:00+07:00',
      sessionPlace: 'Daring'
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const theme = opened.json();
    expect(theme).toMatchObject({ coopId: a.id, pemantikName: a.voters[0]!.name, scope: 'instance', following: true, threads: [] });
    themeUrl = `${base(b)}/${a.id}/${theme.id}`;

    const list = await call(app, memberB, 'GET', base(b));
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(theme.id);

    const thread = await call(app, memberA, 'POST', `${base(a)}/${a.id}/${theme.id}/posts`, { body: 'Pertanyaan pertama: hitung biaya bahan dulu?' });
    expect(thread.statusCode, thread.body).toBe(201);
    threadId = thread.json().id;
    const r1 = await call(app, memberB, 'POST', `${themeUrl}/posts`, { body: 'Kami hitung bahan, jam kerja, lalu sisihkan 10 % untuk dana bersama.', threadId });
    expect(r1.statusCode, r1.body).toBe(201);
    replyB = r1.json().id;
    expect(r1.json().mailed).toBe(1); // the pemantik follows
    const r2 = await call(app, memberB2, 'POST', `${themeUrl}/posts`, { body: 'Beli di toko kami saja, murah!', threadId });
    expect(r2.statusCode).toBe(201);
    replyB2 = r2.json().id;
    expect(r2.json().mailed).toBe(2); // the pemantik and the first replier (who follows by posting)

    const row = await t.db.selectFrom('forum_posts').selectAll().where('id', '=', replyB).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ coop_id: a.id, author_coop_id: b.id, author_name: b.voters[0]!.name });
  });

  it('mails each follower once per post, through the theme coop’s outbox', async () => {
    const mails = await t.db.selectFrom('mail_outbox').select(['coop_id', 'to_address', 'dedupe_key', 'subject']).where('kind', '=', 'forum_post').orderBy('id').execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([a.voters[0]!.email, a.voters[0]!.email, b.voters[0]!.email].sort());
    expect(mails.every((m) => m.coop_id === a.id && m.subject.includes('Menentukan harga'))).toBe(true);
    expect(new Set(mails.map((m) => m.dedupe_key)).size).toBe(3);
  });

  it('lets the pemantik mark several replies helpful; 20 parallel marks make one row and all answer 200', async () => {
    const url = (id: string) => `${base(a)}/${a.id}/${themeUrl.split('/').pop()}/posts/${id}/helpful`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(app, memberA, 'POST', url(replyB))));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(answers.filter((r) => r.json().changed).length).toBe(1);
    const rows = await t.db.selectFrom('forum_helpful').selectAll().where('post_id', '=', replyB).execute();
    expect(rows).toHaveLength(1);
    const audit = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'forum.helpful').where('entity_id', '=', replyB).execute();
    expect(audit).toHaveLength(1);
    // A member of B may not mark (neither pemantik nor the thread's starter), nor anyone their own post.
    const refused = await call(app, memberB2, 'POST', `${themeUrl}/posts/${replyB}/helpful`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/pemantik/);
    expect((await call(app, memberA, 'POST', url(threadId))).statusCode).toBe(403);
  });

  it('lets only the board of the opening coop hide, with a reason; others see a marker and never the text', async () => {
    const ketuaB = await signInAs(app, b.accounts.ketua);
    const notB = await call(app, ketuaB, 'POST', `${base(b)}/${a.id}/${themeUrl.split('/').pop()}/posts/${replyB2}/hide`, { reason: 'Iklan' });
    expect(notB.statusCode).toBe(403);
    const ketuaA = await signInAs(app, a.accounts.ketua);
    const hideUrl = `${base(a)}/${a.id}/${themeUrl.split('/').pop()}/posts/${replyB2}/hide`;
    const short = await call(app, ketuaA, 'POST', hideUrl, { reason: 'x' });
    expect(short.statusCode).toBe(400);
    const hidden = await call(app, ketuaA, 'POST', hideUrl, { reason: 'Iklan, bukan diskusi' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect((await call(app, ketuaA, 'POST', hideUrl, { reason: 'Iklan lagi' })).statusCode).toBe(409);

    const seenB = (await call(app, memberB, 'GET', themeUrl)).json();
    const replies = seenB.threads[0].replies;
    expect(replies.map((r: { id: string }) => r.id)).toEqual([replyB, replyB2]);
    expect(replies[0]).toMatchObject({ helpful: true, body: expect.stringContaining('jam kerja') });
    expect(replies[1]).toMatchObject({ body: '', hidden: { reason: 'Iklan, bukan diskusi' }, hiddenBody: null });
    expect(JSON.stringify(seenB)).not.toContain('murah');
    // The author too sees only the marker.
    expect(JSON.stringify((await call(app, memberB2, 'GET', themeUrl)).json())).not.toContain('murah');
    const seenBoard = (await call(app, ketuaA, 'GET', `${base(a)}/${a.id}/${themeUrl.split('/').pop()}`)).json();
    expect(seenBoard.may.moderate).toBe(true);
    expect(seenBoard.threads[0].replies[1].hiddenBody).toBe('Beli di toko kami saja, murah!');
    const audit = await t.db.selectFrom('audit_log').select(['coop_id', 'after']).where('action', '=', 'forum.hide').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.coop_id).toBe(a.id);
  });

  it('answers bad input with a 4xx in the user’s language and changes nothing', async () => {
    const before = await t.db.selectFrom('forum_posts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const empty = await call(app, memberB, 'POST', `${themeUrl}/posts`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    const unknownThread = await call(app, memberB, 'POST', `${themeUrl}/posts`, { body: 'Halo', threadId: replyB });
    expect(unknownThread.statusCode).toBe(400);
    expect(unknownThread.json().fields[0]).toMatchObject({ field: 'threadId' });
    const en = await call(app, { ...memberB, cookie: `${memberB.cookie}; lang=en` }, 'POST', `${base(b)}/${a.id}/00000000-0000-4000-8000-000000000000/posts`, { body: 'Halo' });
    expect(en.statusCode).toBe(404);
    expect(en.json().message).toBe('Forum theme not found.');
    const badSession = await call(app, memberB, 'POST', base(b), { title: 'Tema', body: 'Isi', sessionStartsAt: '2030-05-01T19:00:00+07:00' });
    expect(badSession.statusCode).toBe(400);
    const after = await t.db.selectFrom('forum_posts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('follows and unfollows; an unfollower gets no mail', async () => {
    const themeId = themeUrl.split('/').pop()!;
    expect((await call(app, memberB, 'PUT', `${themeUrl}/follow`, { following: false })).json()).toEqual({ following: false });
    const r = await call(app, memberA, 'POST', `${base(a)}/${a.id}/${themeId}/posts`, { body: 'Terima kasih semuanya.', threadId });
    expect(r.json().mailed).toBe(1); // only B2 (who posted) still follows
    const toB = await t.db.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', `forum:${r.json().id}:${b.voters[0]!.accountId}`).execute();
    expect(toB).toHaveLength(0);
  });

  it('keeps a network-scoped theme to its own cooperative until networks exist', async () => {
    const id = (await withTenant(t.db, a.id, async (trx) => {
      await sql.raw(`SET LOCAL lumbung.account_id = '${a.voters[0]!.accountId}'`).execute(trx);
      return trx.insertInto('forum_themes').values({ coop_id: a.id, scope: 'network', network_id: '11111111-1111-4111-8111-111111111111', title: 'Khusus jaringan', body: 'Isi', pemantik_account_id: a.voters[0]!.accountId!, pemantik_name: 'A' }).returning('id').executeTakeFirstOrThrow();
    })).id;
    expect((await call(app, memberB, 'GET', base(b))).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await call(app, memberB, 'GET', `${base(b)}/${a.id}/${id}`)).statusCode).toBe(404);
    expect((await call(app, memberA, 'GET', base(a))).json().items.map((x: { id: string }) => x.id)).toContain(id);
  });
});

describe('row-level security of the forum (the second wall)', () => {
  it('refuses changing another’s post, posting as someone else, and reading hidden text without the moderator setting', async () => {
    const post = await t.db.selectFrom('forum_posts').select(['id', 'author_account_id', 'theme_id']).where('coop_id', '=', a.id).where('author_coop_id', '=', b.id).where('hidden_at', 'is', null).executeTakeFirstOrThrow();
    const someoneElse = a.voters[1]!.accountId!;
    await withTenant(t.db, a.id, async (trx) => {
      await sql.raw(`SET LOCAL lumbung.account_id = '${someoneElse}'`).execute(trx);
      const upd = await trx.updateTable('forum_posts').set({ body: 'diubah' }).where('id', '=', post.id).executeTakeFirst();
      expect(Number(upd.numUpdatedRows)).toBe(0);
      const hidden = await trx.selectFrom('forum_hidden_bodies').selectAll().execute();
      expect(hidden).toEqual([]);
    });
    await expect(
      withTenant(t.db, a.id, async (trx) => {
        await sql.raw(`SET LOCAL lumbung.account_id = '${someoneElse}'`).execute(trx);
        await trx.insertInto('forum_posts').values({ coop_id: a.id, theme_id: post.theme_id, author_account_id: post.author_account_id, author_coop_id: b.id, author_name: 'Palsu', author_coop_name: 'X', body: 'atas nama orang lain' }).execute();
      })
    ).rejects.toThrow(/row-level security/);
    // From B's transaction, even as the post's own author and with the moderator setting: nothing of A's.
    const author = post.author_account_id;
    await withTenant(t.db, b.id, async (trx) => {
      await sql.raw(`SET LOCAL lumbung.account_id = '${author}'`).execute(trx);
      await sql.raw(`SET LOCAL lumbung.forum_moderator = 'on'`).execute(trx);
      const upd = await trx.updateTable('forum_posts').set({ body: 'diubah dari B' }).where('id', '=', post.id).executeTakeFirst();
      expect(Number(upd.numUpdatedRows)).toBe(0);
      expect(await trx.selectFrom('forum_hidden_bodies').selectAll().where('coop_id', '=', a.id).execute()).toEqual([]);
    });
    await expect(
      withTenant(t.db, b.id, async (trx) => {
        await sql.raw(`SET LOCAL lumbung.account_id = '${author}'`).execute(trx);
        await trx.insertInto('forum_posts').values({ coop_id: a.id, theme_id: post.theme_id, author_account_id: author, author_coop_id: b.id, author_name: 'B', author_coop_name: 'B', body: 'lewat B' }).execute();
      })
    ).rejects.toThrow(/row-level security/);
    // Coop B's own transaction sees A's instance themes but none of A's posts.
    await withTenant(t.db, b.id, async (trx) => {
      expect((await trx.selectFrom('forum_posts').select('id').where('coop_id', '=', a.id).execute()).length).toBe(0);
      expect((await trx.selectFrom('forum_themes').select('id').where('coop_id', '=', a.id).where('scope', '=', 'instance').execute()).length).toBeGreaterThan(0);
      const upd = await trx.updateTable('forum_themes').set({ title: 'diubah B' }).where('coop_id', '=', a.id).executeTakeFirst();
      expect(Number(upd.numUpdatedRows)).toBe(0);
    });
  });
});

describe('session materials', () => {
  it('uploads by content type, refuses other content, and lets only enrolled people download', async () => {
    const staf = await signInAs(app, a.accounts.staf);
    const edu = `/api/v1/coops/${a.id}/education`;
    const p = await call(app, staf, 'POST', `${edu}/programmes`, { title: 'Perkoperasian dasar', kind: 'perkoperasian', audience: 'members' });
    const pid = p.json().id;
    const s = await call(app, staf, 'POST', `${edu}/programmes/${pid}/sessions`, { topic: 'Sejarah koperasi', startsAt: '2030-01-01T09:00:00+07:00', endsAt: '2030-01-01T11:00:00+07:00' });
    const sid = s.json().id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const up = await call(app, staf, 'POST', `${edu}/sessions/${sid}/materials?filename=${encodeURIComponent('../Modul 1.exe')}`, pdf, { 'content-type': 'application/octet-stream' });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileName: 'Modul 1.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    const exe = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff]);
    const refused = await call(app, staf, 'POST', `${edu}/sessions/${sid}/materials?filename=modul.pdf`, exe, { 'content-type': 'application/pdf' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0]).toMatchObject({ field: 'file', code: 'edu_material_type' });
    const member = await login(a, 1);
    expect((await call(app, member, 'POST', `${edu}/sessions/${sid}/materials?filename=x.pdf`, pdf, { 'content-type': 'application/pdf' })).statusCode).toBe(403);
    const mid = up.json().id;
    expect((await call(app, member, 'GET', `${edu}/sessions/${sid}/materials/${mid}`)).statusCode).toBe(403);
    expect((await call(app, member, 'GET', `${edu}/sessions/${sid}/materials`)).json()).toEqual({ items: [], may: { read: false, upload: false } });
    expect((await call(app, member, 'POST', `${edu}/programmes/${pid}/enrolments`, {})).statusCode).toBe(201);
    const got = await call(app, member, 'GET', `${edu}/sessions/${sid}/materials/${mid}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(pdf)).toBe(true);
    // Another coop's member cannot reach it at all.
    const outsider = await login(b, 0);
    expect((await call(app, outsider, 'GET', `${edu}/sessions/${sid}/materials/${mid}`)).statusCode).toBe(404);
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'education.material.upload').execute()).toHaveLength(1);
  });
});
