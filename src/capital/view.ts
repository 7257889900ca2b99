import type { Balances, Deltas, MovementKind, MovementMethod } from './model.js';
import type { MovementRow } from './store.js';

export type MovementView = {
  id: string;
  memberId: string;
  kind: MovementKind;
  amount: number;
  /** The signed change of each balance. */
  deltas: Deltas;
  /** The member's balances right after this movement. */
  balancesAfter: Balances;
  method: MovementMethod;
  date: string;
  receiptNo: string;
  wajibPeriods: { from: string; to: string } | null;
  note: string | null;
  ledgerEntryId: string;
  recordedBy: { accountId: string; name: string } | null;
  recordedAt: string;
};

export function toMovementView(r: MovementRow): MovementView {
  return {
    id: r.id,
    memberId: r.member_id,
    kind: r.kind,
    amount: Number(r.amount),
    deltas: { pokok: Number(r.pokok_delta), wajib: Number(r.wajib_delta), sukarela: Number(r.sukarela_delta) },
    balancesAfter: { pokok: Number(r.balance_pokok), wajib: Number(r.balance_wajib), sukarela: Number(r.balance_sukarela) },
    method: r.method,
    date: r.occurred_on,
    receiptNo: r.receipt_no,
    wajibPeriods: r.wajib_from && r.wajib_to ? { from: r.wajib_from, to: r.wajib_to } : null,
    note: r.note,
    ledgerEntryId: r.ledger_entry_id,
    recordedBy: r.created_by ? { accountId: r.created_by, name: r.created_by_name ?? '' } : null,
    recordedAt: new Date(r.created_at).toISOString()
  };
}
