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
  return {
    asOf: report.asOf,
    members: { ...m, womenPct: pct(m.women), menPct: pct(m.men) },
    charterVersion: report.charterVersion,
    summary: report.summary,
    // Measured rules first (failures on top, the board acts on those), then the rules whose data comes later.
    measured: [...items.filter((i) => i.status === 'fail'), ...items.filter((i) => i.status === 'pass')],
    pending: items.filter((i) => i.status === 'pending')
  };
};
