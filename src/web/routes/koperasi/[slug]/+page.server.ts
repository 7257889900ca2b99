import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../kernel/errors.js';
import { getPublicProfile } from '../../../../coops/get-public-profile.js';
import { browseStorefront } from '../../../../catalogue/browse-storefront.js';

/** A cooperative's public page: anyone, no sign-in, only for coops that chose to be public. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  try {
    const profile = await getPublicProfile(locals.ctx, params.slug);
    // A link shared on WhatsApp shows the coop with one of its works' photos (a coop without a storefront: none).
    const store = await browseStorefront(locals.ctx, params.slug, {}).catch(() => null);
    const cover = store?.items.find((i) => i.cover)?.cover ?? null;
    return { profile, share: { url: `${url.origin}${url.pathname}`, image: cover ? { src: `${url.origin}${cover.full}`, alt: cover.alt } : null } };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};
