import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { DEFAULT_ROWS, entryFromForm, MAX_ROWS, toFormFields } from '$lib/ledger/form';
import { AppError, isAppError } from '../../../../../../../kernel/errors.js';
import { jakartaDate } from '../../../../../../../kernel/clock.js';
import { can } from '../../../../../../../kernel/permissions.js';
import { getChart } from '../../../../../../../ledger/get-chart.js';
import { postJournalEntry } from '../../../../../../../ledger/post-journal-entry.js';
import { listMembers } from '../../../../../../../members/list-members.js';

/** This page's live extras need JavaScript (the root layout turns it off); the form works without it. */
export const csr = true;

function rowCount(values: Record<string, unknown>): number {
  const n = Number(values.rows ?? DEFAULT_ROWS);
  return Number.isInteger(n) ? Math.min(Math.max(n, 2), MAX_ROWS) : DEFAULT_ROWS;
}

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'ledger.post')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const chart = await getChart(ctx);
  const members = can(ctx, 'members.read') ? (await listMembers(ctx, { status: 'active', pageSize: 200, sort: 'number' })).items.map((m) => ({ id: m.id, label: `${m.memberNo ?? ''} ${m.fullName}`.trim() })) : [];
  return {
    accounts: chart.accounts.filter((a) => a.isActive).map((a) => ({ code: a.code, label: `${a.code} ${ctx.locale === 'en' && a.nameEn ? a.nameEn : a.name}` })),
    members,
    // One key per page load: submitting the same form twice posts once.
    fresh: { idempotencyKey: randomUUID(), date: jakartaDate(ctx.clock.now()), rows: DEFAULT_ROWS }
  };
};

export const actions: Actions = {
  /** More rows without JavaScript: the form comes back with what was typed and two more rows. */
  rows: async (event) => {
    const values = formObject(await event.request.formData());
    return fail(400, { values: { ...values, rows: Math.min(rowCount(values) + 2, MAX_ROWS) }, error: null, fieldErrors: {}, code: null, details: null });
  },
  post: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    const { request, rowOf, issues } = entryFromForm(values, rowCount(values));
    let id: string;
    let created: boolean;
    try {
      if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues });
      const r = await postJournalEntry(ctx, request).catch((err: unknown) => {
        if (isAppError(err)) throw new AppError(err.code, { params: err.params, fields: toFormFields(err.fields, rowOf), details: err.details });
        throw err;
      });
      id = r.entry.id;
      created = r.created;
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, rows: rowCount(values) });
    }
    redirect(303, `/k/${event.params.slug}/buku/jurnal/${id}?selesai=${created ? 'posted' : 'postedAgain'}`);
  }
};
