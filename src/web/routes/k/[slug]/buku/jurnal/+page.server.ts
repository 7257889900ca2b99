import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { can } from '../../../../../../kernel/permissions.js';
import { listJournalEntries } from '../../../../../../ledger/list-journal-entries.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const q = Object.fromEntries([...event.url.searchParams].filter(([, v]) => v !== ''));
  try {
    return { list: await listJournalEntries(ctx, q), query: q, mayPost: can(ctx, 'ledger.post') };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
