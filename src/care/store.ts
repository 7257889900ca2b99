import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import { ensureLedger } from '../ledger/store.js';
import { insertAccount } from '../ledger/add-account.js';
import type { TenantCtx } from '../kernel/context.js';
import { currentCharterRules } from '../charters/current-rules.js';
import { DEFAULT_CARE_RULES, ZCareRules, type CareRules } from './model.js';

export type FundRow = { id: string; kind: 'sosial' | 'pendidikan' | 'hibah'; name: string; account_id: string; account_code: string; is_state_aid: boolean; grantor: string | null; conditions: string };

/** The two funds every cooperative has (the SHU allocates to both): their ledger accounts by system key. */
const STANDING_FUNDS = [
  { kind: 'sosial', name: 'Dana sosial', key: 'DANA_SOSIAL' },
  { kind: 'pendidikan', name: 'Dana pendidikan', key: 'DANA_PENDIDIKAN' }
] as const;

/** Create the ledger (when new) and the standing funds (when missing). Idempotent under concurrency. */
export async function ensureFunds(trx: Tx, coopId: string): Promise<void> {
  await ensureLedger(trx, coopId);
  const accounts = await trx.selectFrom('ledger_accounts').select(['id', 'system_key']).where('coop_id', '=', coopId).where('system_key', 'in', STANDING_FUNDS.map((f) => f.key)).execute();
  const values = STANDING_FUNDS.flatMap((f) => {
    const a = accounts.find((x) => x.system_key === f.key);
    return a ? [{ coop_id: coopId, kind: f.kind, name: f.name, account_id: a.id }] : [];
  });
  if (values.length) await trx.insertInto('care_funds').values(values).onConflict((oc) => oc.columns(['coop_id', 'account_id']).doNothing()).execute();
}

function funds(trx: Tx, coopId: string) {
  return trx
    .selectFrom('care_funds as f')
    .innerJoin('ledger_accounts as a', (j) => j.onRef('a.coop_id', '=', 'f.coop_id').onRef('a.id', '=', 'f.account_id'))
    .select(['f.id', 'f.kind', 'f.name', 'f.account_id', 'a.code as account_code', 'f.is_state_aid', 'f.grantor', 'f.conditions'])
    .where('f.coop_id', '=', coopId);
}

export async function listFundRows(trx: Tx, coopId: string): Promise<FundRow[]> {
  return (await funds(trx, coopId).orderBy('f.created_at').orderBy('a.code').execute()) as FundRow[];
}

export async function findFund(trx: Tx, coopId: string, fundId: string): Promise<FundRow | undefined> {
  return (await funds(trx, coopId).where('f.id', '=', fundId).executeTakeFirst()) as FundRow | undefined;
}

/** The general social fund (where a public application asks by default). */
export async function socialFund(trx: Tx, coopId: string): Promise<FundRow> {
  await ensureFunds(trx, coopId);
  return (await funds(trx, coopId).where('f.kind', '=', 'sosial').executeTakeFirstOrThrow()) as FundRow;
}

/**
 * Lock the fund's row until the transaction ends: every movement out of one fund queues
 * here, so a balance checked under the lock is still the balance when the posting lands.
 */
export async function lockFund(trx: Tx, coopId: string, fundId: string): Promise<FundRow> {
  const locked = await trx.selectFrom('care_funds').select('id').where('coop_id', '=', coopId).where('id', '=', fundId).forUpdate().executeTakeFirst();
  if (!locked) throw new AppError('CARE_FUND_NOT_FOUND');
  return (await findFund(trx, coopId, fundId))!;
}

/** A fund's balance: its ledger account's credits less its debits (all postings, the SHU allocation included). */
export async function fundBalance(trx: Tx, coopId: string, accountId: string): Promise<number> {
  const { rows } = await sql<{ b: string }>`SELECT coalesce(sum(credit - debit), 0)::bigint AS b FROM journal_lines WHERE coop_id = ${coopId} AND account_id = ${accountId}`.execute(trx);
  return Number(rows[0]?.b ?? 0);
}

export async function fundBalances(trx: Tx, coopId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ account_id: string; b: string }>`SELECT l.account_id, coalesce(sum(l.credit - l.debit), 0)::bigint AS b
    FROM journal_lines l JOIN care_funds f ON f.coop_id = l.coop_id AND f.account_id = l.account_id
    WHERE l.coop_id = ${coopId} GROUP BY l.account_id`.execute(trx);
  return new Map(rows.map((r) => [r.account_id, Number(r.b)]));
}

