import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith } from '$lib/server/forms';
import { AppError } from '../../../../../../kernel/errors.js';
import { can } from '../../../../../../kernel/permissions.js';
import { importMembers, IMPORT_COLUMNS, IMPORT_IGNORED_COLUMNS, IMPORT_REQUIRED_COLUMNS } from '../../../../../../members/import-members.js';
import { getApprovalRule } from '../../../../../../members/get-approval-rule.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!can(ctx, 'members.write')) error(403, { message: 'FORBIDDEN', code: 'FORBIDDEN' });
  return {
    columns: IMPORT_COLUMNS.filter((c) => !IMPORT_IGNORED_COLUMNS.includes(c)),
    required: [...IMPORT_REQUIRED_COLUMNS],
    canActivate: can(ctx, 'members.approve'),
    approvalBy: await getApprovalRule(ctx)
  };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const form = await event.request.formData();
    const file = form.get('file');
    const asStatus = form.get('asStatus') === 'active' ? 'active' : 'applicant';
    try {
      if (!(file instanceof File) || file.size === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'file', code: 'required' }] });
      const content = new Uint8Array(await file.arrayBuffer());
      // An XLSX file is a ZIP archive: it starts with 'PK'.
      const format = content[0] === 0x50 && content[1] === 0x4b ? 'xlsx' : 'csv';
      const result = await importMembers(ctx, { format, content, asStatus });
      return { imported: result.imported, asStatus };
    } catch (err) {
      return failWith(ctx.locale, err, { asStatus });
    }
  }
};
