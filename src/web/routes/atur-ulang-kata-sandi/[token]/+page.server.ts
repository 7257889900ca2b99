import type { Actions, PageServerLoad } from './$types';
import { isResetLinkValid, resetPassword } from '$core/accounts/reset-password.js';
import { failWith, formObject } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, params }) => ({ valid: await isResetLinkValid(locals.ctx, params.token) });

export const actions: Actions = {
  default: async ({ request, locals, params }) => {
    const values = formObject(await request.formData());
    try {
      await resetPassword(locals.ctx, { token: params.token, password: values.password });
    } catch (err) {
      return failWith(locals.locale, err, {});
    }
    return { done: true };
  }
};
