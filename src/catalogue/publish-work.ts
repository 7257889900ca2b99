import type { TenantCtx } from '../kernel/context.js';
import { changeWorkStatus } from './change-status.js';
import type { WorkView } from './model.js';

/** Put a draft or archived work on the storefront; it needs creators whose shares sum to 10,000. */
export function publishWork(ctx: TenantCtx, workId: string): Promise<WorkView> {
  return changeWorkStatus(ctx, workId, 'publish');
}
