import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedGovernanceCoop } from '../support/governance.js';
import { isAppError } from '../../src/kernel/errors.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { recordAttendance } from '../../src/governance/record-attendance.js';
import { recordAttendanceList } from '../../src/governance/record-attendance-list.js';

/** Issue 14 item 2: the officer's attendance list saved as one form. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});
const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;

describe('saving the whole attendance list', () => {
  it('checks in the ticked, records the unticked as left, leaves members not listed alone, and audits each change', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 6, accounts: 0 });
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat bulanan', startsAt: new Date(Date.now() + 3600_000).toISOString() });
    await expect(recordAttendanceList(ketua, m.id, { listed: [coop.voters[0]!.memberId], present: [coop.voters[0]!.memberId] })).rejects.toSatisfy(code('MEETING_STATE'));
    await openMeeting(ketua, m.id);
    await recordAttendance(ketua, m.id, { memberId: coop.voters[5]!.memberId, participation: 'online' });
    const ids = coop.voters.map((v) => v.memberId);
    const first = await recordAttendanceList(ketua, m.id, { listed: ids.slice(0, 4), present: ids.slice(0, 3) });
    expect(first.attendance).toMatchObject({ present: 4, inPerson: 3, online: 1 });
    // A search showed only members 2 and 3: member 2 unticked leaves; member 1 and 6 stay.
    const second = await recordAttendanceList(ketua, m.id, { listed: [ids[1]!, ids[2]!], present: [ids[2]!] });
    expect(second.attendance.present).toBe(3);
    const audit = await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', coop.id).where('action', 'in', ['meeting.attendance', 'meeting.departure']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['meeting.attendance', 'meeting.attendance', 'meeting.attendance', 'meeting.attendance', 'meeting.departure']);
    // Saving the same list again changes nothing.
    await recordAttendanceList(ketua, m.id, { listed: [ids[1]!, ids[2]!], present: [ids[2]!] });
    expect((await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', coop.id).where('action', 'in', ['meeting.attendance', 'meeting.departure']).execute()).length).toBe(5);
  });

  it('refuses a ticked member who is not on the list or not a participant, and members without the role', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 2, accounts: 0 });
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat bulanan', startsAt: new Date(Date.now() + 3600_000).toISOString() });
    await openMeeting(ketua, m.id);
    const [a, b] = coop.voters.map((v) => v.memberId) as [string, string];
    await expect(recordAttendanceList(ketua, m.id, { listed: [a], present: [b] })).rejects.toSatisfy(code('MEETING_NOT_ELIGIBLE'));
    await expect(recordAttendanceList(ketua, m.id, { listed: ['00000000-0000-4000-8000-000000000000'], present: [] })).rejects.toSatisfy(code('MEETING_NOT_ELIGIBLE'));
    await expect(recordAttendanceList(coop.ctx('anggota'), m.id, { listed: [a], present: [a] })).rejects.toSatisfy(code('FORBIDDEN'));
  });
});
