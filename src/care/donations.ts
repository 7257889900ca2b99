import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { findCoopBySlug } from '../coops/store.js';
import { qrisSvg } from '../payments/qris-for-amount.js';
import { dynamicQris } from '../payments/qris.js';
import { findQrisSettings } from '../payments/qris-store.js';
import { findSettingsRow } from '../orders/store.js';
import { settingsFrom, type TransferAccount } from '../orders/model.js';
import { postInflow } from './funds.js';
import { MAX_CARE_RUPIAH } from './model.js';

/**
 * Public donations to a community programme (issue 18, item 1; decision 0160). A donor picks
 * an amount and QRIS or bank transfer on the programme's public page; the pledge is kept with
 * a secret link to its page (only the link's hash is stored), which shows the QRIS for exactly
 * that amount (the coop's saved QRIS, as orders use it) or the coop's transfer account. When
 * the money arrives the bendahara confirms it: one posting through postEntry (Dr Bank, Cr the
 * programme's fund), a numbered receipt, the movement on the public page — the donor named
 * there only if they chose so. A confirmation repeated or run twice at once posts once.
 */

export const ZDonationRequest = z.object({
  amount: z.number().int().min(1_000).max(MAX_CARE_RUPIAH),
  method: z.enum(['qris', 'transfer']),
  donorName: z.string().trim().min(2).max(200).optional(),
  donorPublic: z.boolean().optional()
}).strict();

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type DonationPage = {
  coop: { slug: string; name: string };
  programme: { id: string; title: string };
  amount: number;
  method: 'qris' | 'transfer';
  status: 'pending' | 'paid' | 'cancelled';
  donorName: string | null;
  donorPublic: boolean;
  receiptNo: string | null;
  paidOn: string | null;
  qris: { payload: string; svg: string } | null;
  transferAccount: TransferAccount | null;
};

async function publicCoop(ctx: Ctx, slug: string) {
  const coop = await findCoopBySlug(ctx.db, slug.toLowerCase());
  if (!coop || !coop.is_public) throw new AppError('NOT_FOUND');
  return coop;
}

async function openProgramme(trx: Tx, coopId: string, programmeId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(programmeId)) throw new AppError('CARE_PROGRAMME_NOT_FOUND');
  const p = await trx.selectFrom('care_programmes').select(['id', 'title', 'fund_id', 'status']).where('coop_id', '=', coopId).where('id', '=', programmeId).executeTakeFirst();
  if (!p || p.status === 'cancelled' || p.status === 'done') throw new AppError('CARE_PROGRAMME_NOT_FOUND');
  return p;
}

/** What a programme's donation form may offer: the methods the coop can take. */
export async function getDonationOptions(ctx: Ctx, slug: string, programmeId: string): Promise<{ coop: { slug: string; name: string }; programme: { id: string; title: string; purpose: string }; methods: ('qris' | 'transfer')[] }> {
  const coop = await publicCoop(ctx, slug);
  return withTenant(ctx.db, coop.id, async (trx) => {
    const p = await openProgramme(trx, coop.id, programmeId);
    const purpose = (await trx.selectFrom('care_programmes').select('purpose').where('coop_id', '=', coop.id).where('id', '=', p.id).executeTakeFirstOrThrow()).purpose;
    return { coop: { slug: coop.slug, name: coop.name }, programme: { id: p.id, title: p.title, purpose }, methods: await methodsOf(trx, coop.id) };
  });
}

async function methodsOf(trx: Tx, coopId: string): Promise<('qris' | 'transfer')[]> {
  const out: ('qris' | 'transfer')[] = [];
  if (await findQrisSettings(trx, coopId)) out.push('qris');
  if (settingsFrom(await findSettingsRow(trx, coopId)).transferAccount) out.push('transfer');
  return out;
}

/** A donor's pledge (no account needed): the secret link to its page is the answer. */
export async function startDonation(ctx: Ctx, slug: string, programmeId: string, input: unknown): Promise<{ token: string }> {
  const coop = await publicCoop(ctx, slug);
  const data = parseInput(ZDonationRequest, input);
  return withTenant(ctx.db, coop.id, async (trx) => {
    const p = await openProgramme(trx, coop.id, programmeId);
    if (!(await methodsOf(trx, coop.id)).includes(data.method)) throw new AppError('CARE_DONATION_METHOD_UNAVAILABLE', { fields: [{ field: 'method', code: 'care_method_unavailable' }] });
    const token = randomBytes(24).toString('base64url');
    await trx
      .insertInto('care_donations')
      .values({ coop_id: coop.id, programme_id: p.id, fund_id: p.fund_id, amount: data.amount, method: data.method, donor_name: data.donorName ?? null, donor_public: data.donorName ? (data.donorPublic ?? false) : false, token_hash: hashToken(token), created_at: new Date() })
      .execute();
    return { token };
  });
}

