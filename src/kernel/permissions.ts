import type { Role } from '../db/schema.js';
import { AppError } from './errors.js';
import type { TenantCtx } from './context.js';

export const BOARD: readonly Role[] = ['ketua', 'sekretaris', 'bendahara'];

/** Who may do what inside a cooperative. The platform administrator may do everything. */
export const PERMISSIONS = {
  'coop.read': ['anggota', 'ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'],
  'coop.write': ['ketua', 'sekretaris'],
  'charter.write': ['ketua', 'sekretaris'],
  'members.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'],
  'members.write': ['ketua', 'sekretaris', 'staf'],
  'members.approve': ['ketua', 'sekretaris'],
  // Unmasked NIK and birth dates (the member register the sekretaris keeps), each view audited; erasing a leaver's data (decision 0106).
  'members.personal': ['ketua', 'sekretaris'],
  'members.erase': ['ketua', 'sekretaris'],
  'audit.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'tokens.manage': ['ketua', 'sekretaris'],
  'roles.read': ['ketua', 'sekretaris', 'pengawas'],
  'roles.manage': ['ketua'],
  'ledger.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'ledger.post': ['ketua', 'bendahara'],
  'ledger.manage': ['ketua', 'bendahara'],
  'ledger.reopen': ['ketua'],
  'capital.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'capital.write': ['ketua', 'bendahara'],
  'catalogue.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'],
  'catalogue.write': ['ketua', 'sekretaris', 'bendahara', 'staf'],
  'payments.settings': ['ketua', 'bendahara'],
  'orders.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'],
  'orders.manage': ['ketua', 'bendahara', 'staf'],
  'payments.confirm': ['ketua', 'bendahara'],
  'meetings.manage': ['ketua', 'sekretaris'],
  'decisions.manage': ['ketua', 'sekretaris'],
  'governance.audit': ['ketua', 'sekretaris', 'pengawas'],
  'shu.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'shu.manage': ['ketua', 'bendahara'],
  'reports.rat': ['anggota', 'ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'reports.books': ['ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'reports.ministry': ['ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'events.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'],
  'events.checkin': ['ketua', 'sekretaris', 'bendahara', 'staf'],
  'production.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'],
  'production.write': ['ketua', 'sekretaris', 'bendahara', 'staf'],
  'payments.reconcile': ['ketua', 'bendahara'],
  'education.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'],
  'education.manage': ['ketua', 'sekretaris', 'staf'],
  'education.fund': ['ketua', 'bendahara'],
  'care.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'],
  'care.manage': ['ketua', 'sekretaris', 'bendahara'],
  // Deciding an aid application: further narrowed to the roles the care rules name (decision 0135).
  'care.decide': ['ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'care.disburse': ['ketua', 'bendahara'],
  // Networks of cooperatives (issue 19): the board gives the coop's consent (join, leave, accept
  // an invitation), names its delegates and decides what it shares; trade is the money roles'.
  'networks.manage': ['ketua', 'sekretaris'],
  'networks.read': ['ketua', 'sekretaris', 'bendahara', 'pengawas'],
  'networks.trade': ['ketua', 'bendahara']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(ctx: Pick<TenantCtx, 'actor' | 'roles'>, permission: Permission): boolean {
  if (ctx.actor.isPlatformAdmin) return true;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return ctx.roles.some((r) => allowed.includes(r));
}

export function requirePermission(ctx: Pick<TenantCtx, 'actor' | 'roles'>, permission: Permission): void {
  if (!can(ctx, permission)) throw new AppError('FORBIDDEN');
}
