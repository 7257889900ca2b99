import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { can } from '../../../../../../kernel/permissions.js';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getAttendance } from '../../../../../../events/get-attendance.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  if (!/^[0-9a-f-]{36}$/i.test(event.params.workId)) error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
  try {
    return { report: await getAttendance(ctx, event.params.workId), mayCheckIn: can(ctx, 'events.checkin') };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
