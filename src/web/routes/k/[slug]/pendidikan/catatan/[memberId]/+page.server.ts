import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { getLearningRecord } from '../../../../../../../education/learning-record.js';

/** A member's learning record for the board and pengawas (education.read); the use case refuses others. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  return { record: await getLearningRecord(ctx, event.params.memberId) };
};
