import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { withTenant } from '../../../../../db/tenant.js';
import { jakartaDate } from '../../../../../kernel/clock.js';
import { can } from '../../../../../kernel/permissions.js';
import { closePeriod } from '../../../../../ledger/close-period.js';
import { getChart } from '../../../../../ledger/get-chart.js';
import { computeShuRun, fiscalPeriod } from '../../../../../surplus/compute-shu-run.js';
import { getRun, listRuns } from '../../../../../surplus/get-run.js';
import { defaultFiscalYear } from '../../../../../surplus/present.js';
import { proposeShuRun } from '../../../../../surplus/propose-shu-run.js';
import { getShuSettings, updateShuSettings } from '../../../../../surplus/shu-settings.js';
import { coopFiscal, openRatMeetings } from '../../../../../surplus/store.js';

async function yearOf(ctx: Awaited<ReturnType<typeof tenantFor>>, url: URL) {
  const coop = await withTenant(ctx.db, ctx.coopId, (trx) => coopFiscal(trx, ctx.coopId));
  const asked = Number(url.searchParams.get('tahun'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 9999 ? asked : defaultFiscalYear(jakartaDate(ctx.clock.now()), coop.fiscalYearStartMonth);
  return { year, period: fiscalPeriod(year, coop.fiscalYearStartMonth) };
}

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'shu.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const { year, period } = await yearOf(ctx, event.url);
  const chart = await getChart(ctx);
  const closedThrough = chart.settings.closedThrough;
  const runs = await listRuns(ctx);
  const current = runs.find((r) => r.fiscalYear === year && (r.status === 'draft' || r.status === 'proposed')) ?? runs.find((r) => r.fiscalYear === year);
  const run = current ? await getRun(ctx, current.id) : null;
  const meetings = await withTenant(ctx.db, ctx.coopId, (trx) => openRatMeetings(trx, ctx.coopId));
  return {
    year,
    period,
    closedThrough,
    closed: Boolean(closedThrough && closedThrough >= period.end),
    runs,
    run,
    meetings: meetings.map((m) => ({ id: m.id, number: m.number, title: m.title, startsAt: new Date(m.starts_at).toISOString() })),
    settings: await getShuSettings(ctx),
    mayManage: can(ctx, 'shu.manage')
  };
};

async function act(event: Parameters<Actions[string]>[0], fn: (ctx: Awaited<ReturnType<typeof tenantFor>>, v: Record<string, unknown>) => Promise<unknown>, done: string) {
  const ctx = await tenantFor(event);
  const values = formObject(await event.request.formData());
  let out: unknown;
  try {
    out = await fn(ctx, values);
  } catch (err) {
    return failWith(ctx.locale, err, values);
  }
  if (typeof out === 'string') redirect(303, out);
  return { done };
}

export const actions: Actions = {
  close: (event) =>
    act(event, async (ctx) => {
      const { period } = await yearOf(ctx, event.url);
      await closePeriod(ctx, { throughDate: period.end });
    }, 'closed'),
  compute: (event) =>
    act(event, async (ctx) => {
      const { year } = await yearOf(ctx, event.url);
      await computeShuRun(ctx, { fiscalYear: year });
    }, 'computed'),
  propose: (event) =>
    act(event, async (ctx, v) => {
      const run = await proposeShuRun(ctx, String(v.runId ?? ''), { meetingId: v.meetingId });
      return `/k/${event.params.slug}/shu/${run.id}?selesai=proposed`;
    }, 'proposed'),
  settings: (event) =>
    act(event, (ctx, v) => updateShuSettings(ctx, v), 'settings')
};