/**
 * Open a grant fund's ledger account: the next free sub-account code under the social fund's
 * account (2.1.10.01, .02, …), created through the ledger's own account use case (checked and
 * audited there) inside the caller's transaction.
 */
export async function addGrantAccount(trx: Tx, ctx: TenantCtx, name: string): Promise<string> {
  await ensureLedger(trx, ctx.coopId);
  const parent = await trx.selectFrom('ledger_accounts').select(['code', 'subgroup']).where('coop_id', '=', ctx.coopId).where('system_key', '=', 'DANA_SOSIAL').executeTakeFirstOrThrow();
  // Two grant funds at once would pick the same code: serialise on the coop's chart.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`care:grant-account:${ctx.coopId}`}, 0))`.execute(trx);
  const taken = await trx.selectFrom('ledger_accounts').select('code').where('coop_id', '=', ctx.coopId).where('code', 'like', `${parent.code}.%`).execute();
  let n = 1;
  while (taken.some((t) => t.code === `${parent.code}.${String(n).padStart(2, '0')}`)) n++;
  const account = await insertAccount(trx, ctx, { code: `${parent.code}.${String(n).padStart(2, '0')}`, name: `Dana sosial — ${name}`.slice(0, 120), subgroup: parent.subgroup, cashFlow: 'operasi' });
  return account.id;
}

/** The cooperative's care rules (defaults until saved) and the charter's state-aid rule. */
export async function careRules(trx: Tx, coopId: string): Promise<{ rules: CareRules; noStateAidForWellOff: boolean; stateAidRuleFrom: 'charter' | 'care_rules' | null }> {
  const row = await trx.selectFrom('care_settings').select('rules').where('coop_id', '=', coopId).executeTakeFirst();
  const parsed = row ? ZCareRules.safeParse(row.rules) : null;
  const rules = parsed?.success ? parsed.data : DEFAULT_CARE_RULES;
  const charter = (await currentCharterRules(trx, coopId)) as { wellOffMayReceiveStateAid?: boolean } | null;
  const fromCharter = charter?.wellOffMayReceiveStateAid === false;
  return { rules, noStateAidForWellOff: fromCharter || rules.noStateAidForWellOff, stateAidRuleFrom: fromCharter ? 'charter' : rules.noStateAidForWellOff ? 'care_rules' : null };
}

export async function saveCareRules(trx: Tx, coopId: string, rules: CareRules, by: string | null): Promise<void> {
  await trx
    .insertInto('care_settings')
    .values({ coop_id: coopId, rules: JSON.stringify(rules), updated_by: by, updated_at: new Date() })
    .onConflict((oc) => oc.column('coop_id').doUpdateSet({ rules: JSON.stringify(rules), updated_by: by, updated_at: new Date() }))
    .execute();
}

/** Serialise the applications of one household (one open application per household holds under concurrency). */
export async function lockHousehold(trx: Tx, coopId: string, household: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`care:household:${coopId}:${household}`}, 0))`.execute(trx);
}

/** Rupiah paid to a household in a calendar year (disbursements net of their reversals). */
export async function householdReceived(trx: Tx, coopId: string, household: string, year: number): Promise<number> {
  const { rows } = await sql<{ s: string }>`SELECT coalesce(-sum(m.amount), 0)::bigint AS s FROM care_movements m
    JOIN care_applications a ON a.coop_id = m.coop_id AND a.id = m.application_id
    WHERE m.coop_id = ${coopId} AND a.household_code = ${household} AND m.kind IN ('disbursement', 'reversal')
      AND m.occurred_on BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date`.execute(trx);
  return Number(rows[0]?.s ?? 0);
}

export async function householdOpen(trx: Tx, coopId: string, household: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*)::int AS n FROM care_applications
    WHERE coop_id = ${coopId} AND household_code = ${household} AND (status = 'open' OR (status = 'approved' AND paid_amount < approved_amount))`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

export async function takeReceiptNo(trx: Tx, coopId: string, name: string): Promise<number> {
  const row = await trx
    .insertInto('coop_counters')
    .values({ coop_id: coopId, name, value: 1 })
    .onConflict((oc) => oc.columns(['coop_id', 'name']).doUpdateSet({ value: sql`coop_counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
