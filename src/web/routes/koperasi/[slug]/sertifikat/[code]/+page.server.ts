import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../../../kernel/errors.js';
import { verifyCertificate } from '../../../../../../education/certificates.js';

/** Public verification of a certificate: name, programme, date, cooperative — nothing more. */
export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    const c = await verifyCertificate(locals.ctx, params.slug, params.code);
    return { certificate: { holderName: c.holderName, programmeTitle: c.programmeTitle, sessionTopic: c.sessionTopic, completedOn: c.completedOn, coopName: c.coopName } };
  } catch (err) {
    if (isAppError(err) && err.code === 'EDU_CERTIFICATE_NOT_FOUND') return { certificate: null };
    throw err;
  }
};
