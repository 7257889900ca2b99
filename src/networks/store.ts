import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';

/** SQL of the networks capability shared by its use cases. */

/** The next decision number of a network, under a lock on the network's row (numbers never repeat). */
export async function nextDecisionNumber(trx: Tx, networkId: string): Promise<number> {
  await trx.selectFrom('networks').select('id').where('id', '=', networkId).forUpdate().execute();
  const { rows } = await sql<{ n: number }>`SELECT coalesce(max(number), 0) + 1 AS n FROM network_decisions WHERE network_id = ${networkId}`.execute(trx);
  return Number(rows[0]!.n);
}

export type DecisionRow = {
  id: string;
  network_id: string;
  number: number;
  kind: 'general' | 'budget' | 'admission' | 'mode_change' | 'lead_change' | 'operational';
  title: string;
  body: string;
  subject: Record<string, unknown>;
  proposed_by: string | null;
  proposed_for_coop: string | null;
  status: 'discussion' | 'voting' | 'closed' | 'withdrawn';
  quorum_bp: number;
  threshold_bp: number;
  electorate: { coopId: string }[] | null;
  outcome: 'passed' | 'rejected' | 'no_quorum' | 'consensus' | null;
  result: unknown;
  opened_at: Date | null;
  closes_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
};

export async function findDecision(trx: Tx, id: string, opts: { lock?: boolean } = {}): Promise<DecisionRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  let q = trx.selectFrom('network_decisions').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as DecisionRow | undefined;
}
