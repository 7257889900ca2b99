import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { isAppError } from '../../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../../kernel/i18n.js';
import { can } from '../../../../../../../kernel/permissions.js';
import { getJournalEntry } from '../../../../../../../ledger/get-journal-entry.js';
import { reverseEntry } from '../../../../../../../ledger/reverse-entry.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const done = event.url.searchParams.get('selesai');
    return { entry: await getJournalEntry(ctx, event.params.id), mayPost: can(ctx, 'ledger.post'), done: done && /^[a-zA-Z]+$/.test(done) ? done : null };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};

export const actions: Actions = {
  reverse: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    let id: string;
    try {
      id = (await reverseEntry(ctx, event.params.id, values)).id;
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/buku/jurnal/${id}?selesai=reversed`);
  }
};
