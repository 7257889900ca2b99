import { z } from 'zod';
import type { App } from '../server/types.js';
import { enterCoop } from '../server/tenant-context.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { AppError } from '../kernel/errors.js';
import { depositSukarela } from './deposit-sukarela.js';
import { getMemberCapital } from './get-member-capital.js';
import { getOwnCapital } from './get-own-capital.js';
import { getReceipt } from './get-receipt.js';
import { listCapitalRegister } from './list-capital-register.js';
import { MOVEMENT_KINDS, ZCapitalRegisterRequest, ZMovementRequest, ZRefundRequest } from './model.js';
import type { MovementResult } from './movement.js';
import { recordPokokPayment } from './record-pokok-payment.js';
import { recordWajibPayment } from './record-wajib-payment.js';
import { refundCapital } from './refund-capital.js';
import { withdrawSukarela } from './withdraw-sukarela.js';

const ZBalances = z.object({ pokok: z.number().int(), wajib: z.number().int(), sukarela: z.number().int() });
const ZMovementView = z.object({
  id: z.string(),
  memberId: z.string(),
  kind: z.enum(MOVEMENT_KINDS as [string, ...string[]]),
  amount: z.number().int(),
  deltas: ZBalances,
  balancesAfter: ZBalances,
  method: z.enum(['cash', 'bank', 'shu']),
  date: z.string(),
  receiptNo: z.string(),
  wajibPeriods: z.object({ from: z.string(), to: z.string() }).nullable(),
  note: z.string().nullable(),
  ledgerEntryId: z.string(),
  recordedBy: z.object({ accountId: z.string(), name: z.string() }).nullable(),
  recordedAt: z.string()
});
const ZMovementResult = z.object({
  movement: ZMovementView,
  created: z.boolean(),
  member: z.object({ id: z.string(), memberNo: z.number().int().nullable(), fullName: z.string() })
});
const ZPeriodLine = z.object({
  key: z.string(),
  start: z.string(),
  end: z.string(),
  due: z.number().int(),
  paid: z.number().int(),
  outstanding: z.number().int(),
  overdue: z.boolean()
});
const ZMemberCapital = z.object({
  member: z.object({ id: z.string(), memberNo: z.number().int().nullable(), fullName: z.string(), status: z.string(), joinedOn: z.string().nullable(), leftOn: z.string().nullable() }),
  asOf: z.string(),
  balances: ZBalances,
  total: z.number().int(),
  pokok: z.object({ required: z.number().int(), paid: z.number().int(), outstanding: z.number().int(), paidInFull: z.boolean() }).nullable(),
  wajib: z
    .object({
      period: z.enum(['monthly', 'quarterly', 'yearly']),
      lines: z.array(ZPeriodLine),
      totalDue: z.number().int(),
      paid: z.number().int(),
      outstanding: z.number().int(),
      arrears: z.number().int(),
      arrearsPeriods: z.number().int(),
      advance: z.number().int()
    })
    .nullable(),
  inArrears: z.boolean(),
  refundable: z.object({ pokok: z.number().int(), wajib: z.number().int(), sukarela: z.number().int(), total: z.number().int() }).nullable(),
  movements: z.array(ZMovementView)
});
const ZRegister = z.object({
  asOf: z.string(),
  hasCharter: z.boolean(),
  rows: z.array(
    z.object({
      memberId: z.string(),
      memberNo: z.number().int().nullable(),
      fullName: z.string(),
      status: z.string(),
      balances: ZBalances,
      total: z.number().int(),
      pokokOutstanding: z.number().int(),
      wajibArrears: z.number().int(),
      wajibArrearsPeriods: z.number().int(),
      inArrears: z.boolean()
    })
  ),
  totals: ZBalances.extend({ total: z.number().int(), pokokOutstanding: z.number().int(), wajibArrears: z.number().int(), inArrears: z.number().int() })
});
const ZMemberParams = ZCoopParams.extend({ memberId: z.uuid() });
const ZMovementParams = ZCoopParams.extend({ movementId: z.uuid() });
const ZIdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() }).loose();
const ZBinary = z.any().describe('file');

