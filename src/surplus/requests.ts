import { z } from 'zod';

/** Zod request schemas of the SHU runs (the pure computation's types are in model.ts). */

const plainDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_invalid' });
const empty = (v: unknown) => (v === '' || v === null ? undefined : v);
const num = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v);

export const ZComputeRequest = z.object({ fiscalYear: z.preprocess(num, z.number().int().min(2000).max(9999)) });
export const ZProposeRunRequest = z.object({ meetingId: z.preprocess(empty, z.uuid().optional()) });
export const ZApproveRunRequest = z.object({ decisionId: z.preprocess(empty, z.uuid().optional()) });
export const ZPayShareRequest = z.object({ method: z.enum(['cash', 'bank', 'sukarela']), date: z.preprocess(empty, plainDate.optional()) });
export const ZReverseRunRequest = z.object({ reason: z.string().trim().min(10).max(500), date: z.preprocess(empty, plainDate.optional()) });

const ZCategory = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/), weightBp: z.number().int().min(0).max(10_000) });
const bool = (v: unknown) => (v === 'on' || v === 'true' ? true : v === 'false' || v === undefined || v === '' ? false : v);

/** The coop's SHU policies (the charter holds only the components). Form posts send checkboxes and strings. */
export const ZShuSettingsRequest = z.object({
  capitalPokok: z.preprocess(bool, z.boolean()).optional(),
  capitalWajib: z.preprocess(bool, z.boolean()).optional(),
  capitalSukarela: z.preprocess(bool, z.boolean()).optional(),
  capitalMethod: z.enum(['AVG_DAILY', 'END_OF_PERIOD', 'AVG_MONTH_END']),
  leaver: z.enum(['PRO_RATA', 'FORFEIT_TO_CADANGAN']),
  minActiveDays: z.preprocess(num, z.number().int().min(0).max(366)),
  emptyPool: z.enum(['TO_CADANGAN', 'TO_OTHER_MEMBER_POOL']),
  payoutRoundTo: z.preprocess(num, z.union([z.literal(1), z.literal(100)])),
  withholdingBp: z.preprocess(num, z.number().int().min(0).max(10_000)),
  usahaCategories: z.array(ZCategory).min(1).max(20).optional()
});
export type ShuSettingsRequest = z.input<typeof ZShuSettingsRequest>;
