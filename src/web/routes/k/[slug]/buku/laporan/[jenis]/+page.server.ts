import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../../kernel/i18n.js';
import { can } from '../../../../../../../kernel/permissions.js';
import { getChart } from '../../../../../../../ledger/get-chart.js';
import { getReport } from '../../../../../../../ledger/get-report.js';
import { listMembers } from '../../../../../../../members/list-members.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const q = Object.fromEntries([...event.url.searchParams].filter(([k, v]) => v !== '' && ['from', 'to', 'accountId', 'memberId'].includes(k)));
  const kind = event.params.jenis;
  try {
    const needsMember = kind === 'anggota' && !q.memberId;
    const report = needsMember ? null : await getReport(ctx, kind, q);
    const accounts = kind === 'buku-besar' ? (await getChart(ctx)).accounts.map((a) => ({ id: a.id, label: `${a.code} ${a.name}` })) : [];
    const members = kind === 'anggota' && can(ctx, 'members.read') ? (await listMembers(ctx, { pageSize: 200, sort: 'number' })).items.map((m) => ({ id: m.id, label: `${m.memberNo ?? ''} ${m.fullName}`.trim() })) : [];
    return { kind, report, query: q, accounts, members };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
