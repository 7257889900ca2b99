import { recordAudit } from '../audit/record-audit.js';
import { recordPokokPayment } from '../capital/record-pokok-payment.js';
import type { CharterRules } from '../charters/model.js';
import { insertCharter } from '../charters/store.js';
import type { CoopType, Role } from '../db/schema.js';
import { withTenant } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import { insertMembers, insertStatusHistory, MEMBER_NO_COUNTER, takeCounter } from '../members/store.js';
import { requireCoordinator, type GroupCtx } from './access.js';
import { dossierComplete } from './model.js';

const COOP_TYPE_OF_TEMPLATE: Record<string, CoopType> = { tujuh_prinsip: 'produksi', jamaah_produksi: 'jamaah_produksi', primer: 'produksi', pekerja: 'pekerja', platform: 'platform', startup: 'startup' };

export type ActivationResult = { coopId: string; slug: string; members: number; pokokPosted: number };

/**
 * Step 8: the group becomes a cooperative. In one transaction: the founders who attended the
 * founding meeting become active members numbered in name order (join date = the meeting's
 * date), the adopted rules become charter version 1, every founder with an account gets the
 * role anggota plus the office they were elected to, and the coops row turns 'active' (public,
 * with the deed and the AHU decree as its legal number and date). Then each founder's simpanan
 * pokok paid at the meeting is recorded through the capital capability (its receipt and its
 * posting through the ledger's postEntry), dated on the meeting day, with an idempotency key per
 * founder — a repeated activation (after an interruption) only completes these postings.
 * No platform administrator is needed: the group's coordinators activate it.
 */
export async function activateGroup(ctx: GroupCtx): Promise<ActivationResult> {
  requireCoordinator(ctx);
  const done = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const g = await trx.selectFrom('founding_groups').selectAll().where('coop_id', '=', ctx.coopId).forUpdate().executeTakeFirstOrThrow();
    const coop = await trx.selectFrom('coops').select(['slug', 'name']).where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
    if (g.activated_at) return { slug: coop.slug, members: 0, meetingOn: g.meeting_on! };
    if (!g.meeting_held_at || !g.meeting_on || !g.rules || !g.template_key) throw new AppError('FOUNDING_NOT_READY', { params: { step: 'rapat' } });
    const facts = { notarySentOn: g.notary_sent_on, deedNumber: g.deed_number, deedDate: g.deed_date, ahuNumber: g.ahu_number, nib: g.nib, nikKoperasi: g.nik_koperasi };
    if (!dossierComplete(facts)) throw new AppError('FOUNDING_NOT_READY', { params: { step: 'berkas' } });

    const founders = await trx.selectFrom('founding_founders').selectAll().where('coop_id', '=', ctx.coopId).where('attended', '=', true).orderBy('full_name').orderBy('id').execute();
    const last = await takeCounter(trx, ctx.coopId, MEMBER_NO_COUNTER, founders.length);
    let next = last - founders.length + 1;
    const inserted = await insertMembers(
      trx,
      ctx.coopId,
      founders.map((f) => ({
        full_name: f.full_name,
        gender: f.gender,
        birth_date: null,
        nik: f.nik,
        phone: f.phone,
        email: null,
        street: f.street,
        village_code: f.village_code,
        rt: f.rt,
        rw: f.rw,
        household_code: f.household_code,
        occupation: null,
        skills: [],
        civil_society_group: null,
        is_well_off: false,
        receives_state_aid: false,
        account_id: f.account_id,
        status: 'active' as const,
        member_no: next++,
        joined_on: g.meeting_on,
        left_on: null
      }))
    );
    await insertStatusHistory(
      trx,
      ctx.coopId,
      inserted.map((m) => ({ member_id: m.id, from_status: null, to_status: 'active', reason: 'pendiri (rapat pendirian)', actor_account_id: ctx.actor.accountId }))
    );
    for (const [i, f] of founders.entries()) await trx.updateTable('founding_founders').set({ member_id: inserted[i]!.id }).where('coop_id', '=', ctx.coopId).where('id', '=', f.id).execute();

    const rules = g.rules as CharterRules;
    await insertCharter(trx, { coopId: ctx.coopId, version: 1, template: g.template_key, rules, note: `Anggaran dasar rapat pendirian ${g.meeting_on}`, adoptedBy: ctx.actor.accountId });
    await recordAudit(trx, ctx, { action: 'charter.adopt', entity: 'charter', entityId: '1', after: { version: 1, template: g.template_key, rules } });

    for (const f of founders.filter((x) => x.account_id)) {
      const roles: Role[] = f.office ? ['anggota', f.office] : ['anggota'];
      await trx.insertInto('coop_users').values({ coop_id: ctx.coopId, account_id: f.account_id!, roles }).execute();
      await recordAudit(trx, ctx, { action: 'roles.set', entity: 'coop_user', entityId: f.account_id!, before: { roles: [] }, after: { roles } });
    }
    await trx
      .updateTable('coops')
      .set({ status: 'active', is_public: true, coop_type: COOP_TYPE_OF_TEMPLATE[g.template_key] ?? 'produksi', legal_number: g.ahu_number, legal_date: g.deed_date, nik_koperasi: g.nik_koperasi, updated_at: ctx.clock.now() })
      .where('id', '=', ctx.coopId)
      .execute();
    await trx.updateTable('founding_groups').set({ activated_at: ctx.clock.now(), activated_by: ctx.actor.accountId }).where('coop_id', '=', ctx.coopId).execute();
    await recordAudit(trx, ctx, { action: 'founding.activate', entity: 'founding_group', entityId: ctx.coopId, after: { members: inserted.length, template: g.template_key, deedNumber: g.deed_number, ahuNumber: g.ahu_number } });
    return { slug: coop.slug, members: inserted.length, meetingOn: g.meeting_on };
  });

  // The simpanan pokok paid at the founding meeting: one capital movement per founder (receipt + journal entry through postEntry).
  const paid = await withTenant(ctx.db, ctx.coopId, (trx) =>
    trx.selectFrom('founding_founders').select(['id', 'member_id', 'pokok_paid']).where('coop_id', '=', ctx.coopId).where('attended', '=', true).where('pokok_paid', '>', 0).orderBy('full_name').execute()
  );
  const officer = { ...ctx, roles: ['bendahara'] as Role[] };
  let pokokPosted = 0;
  for (const p of paid) {
    if (!p.member_id) continue;
    const r = await recordPokokPayment(officer, p.member_id, { amount: Number(p.pokok_paid), method: 'cash', date: done.meetingOn, note: 'Disetor pada rapat pendirian', idempotencyKey: `pendirian-pokok-${p.id}` });
    pokokPosted += r.created ? 1 : 0;
  }
  return { coopId: ctx.coopId, slug: done.slug, members: done.members, pokokPosted };
}
