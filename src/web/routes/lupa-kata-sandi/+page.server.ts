import type { Actions } from './$types';
import { requestPasswordReset } from '$core/accounts/request-password-reset.js';
import { failWith, formObject } from '$lib/server/forms';

export const actions: Actions = {
  default: async ({ request, locals, getClientAddress }) => {
    const values = formObject(await request.formData());
    try {
      await requestPasswordReset(locals.ctx, { email: values.email }, getClientAddress());
    } catch (err) {
      return failWith(locals.locale, err, { email: values.email });
    }
    // The same answer whether the email is registered or not.
    return { sent: true };
  }
};
