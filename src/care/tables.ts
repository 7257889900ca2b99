import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the care tables (migration 0135). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type PlainDate = ColumnType<string, string, string>;
type Int8 = ColumnType<number, string | number | bigint, string | number | bigint>;
type Int8Gen = ColumnType<number, string | number | bigint | undefined, string | number | bigint>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json = ColumnType<unknown, string, string>;

export type CareTables = {
  care_settings: { coop_id: string; rules: Json; updated_by: string | null; updated_at: Timestamp };
  care_funds: {
    coop_id: string;
    id: Generated<string>;
    kind: 'sosial' | 'pendidikan' | 'hibah';
    name: string;
    account_id: string;
    is_state_aid: Generated<boolean>;
    grantor: Opt<string>;
    conditions: Generated<string>;
    created_at: Timestamp;
  };
  care_programmes: {
    coop_id: string;
    id: Generated<string>;
    title: string;
    purpose: Generated<string>;
    story: Generated<string>;
    village_code: Opt<string>;
    rt: Opt<number>;
    rw: Opt<number>;
    fund_id: string;
    status: Generated<'planned' | 'active' | 'done' | 'cancelled'>;
    starts_on: Opt<string>;
    ends_on: Opt<string>;
    created_by: string | null;
    created_at: Timestamp;
  };
  care_budget_lines: { coop_id: string; id: Generated<string>; programme_id: string; position: number; description: string; amount: Int8 };
  care_applications: {
    coop_id: string;
    id: Generated<string>;
    fund_id: string;
    programme_id: Opt<string>;
    member_id: Opt<string>;
    applicant_name: string;
    phone: Opt<string>;
    nik: Opt<string>;
    household_code: string;
    household_size: Generated<number>;
    is_well_off: Generated<boolean>;
    village_code: Opt<string>;
    rt: Opt<number>;
    rw: Opt<number>;
    category: string;
    amount_asked: Int8;
    reason: string;
    consent_public: Generated<boolean>;
    submitted_via: 'board' | 'public';
    status: 'open' | 'approved' | 'refused' | 'paid' | 'withdrawn';
    eligibility: Json;
    refused_rule: Opt<string>;
    approved_amount: ColumnType<number | null, string | number | null | undefined, string | number | null>;
    paid_amount: Int8Gen;
    submitted_on: PlainDate;
    decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_by: string | null;
    created_at: Timestamp;
    /** Migration 0161: the members' decision an amount above the threshold was referred to. */
    members_decision_id: Opt<string>;
    members_amount: ColumnType<number | null, string | number | null | undefined, string | number | null>;
  };
  care_decisions: {
    coop_id: string;
    id: Generated<string>;
    application_id: string;
    officer_account_id: string;
    officer_role: string;
    vote: 'approve' | 'refuse';
    amount: ColumnType<number | null, string | number | null | undefined, string | number | null>;
    note: Generated<string>;
    rule: Json;
    created_at: Timestamp;
  };
  care_conflicts: { coop_id: string; id: Generated<string>; application_id: string; officer_account_id: string; relation: string; declared_at: Timestamp };
  care_movements: {
    coop_id: string;
    id: Generated<string>;
    fund_id: string;
    kind: 'donation' | 'grant' | 'disbursement' | 'reversal';
    amount: Int8;
    method: 'cash' | 'transfer';
    occurred_on: PlainDate;
    purpose: string;
    programme_id: Opt<string>;
    application_id: Opt<string>;
    village_code: Opt<string>;
    category: Opt<string>;
    counterparty: Opt<string>;
    counterparty_public: Generated<boolean>;
    receipt_year: number;
    receipt_seq: number;
    receipt_no: string;
    receipt_signed: Opt<'tick' | 'upload'>;
    entry_id: string;
    reverses_id: Opt<string>;
    idempotency_key: string;
    created_by: string | null;
    created_at: Timestamp;
  };
  /** A public donation pledge (migration 0160): paid once the bendahara confirms it. */
  care_donations: {
    coop_id: string;
    id: Generated<string>;
    programme_id: string;
    fund_id: string;
    amount: Int8;
    method: 'qris' | 'transfer';
    donor_name: Opt<string>;
    donor_public: Generated<boolean>;
    token_hash: string;
    status: Generated<'pending' | 'paid' | 'cancelled'>;
    movement_id: Opt<string>;
    created_at: Timestamp;
    paid_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    confirmed_by: Opt<string>;
  };
};
