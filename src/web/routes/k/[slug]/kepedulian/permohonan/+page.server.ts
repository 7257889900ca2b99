import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { rupiahInput } from '$lib/care';
import { can } from '$core/kernel/permissions.js';
import { listApplications, submitApplication } from '$core/care/applications.js';
import { listFunds } from '$core/care/funds.js';
import { listProgrammes } from '$core/care/programmes.js';
import { listMembers } from '$core/members/list-members.js';

/** Aid applications (newest first) and the board's form to record one. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const mayManage = can(ctx, 'care.manage');
  const applications = await listApplications(ctx);
  const choices = mayManage
    ? {
        funds: await listFunds(ctx),
        programmes: await listProgrammes(ctx),
        members: can(ctx, 'members.read') ? (await listMembers(ctx, { status: 'active', pageSize: 200, sort: 'name' })).items.map((m) => ({ id: m.id, name: m.fullName, memberNo: m.memberNo })) : []
      }
    : null;
  return { applications, mayManage, choices };
};

const int = (v: unknown) => (typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : v);

export const actions: Actions = {
  catat: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    let id: string;
    try {
      id = (
        await submitApplication(ctx, {
          ...(values.fundId ? { fundId: values.fundId } : {}),
          ...(values.programmeId ? { programmeId: values.programmeId } : {}),
          ...(values.memberId ? { memberId: values.memberId } : {}),
          applicantName: values.applicantName,
          ...(values.phone ? { phone: values.phone } : {}),
          householdCode: values.householdCode,
          ...(values.householdSize ? { householdSize: int(values.householdSize) } : {}),
          isWellOff: values.isWellOff === 'on',
          ...(values.villageCode ? { villageCode: values.villageCode } : {}),
          category: values.category,
          amountAsked: rupiahInput(values.amountAsked),
          reason: values.reason,
          consentPublic: values.consentPublic === 'on'
        })
      ).id;
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    redirect(303, `/k/${event.params.slug}/kepedulian/permohonan/${id}`);
  }
};
