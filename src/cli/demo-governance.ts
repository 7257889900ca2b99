import type { TenantCtx } from '../kernel/context.js';
import { listElectorate } from '../members/list-electorate.js';
import { scheduleMeeting } from '../governance/schedule-meeting.js';
import { openMeeting } from '../governance/open-meeting.js';
import { recordAttendance } from '../governance/record-attendance.js';
import { proposeDecision } from '../governance/propose-decision.js';
import { openVote } from '../governance/open-vote.js';
import { enterPaperBallot } from '../governance/enter-paper-ballot.js';
import { closeDecision } from '../governance/close-decision.js';
import { closeMeeting } from '../governance/close-meeting.js';
import { saveMinutes } from '../governance/save-minutes.js';
import { approveMinutes } from '../governance/approve-minutes.js';
import { statePosition } from '../governance/state-position.js';
import { addComment } from '../governance/add-comment.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The demo cooperative's democratic life, made through the governance use cases: last
 * RAT (two months ago) with attendance, a decided vote and approved minutes; and an open
 * proposal under musyawarah with some members' positions.
 * `memberCtx(accountId)` acts as one of the officers who are also members (they can sign in).
 */
export async function seedGovernanceDemo(asKetua: TenantCtx, memberCtx: (email: string) => Promise<TenantCtx | null>): Promise<void> {
  const at = (ms: number): TenantCtx => ({ ...asKetua, clock: { now: () => new Date(ms) } });
  const ratStart = Math.floor((Date.now() - 60 * DAY) / HOUR) * HOUR;
  const noticeAt = ratStart - 21 * DAY;
  const members = await listElectorate(asKetua);

  const rat = await scheduleMeeting(at(noticeAt), {
    kind: 'rat',
    title: 'Rapat Anggota Tahunan Tahun Buku 2025',
    startsAt: new Date(ratStart).toISOString(),
    endsAt: new Date(ratStart + 3 * HOUR).toISOString(),
    location: 'Pendapa Jl. Mondorakan 45, Kotagede',
    agenda: ['Laporan pertanggungjawaban pengurus 2025', 'Laporan pengawas', 'Rencana kerja dan anggaran 2026', 'Pameran bersama Festival Kotagede']
  });
  await openMeeting(at(ratStart), rat.id);
  // 17 of 22 members came (two followed online).
  const present = members.slice(0, 17);
  for (const [i, m] of present.entries()) {
    await recordAttendance(at(ratStart + (5 + i) * 60_000), rat.id, { memberId: m.memberId, participation: i >= 15 ? 'online' : 'in_person' });
  }
  const plan = await proposeDecision(at(ratStart + HOUR), { title: 'Mengesahkan rencana kerja dan anggaran 2026', body: 'Rencana kerja: dua pameran, satu album kompilasi, pelatihan membatik untuk remaja RT 3–6.', meetingId: rat.id, agendaItemId: rat.agenda[2]!.id });
  await openVote(at(ratStart + HOUR + 5 * 60_000), plan.id, { closesAt: new Date(ratStart + HOUR + 35 * 60_000).toISOString() });
  const choices: ('yes' | 'no' | 'abstain')[] = ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'abstain', 'yes'];
  for (const [i, m] of present.slice(0, 15).entries()) {
    await enterPaperBallot(at(ratStart + HOUR + (10 + i) * 60_000), plan.id, { memberId: m.memberId, choice: choices[i]! });
  }
  await closeDecision(at(ratStart + HOUR + 36 * 60_000), plan.id);
  await closeMeeting(at(ratStart + 3 * HOUR), rat.id);
  await saveMinutes(at(ratStart + 4 * HOUR), rat.id, {
    summary: 'RAT dibuka pukul 09.00 WIB oleh ketua, dihadiri 17 dari 22 anggota (kuorum tercapai). Laporan pengurus dan pengawas diterima. Rencana kerja 2026 disahkan dengan pemungutan suara.',
    notes: [
      { agendaItemId: rat.agenda[0]!.id, text: 'Ketua membacakan laporan; penjualan karya anggota naik. Tidak ada keberatan.' },
      { agendaItemId: rat.agenda[1]!.id, text: 'Pengawas menyatakan pembukuan tertib.' },
      { agendaItemId: rat.agenda[2]!.id, text: 'Dua anggota tidak setuju karena anggaran pameran dianggap terlalu besar; disahkan 12 setuju, 2 tidak setuju, 1 abstain.' },
      { agendaItemId: rat.agenda[3]!.id, text: 'Dibentuk panitia pameran: Wulan, Dimas, Nur.' }
    ]
  });
  const monthly = await scheduleMeeting(at(ratStart + 30 * DAY - 7 * DAY), { kind: 'regular', title: 'Rapat bulanan dan kelas menulis', startsAt: new Date(ratStart + 30 * DAY).toISOString(), location: 'Sanggar Lumbung Sari', agenda: ['Pengesahan notulen RAT', 'Kelas menulis zine'] });
  await openMeeting(at(ratStart + 30 * DAY), monthly.id);
  for (const m of members.slice(0, 14)) await recordAttendance(at(ratStart + 30 * DAY + 10 * 60_000), monthly.id, { memberId: m.memberId });
  await closeMeeting(at(ratStart + 30 * DAY + 2 * HOUR), monthly.id);
  await approveMinutes(at(ratStart + 30 * DAY + HOUR), rat.id, { approvedAtMeetingId: monthly.id });

  // An open proposal: members are deliberating.
  const open = await proposeDecision(asKetua, {
    title: 'Membeli mesin jahit bersama untuk lini Busana',
    body: 'Usulan: membeli dua mesin jahit dari dana cadangan usaha (Rp9.000.000) untuk dipakai bergiliran oleh anggota lini Busana.'
  });
  for (const [email, stance, reason] of [
    ['bendahara@lumbung.test', 'agree', null],
    ['anggota@lumbung.test', 'agree', null],
    ['pengawas@lumbung.test', 'disagree', 'Sebaiknya sewa dulu tiga bulan untuk melihat pemakaian.']
  ] as const) {
    const ctx = await memberCtx(email);
    if (!ctx) continue;
    await statePosition(ctx, open.id, { stance, reason });
    if (reason) await addComment(ctx, open.id, { body: reason });
  }
}
