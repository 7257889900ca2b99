import type { TenantCtx } from '../kernel/context.js';
import { changeWorkStatus } from './change-status.js';
import type { WorkView } from './model.js';

/** Take a work off the storefront; it stays in the catalogue (and in past records). */
export function archiveWork(ctx: TenantCtx, workId: string): Promise<WorkView> {
  return changeWorkStatus(ctx, workId, 'archive');
}
