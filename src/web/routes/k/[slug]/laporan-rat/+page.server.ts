import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '$core/kernel/errors.js';
import { translateError } from '$core/kernel/i18n.js';
import { can } from '$core/kernel/permissions.js';
import { getMinistryExport } from '$core/reports/get-ministry-export.js';
import { getRatReport } from '$core/reports/get-rat-report.js';
import { MINISTRY_COLUMNS } from '$core/reports/model.js';

/** The RAT package of a fiscal year (?year=; default the last complete one): key figures on the page, PDF/XLSX to download. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const year = event.url.searchParams.get('year') || undefined;
  try {
    const r = await getRatReport(ctx, year);
    const ministry = can(ctx, 'reports.ministry') ? await getMinistryExport(ctx, r.year) : null;
    return {
      year: r.year,
      period: r.period,
      header: r.coop,
      compliance: r.compliance,
      narrative: r.narrative,
      membership: r.membership,
      business: r.business,
      finance: r.finance,
      shuAvailable: r.shu.available,
      meetings: r.meetings.length,
      ministry: ministry ? { columns: [...MINISTRY_COLUMNS], row: ministry.row } : null
    };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
