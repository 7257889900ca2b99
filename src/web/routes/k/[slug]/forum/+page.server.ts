import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { wibInstant } from '$lib/education';
import { listForumThemes, openForumTheme } from '$core/education/forum.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  return { themes: await listForumThemes(ctx) };
};

export const actions: Actions = {
  open: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    const date = values.sessionDate;
    const input: Record<string, unknown> = { title: values.title ?? '', body: values.body ?? '' };
    if (date || values.sessionStart || values.sessionEnd) {
      input.sessionStartsAt = wibInstant(date, values.sessionStart) || null;
      input.sessionEndsAt = wibInstant(date, values.sessionEnd) || null;
    }
    if (values.sessionPlace) input.sessionPlace = values.sessionPlace;
    let theme;
    try {
      theme = await openForumTheme(ctx, input);
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/forum/${theme.coopId}/${theme.id}`);
  }
};
