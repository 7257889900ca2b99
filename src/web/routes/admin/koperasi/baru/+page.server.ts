import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { failWith, formObject } from '$lib/server/forms';
import { createCoop } from '../../../../../coops/create-coop.js';
import { COOP_TYPES } from '../../../../../coops/model.js';
import { CHARTER_TEMPLATES } from '../../../../../charters/templates.js';

function requireAdmin(event: RequestEvent): void {
  const { auth } = event.locals;
  if (!auth) redirect(303, `/masuk?ke=${encodeURIComponent(event.url.pathname)}`);
  if (!auth.actor.isPlatformAdmin) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
}

export const load: PageServerLoad = async (event) => {
  requireAdmin(event);
  const locale = event.locals.locale;
  return {
    coopTypes: COOP_TYPES,
    templates: Object.values(CHARTER_TEMPLATES).map((tpl) => ({ key: tpl.key, name: tpl.name[locale] }))
  };
};

export const actions: Actions = {
  default: async (event) => {
    requireAdmin(event);
    const raw = formObject(await event.request.formData());
    const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
    const values = { name: text('name'), slug: text('slug'), coopType: text('coopType'), charterTemplate: text('charterTemplate'), ketuaName: text('ketuaName'), ketuaEmail: text('ketuaEmail'), ketuaPhone: text('ketuaPhone') };
    let slug: string;
    try {
      const created = await createCoop(event.locals.ctx, {
        name: values.name ?? '',
        slug: values.slug ?? '',
        coopType: (values.coopType ?? '') as never,
        ...(values.charterTemplate ? { charterTemplate: values.charterTemplate } : {}),
        ketua: {
          ...(values.ketuaEmail ? { email: values.ketuaEmail } : {}),
          ...(values.ketuaPhone ? { phone: values.ketuaPhone } : {}),
          ...(values.ketuaName ? { name: values.ketuaName } : {}),
          ...(text('ketuaPassword') ? { password: text('ketuaPassword') } : {})
        }
      });
      slug = created.coop.slug;
    } catch (err) {
      return failWith(event.locals.locale, err, values);
    }
    redirect(303, `/k/${slug}/pengaturan`);
  }
};
