import { z } from 'zod';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { countParticipations, listDecisionRows } from './store.js';
import { iso } from './support.js';
import type { DecisionKind, DecisionStatus, Outcome } from './tables.js';

export const ZListDecisionsRequest = z.object({
  status: z.enum(['discussion', 'voting', 'closed', 'withdrawn']).optional(),
  meetingId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50)
});

export type DecisionSummary = {
  id: string;
  number: number;
  kind: DecisionKind;
  title: string;
  status: DecisionStatus;
  outcome: Outcome | null;
  secret: boolean;
  meeting: { id: string; number: number; title: string; startsAt: string } | null;
  closesAt: string | null;
  closedAt: string | null;
  electorateSize: number | null;
  ballotsCast: number;
};

/** The register of decisions: every proposal, its status and outcome, newest first. */
export async function listDecisions(ctx: TenantCtx, input: unknown = {}): Promise<{ items: DecisionSummary[]; page: number; pageSize: number }> {
  requirePermission(ctx, 'coop.read');
  const p = parseInput(ZListDecisionsRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await listDecisionRows(trx, ctx.coopId, { status: p.status, meetingId: p.meetingId, limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
    const items: DecisionSummary[] = [];
    for (const r of rows) {
      items.push({
        id: r.id,
        number: r.number,
        kind: r.kind,
        title: r.title,
        status: r.status,
        outcome: r.outcome,
        secret: r.secret,
        meeting: r.meeting_id ? { id: r.meeting_id, number: r.meeting_number!, title: r.meeting_title!, startsAt: iso(r.meeting_starts_at)! } : null,
        closesAt: iso(r.closes_at),
        closedAt: iso(r.closed_at),
        electorateSize: r.electorate_size,
        ballotsCast: r.status === 'discussion' ? 0 : await countParticipations(trx, ctx.coopId, r.id)
      });
    }
    return { items, page: p.page, pageSize: p.pageSize };
  });
}
