import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { can } from '$core/kernel/permissions.js';
import { listReconciliation, resolveReconciliation } from '$core/payments/providers/reconciliation.js';
import { getProviderSettings, saveProviderSettings } from '$core/payments/providers/settings.js';

/** The payment gateway (Midtrans) settings and the reconciliation queue of gateway payments that did not mark an order paid. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'payments.reconcile')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  const show = event.url.searchParams.get('status') === 'all' ? 'all' : 'open';
  return {
    items: await listReconciliation(ctx, { status: show }),
    show,
    settings: can(ctx, 'payments.settings') ? await getProviderSettings(ctx) : null,
    done: event.url.searchParams.get('selesai')
  };
};

export const actions: Actions = {
  resolve: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      await resolveReconciliation(ctx, String(v.id ?? ''), { note: v.note });
    } catch (err) {
      return failWith(ctx.locale, err, v);
    }
    redirect(303, `/k/${event.params.slug}/rekonsiliasi?selesai=resolved`);
  },
  settings: async (event) => {
    const ctx = await tenantFor(event);
    const v = formObject(await event.request.formData());
    try {
      await saveProviderSettings(ctx, { ...(v.serverKey ? { serverKey: v.serverKey } : {}), enabled: v.enabled === 'on' });
    } catch (err) {
      return failWith(ctx.locale, err, {});
    }
    redirect(303, `/k/${event.params.slug}/rekonsiliasi?selesai=saved`);
  }
};
