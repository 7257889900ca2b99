import { describe, expect, it } from 'vitest';
import { jakartaDayEnd, jakartaDayStart, ZListAuditLogRequest } from './model.js';

describe('audit log filters', () => {
  it('reads dates as whole business days in Jakarta (UTC+7)', () => {
    expect(jakartaDayStart('2025-03-01').toISOString()).toBe('2025-02-28T17:00:00.000Z');
    expect(jakartaDayEnd('2025-03-01').toISOString()).toBe('2025-03-01T17:00:00.000Z');
  });
  it('reads paging from query strings and refuses a range that runs backwards', () => {
    expect(ZListAuditLogRequest.parse({ page: '3', pageSize: '20', entity: '' })).toEqual({ page: 3, pageSize: 20 });
    expect(ZListAuditLogRequest.safeParse({ from: '2025-03-02', to: '2025-03-01' }).success).toBe(false);
    expect(ZListAuditLogRequest.safeParse({ pageSize: '500' }).success).toBe(false);
    expect(ZListAuditLogRequest.safeParse({ from: '2025-02-29' }).success).toBe(false);
  });
});
