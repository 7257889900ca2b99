import { getCoop } from '../coops/get-coop.js';
import { getCapitalFacts } from '../capital/get-capital-facts.js';
import { getGovernanceFacts } from '../governance/get-governance-facts.js';
import { getAnnualMeetingFacts } from '../governance/get-annual-meeting-facts.js';
import { getDecisionRuleFacts } from '../governance/get-decision-rule-facts.js';
import { getSurplusFacts } from '../surplus/get-surplus-facts.js';
import { getEducationFacts, type EducationFacts } from '../education/get-education-facts.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { getMemberStatistics, type MemberStatistics } from '../members/get-member-statistics.js';
import { evaluateCompliance, summarize, type ComplianceItem, type ComplianceSummary } from './compliance.js';
import { getCharter, getCharterInForce } from './get-charter.js';
import { jakartaDate } from '../kernel/clock.js';

export type ComplianceReport = {
  /** The charter version checked; null when the cooperative has no charter yet (then there are no items). */
  charterVersion: number | null;
  /** The business day (Asia/Jakarta) the figures are for. */
  asOf: string;
  items: ComplianceItem[];
  summary: ComplianceSummary;
  members: MemberStatistics;
  /** Principle 5 from the education records (and the facts the education rules are measured on). */
  education: EducationFacts;
};

/**
 * The charter checked against the cooperative's data, rule by rule. Every role of the
 * cooperative may read it, members included: the rules bind everyone, so everyone sees them kept.
 */
export async function getCompliance(ctxNow: TenantCtx, opts: { asOf?: string } = {}): Promise<ComplianceReport> {
  requirePermission(ctxNow, 'coop.read');
  // For a past day (the RAT report's fiscal year, issue 14 item 5) every fact is read as of the
  // end of that day (Asia/Jakarta): the charter then in force, the members then, the meetings,
  // decisions, SHU runs and education up to then.
  const past = opts.asOf !== undefined && opts.asOf < jakartaDate(ctxNow.clock.now());
  const endOfDay = past ? new Date(`${opts.asOf}T23:59:59.999+07:00`) : null;
  const ctx: TenantCtx = endOfDay ? { ...ctxNow, clock: { now: () => endOfDay } } : ctxNow;
  const [charter, members, coop, capital] = await Promise.all([
    endOfDay ? getCharterInForce(ctx, endOfDay) : getCharter(ctx),
    getMemberStatistics(ctxNow, past ? { asOf: opts.asOf } : {}),
    getCoop(ctx),
    getCapitalFacts(ctx, past ? { memberOn: opts.asOf } : {})
  ]);
  // The facts of the later capabilities are read together, and only when there are rules to check.
  const [governance, annualMeetings, decisions, surplusRuns, education] = charter
    ? await Promise.all([getGovernanceFacts(ctx, charter.rules.meetings.cadence), getAnnualMeetingFacts(ctx), getDecisionRuleFacts(ctx), getSurplusFacts(ctx), getEducationFacts(ctx, { minHoursPerYear: charter.rules.education?.minHoursPerYear ?? 0 })])
    : [null, null, null, null, await getEducationFacts(ctx)];
  const items = charter
    ? evaluateCompliance(charter.rules, {
        members,
        coop: { villageCode: coop.villageCode, rt: coop.rt, rw: coop.rw },
        ...(capital ? { capital } : {}),
        ...(governance ? { governance } : {}),
        ...(annualMeetings ? { annualMeetings } : {}),
        ...(decisions ? { decisions } : {}),
        ...(surplusRuns ? { surplusRuns } : {}),
        education
      })
    : [];
  return { charterVersion: charter?.version ?? null, asOf: members.asOf, items, summary: summarize(items), members, education };
}
