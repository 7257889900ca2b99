import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '$core/kernel/errors.js';
import { translateError } from '$core/kernel/i18n.js';
import { can } from '$core/kernel/permissions.js';
import { getChart } from '$core/ledger/get-chart.js';
import { getReport } from '$core/ledger/get-report.js';
import { listMembers } from '$core/members/list-members.js';

/** The months a period touches: ['2026-01', '2026-02', …]. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 240; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const q = Object.fromEntries([...event.url.searchParams].filter(([k, v]) => v !== '' && ['from', 'to', 'accountId', 'memberId'].includes(k)));
  const kind = event.params.jenis;
  try {
    const needsMember = kind === 'anggota' && !q.memberId;
    if (kind === 'buku-besar') {
      // The general ledger on a page, one account and one month at a time (issue 14 item 7): the
      // whole period's ledger of every account is the PDF/XLSX download. The trial balance gives
      // the period (default: the current financial year) without reading every line.
      const period = (await getReport(ctx, 'neraca-saldo', { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) })).period;
      const months = monthsOf(period.from, period.to);
      const asked = event.url.searchParams.get('bulan') ?? '';
      const month = months.includes(asked) ? asked : months[0]!;
      const accounts = (await getChart(ctx)).accounts.map((a) => ({ id: a.id, code: a.code, label: `${a.code} ${a.name}` }));
      const report = q.accountId
        ? await getReport(ctx, kind, { accountId: q.accountId, from: month === months[0] ? period.from : `${month}-01`, to: lastDayOf(month) < period.to ? lastDayOf(month) : period.to })
        : null;
      return { kind, report, query: q, accounts, members: [], ledger: { period, months, month } };
    }
    const report = needsMember ? null : await getReport(ctx, kind, q);
    const accounts: { id: string; code: string; label: string }[] = [];
    const members = kind === 'anggota' && can(ctx, 'members.read') ? (await listMembers(ctx, { pageSize: 200, sort: 'number' })).items.map((m) => ({ id: m.id, label: `${m.memberNo ?? ''} ${m.fullName}`.trim() })) : [];
    return { kind, report, query: q, accounts, members, ledger: null };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
