import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';

/*
 * SQL of the personal data capability (decision 0106). Like src/reports, it reads the
 * tables of several capabilities with its own read-only SQL, because a member's own data
 * is spread over all of them; its only writes are the erasure's, in one transaction.
 */

type Row = Record<string, unknown>;

async function rows(trx: Tx, query: ReturnType<typeof sql>): Promise<Row[]> {
  return (await query.execute(trx)).rows as Row[];
}

/** Everything the cooperative holds about one member, section by section (no secret ballot content). */
export async function personalDataOf(trx: Tx, coopId: string, memberId: string, accountId: string | null) {
  const [
    statusHistory,
    membershipPeriods,
    capitalBalance,
    capitalMovements,
    businessVolume,
    shuShares,
    shuPayments,
    orders,
    payouts,
    meetingAttendance,
    voteParticipation,
    openVotes,
    positions,
    comments,
    eventRegistrations,
    eventWaitlist,
    workCredits,
    productionWork,
    invitations,
    erasureRequest,
    auditLines
  ] = await Promise.all([
    rows(trx, sql`SELECT from_status AS "fromStatus", to_status AS "toStatus", reason, at FROM member_status_history WHERE coop_id = ${coopId} AND member_id = ${memberId} ORDER BY id`),
    rows(
      trx,
      sql`SELECT period_no AS "periodNo", member_no AS "memberNo", applied_at AS "appliedAt", joined_on::text AS "joinedOn", left_on::text AS "leftOn", outcome, details
            FROM membership_periods WHERE coop_id = ${coopId} AND member_id = ${memberId} ORDER BY period_no`
    ),
    rows(trx, sql`SELECT pokok, wajib, sukarela FROM capital_accounts WHERE coop_id = ${coopId} AND member_id = ${memberId}`),
    rows(
      trx,
      sql`SELECT receipt_no AS "receiptNo", kind, amount, pokok_delta AS "pokokDelta", wajib_delta AS "wajibDelta", sukarela_delta AS "sukarelaDelta", method,
                 occurred_on::text AS "occurredOn", wajib_from AS "wajibFrom", wajib_to AS "wajibTo", note,
                 balance_pokok AS "balancePokok", balance_wajib AS "balanceWajib", balance_sukarela AS "balanceSukarela", created_at AS "recordedAt"
            FROM capital_movements WHERE coop_id = ${coopId} AND member_id = ${memberId} ORDER BY occurred_on, created_at`
    ),
    rows(trx, sql`SELECT category, amount, occurred_on::text AS "occurredOn", source, source_ref AS "sourceRef" FROM member_business_volume WHERE coop_id = ${coopId} AND member_id = ${memberId} ORDER BY occurred_on, created_at`),
    rows(
      trx,
      sql`SELECT r.fiscal_year AS "fiscalYear", r.number AS "runNumber", r.status AS "runStatus", m.member_no AS "memberNo", m.full_name AS "name",
                 m.jasa_modal AS "jasaModal", m.jasa_usaha AS "jasaUsaha", m.total, m.payable, m.withholding, m.net_payout AS "netPayout"
            FROM shu_run_members m JOIN shu_runs r ON r.coop_id = m.coop_id AND r.id = m.run_id
           WHERE m.coop_id = ${coopId} AND m.member_id = ${memberId} AND r.status IN ('approved', 'posted', 'paid')
           ORDER BY r.fiscal_year, r.number`
    ),
    rows(
      trx,
      sql`SELECT r.fiscal_year AS "fiscalYear", p.method, p.amount, p.withholding, p.paid_on::text AS "paidOn"
            FROM shu_payments p JOIN shu_runs r ON r.coop_id = p.coop_id AND r.id = p.run_id
           WHERE p.coop_id = ${coopId} AND p.member_id = ${memberId} ORDER BY p.paid_on, p.created_at`
    ),
    rows(
      trx,
      sql`SELECT order_no AS "orderNo", status, buyer_name AS "buyerName", buyer_email AS "buyerEmail", buyer_phone AS "buyerPhone", shipping_address AS "shippingAddress",
                 note, payment_method AS "paymentMethod", total, paid_amount AS "paidAmount", refunded_amount AS "refundedAmount", created_at AS "createdAt", paid_at AS "paidAt"
            FROM orders WHERE coop_id = ${coopId} AND (buyer_member_id = ${memberId} OR (${accountId}::uuid IS NOT NULL AND buyer_account_id = ${accountId}::uuid))
           ORDER BY created_at`
    ),
    rows(trx, sql`SELECT reference, amount, method, note, created_at AS "createdAt" FROM payouts WHERE coop_id = ${coopId} AND member_id = ${memberId} ORDER BY created_at`),
    rows(
      trx,
      sql`SELECT m.number AS "meetingNumber", m.title, m.kind, m.starts_at AS "startsAt", a.participation, a.method, a.checked_in_at AS "checkedInAt", a.left_at AS "leftAt"
            FROM meeting_attendance a JOIN meetings m ON m.coop_id = a.coop_id AND m.id = a.meeting_id
           WHERE a.coop_id = ${coopId} AND a.member_id = ${memberId} ORDER BY m.starts_at`
    ),
    // Participation only: the secret ballot itself has no member id (decision 0060) and is not part of anyone's data.
    rows(
      trx,
      sql`SELECT d.number AS "decisionNumber", d.title, p.origin, p.voted_at AS "votedAt", p.receipt_code AS "receiptCode"
            FROM participations p JOIN decisions d ON d.coop_id = p.coop_id AND d.id = p.decision_id
           WHERE p.coop_id = ${coopId} AND p.member_id = ${memberId} ORDER BY p.voted_at`
    ),
    rows(
      trx,
      sql`SELECT d.number AS "decisionNumber", d.title, v.choices, v.cast_at AS "castAt", v.superseded_at AS "supersededAt"
            FROM open_votes v JOIN decisions d ON d.coop_id = v.coop_id AND d.id = v.decision_id
           WHERE v.coop_id = ${coopId} AND v.member_id = ${memberId} ORDER BY v.cast_at`
    ),
    rows(
      trx,
      sql`SELECT d.number AS "decisionNumber", d.title, p.stance, p.reason, p.updated_at AS "updatedAt"
            FROM decision_positions p JOIN decisions d ON d.coop_id = p.coop_id AND d.id = p.decision_id
           WHERE p.coop_id = ${coopId} AND p.member_id = ${memberId} ORDER BY p.updated_at`
    ),
    rows(
      trx,
      sql`SELECT d.number AS "decisionNumber", d.title, c.body, c.created_at AS "createdAt"
            FROM decision_comments c JOIN decisions d ON d.coop_id = c.coop_id AND d.id = c.decision_id
           WHERE c.coop_id = ${coopId} AND c.member_id = ${memberId} ORDER BY c.created_at`
    ),
    rows(
      trx,
      sql`SELECT w.title AS "event", r.kind, r.status, r.name, r.email, r.quantity, r.created_at AS "createdAt"
            FROM event_registrations r JOIN works w ON w.coop_id = r.coop_id AND w.id = r.work_id
           WHERE r.coop_id = ${coopId} AND r.member_id = ${memberId} ORDER BY r.created_at`
    ),
    rows(
      trx,
      sql`SELECT w.title AS "event", l.status, l.name, l.email, l.quantity, l.created_at AS "createdAt"
            FROM event_waitlist l JOIN works w ON w.coop_id = l.coop_id AND w.id = l.work_id
           WHERE l.coop_id = ${coopId} AND l.member_id = ${memberId} ORDER BY l.id`
    ),
    rows(
      trx,
      sql`SELECT w.title, w.product_line AS "productLine", c.credit_name AS "creditName", c.share_bp AS "shareBp"
            FROM work_creators c JOIN works w ON w.coop_id = c.coop_id AND w.id = c.work_id
           WHERE c.coop_id = ${coopId} AND c.member_id = ${memberId} ORDER BY w.title`
    ),
    rows(
      trx,
      sql`SELECT p.title AS "project", l.worked_on::text AS "workedOn", l.minutes, l.note
            FROM production_work_logs l JOIN production_projects p ON p.coop_id = l.coop_id AND p.id = l.project_id
           WHERE l.coop_id = ${coopId} AND l.member_id = ${memberId} ORDER BY l.worked_on, l.created_at`
    ),
    rows(trx, sql`SELECT email, created_at AS "createdAt", expires_at AS "expiresAt", accepted_at AS "acceptedAt" FROM member_invitations WHERE coop_id = ${coopId} AND member_id = ${memberId} ORDER BY created_at`),
    rows(
      trx,
      sql`SELECT requested_via AS "requestedVia", requested_at AS "requestedAt", note, status, done_at AS "doneAt", reason FROM member_erasure_requests WHERE coop_id = ${coopId} AND member_id = ${memberId}`
    ),
    rows(trx, sql`SELECT at, action, before, after FROM audit_log WHERE coop_id = ${coopId} AND entity = 'member' AND entity_id = ${memberId} ORDER BY id`)
  ]);
  return {
    statusHistory,
    membershipPeriods,
    capital: { balance: capitalBalance[0] ?? { pokok: 0, wajib: 0, sukarela: 0 }, movements: capitalMovements },
    businessVolume,
    shu: { shares: shuShares, payments: shuPayments },
    orders,
    payouts,
    governance: { meetingAttendance, voteParticipation, openVotes, positions, comments },
    events: { registrations: eventRegistrations, waitlist: eventWaitlist },
    workCredits,
    productionWork,
    invitations,
    erasureRequest: erasureRequest[0] ?? null,
    auditLines
  };
}

