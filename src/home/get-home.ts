import { getOwnCapital } from '../capital/get-own-capital.js';
import { getCoop } from '../coops/get-coop.js';
import { getLearningRecord } from '../education/learning-record.js';
import { listProgrammes } from '../education/list-programmes.js';
import { getMyGovernance, type MyGovernance } from '../governance/get-my-governance.js';
import type { TenantCtx } from '../kernel/context.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { getOwnMember } from '../members/get-own-member.js';
import { listMembers } from '../members/list-members.js';
import { listOrders } from '../orders/list-orders.js';
import { listPaymentsAwaitingConfirmation } from '../orders/list-payments-awaiting-confirmation.js';
import { getMySales } from '../payouts/get-my-sales.js';
import { getOwnShares } from '../surplus/get-own-share.js';

/** An officer's work waiting, one line per kind, only the kinds their roles do. */
export type WorkQueue = { applications: number | null; paymentsToConfirm: number | null; ordersToFulfil: number | null; minutesToApprove: number | null };

export type Home = {
  member: { id: string; memberNo: number | null; fullName: string; status: string } | null;
  governance: MyGovernance;
  /** Simpanan wajib owed now, with who to pay (null: nothing owed, or no member record). */
  wajib: { arrears: number; periods: number; pokokOutstanding: number; coopPhone: string | null; coopEmail: string | null } | null;
  sales: { count: number; balance: number } | null;
  /** The latest SHU share of the member (approved run or later). */
  shu: { fiscalYear: number; status: string; total: number; netPayout: number; paid: boolean } | null;
  education: {
    certificates: { code: string; programmeTitle: string; completedOn: string }[];
    inProgress: { programmeId: string; title: string; attended: number; required: number; nextAt: string | null }[];
  } | null;
  queue: WorkQueue | null;
};

const whenAllowed = async <T>(allowed: boolean, read: () => Promise<T>): Promise<T | null> => (allowed ? read() : null);

/**
 * The signed-in person's home in the cooperative (issue 14 item 9): what needs them now — open
 * votes and musyawarah, the next meetings, wajib arrears and how to pay, their sales and balance,
 * their SHU, their learning — and, for officers, their work queue first. It only reads, through
 * each capability's own use cases, so each keeps its permission checks.
 */
export async function getHome(ctx: TenantCtx): Promise<Home> {
  requirePermission(ctx, 'coop.read');
  const me = await getOwnMember(ctx);
  const active = me !== null && me.status === 'active';
  const [governance, capital, coop, sales, shares, record, programmes, queue] = await Promise.all([
    getMyGovernance(ctx),
    whenAllowed(active, () => getOwnCapital(ctx)),
    getCoop(ctx),
    whenAllowed(active, () => getMySales(ctx)),
    whenAllowed(active, () => getOwnShares(ctx)),
    whenAllowed(active, () => getLearningRecord(ctx, null)),
    whenAllowed(active, () => listProgrammes(ctx)),
    workQueue(ctx)
  ]);
  if (queue && can(ctx, 'meetings.manage')) queue.minutesToApprove = governance.minutesToApprove.filter((m) => !m.signedByMe).length;
  const latest = shares?.find((s) => s.share !== null) ?? null;
  const owed = capital ? (capital.wajib?.arrears ?? 0) : 0;
  const pokokOwed = capital?.pokok?.outstanding ?? 0;
  const nextOf = new Map((programmes ?? []).map((p) => [p.id, p.nextSessionAt]));
  return {
    member: me ? { id: me.id, memberNo: me.memberNo, fullName: me.fullName, status: me.status } : null,
    governance,
    wajib: capital && (owed > 0 || pokokOwed > 0) ? { arrears: owed, periods: capital.wajib?.arrearsPeriods ?? 0, pokokOutstanding: pokokOwed, coopPhone: coop.phone, coopEmail: coop.email } : null,
    sales: sales ? { count: sales.sales.length, balance: sales.balance } : null,
    shu: latest?.share ? { fiscalYear: latest.run.fiscalYear, status: latest.run.status, total: latest.share.total, netPayout: latest.share.netPayout, paid: Boolean(latest.share.payment) } : null,
    education: record
      ? {
          certificates: record.certificates.slice(0, 5).map((c) => ({ code: c.code, programmeTitle: c.programmeTitle, completedOn: c.completedOn })),
          inProgress: record.programmes.filter((p) => !p.completed).map((p) => ({ programmeId: p.programmeId, title: p.title, attended: p.attended, required: p.required, nextAt: nextOf.get(p.programmeId) ?? null }))
        }
      : null,
    queue: queue && Object.values(queue).some((v) => v !== null) ? queue : null
  };

  async function workQueue(c: TenantCtx): Promise<WorkQueue> {
    const [applications, payments, orders] = await Promise.all([
      whenAllowed(can(c, 'members.approve'), () => listMembers(c, { status: 'applicant', pageSize: 1 }).then((r) => r.total)),
      whenAllowed(can(c, 'payments.confirm'), () => listPaymentsAwaitingConfirmation(c).then((r) => r.length)),
      whenAllowed(can(c, 'orders.manage') && can(c, 'orders.read'), () => listOrders(c, { status: 'paid' }).then((r) => r.total))
    ]);
    return { applications, paymentsToConfirm: payments, ordersToFulfil: orders, minutesToApprove: null };
  }
}
