import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '../../../../../../kernel/permissions.js';
import { createApiToken } from '../../../../../../coops/create-api-token.js';
import { listApiTokens } from '../../../../../../coops/list-api-tokens.js';
import { revokeApiToken } from '../../../../../../coops/revoke-api-token.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'tokens.manage')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  return { tokens: await listApiTokens(ctx), now: ctx.clock.now().toISOString() };
};

export const actions: Actions = {
  buat: async (event) => {
    const ctx = await tenantFor(event);
    const raw = formObject(await event.request.formData());
    try {
      const expiresAt = typeof raw.expiresAt === 'string' && raw.expiresAt !== '' ? raw.expiresAt : undefined;
      const created = await createApiToken(ctx, { name: String(raw.name ?? ''), expiresAt });
      // The secret travels once, in this response only; it is never stored or shown again.
      return { created: { name: created.name, secret: created.secret } };
    } catch (err) {
      return failWith(ctx.locale, err, { name: raw.name, expiresAt: raw.expiresAt });
    }
  },
  cabut: async (event) => {
    const ctx = await tenantFor(event);
    const raw = formObject(await event.request.formData());
    try {
      const tokens = await listApiTokens(ctx);
      const name = tokens.find((tk) => tk.id === raw.tokenId)?.name ?? '';
      await revokeApiToken(ctx, String(raw.tokenId ?? ''));
      return { revoked: name };
    } catch (err) {
      return failWith(ctx.locale, err);
    }
  }
};
