import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import { isAppError } from '../../src/kernel/errors.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { closeMeeting } from '../../src/governance/close-meeting.js';
import { recordAttendance } from '../../src/governance/record-attendance.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { statePosition } from '../../src/governance/state-position.js';
import { declareConsensus } from '../../src/governance/declare-consensus.js';
import { approveMinutes } from '../../src/governance/approve-minutes.js';
import { getMinutes } from '../../src/governance/get-minutes.js';
import { minutesPdf } from '../../src/governance/minutes-pdf.js';

/** Issue 14 item 3: minutes name who attended, carry the decisions, and are approved as the charter has it. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});
const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function closedMeeting(coop: GovCoop, startsInHours = 1) {
  const ketua = coop.ctx('ketua');
  const m = await scheduleMeeting(ketua, { kind: 'regular', title: `Rapat ${startsInHours}`, startsAt: hoursFromNow(startsInHours), agenda: ['Keuangan'] });
  await openMeeting(ketua, m.id);
  for (const v of coop.voters.slice(0, 2)) await recordAttendance(ketua, m.id, { memberId: v.memberId });
  const d = await proposeDecision(ketua, { title: 'Menerima laporan keuangan', meetingId: m.id, agendaItemId: m.agenda[0]!.id });
  for (const v of coop.voters.slice(0, 2)) await statePosition(coop.memberCtx(v), d.id, { stance: 'agree' });
  await declareConsensus(ketua, d.id);
  await closeMeeting(ketua, m.id);
  return m;
}

describe('approving minutes', () => {
  it('never lets one officer alone approve: the chair signs, a second signature by the same person changes nothing, the secretary approves', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const m = await closedMeeting(coop);
    expect((await approveMinutes(coop.ctx('ketua'), m.id, {})).status).toBe('draft');
    const again = await approveMinutes(coop.ctx('ketua'), m.id, {});
    expect(again.status).toBe('draft');
    expect(again.signatures.map((s) => s.role)).toEqual(['ketua']);
    const done = await approveMinutes(coop.ctx('sekretaris'), m.id, {});
    expect(done.status).toBe('approved');
    const audit = await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', coop.id).where('action', 'like', 'minutes.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['minutes.sign', 'minutes.sign', 'minutes.approve']);
  });

  it('approves at a later meeting only, and refuses an earlier one', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const earlier = await scheduleMeeting(coop.ctx('ketua'), { kind: 'regular', title: 'Rapat sebelumnya', startsAt: hoursFromNow(0.5) });
    const m = await closedMeeting(coop, 2);
    const next = await scheduleMeeting(coop.ctx('ketua'), { kind: 'regular', title: 'Rapat berikutnya', startsAt: hoursFromNow(24 * 30) });
    const err = await approveMinutes(coop.ctx('sekretaris'), m.id, { approvedAtMeetingId: earlier.id }).catch((e: unknown) => e);
    expect(err).toSatisfy(code('VALIDATION_FAILED'));
    expect((err as { fields: { code: string }[] }).fields[0]!.code).toBe('minutes_meeting_not_later');
    const approved = await approveMinutes(coop.ctx('sekretaris'), m.id, { approvedAtMeetingId: next.id });
    expect(approved).toMatchObject({ status: 'approved', approvedAtMeetingId: next.id });
  });

  it('names who attended and who did not, and gives a PDF with the decisions and signature lines', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const m = await closedMeeting(coop);
    const mn = await getMinutes(coop.ctx('anggota'), m.id);
    expect(mn.attendees.map((a) => a.fullName)).toEqual([coop.voters[0]!.name, coop.voters[1]!.name]);
    expect(mn.absentees.map((a) => a.fullName)).toEqual([coop.voters[2]!.name]);
    expect(mn.items[0]!.decisions.map((d) => d.outcome)).toEqual(['consensus']);
    const pdf = await minutesPdf(coop.ctx('anggota'), m.id);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.body.length).toBeGreaterThan(1000);
  });
});
