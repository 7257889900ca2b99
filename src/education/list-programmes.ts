import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import type { ProgrammeSummary } from './model.js';

/** The cooperative's programmes with sessions, places and budget against spending (every role may read). One statement. */
export async function listProgrammes(ctx: TenantCtx): Promise<ProgrammeSummary[]> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const r = await sql<{ id: string; title: string; kind: string; audience: string; status: string; budget: number; spent: number; sessions: number; enrolled_count: number; capacity: number | null; next_at: Date | null }>`
      SELECT p.id, p.title, p.kind, p.audience, p.status, p.budget, p.enrolled_count, p.capacity,
             (SELECT coalesce(sum(f.amount), 0) FROM edu_fund_spending f WHERE f.coop_id = p.coop_id AND f.programme_id = p.id) AS spent,
             (SELECT count(*)::int FROM edu_sessions s WHERE s.coop_id = p.coop_id AND s.programme_id = p.id) AS sessions,
             (SELECT min(s.starts_at) FROM edu_sessions s WHERE s.coop_id = p.coop_id AND s.programme_id = p.id AND s.ends_at > ${ctx.clock.now()}) AS next_at
        FROM edu_programmes p
       WHERE p.coop_id = ${ctx.coopId}
       ORDER BY p.status, p.created_at DESC, p.id`.execute(trx);
    return r.rows.map((p) => ({
      id: p.id,
      title: p.title,
      kind: p.kind,
      audience: p.audience,
      status: p.status,
      budget: Number(p.budget),
      spent: Number(p.spent),
      sessions: p.sessions,
      enrolled: p.enrolled_count,
      capacity: p.capacity,
      nextSessionAt: p.next_at ? new Date(p.next_at).toISOString() : null
    }));
  });
}
