import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { getCompliance } from '$core/charters/get-compliance.js';
import { formatPercent, presentCompliance } from '$core/charters/present.js';
import { roundedShareBp, sharesBp } from '$core/kernel/percent.js';
import { getHome } from '$core/home/get-home.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const [report, home] = await Promise.all([getCompliance(ctx), getHome(ctx)]);
  const m = report.members;
  // Women and men of the active members: one breakdown of one whole, so its shares add to 100 % (issue 14 item 6).
  const [womenBp, menBp] = sharesBp([m.women, m.men, Math.max(0, m.active - m.women - m.men)]);
  const items = presentCompliance(ctx.locale, report.items);
  const e = report.education;
  const share = (part: number, whole: number) => formatPercent(ctx.locale, roundedShareBp(part, whole));
  // Principle 5 (education) from the education records: reach, hours per member, women and youth among participants.
  const principle5 = {
    year: e.year,
    with: e.activeWithSession,
    active: e.activeMembers,
    reachPct: share(e.activeWithSession, e.activeMembers),
    hours: e.activeMembers === 0 ? '0' : formatPercent(ctx.locale, roundedShareBp(e.activeMinutes, 6000 * e.activeMembers)) /* hours per member, to the hundredth, rounded */,
    participants: e.participants,
    women: e.women,
    womenPct: share(e.women, e.participants),
    youth: e.youth,
    youthPct: share(e.youth, e.participants)
  };
  return {
    home,
    asOf: report.asOf,
    members: { ...m, womenPct: formatPercent(ctx.locale, womenBp!), menPct: formatPercent(ctx.locale, menBp!) },
    charterVersion: report.charterVersion,
    summary: report.summary,
    principle5,
    // Measured rules first (failures on top, the board acts on those), then the rules whose data comes later.
    measured: [...items.filter((i) => i.status === 'fail'), ...items.filter((i) => i.status === 'pass')],
    pending: items.filter((i) => i.status === 'pending')
  };
};
