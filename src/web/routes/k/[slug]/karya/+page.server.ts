import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { can } from '../../../../../kernel/permissions.js';
import { isAppError } from '../../../../../kernel/errors.js';
import { translateError } from '../../../../../kernel/i18n.js';
import { listWorks } from '../../../../../catalogue/list-works.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'catalogue.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const filters = { q: event.url.searchParams.get('q') ?? '', line: event.url.searchParams.get('line') ?? '', status: event.url.searchParams.get('status') ?? '', page: event.url.searchParams.get('page') ?? '' };
  try {
    return { list: await listWorks(ctx, filters), filters, filterError: null, mayWrite: can(ctx, 'catalogue.write') };
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { list: await listWorks(ctx, {}), filters, filterError: translateError(ctx.locale, err).message, mayWrite: can(ctx, 'catalogue.write') };
  }
};
