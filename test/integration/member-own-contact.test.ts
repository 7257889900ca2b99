import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedGovernanceCoop } from '../support/governance.js';
import { isAppError } from '../../src/kernel/errors.js';
import { translateError } from '../../src/kernel/i18n.js';
import { updateOwnContact } from '../../src/members/update-own-contact.js';
import { getOwnMember } from '../../src/members/get-own-member.js';
import { resignMember } from '../../src/members/resign-member.js';

/** Issue 14 item 4: a member edits their own phone, e-mail and address (street, RT/RW), and nothing else. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});
const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;

describe('a member’s own contact details', () => {
  it('saves phone (normalised), e-mail, street and RT/RW, audited, and leaves everything else as it was', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 2, accounts: 2 });
    const me = coop.memberCtx(coop.voters[0]!);
    const saved = await updateOwnContact(me, { phone: '0812-3456-7890', email: 'Baru@Contoh.id', street: 'Jl. Kemasan 12', rt: '3', rw: '5', fullName: 'Nama Lain' });
    expect(saved).toMatchObject({ phone: '6281234567890', email: 'baru@contoh.id', street: 'Jl. Kemasan 12', rt: 3, rw: 5, fullName: coop.voters[0]!.name });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_account_id']).where('coop_id', '=', coop.id).where('action', '=', 'member.update_own').execute();
    expect(audit).toEqual([{ action: 'member.update_own', actor_account_id: coop.voters[0]!.accountId }]);
    // The other member's record is untouched.
    expect((await getOwnMember(coop.memberCtx(coop.voters[1]!)))!.phone).toBeNull();
  });

  it('refuses a bad phone on its field in Indonesian, and a member who has left', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 1, accounts: 1 });
    const me = coop.memberCtx(coop.voters[0]!);
    const err = await updateOwnContact(me, { phone: '12', email: '' }).catch((e: unknown) => e);
    expect(err).toSatisfy(code('VALIDATION_FAILED'));
    expect(translateError('id', err).fields.map((f) => f.field)).toEqual(['phone']);
    await resignMember(me, coop.voters[0]!.memberId, { reason: 'Pindah ke luar kota' });
    await expect(updateOwnContact(me, { phone: '081234567890' })).rejects.toSatisfy(code('MEMBER_NOT_FOUND'));
  });
});
