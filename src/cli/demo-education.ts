import type { TenantCtx } from '../kernel/context.js';
import { listMembers } from '../members/list-members.js';
import { listMeetings } from '../governance/list-meetings.js';
import { createProgramme } from '../education/create-programme.js';
import { addSession } from '../education/add-session.js';
import { enrolParticipant } from '../education/enrol.js';
import { closeSession, markAttendance } from '../education/mark-attendance.js';
import { issueCertificate } from '../education/certificates.js';
import { markForumHelpful, openForumTheme, postToForum } from '../education/forum.js';
import type { Role } from '../db/schema.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Education demo (after the governance demo, whose monthly meeting becomes a session too):
 * a cooperative-education programme with two past sessions, attendance and a certificate,
 * and a writing class whose session is the monthly members' meeting. ctx: the ketua.
 */
export async function seedEducationDemo(ctx: TenantCtx): Promise<void> {
  const members = (await listMembers(ctx, { status: 'active', pageSize: 200 })).items;
  if (members.length < 4) return;
  const facilitator = members[0]!;
  const participants = members.slice(1, 7);
  const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

  const basics = await createProgramme(ctx, {
    title: 'Pendidikan perkoperasian untuk anggota',
    kind: 'perkoperasian',
    audience: 'members',
    description: 'Nilai dan prinsip koperasi, hak dan kewajiban anggota, membaca laporan RAT.',
    topics: ['Tujuh prinsip koperasi', 'Membaca laporan keuangan koperasi'],
    facilitatorMemberIds: [facilitator.id],
    outsideFacilitators: ['Dinas Koperasi dan UKM Kota Yogyakarta'],
    budget: 1_500_000,
    minAttendanceBp: 7500
  });
  const enrolments = [];
  for (const m of participants) enrolments.push(await enrolParticipant(ctx, basics.id, { memberId: m.id }));
  const sessions = [
    await addSession(ctx, basics.id, { topic: 'Tujuh prinsip koperasi', startsAt: at(40 * DAY), endsAt: at(40 * DAY - 2 * HOUR), venue: 'Sanggar Lumbung Sari', facilitatorMemberId: facilitator.id }),
    await addSession(ctx, basics.id, { topic: 'Membaca laporan keuangan koperasi', startsAt: at(20 * DAY), endsAt: at(20 * DAY - 2 * HOUR), venue: 'Sanggar Lumbung Sari', facilitatorMemberId: facilitator.id })
  ];
  for (const [si, s] of sessions.entries()) {
    for (const [i, e] of enrolments.entries()) if (i < 4 || (si === 0 && i === 4)) await markAttendance(ctx, s.id, { enrolmentId: e.enrolmentId, status: 'present' });
    await closeSession(ctx, s.id);
  }
  await issueCertificate(ctx, basics.id, { enrolmentId: enrolments[0]!.enrolmentId });

  // The monthly members' meeting is also the writing class's session: its attendance counts there.
  const monthly = (await listMeetings(ctx, { pageSize: 50 })).items.find((m) => m.kind === 'regular' && m.title.includes('kelas menulis'));
  const writing = await createProgramme(ctx, { title: 'Kelas menulis zine', kind: 'keterampilan', productLine: 'aksara', audience: 'members', topics: ['Menulis cerita kampung', 'Tata letak zine'], facilitatorMemberIds: [facilitator.id], budget: 750_000 });
  for (const m of members.slice(0, 8)) await enrolParticipant(ctx, writing.id, { memberId: m.id });
  if (monthly) {
    const start = new Date(monthly.startsAt).getTime();
    await addSession(ctx, writing.id, { topic: 'Rapat bulanan: kelas menulis zine', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * HOUR).toISOString(), venue: monthly.location ?? 'Sanggar Lumbung Sari', meetingId: monthly.id });
  }
}

/**
 * The peer-learning forum (decision 0165): the sekretaris opens a theme as its pemantik with a
 * discussion in a week, members reply in a thread, and the pemantik marks one reply helpful.
 * `as(email, role)`: the context of a demo officer.
 */
export async function seedForumDemo(as: (email: string, role: Role) => Promise<TenantCtx | null>): Promise<void> {
  const pemantik = await as('sekretaris@lumbung.test', 'sekretaris');
  const dewi = await as('anggota@lumbung.test', 'anggota');
  const ratna = await as('bendahara@lumbung.test', 'bendahara');
  if (!pemantik || !dewi || !ratna) return;
  const week = new Date(Date.now() + 7 * DAY);
  const day = week.toISOString().slice(0, 10);
  const theme = await openForumTheme(pemantik, {
    title: 'Menentukan harga karya: dari biaya bahan sampai dana bersama',
    body: 'Banyak teman di koperasi kita masih menebak harga karya. Saya pemantik tema ini: mari berbagi cara menghitung harga — bahan, jam kerja, dan bagian untuk dana bersama — supaya tidak ada yang menjual di bawah biaya.',
    sessionStartsAt: `${day}T19:30:00+07:00`,
    sessionEndsAt: `${day}T21:00:00+07:00`,
    sessionPlace: 'Sanggar Lumbung Sari dan daring'
  });
  const thread = await postToForum(pemantik, theme.coopId, theme.id, { body: 'Pertanyaan pembuka: apakah jam kerja Anda ikut dihitung dalam harga?' });
  const helpful = await postToForum(dewi, theme.coopId, theme.id, {
    threadId: thread.id,
    body: 'Saya menghitung jam latihan dan pentas, Rp25.000 per jam, lalu menambahkan 10 % untuk dana bersama koperasi. Harga tiket kelompok keroncong kami naik sedikit, tetapi penonton mengerti.'
  });
  await postToForum(ratna, theme.coopId, theme.id, { threadId: thread.id, body: 'Dari sisi pembukuan: catat biaya bahan per karya, supaya harga pokok terlihat saat RAT.' });
  await markForumHelpful(pemantik, theme.coopId, theme.id, helpful.id);
}
