import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { can } from '../../../../../../kernel/permissions.js';
import { listAuditLog } from '../../../../../../audit/list-audit-log.js';
import { listCoopUsers } from '../../../../../../coops/list-coop-users.js';

const FILTERS = ['entity', 'actorAccountId', 'from', 'to', 'page'] as const;

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'audit.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = event.url.searchParams.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const actors = can(ctx, 'roles.read') ? (await listCoopUsers(ctx)).map((u) => ({ id: u.accountId, name: u.name })) : [];
  try {
    return { filters, actors, log: await listAuditLog(ctx, filters), problem: null as null | { message: string; fields: Record<string, string> } };
  } catch (err) {
    if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
    // A hand-edited address with a bad date: show the empty page and say which filter is wrong.
    const out = translateError(ctx.locale, err);
    const fields = Object.fromEntries(out.fields.map((f) => [f.field, f.message]));
    return { filters, actors, log: await listAuditLog(ctx, {}), problem: { message: out.message, fields } };
  }
};
