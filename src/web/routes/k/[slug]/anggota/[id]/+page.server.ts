import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { can } from '../../../../../../kernel/permissions.js';
import type { TenantCtx } from '../../../../../../kernel/context.js';
import { getMember } from '../../../../../../members/get-member.js';
import { getMemberHistory } from '../../../../../../members/get-member-history.js';
import { getMemberPeriods } from '../../../../../../members/get-member-periods.js';
import { regionPath } from '../../../../../../regions/model.js';
import { getApprovalRule } from '../../../../../../members/get-approval-rule.js';
import { actionsFrom, type MemberAction } from '../../../../../../members/model.js';
import { approveMember } from '../../../../../../members/approve-member.js';
import { rejectApplication } from '../../../../../../members/reject-application.js';
import { suspendMember } from '../../../../../../members/suspend-member.js';
import { reinstateMember } from '../../../../../../members/reinstate-member.js';
import { resignMember } from '../../../../../../members/resign-member.js';
import { expelMember } from '../../../../../../members/expel-member.js';
import { rejoinMember } from '../../../../../../members/rejoin-member.js';
import { inviteMember } from '../../../../../../members/invite-member.js';
import { getLatestInvitation } from '../../../../../../members/get-latest-invitation.js';
import { getErasureRequest, recordErasureRequest } from '../../../../../../members/request-erasure.js';
import { eraseMemberData } from '../../../../../../members/erase-member-data.js';
import { ERASABLE_STATUSES } from '../../../../../../members/privacy.js';

/** Who may press which button (the use cases check again). */
function allowed(ctx: TenantCtx, action: MemberAction, own: boolean): boolean {
  if (action === 'resign') return own || can(ctx, 'members.write');
  if (action === 'rejoin') return can(ctx, 'members.write');
  return can(ctx, 'members.approve');
}

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const member = await getMember(ctx, event.params.id, { reveal: true });
    const history = await getMemberHistory(ctx, event.params.id);
    const periods = await getMemberPeriods(ctx, event.params.id);
    const own = member.accountId === ctx.actor.accountId;
    const done = event.url.searchParams.get('selesai');
    return {
      member,
      history,
      periods,
      actions: actionsFrom(member.status).filter((a) => allowed(ctx, a, own)),
      approvalBy: await getApprovalRule(ctx),
      invitation: member.accountId ? null : await getLatestInvitation(ctx, member.id),
      mayInvite: can(ctx, 'members.write'),
      // Personal data (decision 0106): the full download and, for a leaver, erasure.
      mayPersonal: can(ctx, 'members.personal'),
      erasure: can(ctx, 'members.erase') && (ERASABLE_STATUSES as readonly string[]).includes(member.status) ? { request: await getErasureRequest(ctx, member.id) } : null,
      village: (await regionPath(member.villageCode))
        .slice(1)
        .reverse()
        .map((r) => r.name)
        .join(', '),
      done: done && /^[a-zA-Z]+$/.test(done) ? done : null
    };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};

const RUN: Record<MemberAction, (ctx: TenantCtx, id: string, input: unknown) => Promise<unknown>> = {
  approve: approveMember,
  reject: rejectApplication,
  suspend: suspendMember,
  reinstate: reinstateMember,
  resign: resignMember,
  expel: expelMember,
  rejoin: rejoinMember
};

function action(name: MemberAction) {
  return async (event: RequestEvent) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await RUN[name](ctx, event.params.id, { reason: values.reason, ...(name === 'approve' ? { meetingRef: values.meetingRef } : {}) });
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, action: name });
    }
    return { done: name };
  };
}

export const actions: Actions = {
  approve: action('approve'),
  reject: action('reject'),
  suspend: action('suspend'),
  reinstate: action('reinstate'),
  resign: action('resign'),
  expel: action('expel'),
  rejoin: action('rejoin'),
  erasureRequest: async (event: RequestEvent) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await recordErasureRequest(ctx, event.params.id, { note: values.note });
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, action: 'erasureRequest' });
    }
    return { done: 'erasureRequested' };
  },
  erase: async (event: RequestEvent) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await eraseMemberData(ctx, event.params.id, { reason: values.reason });
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, action: 'erase' });
    }
    return { done: 'erased' };
  },
  invite: async (event: RequestEvent) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const sent = await inviteMember(ctx, event.params.id, { email: values.email });
      return { invited: { email: sent.email, expiresAt: sent.expiresAt } };
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, action: 'invite' });
    }
  }
};