/** The donor's page: the exact QRIS or the transfer account while pending; the receipt once paid. */
export async function getDonation(ctx: Ctx, slug: string, token: string): Promise<DonationPage> {
  const coop = await publicCoop(ctx, slug);
  return withTenant(ctx.db, coop.id, async (trx) => {
    const d = await trx
      .selectFrom('care_donations as d')
      .innerJoin('care_programmes as p', (j) => j.onRef('p.coop_id', '=', 'd.coop_id').onRef('p.id', '=', 'd.programme_id'))
      .leftJoin('care_movements as m', (j) => j.onRef('m.coop_id', '=', 'd.coop_id').onRef('m.id', '=', 'd.movement_id'))
      .select(['d.amount', 'd.method', 'd.status', 'd.donor_name', 'd.donor_public', 'p.id as programme_id', 'p.title', 'm.receipt_no', 'm.occurred_on'])
      .where('d.coop_id', '=', coop.id)
      .where('d.token_hash', '=', hashToken(String(token)))
      .executeTakeFirst();
    if (!d) throw new AppError('NOT_FOUND');
    const amount = Number(d.amount);
    let qris: DonationPage['qris'] = null;
    let transferAccount: TransferAccount | null = null;
    if (d.status === 'pending' && d.method === 'qris') {
      const row = await findQrisSettings(trx, coop.id);
      if (row) {
        const payload = dynamicQris(row.static_payload, amount);
        qris = { payload, svg: await qrisSvg(payload) };
      }
    }
    if (d.status === 'pending' && d.method === 'transfer') transferAccount = settingsFrom(await findSettingsRow(trx, coop.id)).transferAccount;
    return {
      coop: { slug: coop.slug, name: coop.name },
      programme: { id: d.programme_id, title: d.title },
      amount,
      method: d.method,
      status: d.status,
      donorName: d.donor_name,
      donorPublic: d.donor_public,
      receiptNo: d.receipt_no ?? null,
      paidOn: d.occurred_on ?? null,
      qris,
      transferAccount
    };
  });
}

export type PendingDonation = { id: string; programme: string; amount: number; method: 'qris' | 'transfer'; donorName: string | null; donorPublic: boolean; createdAt: string };

/** Pledges waiting for the money (oldest first), for the bendahara to check against the bank or QRIS statement. */
export async function listPendingDonations(ctx: TenantCtx): Promise<PendingDonation[]> {
  requirePermission(ctx, 'care.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await trx
      .selectFrom('care_donations as d')
      .innerJoin('care_programmes as p', (j) => j.onRef('p.coop_id', '=', 'd.coop_id').onRef('p.id', '=', 'd.programme_id'))
      .select(['d.id', 'p.title', 'd.amount', 'd.method', 'd.donor_name', 'd.donor_public', 'd.created_at'])
      .where('d.coop_id', '=', ctx.coopId)
      .where('d.status', '=', 'pending')
      .orderBy('d.created_at')
      .limit(200)
      .execute();
    return rows.map((r) => ({ id: r.id, programme: r.title, amount: Number(r.amount), method: r.method, donorName: r.donor_name, donorPublic: r.donor_public, createdAt: new Date(r.created_at).toISOString() }));
  });
}

const ZConfirmRequest = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_invalid' }).optional() }).strict();

/**
 * The bendahara confirms a pledge's money arrived: the donation row is locked, then posted
 * once (idempotency key donation:<id>) as a donation into the programme's fund, with a
 * numbered receipt. A second confirmation answers the same receipt and posts nothing.
 */
export async function confirmDonation(ctx: TenantCtx, donationId: string, input: unknown = {}): Promise<{ receiptNo: string; movementId: string; created: boolean }> {
  requirePermission(ctx, 'care.manage');
  const data = parseInput(ZConfirmRequest, input ?? {});
  if (!/^[0-9a-f-]{36}$/i.test(donationId)) throw new AppError('CARE_DONATION_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const d = await trx.selectFrom('care_donations').selectAll().where('coop_id', '=', ctx.coopId).where('id', '=', donationId).forUpdate().executeTakeFirst();
    if (!d) throw new AppError('CARE_DONATION_NOT_FOUND');
    if (d.status === 'paid') {
      const m = await trx.selectFrom('care_movements').select(['id', 'receipt_no']).where('coop_id', '=', ctx.coopId).where('id', '=', d.movement_id!).executeTakeFirstOrThrow();
      return { receiptNo: m.receipt_no, movementId: m.id, created: false };
    }
    if (d.status !== 'pending') throw new AppError('CARE_DONATION_NOT_PENDING', { params: { status: d.status } });
    const m = await postInflow(trx, ctx, {
      fundId: d.fund_id,
      kind: 'donation',
      amount: Number(d.amount),
      // QRIS settles into the bank account, as a transfer does.
      method: 'transfer',
      ...(data.date ? { date: data.date } : {}),
      programmeId: d.programme_id,
      counterparty: d.donor_name,
      counterpartyPublic: d.donor_public,
      purpose: d.method === 'qris' ? 'Donasi (QRIS)' : 'Donasi (transfer)',
      idempotencyKey: `donation:${d.id}`
    });
    await trx.updateTable('care_donations').set({ status: 'paid', movement_id: m.id, paid_at: new Date(), confirmed_by: ctx.actor.accountId }).where('coop_id', '=', ctx.coopId).where('id', '=', d.id).execute();
    await recordAudit(trx, ctx, { action: 'care.donation.confirm', entity: 'care_donation', entityId: d.id, after: { amount: Number(d.amount), method: d.method, receiptNo: m.receiptNo } });
    return { receiptNo: m.receiptNo, movementId: m.id, created: true };
  });
}
