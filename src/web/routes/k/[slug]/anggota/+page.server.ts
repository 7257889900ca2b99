import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../kernel/errors.js';
import { translateError } from '../../../../../kernel/i18n.js';
import { listMembers } from '../../../../../members/list-members.js';
import { can } from '../../../../../kernel/permissions.js';

const FILTERS = ['q', 'status', 'gender', 'youth', 'rt', 'rw', 'sort', 'page'] as const;

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, event.url.searchParams.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  try {
    const list = await listMembers(ctx, { ...filters, pageSize: 50 });
    return { list, filters, filterError: null, mayPersonal: can(ctx, 'members.personal') };
  } catch (err) {
    if (!isAppError(err)) throw err;
    if (err.code === 'FORBIDDEN') error(403, { message: translateError(ctx.locale, err).message, code: err.code });
    // A hand-edited query string: show the page unfiltered with the message.
    const list = await listMembers(ctx, { pageSize: 50 });
    return { list, filters, mayPersonal: can(ctx, 'members.personal'), filterError: translateError(ctx.locale, err).fields.map((f) => `${f.field}: ${f.message}`).join(' · ') };
  }
};
