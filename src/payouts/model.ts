import { z } from 'zod';

export const ZPayoutRequest = z.strictObject({
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reference: z.string().trim().min(1).max(200),
  method: z.enum(['cash', 'bank']),
  note: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((s) => (s ? s : undefined))
});

export type PayoutView = { id: string; memberId: string; memberName: string; amount: number; method: 'cash' | 'bank'; reference: string; note: string | null; createdAt: string; ledgerEntryId: string };

export const PRODUCER_ACCOUNT = 'PAYABLE_TO_PRODUCERS';
