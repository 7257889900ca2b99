import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith } from '$lib/server/forms';
import { AppError } from '$core/kernel/errors.js';
import { can } from '$core/kernel/permissions.js';
import { postOpeningBalances } from '$core/founding/onboarding.js';

/** Path B (issue 20): the opening balance sheet of a cooperative moving to Lumbung (ledger.manage). */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'ledger.manage')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  return { coopId: ctx.coopId };
};

const asFile = async (v: FormDataEntryValue | null, field: string) => {
  if (!(v instanceof File) || v.size === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ field, code: 'required' }] });
  const bytes = new Uint8Array(await v.arrayBuffer());
  // An XLSX file is a ZIP archive: it starts with 'PK'.
  return { format: bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'csv', contentBase64: Buffer.from(bytes).toString('base64') };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    const cutOverDate = String(form.get('cutOverDate') ?? '');
    try {
      const result = await postOpeningBalances(ctx, { cutOverDate, balanceSheet: await asFile(form.get('neraca'), 'neraca'), savings: await asFile(form.get('simpanan'), 'simpanan') });
      return { posted: result };
    } catch (err) {
      return failWith(ctx.locale, err, { cutOverDate });
    }
  }
};
