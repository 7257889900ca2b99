import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { checkChain, GENESIS_HASH } from './model.js';
import { sealCoop } from './sealer.js';
import { chainHead, sealedEntriesAfter } from './store.js';

export type VerifyProblem = { coopId: string; coopSlug: string; entryId: string | null; seq: number | null; reason: string };
export type VerifyResult = { ok: true; coops: number; entries: number } | ({ ok: false; coops: number; entries: number } & VerifyProblem);

const BATCH = 2000;

/**
 * Re-compute one cooperative's chain from its first entry: every sealed entry's seq follows
 * the one before, its prev_hash is the previous hash, its hash matches its content, its lines
 * balance and match its header; the chain head agrees with the last entry; all lines together
 * balance. Pending entries are sealed first. Returns the first entry that does not match.
 */
export async function verifyCoop(db: Database, coopId: string, coopSlug: string): Promise<{ entries: number; problem: VerifyProblem | null }> {
  await sealCoop(db, coopId);
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const batch = await withTenant(db, coopId, (trx) => sealedEntriesAfter(trx, coopId, lastSeq, BATCH));
    const r = checkChain(batch, lastSeq, lastHash);
    if ('problem' in r) return { entries, problem: { coopId, coopSlug, ...r.problem } };
    entries += batch.length;
    lastSeq = r.lastSeq;
    lastHash = r.lastHash;
    if (batch.length < BATCH) break;
  }
  return withTenant(db, coopId, async (trx) => {
    const head = await chainHead(trx, coopId);
    if (head && head.last_seq !== lastSeq) return { entries, problem: { coopId, coopSlug, entryId: null, seq: head.last_seq, reason: 'chain_truncated' } };
    if (head && head.last_seq > 0 && head.last_hash !== lastHash) return { entries, problem: { coopId, coopSlug, entryId: null, seq: head.last_seq, reason: 'head_hash_mismatch' } };
    const { rows } = await sql<{ d: string | null; c: string | null }>`SELECT sum(debit)::text AS d, sum(credit)::text AS c FROM journal_lines WHERE coop_id = ${coopId}`.execute(trx);
    if ((rows[0]?.d ?? '0') !== (rows[0]?.c ?? '0')) return { entries, problem: { coopId, coopSlug, entryId: null, seq: null, reason: 'trial_balance_mismatch' } };
    return { entries, problem: null };
  });
}

/** `lumbung verify`: every cooperative (or one), stopping at the first entry that does not match. */
export async function verifyLedger(db: Database, opts: { coopId?: string } = {}): Promise<VerifyResult> {
  let q = db.selectFrom('coops').select(['id', 'slug']).orderBy('slug');
  if (opts.coopId) q = q.where('id', '=', opts.coopId);
  const coops = await q.execute();
  let entries = 0;
  for (const c of coops) {
    const r = await verifyCoop(db, c.id, c.slug);
    entries += r.entries;
    if (r.problem) return { ok: false, coops: coops.length, entries, ...r.problem };
  }
  return { ok: true, coops: coops.length, entries };
}

/** The same check for one cooperative from its pages or API (ledger.read: the pengawas checks the books). */
export async function verifyCoopLedger(ctx: TenantCtx): Promise<VerifyResult> {
  requirePermission(ctx, 'ledger.read');
  return verifyLedger(ctx.db, { coopId: ctx.coopId });
}
