import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { createHash } from 'node:crypto';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t, type Locale } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { renderPdf } from '../kernel/pdf.js';
import { formatRupiahId, rupiahInWords } from '../capital/model.js';
import { findCoopBySlug } from '../coops/store.js';

/**
 * The numbered receipt (kuitansi) of one fund movement as a PDF: the cooperative, receipt
 * number and date, who gave or received (a donor shown by name only if they chose so, a
 * recipient only as the kind of aid unless they consented), what for, the amount in figures
 * and in words (terbilang, always Indonesian as on any kuitansi), the fund and method.
 */
export type CareReceipt = {
  locale: Locale;
  coopName: string;
  receiptNo: string;
  date: string;
  kind: 'donation' | 'grant' | 'disbursement' | 'reversal';
  amount: number;
  party: string;
  purpose: string;
  fund: string;
  programme: string | null;
  method: 'cash' | 'transfer';
  signed: 'tick' | 'upload' | null;
};

export function careReceiptDocument(r: CareReceipt): TDocumentDefinitions {
  const L = (key: string, params?: Record<string, unknown>) => t(r.locale, `care.receipt.${key}`, params);
  const words = rupiahInWords(Math.abs(r.amount));
  const row = (label: string, value: Content): Content[] => [{ text: label, color: '#6b6258' }, value];
  const out = r.amount < 0;
  const body: Content[][] = [
    row(L(out ? 'paidTo' : 'receivedFrom'), { text: r.party, bold: true }),
    row(L('for'), `${r.purpose}${r.programme ? ` — ${r.programme}` : ''}`),
    row(L('fund'), r.fund),
    row(L('amount'), { text: formatRupiahId(Math.abs(r.amount)), bold: true, fontSize: 14 }),
    row(L('words'), { text: words.charAt(0).toUpperCase() + words.slice(1), italics: true }),
    row(L('method'), t(r.locale, `care.board.methods.${r.method}`)),
    ...(r.signed ? [row(L('signed'), t(r.locale, `care.board.signed.${r.signed}`))] : [])
  ];
  return {
    pageSize: 'A5',
    pageOrientation: 'landscape',
    pageMargins: [36, 32, 36, 32],
    info: { title: `${L('title')} ${r.receiptNo}`, creator: 'Lumbung' },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: '#1f1a14' },
    content: [
      {
        columns: [
          { width: '*', text: r.coopName, bold: true, fontSize: 13 },
          { width: 'auto', stack: [{ text: L('title'), bold: true, fontSize: 16, alignment: 'right', characterSpacing: 2 }, { text: `No. ${r.receiptNo}`, alignment: 'right' }, { text: r.date, alignment: 'right' }] }
        ]
      },
      { canvas: [{ type: 'line', x1: 0, y1: 6, x2: 523, y2: 6, lineWidth: 1.5, lineColor: '#7a4b1e' }], margin: [0, 0, 0, 10] },
      { table: { widths: [130, '*'], body }, layout: 'noBorders' },
      { text: L('thanks'), margin: [0, 14, 0, 0], fontSize: 9, color: '#6b6258' }
    ]
  };
}

async function receiptOf(trx: Tx, coopId: string, coopName: string, locale: Locale, where: { movementId: string }): Promise<CareReceipt> {
  const m = await trx
    .selectFrom('care_movements as m')
    .innerJoin('care_funds as f', (j) => j.onRef('f.coop_id', '=', 'm.coop_id').onRef('f.id', '=', 'm.fund_id'))
    .leftJoin('care_programmes as p', (j) => j.onRef('p.coop_id', '=', 'm.coop_id').onRef('p.id', '=', 'm.programme_id'))
    .select(['m.receipt_no', 'm.occurred_on', 'm.kind', 'm.amount', 'm.counterparty', 'm.counterparty_public', 'm.purpose', 'm.category', 'm.method', 'm.receipt_signed', 'f.name as fund', 'p.title as programme'])
    .where('m.coop_id', '=', coopId)
    .where('m.id', '=', where.movementId)
    .executeTakeFirst();
  if (!m) throw new AppError('CARE_MOVEMENT_NOT_FOUND');
  const anonymous = t(locale, 'care.anonymous');
  // The receipt names whom the record names (a grantor; a donor or recipient who agreed); else the kind of aid or "without a name".
  const party = m.counterparty && (m.counterparty_public || m.kind === 'grant') ? m.counterparty : m.category ? `${t(locale, `care.categories.${m.category}`)} (${anonymous})` : anonymous;
  return {
    locale, coopName, receiptNo: m.receipt_no, date: m.occurred_on, kind: m.kind, amount: Number(m.amount), party, purpose: m.purpose, fund: m.fund, programme: m.programme, method: m.method, signed: m.receipt_signed
  };
}

/** The board's copy of any movement's receipt. */
export async function movementReceiptPdf(ctx: TenantCtx, movementId: string): Promise<{ receiptNo: string; pdf: Buffer }> {
  requirePermission(ctx, 'care.read');
  if (!/^[0-9a-f-]{36}$/i.test(movementId)) throw new AppError('CARE_MOVEMENT_NOT_FOUND');
  const r = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const coop = await trx.selectFrom('coops').select('name').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
    return receiptOf(trx, ctx.coopId, coop.name, ctx.locale, { movementId });
  });
  return { receiptNo: r.receiptNo, pdf: await renderPdf(careReceiptDocument(r)) };
}

/** The donor's receipt, through the secret link of their pledge, once the bendahara confirmed the money. */
export async function donationReceiptPdf(ctx: Ctx, slug: string, token: string, locale: Locale): Promise<{ receiptNo: string; pdf: Buffer }> {
  const coop = await findCoopBySlug(ctx.db, slug.toLowerCase());
  if (!coop || !coop.is_public) throw new AppError('NOT_FOUND');
  const r = await withTenant(ctx.db, coop.id, async (trx) => {
    const d = await trx.selectFrom('care_donations').select(['movement_id', 'status']).where('coop_id', '=', coop.id).where('token_hash', '=', createHash('sha256').update(String(token)).digest('hex')).executeTakeFirst();
    if (!d) throw new AppError('NOT_FOUND');
    if (d.status !== 'paid' || !d.movement_id) throw new AppError('CARE_DONATION_NOT_PENDING', { params: { status: d.status } });
    const receipt = await receiptOf(trx, coop.id, coop.name, locale, { movementId: d.movement_id });
    // The donor's own copy carries their name even when the public page does not.
    const named = await trx.selectFrom('care_donations').select('donor_name').where('coop_id', '=', coop.id).where('movement_id', '=', d.movement_id).executeTakeFirstOrThrow();
    return named.donor_name ? { ...receipt, party: named.donor_name } : receipt;
  });
  return { receiptNo: r.receiptNo, pdf: await renderPdf(careReceiptDocument(r)) };
}
