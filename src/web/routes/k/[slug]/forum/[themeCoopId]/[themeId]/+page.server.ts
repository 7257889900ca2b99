import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { getForumTheme, hideForumPost, markForumHelpful, postToForum, setForumFollow } from '$core/education/forum.js';
import { isAppError } from '$core/kernel/errors.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    return { theme: await getForumTheme(ctx, event.params.themeCoopId, event.params.themeId) };
  } catch (err) {
    if (isAppError(err) && err.status === 404) error(404, { message: err.code, code: err.code });
    throw err;
  }
};

/** Each form posts back here and returns to the theme (at the post it touched). */
async function act(event: RequestEvent, fn: (values: Record<string, unknown>) => Promise<string | null>) {
  const ctx = await tenantFor(event);
  const values = formObject(await event.request.formData());
  let anchor: string | null;
  try {
    anchor = await fn(values);
  } catch (err) {
    return failWith(ctx.locale, err, values);
  }
  redirect(303, `${event.url.pathname}${anchor ? `#p-${anchor}` : ''}`);
}

export const actions: Actions = {
  post: async (event) =>
    act(event, async (v) => {
      const ctx = await tenantFor(event);
      const r = await postToForum(ctx, event.params.themeCoopId, event.params.themeId, { body: v.body ?? '', ...(v.threadId ? { threadId: v.threadId } : {}) });
      return r.id;
    }),
  helpful: async (event) =>
    act(event, async (v) => {
      const ctx = await tenantFor(event);
      await markForumHelpful(ctx, event.params.themeCoopId, event.params.themeId, String(v.postId ?? ''));
      return String(v.postId);
    }),
  hide: async (event) =>
    act(event, async (v) => {
      const ctx = await tenantFor(event);
      await hideForumPost(ctx, event.params.themeCoopId, event.params.themeId, String(v.postId ?? ''), { reason: v.reason ?? '' });
      return String(v.postId);
    }),
  follow: async (event) =>
    act(event, async (v) => {
      const ctx = await tenantFor(event);
      await setForumFollow(ctx, event.params.themeCoopId, event.params.themeId, { following: v.following === 'on' });
      return null;
    })
};
