import type { Generated } from 'kysely';

type Timestamp = Date;

/** A leaver's request to erase their personal data (migration 0102, decision 0106). */
export type MemberErasureRequestsTable = {
  coop_id: string;
  id: Generated<string>;
  member_id: string;
  requested_via: 'member' | 'officer';
  requested_by: string | null;
  requested_at: Generated<Timestamp>;
  note: string | null;
  status: Generated<'pending' | 'done'>;
  done_by: string | null;
  done_at: Timestamp | null;
  reason: string | null;
};

export type PrivacyTables = { member_erasure_requests: MemberErasureRequestsTable };
