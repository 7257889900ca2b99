import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import { isAppError } from '../../src/kernel/errors.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { closeMeeting } from '../../src/governance/close-meeting.js';
import { recordAttendance } from '../../src/governance/record-attendance.js';
import { recordExcuse } from '../../src/governance/record-excuse.js';
import { approveMinutes } from '../../src/governance/approve-minutes.js';
import { getMinutes } from '../../src/governance/get-minutes.js';
import { minutesPdf } from '../../src/governance/minutes-pdf.js';

/** Issue 14: excused absences (izin) recorded for a meeting and shown apart in its minutes. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});
const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;

async function closedMeeting(coop: GovCoop) {
  const ketua = coop.ctx('ketua');
  const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat bulanan', startsAt: new Date(Date.now() + 3600_000).toISOString() });
  await openMeeting(ketua, m.id);
  await recordAttendance(ketua, m.id, { memberId: coop.voters[0]!.memberId });
  await closeMeeting(ketua, m.id);
  return m;
}

describe('excused absences', () => {
  it('lists an excused member apart from the absentees, with the reason, on the page data and the PDF', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 3 });
    const m = await closedMeeting(coop);
    const [present, sick, away] = coop.voters;
    await recordExcuse(coop.ctx('sekretaris'), m.id, { memberId: sick!.memberId, excused: 'true', reason: 'Sakit' });
    const mn = await getMinutes(coop.ctx('anggota'), m.id);
    expect(mn.excused).toEqual([expect.objectContaining({ memberId: sick!.memberId, reason: 'Sakit' })]);
    expect(mn.absentees.map((a) => a.memberId)).not.toContain(sick!.memberId);
    expect(mn.absentees.map((a) => a.memberId)).toContain(away!.memberId);
    expect(mn.attendees.map((a) => a.fullName)).toContain(present!.name);
    const pdf = await minutesPdf(coop.ctx('ketua'), m.id);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    // Removing it puts the member back among the absentees; both changes are audited.
    await recordExcuse(coop.ctx('sekretaris'), m.id, { memberId: sick!.memberId, excused: 'false' });
    expect((await getMinutes(coop.ctx('ketua'), m.id)).excused).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', coop.id).where('action', 'like', 'meeting.excuse%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['meeting.excuse', 'meeting.excuse_removed']);
  });

  it('refuses an excuse for a member who attended, for a non-participant, from a plain member, and once the minutes are approved', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 3 });
    const m = await closedMeeting(coop);
    const attended = await recordExcuse(coop.ctx('ketua'), m.id, { memberId: coop.voters[0]!.memberId, excused: true }).catch((e: unknown) => e);
    expect(attended).toSatisfy(code('VALIDATION_FAILED'));
    expect((attended as { fields: { code: string }[] }).fields[0]!.code).toBe('excuse_attended');
    await expect(recordExcuse(coop.ctx('ketua'), m.id, { memberId: '00000000-0000-4000-8000-000000000000', excused: true })).rejects.toSatisfy(code('MEETING_NOT_ELIGIBLE'));
    await expect(recordExcuse(coop.ctx('anggota'), m.id, { memberId: coop.voters[1]!.memberId, excused: true })).rejects.toSatisfy(code('FORBIDDEN'));
    await approveMinutes(coop.ctx('ketua'), m.id, {});
    await approveMinutes(coop.ctx('sekretaris'), m.id, {});
    await expect(recordExcuse(coop.ctx('ketua'), m.id, { memberId: coop.voters[1]!.memberId, excused: true })).rejects.toSatisfy(code('MINUTES_APPROVED'));
    expect(await t.db.selectFrom('meeting_excuses').selectAll().where('coop_id', '=', coop.id).execute()).toEqual([]);
  });

  it('keeps one cooperative’s excuses away from another’s meetings', async () => {
    const a = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const b = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const m = await closedMeeting(a);
    // The other coop's ketua cannot touch this meeting: it does not exist for them.
    await expect(recordExcuse(b.ctx('ketua'), m.id, { memberId: a.voters[1]!.memberId, excused: true })).rejects.toSatisfy(code('MEETING_NOT_FOUND'));
  });
});
