import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, signInAs, testApp, type Session } from '../support/fixtures.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import type { App } from '../../src/server/types.js';
import { PASSWORD } from '../support/fixtures.js';
import { createProgramme } from '../../src/education/create-programme.js';
import { addSession } from '../../src/education/add-session.js';
import { enrolParticipant, enrolSelf } from '../../src/education/enrol.js';
import { checkInSelf } from '../../src/education/check-in.js';
import { closeEndedSessions, closeSession, markAttendance } from '../../src/education/mark-attendance.js';
import { getSession } from '../../src/education/get-session.js';
import { getLearningRecord } from '../../src/education/learning-record.js';
import { getProgramme } from '../../src/education/get-programme.js';
import { recordSpending } from '../../src/education/record-spending.js';
import { getEducationFacts } from '../../src/education/get-education-facts.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { recordAttendance } from '../../src/governance/record-attendance.js';
import { closeMeeting } from '../../src/governance/close-meeting.js';
import { addMember } from '../../src/members/add-member.js';
import { approveMember } from '../../src/members/approve-member.js';
import { adoptCharter } from '../../src/charters/adopt-charter.js';
import { getCharter } from '../../src/charters/get-charter.js';
import { getCompliance } from '../../src/charters/get-compliance.js';
import { isAppError } from '../../src/kernel/errors.js';
import { getRatReport } from '../../src/reports/get-rat-report.js';
import { jakartaDate } from '../../src/kernel/clock.js';
import ExcelJS from 'exceljs';
import { RAT_SHEETS, renderRatPdf, renderRatXlsx } from '../../src/reports/render.js';

