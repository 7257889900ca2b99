import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, formObject } from '$lib/server/forms';
import { rupiahInput } from '$lib/care';
import { isAppError } from '$core/kernel/errors.js';
import { getDonationOptions, startDonation } from '$core/care/donations.js';

// Light page: server-rendered only, no JavaScript shipped.
export const csr = false;

/** A programme's public donation form: an exact amount by QRIS or bank transfer, the name optional. */
export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    return { options: await getDonationOptions(locals.ctx, params.slug, params.programme) };
  } catch (err) {
    if (isAppError(err) && err.status === 404) error(404, { message: err.code, code: err.code });
    throw err;
  }
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const values = formObject(await request.formData());
    let token: string;
    try {
      ({ token } = await startDonation(locals.ctx, params.slug, params.programme, {
        amount: rupiahInput(values.amount),
        method: values.method,
        ...(values.donorName ? { donorName: values.donorName } : {}),
        donorPublic: values.donorPublic === 'on'
      }));
    } catch (err) {
      return failWith(locals.locale, err, values);
    }
    redirect(303, `/koperasi/${params.slug}/kepedulian/donasi/d/${token}`);
  }
};
