import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../../kernel/permissions.js';
import { listCoopUsers } from '../../../../../../coops/list-coop-users.js';
import { setMemberRoles } from '../../../../../../coops/set-member-roles.js';
import { ROLES } from '../../../../../../coops/model.js';
import type { Role } from '../../../../../../db/schema.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'roles.read')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  return { users: await listCoopUsers(ctx), allRoles: ROLES, mayManage: can(ctx, 'roles.manage'), showAll: event.url.searchParams.has('semua') };
};

const rolesFrom = (raw: Record<string, unknown>) => (raw.roles as string[]).filter((r): r is Role => (ROLES as readonly string[]).includes(r));

export const actions: Actions = {
  /** Give roles to an account named by email or phone (it may be new to this cooperative). */
  tetapkan: async (event) => {
    const ctx = await tenantFor(event);
    const raw = formObject(await event.request.formData(), ['roles']);
    const values = { identifier: raw.identifier ?? '', roles: raw.roles };
    try {
      const r = await setMemberRoles(ctx, { identifier: String(raw.identifier ?? ''), roles: rolesFrom(raw) });
      return { done: 'saved', name: r.name };
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, form: 'tetapkan' });
    }
  },
  /** Change the roles of an account already in the list; with no roles left it leaves the cooperative. */
  ubah: async (event) => {
    const ctx = await tenantFor(event);
    const raw = formObject(await event.request.formData(), ['roles']);
    const remove = raw.keluarkan !== undefined;
    try {
      const r = await setMemberRoles(ctx, { accountId: String(raw.accountId ?? ''), roles: remove ? [] : rolesFrom(raw) });
      return { done: r.roles.length ? 'saved' : 'removed', name: r.name };
    } catch (err) {
      return failWith(ctx.locale, err, { accountId: raw.accountId, form: 'ubah' });
    }
  }
};
