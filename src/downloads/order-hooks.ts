import { randomBytes } from 'node:crypto';
import type { Tx } from '../db/tenant.js';
import { enqueueMail } from '../governance/store.js';
import { entitlementPageUrl, signedLink } from './store.js';
import { sha256Hex } from './model.js';

/**
 * The contract with orders (helper A): a line is digital when its work has an uploaded
 * downloadable file (work_files kind 'download'). See docs/decisions/0082-digital-downloads.md.
 */
export async function digitalWorkIds(trx: Tx, coopId: string, workIds: string[]): Promise<Set<string>> {
  if (workIds.length === 0) return new Set();
  const rows = await trx.selectFrom('work_files').select('work_id').where('coop_id', '=', coopId).where('kind', '=', 'download').where('work_id', 'in', workIds).execute();
  return new Set(rows.map((r) => r.work_id));
}

/** The licence terms to show at checkout, per digital work. */
export async function licenceTermsFor(trx: Tx, coopId: string, workIds: string[]): Promise<Map<string, string>> {
  if (workIds.length === 0) return new Map();
  const rows = await trx.selectFrom('work_files').select(['work_id', 'licence_terms']).where('coop_id', '=', coopId).where('kind', '=', 'download').where('work_id', 'in', workIds).execute();
  return new Map(rows.map((r) => [r.work_id, r.licence_terms]));
}

/**
 * On payment: one entitlement per paid digital line, exactly once (UNIQUE order_line_id; a
 * concurrent second call waits on the unique index and inserts nothing). The licence terms in
 * force now are copied onto the entitlement; the buyer is mailed a page with fresh links.
 */
export async function grantDownloads(trx: Tx, coopId: string, orderId: string): Promise<void> {
  const lines = await trx
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', (j) => j.onRef('o.coop_id', '=', 'l.coop_id').onRef('o.id', '=', 'l.order_id'))
    .innerJoin('work_files as f', (j) => j.onRef('f.coop_id', '=', 'l.coop_id').onRef('f.work_id', '=', 'l.work_id').on('f.kind', '=', 'download'))
    .select(['l.id as line_id', 'l.work_id', 'l.title', 'o.buyer_name', 'o.buyer_email', 'f.licence_terms', 'f.sha256'])
    .where('l.coop_id', '=', coopId)
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
  if (lines.length === 0) return;
  const coop = await trx.selectFrom('coops').select(['slug', 'name']).where('id', '=', coopId).executeTakeFirstOrThrow();
  const granted: { title: string; access: string; id: string }[] = [];
  for (const l of lines) {
    const access = randomBytes(32).toString('base64url');
    const row = await trx
      .insertInto('download_entitlements')
      .values({
        coop_id: coopId,
        order_id: orderId,
        order_line_id: l.line_id,
        work_id: l.work_id,
        buyer_name: l.buyer_name,
        buyer_email: l.buyer_email ?? '',
        licence_terms: l.licence_terms,
        file_sha256: l.sha256,
        access_hash: sha256Hex(access)
      })
      .onConflict((oc) => oc.columns(['coop_id', 'order_line_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) granted.push({ title: l.title, access, id: row.id });
  }
  const email = lines[0]!.buyer_email;
  if (granted.length > 0 && email) {
    await enqueueMail(trx, [
      {
        coop_id: coopId,
        kind: 'download_granted',
        dedupe_key: `downloads:${orderId}:${granted.map((g) => g.id).join(',')}`.slice(0, 300),
        to_address: email,
        to_name: lines[0]!.buyer_name,
        subject: `Unduhan Anda dari ${coop.name}`,
        text_body: [
          `Halo ${lines[0]!.buyer_name},`,
          '',
          'Terima kasih. Karya digital Anda bisa diunduh di:',
          ...granted.map((g) => `- ${g.title}: ${entitlementPageUrl(coop.slug, g.access)}`),
          '',
          'Simpan email ini: halaman itu membuat tautan unduhan baru setiap kali dibuka.',
          'Your downloads are at the pages above; each visit makes a fresh download link.'
        ].join('\n'),
        ics: null
      }
    ]);
  }
}

/** Fresh signed links for an order's entitlements (for the buyer's order page, which holds the order token). */
export async function downloadLinksForOrder(trx: Tx, coopId: string, orderId: string, nowMs: number = Date.now()): Promise<{ orderLineId: string; workId: string; url: string; expiresAt: string; licenceTerms: string }[]> {
  const rows = await trx
    .selectFrom('download_entitlements')
    .select(['id', 'order_line_id', 'work_id', 'licence_terms'])
    .where('coop_id', '=', coopId)
    .where('order_id', '=', orderId)
    .where('revoked_at', 'is', null)
    .execute();
  if (rows.length === 0) return [];
  const coop = await trx.selectFrom('coops').select('slug').where('id', '=', coopId).executeTakeFirstOrThrow();
  const out = [];
  for (const r of rows) {
    const link = await signedLink(trx, coopId, coop.slug, r.id, nowMs);
    out.push({ orderLineId: r.order_line_id, workId: r.work_id, licenceTerms: r.licence_terms, ...link });
  }
  return out;
}

/** A refund of the order revokes its entitlements (links stop working). Idempotent. */
export async function revokeDownloads(trx: Tx, coopId: string, orderId: string): Promise<void> {
  await trx.updateTable('download_entitlements').set({ revoked_at: new Date() }).where('coop_id', '=', coopId).where('order_id', '=', orderId).where('revoked_at', 'is', null).execute();
}