let t: TestDb;
let app: App;
let coop: GovCoop;
let other: GovCoop;

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
const MIN = 60_000;
const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;
const login = (c: GovCoop, i: number) => signInAs(app, { email: c.voters[i]!.email!, password: PASSWORD });
const attendanceRows = async (sessionId: string) => t.db.selectFrom('edu_attendance').selectAll().where('session_id', '=', sessionId).execute();

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  coop = await seedGovernanceCoop(t.db, { members: 6, accounts: 5, template: 'jamaah_produksi' });
  other = await seedGovernanceCoop(t.db, { members: 1, accounts: 1 });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('programme, enrolment, self check-in, completion, certificate, record', () => {
  it('runs a programme end to end through the API, and the certificate verifies publicly', async () => {
    const staf = await signInAs(app, coop.accounts.staf);
    const base = `/api/v1/coops/${coop.id}/education`;
    const created = await call(app, staf, 'POST', `${base}/programmes`, {
      title: 'Literasi keuangan keluarga',
      kind: 'literasi_keuangan',
      audience: 'members',
      topics: ['Anggaran rumah tangga', 'Simpanan'],
      facilitatorMemberIds: [coop.voters[0]!.memberId],
      budget: 500_000,
      minAttendanceBp: 5000
    });
    expect(created.statusCode).toBe(201);
    const pid = created.json().id;
    const s1 = await call(app, staf, 'POST', `${base}/programmes/${pid}/sessions`, { topic: 'Anggaran', startsAt: iso(-20 * MIN), endsAt: iso(70 * MIN), venue: 'Balai RT' });
    expect(s1.statusCode).toBe(201);
    const s2 = await call(app, staf, 'POST', `${base}/programmes/${pid}/sessions`, { topic: 'Simpanan', startsAt: iso(7 * 24 * 60 * MIN), endsAt: iso(7 * 24 * 60 * MIN + 90 * MIN) });
    expect(s2.statusCode).toBe(201);
    const sid = s1.json().id;

    const member = await login(coop, 1);
    expect((await call(app, member, 'POST', `${base}/programmes/${pid}/enrolments`, {})).statusCode).toBe(201);
    // Member sees the session but not its code or list.
    const seen = await call(app, member, 'GET', `${base}/sessions/${sid}`);
    expect(seen.json()).toMatchObject({ checkinCode: null, attendance: [] });
    // The facilitator (a plain member, named on the programme) sees the code.
    const facilitator = await login(coop, 0);
    const fac = await call(app, facilitator, 'GET', `${base}/sessions/${sid}`);
    const checkinCode = fac.json().checkinCode as string;
    expect(checkinCode).toMatch(/^[A-Z2-9]{8}$/);

    const ok = await call(app, member, 'POST', `${base}/check-in`, { code: checkinCode.toLowerCase() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ sessionId: sid, alreadyPresent: false });
    const again = await call(app, member, 'POST', `${base}/check-in`, { code: checkinCode });
    expect(again.json()).toMatchObject({ alreadyPresent: true });
    expect(await attendanceRows(sid)).toHaveLength(1);

    // 1 of 2 sessions at 50 %: completed.
    const prog = (await call(app, member, 'GET', `${base}/programmes/${pid}`)).json();
    expect(prog.participants).toHaveLength(1);
    expect(prog.participants[0].completion).toMatchObject({ completed: true, attended: 1, required: 1 });
    const cert = await call(app, member, 'POST', `${base}/programmes/${pid}/certificates`, { enrolmentId: prog.participants[0].enrolmentId });
    expect(cert.statusCode).toBe(201);
    const certCode = cert.json().code;
    const verify = await call(app, null, 'GET', `/api/v1/public/coops/${coop.slug}/certificates/${certCode}`);
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toEqual({ holderName: coop.voters[1]!.name, programmeTitle: 'Literasi keuangan keluarga', sessionTopic: null, completedOn: expect.any(String), coopName: expect.any(String), coopSlug: coop.slug });
    expect((await call(app, null, 'GET', `/api/v1/public/coops/${coop.slug}/certificates/${'x'.repeat(22)}`)).statusCode).toBe(404);
    const pdf = await call(app, member, 'GET', `${base}/certificates/${certCode}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Another member may not download it.
    expect((await call(app, await login(coop, 2), 'GET', `${base}/certificates/${certCode}/pdf`)).statusCode).toBe(403);

    const record = (await call(app, member, 'GET', `${base}/record`)).json();
    expect(record.totalMinutes).toBe(90);
    expect(record.years[0].sessions[0]).toMatchObject({ topic: 'Anggaran', minutes: 90 });
    expect(record.certificates).toEqual([expect.objectContaining({ code: certCode })]);
    expect(record.publicToken).toBeNull();
    const link = await call(app, member, 'PUT', `${base}/record/public-link`, { on: true });
    const pub = await call(app, null, 'GET', `/api/v1/public/coops/${coop.slug}/learning-records/${link.json().token}`);
    expect(pub.json()).toMatchObject({ name: coop.voters[1]!.name, totalMinutes: 90 });
    await call(app, member, 'PUT', `${base}/record/public-link`, { on: false });
    expect((await call(app, null, 'GET', `/api/v1/public/coops/${coop.slug}/learning-records/${link.json().token}`)).statusCode).toBe(404);
    // The board reads anyone's record and exports it; a member only their own.
    expect((await call(app, await signInAs(app, coop.accounts.pengawas), 'GET', `${base}/records/${coop.voters[1]!.memberId}`)).statusCode).toBe(200);
    expect((await call(app, await login(coop, 2), 'GET', `${base}/records/${coop.voters[1]!.memberId}`)).statusCode).toBe(403);
    const xlsx = await call(app, staf, 'GET', `${base}/records/${coop.voters[1]!.memberId}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('check-in refusals change nothing and say why', () => {
  let pid: string;
  let live: { id: string; code: string };
  beforeAll(async () => {
    const ketua = coop.ctx('ketua');
    pid = (await createProgramme(ketua, { title: 'Pendidikan perkoperasian dasar', kind: 'perkoperasian', audience: 'members' })).id;
    const s = await addSession(ketua, pid, { topic: 'Sejarah koperasi', startsAt: iso(-5 * MIN), endsAt: iso(55 * MIN), capacity: 1 });
    live = { id: s.id, code: s.checkinCode! };
    await enrolSelf(coop.memberCtx(coop.voters[2]!), pid);
    await enrolSelf(coop.memberCtx(coop.voters[3]!), pid);
  });

  it('refuses an unknown code, a person not enrolled, a full session, early and ended sessions', async () => {
    const base = `/api/v1/coops/${coop.id}/education`;
    const v4 = await login(coop, 4);
    const unknown = await call(app, v4, 'POST', `${base}/check-in`, { code: 'ZZZZZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('Kode presensi tidak dikenal');
    const v4en = { ...v4, cookie: `${v4.cookie}; lang=en` };
    const notEnrolled = await call(app, v4en, 'POST', `${base}/check-in`, { code: live.code });
    expect(notEnrolled.statusCode).toBe(403);
    expect(notEnrolled.json().message).toContain('not enrolled');
    expect(await attendanceRows(live.id)).toHaveLength(0);

    await checkInSelf(coop.memberCtx(coop.voters[2]!), { code: live.code });
    await expect(checkInSelf(coop.memberCtx(coop.voters[3]!), { code: live.code })).rejects.toSatisfy(code('EDU_SESSION_FULL'));
    expect((await attendanceRows(live.id)).map((r) => r.status)).toEqual(['present']);

    const ketua = coop.ctx('ketua');
    const early = await addSession(ketua, pid, { topic: 'Nilai koperasi', startsAt: iso(24 * 60 * MIN), endsAt: iso(25 * 60 * MIN) });
    await expect(checkInSelf(coop.memberCtx(coop.voters[2]!), { code: early.checkinCode! })).rejects.toSatisfy(code('EDU_CHECKIN_EARLY'));
    const ended = await addSession(ketua, pid, { topic: 'Prinsip koperasi', startsAt: iso(-180 * MIN), endsAt: iso(-60 * MIN) });
    await expect(checkInSelf(coop.memberCtx(coop.voters[2]!), { code: ended.checkinCode! })).rejects.toSatisfy(code('EDU_CHECKIN_ENDED'));
    expect(await attendanceRows(early.id)).toHaveLength(0);
    expect(await attendanceRows(ended.id)).toHaveLength(0);

    // The clock's sweep closes the ended session and marks the unmarked absent; the live one stays open.
    const system = { ...ketua, actor: { ...ketua.actor, via: 'system' as const } };
    expect(await closeEndedSessions(system)).toBe(1);
    const closed = await getSession(ketua, ended.id);
    expect(closed).toMatchObject({ closed: true, counts: { present: 0, absent: 2, unmarked: 0 } });
    expect((await getSession(ketua, live.id)).closed).toBe(false);
    expect((await closeSession(ketua, ended.id)).counts.absent).toBe(2);
  });

  it('refuses bad programme and session input with field errors', async () => {
    const staf = await signInAs(app, coop.accounts.staf);
    const base = `/api/v1/coops/${coop.id}/education`;
    const before = await t.db.selectFrom('edu_programmes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const neg = await call(app, staf, 'POST', `${base}/programmes`, { title: 'Anggaran minus', kind: 'kritis', audience: 'members', budget: -1 });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().fields[0].field).toBe('budget');
    const long = await call(app, { ...staf, cookie: `${staf.cookie}; lang=en` }, 'POST', `${base}/programmes/${pid}/sessions`, { topic: 'Terlalu lama', startsAt: iso(0), endsAt: iso(25 * 60 * MIN) });
    expect(long.statusCode).toBe(400);
    expect(long.json().fields).toEqual([expect.objectContaining({ field: 'endsAt', message: 'A session lasts 24 hours at most.' })]);
    const after = await t.db.selectFrom('edu_programmes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('permissions: a member never marks anyone, a facilitator only their own sessions, pengawas reads only', async () => {
    const base = `/api/v1/coops/${coop.id}/education`;
    const enrolments = (await getProgramme(coop.ctx('ketua'), pid)).participants;
    const target = enrolments[1]!.enrolmentId;
    const url = `${base}/sessions/${live.id}/attendance`;
    expect((await call(app, await login(coop, 2), 'POST', url, { enrolmentId: target, status: 'present' })).statusCode).toBe(403);
    expect((await call(app, await signInAs(app, coop.accounts.pengawas), 'POST', url, { enrolmentId: target, status: 'present' })).statusCode).toBe(403);
    expect((await call(app, await signInAs(app, coop.accounts.pengawas), 'GET', `${base}/sessions/${live.id}`)).json().attendance).toHaveLength(2);
    // voters[0] facilitates another programme's sessions, not this one.
    expect((await call(app, await login(coop, 0), 'POST', url, { enrolmentId: target, status: 'present' })).statusCode).toBe(403);
    // Named as this session's facilitator, they may.
    const ketua = coop.ctx('ketua');
    const own = await addSession(ketua, pid, { topic: 'Praktik rapat', startsAt: iso(-5 * MIN), endsAt: iso(60 * MIN), facilitatorMemberId: coop.voters[0]!.memberId });
    const res = await call(app, await login(coop, 0), 'POST', `${base}/sessions/${own.id}/attendance`, { enrolmentId: target, status: 'present' });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toMatchObject({ present: 1 });
    expect((await call(app, await signInAs(app, other.accounts.ketua), 'GET', `${base}/sessions/${own.id}`)).statusCode).toBe(404);
    const fromOther = await markAttendance(other.ctx('ketua'), own.id, { enrolmentId: target, status: 'absent' }).catch((e) => e);
    expect(isAppError(fromOther) && fromOther.code).toBe('EDU_SESSION_NOT_FOUND');
  });
});

describe('concurrency', () => {
  it('30 parallel check-ins of one member store one attendance row', async () => {
    const ketua = coop.ctx('ketua');
    const pid = (await createProgramme(ketua, { title: 'Pendidikan kritis', kind: 'kritis', audience: 'members' })).id;
    const s = await addSession(ketua, pid, { topic: 'Membaca keadaan desa', startsAt: iso(-5 * MIN), endsAt: iso(60 * MIN), capacity: 5 });
    const who = coop.memberCtx(coop.voters[4]!);
    await enrolSelf(who, pid);
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => checkInSelf(who, { code: s.checkinCode! })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results.filter((r) => r.status === 'fulfilled' && !r.value.alreadyPresent)).toHaveLength(1);
    expect(await attendanceRows(s.id)).toHaveLength(1);
    const row = await t.db.selectFrom('edu_sessions').select('present_count').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.present_count).toBe(1);
  });

  it('parallel enrolments into the last place: one gets it, no overbooking', async () => {
    const ketua = coop.ctx('ketua');
    const pid = (await createProgramme(ketua, { title: 'Kepemimpinan pengurus', kind: 'kepemimpinan', audience: 'board', capacity: 2 })).id;
    await enrolSelf(coop.memberCtx(coop.voters[0]!), pid);
    const contenders = coop.voters.slice(1, 5);
    const results = await Promise.allSettled(contenders.map((v) => enrolSelf(coop.memberCtx(v), pid)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && code('EDU_PROGRAMME_FULL')(r.reason))).toHaveLength(3);
    const n = await t.db.selectFrom('edu_enrolments').select((eb) => eb.fn.countAll<string>().as('n')).where('programme_id', '=', pid).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
    const p = await t.db.selectFrom('edu_programmes').select('enrolled_count').where('id', '=', pid).executeTakeFirstOrThrow();
    expect(p.enrolled_count).toBe(2);
  });
});

describe('a members’ meeting that is an education session', () => {
  it('counts the meeting’s attendance without entering it twice, and the charter sees it', async () => {
    const ketua = coop.ctx('ketua');
    const pid = (await createProgramme(ketua, { title: 'Pendidikan kritis jamaah', kind: 'kritis', audience: 'members' })).id;
    await enrolSelf(coop.memberCtx(coop.voters[1]!), pid);
    await enrolParticipant(ketua, pid, { memberId: coop.voters[5]!.memberId });
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat jamaah Desember', startsAt: iso(60 * MIN) });
    const s = await addSession(ketua, pid, { topic: 'Rapat jamaah', startsAt: iso(60 * MIN), endsAt: iso(180 * MIN), meetingId: m.id });
    await openMeeting(ketua, m.id);
    await recordAttendance(ketua, m.id, { memberId: coop.voters[1]!.memberId });
    const record = await getLearningRecord(coop.memberCtx(coop.voters[1]!), null);
    expect(record.years.flatMap((y) => y.sessions).some((x) => x.sessionId === s.id)).toBe(true);
    const prog = await getProgramme(ketua, pid);
    expect(prog.participants.find((p) => p.memberId === coop.voters[1]!.memberId)!.attended).toBe(1);
    expect(prog.participants.find((p) => p.memberId === coop.voters[5]!.memberId)!.attended).toBe(0);
    expect(await attendanceRows(s.id)).toHaveLength(0);
    await closeMeeting(ketua, m.id);
    const facts = await getEducationFacts(ketua);
    expect(facts).toMatchObject({ meetings: 1, meetingsEducation: 1 });
    const compliance = await getCompliance(ketua);
    expect(compliance.items.find((i) => i.ruleKey === 'meetingsEducation')).toMatchObject({ status: 'pass' });
    expect(compliance.education.activeWithSession).toBeGreaterThanOrEqual(1);
  });
});

describe('charter rules and the education fund', () => {
  it('refuses to approve a candidate without the candidates’ education, then approves after it', async () => {
    const ketua = coop.ctx('ketua');
    const charter = (await getCharter(ketua))!;
    await adoptCharter(ketua, { rules: { ...charter.rules, education: { candidateEducationRequired: true, minHoursPerYear: 2 } }, note: 'Keputusan rapat: pendidikan calon anggota wajib', baseVersion: charter.version });
    const applicant = await addMember(ketua, { fullName: 'Calon Anggota Baru', gender: 'F' });
    const refused = await approveMember(ketua, applicant.id, { meetingRef: 'Rapat anggota Desember' }).catch((e) => e);
    expect(isAppError(refused) && refused.code).toBe('EDU_CANDIDATE_NOT_EDUCATED');
    expect((await t.db.selectFrom('members').select('status').where('id', '=', applicant.id).executeTakeFirstOrThrow()).status).toBe('applicant');

    const pid = (await createProgramme(ketua, { title: 'Pendidikan calon anggota', kind: 'calon_anggota', audience: 'candidates' })).id;
    const s = await addSession(ketua, pid, { topic: 'Mengenal koperasi', startsAt: iso(-30 * MIN), endsAt: iso(30 * MIN) });
    const e = await enrolParticipant(ketua, pid, { memberId: applicant.id });
    expect(e.kind).toBe('candidate');
    await markAttendance(ketua, s.id, { enrolmentId: e.enrolmentId, status: 'present' });
    const approved = await approveMember(ketua, applicant.id, { meetingRef: 'Rapat anggota Desember' });
    expect(approved.status).toBe('active');
    const compliance = await getCompliance(ketua);
    expect(compliance.items.find((i) => i.ruleKey === 'education.candidate')).toMatchObject({ status: 'fail' });
    expect(compliance.items.find((i) => i.ruleKey === 'education.hours')).toBeDefined();
  });

  it('spending from the education fund posts one journal entry tagged with the programme', async () => {
    const ketua = coop.ctx('ketua');
    const pid = (await createProgramme(ketua, { title: 'Keterampilan batik', kind: 'keterampilan', productLine: 'busana', audience: 'members', budget: 1_000_000 })).id;
    const view = await recordSpending(coop.ctx('bendahara'), pid, { amount: 250_000, description: 'Kain dan malam batik', spentOn: new Date().toISOString().slice(0, 10) });
    expect(view).toMatchObject({ budget: 1_000_000, spent: 250_000 });
    const entry = await t.db.selectFrom('journal_entries').select(['source', 'source_ref']).where('id', '=', view.spending[0]!.entryId).executeTakeFirstOrThrow();
    expect(entry).toEqual({ source: 'education', source_ref: pid });
    await expect(recordSpending(coop.ctx('sekretaris'), pid, { amount: 1, description: 'Tidak boleh', spentOn: '2026-01-01' })).rejects.toSatisfy(code('FORBIDDEN'));

    // The RAT report's education section is built from these records.
    const rat = await getRatReport(ketua, Number(jakartaDate(new Date()).slice(0, 4)));
    expect(rat.education.programmes.find((p) => p.title === 'Keterampilan batik')).toMatchObject({ budget: 1_000_000, spent: 250_000 });
    expect(rat.education.sessions).toBeGreaterThanOrEqual(5);
    expect(rat.education.participants).toBeGreaterThanOrEqual(3);
    expect(rat.narrative.join(' ')).toContain('Pendidikan (prinsip 5)');
    // The per-programme table (decision 0165) in the workbook's funds sheet, and the PDF renders with it.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderRatXlsx(rat, 'id')) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet(RAT_SHEETS[11])!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.some((r) => r[0] === 'Program pendidikan tahun ini')).toBe(true);
    const batik = rat.education.programmes.find((p) => p.title === 'Keterampilan batik')!;
    expect(rows.find((r) => r[0] === 'Keterampilan batik')).toEqual(['Keterampilan batik', batik.sessions, batik.participants, Math.round((batik.minutes / 60) * 10) / 10, 1_000_000, 250_000]);
    const total = rows[rows.length - 1]!;
    expect(total.slice(1, 3)).toEqual([rat.education.sessions, rat.education.participants]);
    expect((await renderRatPdf(rat, 'id')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the API document', () => {
  it('documents the education routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of [
      '/api/v1/coops/{coopId}/education/programmes',
      '/api/v1/coops/{coopId}/education/programmes/{programmeId}/sessions',
      '/api/v1/coops/{coopId}/education/check-in',
      '/api/v1/coops/{coopId}/education/sessions/{sessionId}/attendance',
      '/api/v1/coops/{coopId}/education/record',
      '/api/v1/public/coops/{slug}/certificates/{code}',
      '/api/v1/coops/{coopId}/forum/themes',
      '/api/v1/coops/{coopId}/forum/themes/{themeCoopId}/{themeId}',
      '/api/v1/coops/{coopId}/forum/themes/{themeCoopId}/{themeId}/posts',
      '/api/v1/coops/{coopId}/forum/themes/{themeCoopId}/{themeId}/posts/{postId}/helpful',
      '/api/v1/coops/{coopId}/forum/themes/{themeCoopId}/{themeId}/posts/{postId}/hide',
      '/api/v1/coops/{coopId}/forum/themes/{themeCoopId}/{themeId}/follow',
      '/api/v1/coops/{coopId}/education/sessions/{sessionId}/materials',
      '/api/v1/coops/{coopId}/education/sessions/{sessionId}/materials/{materialId}'
    ]) {
      expect(doc.paths[p], p).toBeTruthy();
    }
  });
});
