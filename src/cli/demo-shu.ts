import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { withTenant } from '../db/tenant.js';
import { listElectorate } from '../members/list-electorate.js';
import { closePeriod } from '../ledger/close-period.js';
import { fiscalYearOf } from '../ledger/model.js';
import { scheduleMeeting } from '../governance/schedule-meeting.js';
import { openMeeting } from '../governance/open-meeting.js';
import { recordAttendance } from '../governance/record-attendance.js';
import { openVote } from '../governance/open-vote.js';
import { enterPaperBallot } from '../governance/enter-paper-ballot.js';
import { closeDecision } from '../governance/close-decision.js';
import { closeMeeting } from '../governance/close-meeting.js';
import { recordBusinessVolume, VOLUME_CATEGORIES } from '../surplus/business-volume.js';
import { computeShuRun } from '../surplus/compute-shu-run.js';
import { proposeShuRun } from '../surplus/propose-shu-run.js';
import { approveShuRun } from '../surplus/approve-shu-run.js';
import { postShuRun } from '../surplus/post-shu-run.js';
import { payShuShare } from '../surplus/pay-shu-share.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The demo cooperative's last complete fiscal year, distributed (issue #6): members' business
 * of that year, the year closed, the SHU computed, put on a RAT held three weeks ago whose paper
 * ballots pass it, approved, posted, and paid to a few members (one into simpanan sukarela);
 * the rest wait at the bendahara. Runs last: closing the year locks it for other seeds.
 * `bendahara` acts (shu.manage); `ketua` runs the meeting.
 */
export async function seedShuDemo(bendahara: TenantCtx, ketua: TenantCtx): Promise<void> {
  const coop = await bendahara.db.selectFrom('coops').select('fiscal_year_start_month').where('id', '=', bendahara.coopId).executeTakeFirstOrThrow();
  const current = fiscalYearOf(jakartaDate(bendahara.clock.now()), coop.fiscal_year_start_month);
  const last = fiscalYearOf(new Date(Date.parse(`${current.from}T00:00:00Z`) - DAY).toISOString().slice(0, 10), coop.fiscal_year_start_month);
  const year = Number(last.from.slice(0, 4));
  const members = await listElectorate(ketua);
  const joined = await bendahara.db.selectFrom('members').select(['id', 'joined_on']).where('coop_id', '=', bendahara.coopId).where('joined_on', 'is not', null).execute();
  const joinedOn = new Map(joined.map((m) => [m.id, String(m.joined_on)]));
  await withTenant(bendahara.db, bendahara.coopId, async (trx) => {
    for (const [i, m] of members.entries()) {
      const from = joinedOn.get(m.memberId);
      if (!from || from > last.to) continue;
      const day = from > last.from ? from : last.from;
      await recordBusinessVolume(trx, bendahara.coopId, 'demo', `shu-${year}-${i}`, [
        { memberId: m.memberId, category: i % 3 === 2 ? VOLUME_CATEGORIES.MEMBER_PURCHASES : VOLUME_CATEGORIES.WORK_SALES, amount: 150_000 + ((i * 137_000) % 900_000), occurredOn: day }
      ]);
    }
  });
  await closePeriod(bendahara, { throughDate: last.to });
  const run = await computeShuRun(bendahara, { fiscalYear: year });

  // The RAT that decides it: called 21 days ahead, held three weeks ago, paper ballots.
  const start = Math.floor((Date.now() - 21 * DAY) / HOUR) * HOUR;
  const at = (ctx: TenantCtx, ms: number): TenantCtx => ({ ...ctx, clock: { now: () => new Date(ms) } });
  const rat = await scheduleMeeting(at(ketua, start - 21 * DAY), {
    kind: 'rat',
    title: `Rapat Anggota Tahunan — pembagian SHU tahun buku ${year}`,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 2 * HOUR).toISOString(),
    location: 'Pendapa Jl. Mondorakan 45, Kotagede'
  });
  const proposed = await proposeShuRun(at(bendahara, start - 7 * DAY), run.id, { meetingId: rat.id });
  await openMeeting(at(ketua, start), rat.id);
  const present = members.slice(0, Math.max(1, Math.ceil(members.length * 0.7)));
  for (const [i, m] of present.entries()) await recordAttendance(at(ketua, start + (5 + i) * 60_000), rat.id, { memberId: m.memberId });
  await openVote(at(ketua, start + HOUR), proposed.decision!.id, { closesAt: new Date(start + HOUR + 30 * 60_000).toISOString() });
  for (const [i, m] of present.entries()) {
    await enterPaperBallot(at(ketua, start + HOUR + (1 + i) * 30_000), proposed.decision!.id, { memberId: m.memberId, choice: i % 9 === 8 ? 'abstain' : 'yes' });
  }
  await closeDecision(at(ketua, start + HOUR + 31 * 60_000), proposed.decision!.id);
  await closeMeeting(at(ketua, start + 2 * HOUR), rat.id);

  const approved = await approveShuRun(bendahara, run.id);
  if (approved.status !== 'approved') return;
  const posted = await postShuRun(bendahara, run.id);
  const payees = posted.members.filter((m) => m.payable > 0);
  for (const [i, m] of payees.slice(0, 4).entries()) {
    await payShuShare(bendahara, run.id, m.memberId, { method: i === 1 ? 'sukarela' : 'cash' }).catch(() => undefined);
  }
}
