import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { enterGroup, type GroupCtx } from '../../../founding/access.js';
import { isAppError } from '../../../kernel/errors.js';

/** Enter the founding group named by the URL as the signed-in founder, or send them to sign in (decision 0180). */
export async function groupFor(event: RequestEvent): Promise<GroupCtx> {
  const { ctx, auth } = event.locals;
  if (!auth) redirect(303, `/masuk?ke=${encodeURIComponent(event.url.pathname)}`);
  try {
    return await enterGroup(ctx, auth, event.params.id ?? '');
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
}