/** The Idempotency-Key header wins over a body field of the same meaning. */
function withKey(body: unknown, headers: { 'idempotency-key'?: string }): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const key = headers['idempotency-key'];
  return key === undefined ? b : { ...b, idempotencyKey: key };
}

export async function capitalRoutes(api: App): Promise<void> {
  const tags = ['capital'];
  const base = '/coops/:coopId/capital';

  api.get(
    `${base}/register`,
    {
      schema: {
        tags,
        summary: 'Daftar simpanan semua anggota (pengurus, pengawas): saldo per jenis, sisa pokok, tunggakan wajib; saring q, inArrears, status (current|left|all)',
        params: ZCoopParams,
        querystring: ZCapitalRegisterRequest,
        response: { 200: ZRegister, ...errorResponses }
      }
    },
    async (req) => listCapitalRegister(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query)
  );

  api.get(
    `${base}/me`,
    { schema: { tags, summary: 'Simpanan saya: saldo, tunggakan, riwayat (anggota yang sedang masuk)', params: ZCoopParams, response: { 200: ZMemberCapital, ...errorResponses } } },
    async (req) => {
      const own = await getOwnCapital(await enterCoop(req.ctx, req.auth, req.params.coopId));
      if (!own) throw new AppError('MEMBER_NOT_FOUND');
      return own;
    }
  );

  api.get(
    `${base}/members/:memberId`,
    { schema: { tags, summary: 'Simpanan satu anggota: saldo, sisa pokok, jadwal dan tunggakan wajib, riwayat (anggota hanya miliknya sendiri)', params: ZMemberParams, response: { 200: ZMemberCapital, ...errorResponses } } },
    async (req) => getMemberCapital(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId)
  );

  const movements = [
    { path: 'pokok', body: ZMovementRequest, run: recordPokokPayment, summary: 'Catat setoran simpanan pokok (boleh dicicil, tidak melebihi sisa)' },
    { path: 'wajib', body: ZMovementRequest, run: recordWajibPayment, summary: 'Catat setoran simpanan wajib (dialokasikan ke periode tertua yang belum dibayar)' },
    { path: 'deposits', body: ZMovementRequest, run: depositSukarela, summary: 'Catat setoran simpanan sukarela' },
    { path: 'withdrawals', body: ZMovementRequest, run: withdrawSukarela, summary: 'Catat penarikan simpanan sukarela (saldo tidak pernah di bawah nol)' },
    { path: 'refund', body: ZRefundRequest, run: refundCapital, summary: 'Kembalikan seluruh simpanan anggota yang sudah keluar/diberhentikan' }
  ] as const;
  for (const m of movements) {
    api.post(
      `${base}/members/:memberId/${m.path}`,
      {
        schema: {
          tags,
          summary: `${m.summary}. Satu entri jurnal dan satu kuitansi. Idempotent: header Idempotency-Key (atau idempotencyKey di body) yang sama mencatat sekali saja (201 baru, 200 ulangan)`,
          params: ZMemberParams,
          headers: ZIdempotencyHeaders,
          body: m.body,
          response: { 200: ZMovementResult, 201: ZMovementResult, ...errorResponses }
        }
      },
      async (req, reply) => {
        const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
        const result: MovementResult = await m.run(ctx, req.params.memberId, withKey(req.body, req.headers));
        return reply.status(result.created ? 201 : 200).send(result);
      }
    );
  }

  api.get(
    `${base}/movements/:movementId/receipt.pdf`,
    { schema: { tags, summary: 'Kuitansi transaksi simpanan (PDF) dengan jumlah dalam angka dan terbilang', params: ZMovementParams, response: { 200: ZBinary, ...errorResponses } } },
    async (req, reply) => {
      const out = await getReceipt(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.movementId);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${out.filename}"`).send(out.pdf);
    }
  );
}
