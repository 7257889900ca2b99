import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { getCompliance } from '../../../../charters/get-compliance.js';
import { formatPercent, presentCompliance } from '../../../../charters/present.js';
import { shareBp } from '../../../../charters/compliance.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const report = await getCompliance(ctx);
  const m = report.members;
  const pct = (part: number) => formatPercent(ctx.locale, shareBp(part, m.active));
  const items = presentCompliance(ctx.locale, report.items);
  const e = report.education;
  const share = (part: number, whole: number) => formatPercent(ctx.locale, shareBp(part, whole));
  // Principle 5 (education) from the education records: reach, hours per member, women and youth among participants.
  const principle5 = {
    year: e.year,
    with: e.activeWithSession,
    active: e.activeMembers,
    reachPct: share(e.activeWithSession, e.activeMembers),
    hours: e.activeMembers === 0 ? '0' : formatPercent(ctx.locale, Math.floor((e.activeMinutes * 100) / 60 / e.activeMembers)),
    participants: e.participants,
    women: e.women,
    womenPct: share(e.women, e.participants),
    youth: e.youth,
    youthPct: share(e.youth, e.participants)
  };
  return {
    asOf: report.asOf,
    members: { ...m, womenPct: pct(m.women), menPct: pct(m.men) },
    charterVersion: report.charterVersion,
    summary: report.summary,
    principle5,
    // Measured rules first (failures on top, the board acts on those), then the rules whose data comes later.
    measured: [...items.filter((i) => i.status === 'fail'), ...items.filter((i) => i.status === 'pass')],
    pending: items.filter((i) => i.status === 'pending')
  };
};
