import { expect } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { withTenant } from '../../src/db/tenant.js';
import type { Clock } from '../../src/kernel/clock.js';
import { isAppError } from '../../src/kernel/errors.js';
import { postEntry } from '../../src/ledger/post-entry.js';
import { recordPokokPayment } from '../../src/capital/record-pokok-payment.js';
import { recordWajibPayment } from '../../src/capital/record-wajib-payment.js';
import { recordBusinessVolume, VOLUME_CATEGORIES } from '../../src/surplus/business-volume.js';
import { proposeShuRun } from '../../src/surplus/propose-shu-run.js';
import { approveShuRun } from '../../src/surplus/approve-shu-run.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { recordAttendance } from '../../src/governance/record-attendance.js';
import { statePosition } from '../../src/governance/state-position.js';
import { declareConsensus } from '../../src/governance/declare-consensus.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';

/** Shared by the SHU integration and browser tests. */

const at = (day: string): Clock => ({ now: () => new Date(`${day}T05:00:00Z`) });
const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;

export type ShuCoop = GovCoop & { m: string[] };

/**
 * A cooperative with four members and a year (2025) of capital and business:
 * m1 and m2 members all year, m3 joined 1 July 2025 (mid-year), m4 left on 30 September 2025.
 * Net SHU of 2025 is Rp10.000.001 (sales 12.000.001 − expenses 2.000.000), or a loss of Rp1.000.000.
 */
export async function shuYearOfBusiness(db: Database, opts: { loss?: boolean } = {}): Promise<ShuCoop> {
  const coop = await seedGovernanceCoop(db, { members: 4, accounts: 4 });
  const m = coop.voters.map((v) => v.memberId);
  await db.updateTable('members').set({ joined_on: '2024-06-01' }).where('coop_id', '=', coop.id).execute();
  await db.updateTable('members').set({ joined_on: '2025-07-01' }).where('id', '=', m[2]!).execute();
  const b = coop.ctx('bendahara', at('2025-12-31'));
  await recordPokokPayment(b, m[0]!, { amount: 100_000, method: 'cash', date: '2024-06-01' });
  await recordWajibPayment(b, m[0]!, { amount: 60_000, method: 'cash', date: '2025-03-01' });
  await recordPokokPayment(b, m[1]!, { amount: 100_000, method: 'bank', date: '2025-01-01' });
  await recordPokokPayment(b, m[2]!, { amount: 100_000, method: 'cash', date: '2025-07-01' });
  await recordPokokPayment(b, m[3]!, { amount: 100_000, method: 'cash', date: '2024-06-01' });
  await db.updateTable('members').set({ status: 'resigned', left_on: '2025-09-30' }).where('id', '=', m[3]!).execute();
  await withTenant(db, coop.id, async (trx) => {
    const W = VOLUME_CATEGORIES.WORK_SALES;
    await recordBusinessVolume(trx, coop.id, 'test', 'o1', [{ memberId: m[0]!, category: W, amount: 1_000_000, occurredOn: '2025-05-05' }]);
    await recordBusinessVolume(trx, coop.id, 'test', 'o1-refund', [{ memberId: m[0]!, category: W, amount: -50_000, occurredOn: '2025-05-20' }]);
    await recordBusinessVolume(trx, coop.id, 'test', 'o2', [{ memberId: m[1]!, category: VOLUME_CATEGORIES.MEMBER_PURCHASES, amount: 500_000, occurredOn: '2025-08-01' }]);
    // Before m3 joined and after m4 left: not counted.
    await recordBusinessVolume(trx, coop.id, 'test', 'o3', [{ memberId: m[2]!, category: W, amount: 300_000, occurredOn: '2025-06-15' }]);
    await recordBusinessVolume(trx, coop.id, 'test', 'o4', [{ memberId: m[2]!, category: W, amount: 200_000, occurredOn: '2025-10-10' }]);
    await recordBusinessVolume(trx, coop.id, 'test', 'o5', [{ memberId: m[3]!, category: W, amount: 400_000, occurredOn: '2025-10-15' }]);
    await recordBusinessVolume(trx, coop.id, 'test', 'o6', [{ memberId: m[3]!, category: W, amount: 100_000, occurredOn: '2025-02-02' }]);
    // Volume from the previous year: not counted either.
    await recordBusinessVolume(trx, coop.id, 'test', 'o7', [{ memberId: m[0]!, category: W, amount: 9_000_000, occurredOn: '2024-12-31' }]);
    const income = opts.loss ? 1_000_000 : 12_000_001;
    await postEntry(trx, b, { idempotencyKey: 'sales-2025', date: '2025-06-30', description: 'Penjualan 2025', source: 'test', lines: [{ account: 'CASH', debit: income }, { account: 'SALES_MEMBER', credit: income }] });
    await postEntry(trx, b, { idempotencyKey: 'costs-2025', date: '2025-11-30', description: 'Beban 2025', source: 'test', lines: [{ account: 'GENERAL_EXPENSES', debit: 2_000_000 }, { account: 'CASH', credit: 2_000_000 }] });
  });
  return { ...coop, m };
}

/** A RAT meeting that started an hour ago (called 30 days before), open, with the active members present. */
export async function openRat(coop: GovCoop): Promise<string> {
  const ketua = coop.ctx('ketua');
  const meeting = await scheduleMeeting(coop.ctx('ketua', { now: () => new Date(Date.now() - 30 * 86_400_000) }), { kind: 'rat', title: 'RAT tahun buku 2025', startsAt: new Date(Date.now() - 3600_000).toISOString() });
  await openMeeting(ketua, meeting.id);
  for (const v of coop.voters.slice(0, 3)) await recordAttendance(ketua, meeting.id, { memberId: v.memberId });
  return meeting.id;
}

/** Every active member agrees: the RAT decides by consensus (musyawarah mufakat). */
export async function ratAgrees(coop: GovCoop, decisionId: string): Promise<void> {
  for (const v of coop.voters.slice(0, 3)) await statePosition(coop.memberCtx(v), decisionId, { stance: 'agree' });
  await declareConsensus(coop.ctx('ketua'), decisionId);
}

/** The run goes on an open RAT's agenda; before the decision passes it cannot be approved; then all agree. */
export async function ratApproves(coop: GovCoop, runId: string): Promise<string> {
  const meetingId = await openRat(coop);
  const proposed = await proposeShuRun(coop.ctx('bendahara'), runId, { meetingId });
  expect(proposed.status).toBe('proposed');
  expect(proposed.decision).not.toBeNull();
  await expect(approveShuRun(coop.ctx('bendahara'), runId)).rejects.toSatisfy(code('SHU_DECISION_INVALID'));
  await ratAgrees(coop, proposed.decision!.id);
  return proposed.decision!.id;
}