export type PersonalDataSections = Awaited<ReturnType<typeof personalDataOf>>;

export function findErasureRequest(trx: Tx, coopId: string, memberId: string, opts: { lock?: boolean } = {}) {
  let q = trx
    .selectFrom('member_erasure_requests')
    .select(['id', 'member_id', 'requested_via', 'requested_by', 'requested_at', 'note', 'status', 'done_by', 'done_at', 'reason'])
    .where('coop_id', '=', coopId)
    .where('member_id', '=', memberId);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertErasureRequest(trx: Tx, coopId: string, row: { member_id: string; requested_via: 'member' | 'officer'; requested_by: string | null; note: string | null }) {
  return trx.insertInto('member_erasure_requests').values({ coop_id: coopId, ...row }).returningAll().executeTakeFirstOrThrow();
}

export async function markErasureDone(trx: Tx, coopId: string, id: string, doneBy: string | null, reason: string) {
  await trx.updateTable('member_erasure_requests').set({ status: 'done', done_by: doneBy, done_at: sql`now()` as never, reason }).where('coop_id', '=', coopId).where('id', '=', id).execute();
}

/** What the member still owes or is owed, which an erasure must wait for (decision 0106). */
export async function openObligations(trx: Tx, coopId: string, memberId: string): Promise<{ capital: number; shuUnpaid: number; openOrders: number }> {
  const [cap, shu, ord] = await Promise.all([
    rows(trx, sql`SELECT (pokok + wajib + sukarela)::bigint AS n FROM capital_accounts WHERE coop_id = ${coopId} AND member_id = ${memberId}`),
    rows(
      trx,
      sql`SELECT coalesce(sum(m.net_payout), 0)::bigint AS n
            FROM shu_run_members m JOIN shu_runs r ON r.coop_id = m.coop_id AND r.id = m.run_id
           WHERE m.coop_id = ${coopId} AND m.member_id = ${memberId} AND r.status = 'posted' AND m.net_payout > 0
             AND NOT EXISTS (SELECT 1 FROM shu_payments p WHERE p.coop_id = m.coop_id AND p.run_id = m.run_id AND p.member_id = m.member_id)`
    ),
    rows(trx, sql`SELECT count(*)::int AS n FROM orders WHERE coop_id = ${coopId} AND buyer_member_id = ${memberId} AND status IN ('awaiting_payment', 'paid')`)
  ]);
  return { capital: Number(cap[0]?.n ?? 0), shuUnpaid: Number(shu[0]?.n ?? 0), openOrders: Number(ord[0]?.n ?? 0) };
}

/**
 * Erase a member's personal data where the books do not need it: the record keeps its id,
 * member number, gender, status and dates and takes the pseudonym; the copies of the name and
 * contact details in other tables follow. Journal entries, invoices, capital movements and
 * the audit log are append-only records the law makes the cooperative keep and are not touched.
 */
export async function erasePersonalData(trx: Tx, coopId: string, memberId: string, pseudonym: string): Promise<Record<string, number>> {
  const n = async (q: ReturnType<typeof sql>) => Number((await q.execute(trx)).numAffectedRows ?? 0);
  const members = await n(sql`
    UPDATE members SET full_name = ${pseudonym}, birth_date = NULL, nik = NULL, phone = NULL, email = NULL, street = NULL, village_code = NULL,
           rt = NULL, rw = NULL, household_code = NULL, occupation = NULL, skills = '{}', civil_society_group = NULL,
           is_well_off = false, receives_state_aid = false, account_id = NULL, updated_at = now()
     WHERE coop_id = ${coopId} AND id = ${memberId}`);
  // Earlier membership periods keep the details the person had (decision 0105): those go too,
  // leaving the dates and the outcome of each period.
  // The new details are built here and only the gender is taken from the row, with jsonb_set:
  // Citus refuses a STABLE function (jsonb_build_object) over a column in an UPDATE.
  const erased = JSON.stringify({
    full_name: pseudonym, gender: null, birth_date: null, nik: null, phone: null, email: null, street: null, village_code: null, rt: null, rw: null,
    household_code: null, occupation: null, skills: [], civil_society_group: null, is_well_off: false, receives_state_aid: false
  });
  const periods = await n(sql`
    UPDATE membership_periods SET details = jsonb_set(${erased}::jsonb, '{gender}', coalesce(details->'gender', 'null'::jsonb)), updated_at = now()
     WHERE coop_id = ${coopId} AND member_id = ${memberId}`);
  const invitations = await n(sql`DELETE FROM member_invitations WHERE coop_id = ${coopId} AND member_id = ${memberId}`);
  const shuRuns = await n(sql`UPDATE shu_run_members SET full_name = ${pseudonym} WHERE coop_id = ${coopId} AND member_id = ${memberId} AND full_name <> ${pseudonym}`);
  const workCredits = await n(sql`UPDATE work_creators SET credit_name = ${pseudonym} WHERE coop_id = ${coopId} AND member_id = ${memberId}`);
  const orders = await n(sql`
    UPDATE orders SET buyer_name = ${pseudonym}, buyer_email = NULL, buyer_phone = NULL, shipping_address = NULL, note = NULL, buyer_account_id = NULL, updated_at = now()
     WHERE coop_id = ${coopId} AND buyer_member_id = ${memberId}`);
  const registrations = await n(sql`UPDATE event_registrations SET name = ${pseudonym}, email = '' WHERE coop_id = ${coopId} AND member_id = ${memberId}`);
  const waitlist = await n(sql`UPDATE event_waitlist SET name = ${pseudonym}, email = ${`terhapus-${memberId.slice(0, 8)}@invalid`} WHERE coop_id = ${coopId} AND member_id = ${memberId}`);
  return { members, periods, invitations, shuRuns, workCredits, orders, registrations, waitlist };
}

/** How many journal entries still carry a name in their text (kept: the ledger is append-only and hash-chained). */
export async function journalEntriesNaming(trx: Tx, coopId: string, memberId: string, name: string): Promise<number> {
  const r = await rows(
    trx,
    sql`SELECT count(DISTINCT e.id)::int AS n FROM journal_entries e JOIN journal_lines l ON l.coop_id = e.coop_id AND l.entry_id = e.id
         WHERE e.coop_id = ${coopId} AND l.member_id = ${memberId} AND strpos(e.description, ${name}) > 0`
  );
  return Number(r[0]?.n ?? 0);
}
