import type { ColumnType, Generated } from 'kysely';
import type { LedgerTables } from '../ledger/tables.js';
import type { CapitalTables } from '../capital/tables.js';
import type { CatalogueTables } from '../catalogue/tables.js';
import type { QrisTables } from '../payments/qris-tables.js';
import type { GovernanceTables } from '../governance/tables.js';
import type { SurplusTables } from '../surplus/tables.js';
import type { EventsTables } from '../events/tables.js';
import type { DownloadsTables } from '../downloads/tables.js';
import type { MediaTables } from '../media/tables.js';
import type { PaymentProviderTables } from '../payments/providers/tables.js';
import type { ProductionTables } from '../production/tables.js';
import type { CareTables } from '../care/tables.js';
import type { FoundingTables } from '../founding/tables.js';
import type { OrderTables } from '../orders/tables.js';
import type { PrivacyTables } from '../members/privacy-tables.js';
import type { EducationTables } from '../education/tables.js';
import type { PasswordResetTables } from '../accounts/password-reset-tables.js';
import type { NetworkTables } from '../networks/tables.js';

/** Kysely table types. Each table mirrors its migration; keep them in step. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type PlainDate = string; // 'YYYY-MM-DD'
type Json = ColumnType<unknown, string, string>;

export type AccountsTable = {
  id: Generated<string>;
  email: string | null;
  phone: string | null;
  name: string;
  password_hash: string;
  locale: Generated<'id' | 'en'>;
  is_platform_admin: Generated<boolean>;
  created_at: Timestamp;
};

export type SessionsTable = {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
};

export type CoopType = 'produksi' | 'konsumen' | 'jasa' | 'simpan_pinjam' | 'pemasaran' | 'pekerja' | 'platform' | 'startup' | 'jamaah_produksi';
export type ProductLine = 'suara' | 'rupa' | 'aksara' | 'busana' | 'agenda';

export type CoopsTable = {
  id: Generated<string>;
  slug: string;
  name: string;
  coop_type: CoopType;
  legal_number: string | null;
  legal_date: PlainDate | null;
  nik_koperasi: string | null;
  province_code: string | null;
  regency_code: string | null;
  district_code: string | null;
  village_code: string | null;
  region_dataset: string | null;
  street: string | null;
  rt: number | null;
  rw: number | null;
  postal_code: string | null;
  fiscal_year_start_month: Generated<number>;
  product_lines: Generated<ProductLine[]>;
  description: string | null;
  phone: string | null;
  email: string | null;
  is_public: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 'founding': a founding group (issue 20, decision 0180), not an active coop yet. */
  status: Generated<'founding' | 'active'>;
};

export type Role = 'anggota' | 'ketua' | 'sekretaris' | 'bendahara' | 'pengawas' | 'staf';

export type CoopUsersTable = {
  coop_id: string;
  account_id: string;
  roles: Role[];
  created_at: Timestamp;
};

export type ApiTokensTable = {
  coop_id: string;
  id: Generated<string>;
  account_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** Optional end of validity (migration 0105). */
  expires_at: Date | null;
};

/** A pending e-mail sign-up: the account is created when the mailed link is opened (migration 0104). */
export type AccountSignUpsTable = {
  id: Generated<string>;
  email: string;
  phone: string | null;
  name: string;
  password_hash: string;
  locale: 'id' | 'en';
  next_path: string | null;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date;
  completed_at: Date | null;
  account_id: string | null;
};

export type AuditLogTable = {
  coop_id: string;
  id: Generated<number>;
  at: Timestamp;
  actor_account_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
};

export type CoopCountersTable = { coop_id: string; name: string; value: Generated<number> };

export type ChartersTable = {
  coop_id: string;
  version: number;
  template: string;
  rules: Json;
  note: string | null;
  adopted_at: Timestamp;
  adopted_by: string | null;
};

export type MemberStatus = 'applicant' | 'active' | 'suspended' | 'resigned' | 'expelled' | 'rejected';

export type MembersTable = {
  coop_id: string;
  id: Generated<string>;
  member_no: number | null;
  account_id: string | null;
  status: MemberStatus;
  full_name: string;
  gender: 'F' | 'M';
  birth_date: PlainDate | null;
  nik: string | null;
  phone: string | null;
  email: string | null;
  street: string | null;
  village_code: string | null;
  rt: number | null;
  rw: number | null;
  household_code: string | null;
  occupation: string | null;
  skills: Generated<string[]>;
  civil_society_group: string | null;
  is_well_off: Generated<boolean>;
  receives_state_aid: Generated<boolean>;
  applied_at: Timestamp;
  joined_on: PlainDate | null;
  left_on: PlainDate | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/** One membership period of a person (migration 0100, decision 0105). */
export type MembershipPeriodsTable = {
  coop_id: string;
  id: Generated<string>;
  member_id: string;
  period_no: number;
  member_no: number | null;
  applied_at: Timestamp;
  joined_on: PlainDate | null;
  left_on: PlainDate | null;
  outcome: 'resigned' | 'expelled' | 'rejected' | null;
  details: Json;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
};

export type MemberStatusHistoryTable = {
  coop_id: string;
  id: Generated<number>;
  member_id: string;
  from_status: MemberStatus | null;
  to_status: MemberStatus;
  reason: string | null;
  actor_account_id: string | null;
  at: Timestamp;
};

export type MemberInvitationsTable = {
  coop_id: string;
  id: Generated<string>;
  member_id: string;
  email: string;
  token_hash: string;
  expires_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_account_id: string | null;
  superseded_at: Timestamp | null;
};

export type DB = {
  accounts: AccountsTable;
  sessions: SessionsTable;
  coops: CoopsTable;
  coop_users: CoopUsersTable;
  api_tokens: ApiTokensTable;
  account_sign_ups: AccountSignUpsTable;
  audit_log: AuditLogTable;
  coop_counters: CoopCountersTable;
  charters: ChartersTable;
  members: MembersTable;
  member_status_history: MemberStatusHistoryTable;
  membership_periods: MembershipPeriodsTable;
  member_invitations: MemberInvitationsTable;
} & LedgerTables & CapitalTables & CatalogueTables & QrisTables & GovernanceTables & SurplusTables & EventsTables & DownloadsTables & PaymentProviderTables & ProductionTables & OrderTables & PrivacyTables & EducationTables & CareTables & PasswordResetTables & MediaTables & NetworkTables & FoundingTables;
