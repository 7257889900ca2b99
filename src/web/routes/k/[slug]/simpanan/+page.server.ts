import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { movementInput } from '$lib/capital/form';
import { AppError, isAppError } from '../../../../../kernel/errors.js';
import { translateError } from '../../../../../kernel/i18n.js';
import { can } from '../../../../../kernel/permissions.js';
import type { TenantCtx } from '../../../../../kernel/context.js';
import { listCapitalRegister } from '../../../../../capital/list-capital-register.js';
import { recordPokokPayment } from '../../../../../capital/record-pokok-payment.js';
import { recordWajibPayment } from '../../../../../capital/record-wajib-payment.js';
import { depositSukarela } from '../../../../../capital/deposit-sukarela.js';
import { withdrawSukarela } from '../../../../../capital/withdraw-sukarela.js';
import { refundCapital } from '../../../../../capital/refund-capital.js';
import type { MovementResult } from '../../../../../capital/movement.js';

const FILTERS = ['q', 'inArrears', 'status'] as const;

const RUN = {
  deposit: depositSukarela,
  withdrawal: withdrawSukarela,
  pokok: recordPokokPayment,
  wajib: recordWajibPayment
} as const;
type FormKind = keyof typeof RUN;

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, event.url.searchParams.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  try {
    const [register, everyone] = await Promise.all([listCapitalRegister(ctx, filters), listCapitalRegister(ctx, { status: 'all' })]);
    return {
      register,
      filters,
      // The picker lists everyone who may have a movement; former members with savings appear under "refund".
      members: everyone.rows.filter((r) => r.status !== 'resigned' && r.status !== 'expelled').map((r) => ({ id: r.memberId, memberNo: r.memberNo, fullName: r.fullName, status: r.status })),
      leavers: everyone.rows.filter((r) => (r.status === 'resigned' || r.status === 'expelled') && r.total > 0),
      mayWrite: can(ctx, 'capital.write'),
      // A fresh key per form shown: submitting the same form twice records once.
      formKey: randomUUID(),
      refundKey: randomUUID()
    };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};

/** The member a form names: picked from the list, or typed as a member number. */
async function pickMember(ctx: TenantCtx, values: Record<string, unknown>): Promise<string> {
  if (typeof values.memberId === 'string' && values.memberId) return values.memberId;
  const no = typeof values.memberNo === 'string' ? Number(values.memberNo.replace(/^0+/, '')) : NaN;
  if (Number.isInteger(no) && no > 0) {
    const found = (await listCapitalRegister(ctx, { status: 'all', q: String(no) })).rows.find((r) => r.memberNo === no);
    if (found) return found.memberId;
  }
  throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'memberId', code: 'member_pick' }] });
}

function success(r: MovementResult) {
  return { success: { kind: r.movement.kind, amount: r.movement.amount, name: r.member.fullName, receiptNo: r.movement.receiptNo, movementId: r.movement.id, created: r.created } };
}

export const actions: Actions = {
  record: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const kind = values.kind as FormKind;
      if (!Object.hasOwn(RUN, kind)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'kind', code: 'invalid_value' }] });
      const memberId = await pickMember(ctx, values);
      return success(await RUN[kind](ctx, memberId, movementInput(values, { withAmount: true })));
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  },
  refund: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      return success(await refundCapital(ctx, String(values.memberId ?? ''), movementInput(values, { withAmount: false })));
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, refund: true });
    }
  }
};
