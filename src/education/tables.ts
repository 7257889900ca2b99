import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the education tables (migration 0120). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type PlainDate = ColumnType<string, string, string>;
type Int8 = ColumnType<number, string | number | bigint, string | number | bigint>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type ProgrammeKind = 'perkoperasian' | 'calon_anggota' | 'kritis' | 'keterampilan' | 'literasi_keuangan' | 'kepemimpinan' | 'publik';
export type Audience = 'members' | 'candidates' | 'board' | 'public';
export type ParticipantKind = 'member' | 'candidate' | 'public';

export type EducationTables = {
  edu_programmes: {
    coop_id: string;
    id: Generated<string>;
    title: string;
    kind: ProgrammeKind;
    product_line: Opt<string>;
    audience: Audience;
    description: Generated<string>;
    topics: Generated<string[]>;
    outside_facilitators: Generated<string[]>;
    budget: ColumnType<number, string | number | bigint | undefined, string | number | bigint>;
    min_attendance_bp: Generated<number>;
    requires_assessment: Generated<boolean>;
    capacity: Opt<number>;
    enrolled_count: Generated<number>;
    status: Generated<'active' | 'closed'>;
    created_by: string | null;
    created_at: Timestamp;
  };
  edu_programme_facilitators: { coop_id: string; programme_id: string; member_id: string };
  edu_sessions: {
    coop_id: string;
    id: Generated<string>;
    programme_id: string;
    topic: string;
    starts_at: ColumnType<Date, Date | string, Date | string>;
    ends_at: ColumnType<Date, Date | string, Date | string>;
    venue: Opt<string>;
    online_url: Opt<string>;
    capacity: Opt<number>;
    present_count: Generated<number>;
    checkin_code: string;
    facilitator_member_id: Opt<string>;
    meeting_id: Opt<string>;
    closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_by: string | null;
    created_at: Timestamp;
  };
  edu_session_materials: {
    coop_id: string;
    id: Generated<string>;
    session_id: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    content: Buffer;
    created_by: string | null;
    created_at: Timestamp;
    sha256: Opt<string>;
  };
  edu_enrolments: {
    coop_id: string;
    id: Generated<string>;
    programme_id: string;
    member_id: Opt<string>;
    full_name: string;
    phone: Opt<string>;
    gender: Opt<'F' | 'M'>;
    birth_date: Opt<string>;
    participant_kind: ParticipantKind;
    assessment: Opt<'passed' | 'failed'>;
    enrolled_by: string | null;
    enrolled_at: Timestamp;
  };
  edu_attendance: {
    coop_id: string;
    session_id: string;
    enrolment_id: string;
    status: 'present' | 'absent';
    method: 'facilitator' | 'self' | 'auto';
    recorded_at: Timestamp;
    recorded_by: string | null;
  };
  edu_certificates: {
    coop_id: string;
    id: Generated<string>;
    code: string;
    programme_id: string;
    session_id: Opt<string>;
    enrolment_id: string;
    holder_name: string;
    completed_on: PlainDate;
    issued_by: string | null;
    issued_at: Timestamp;
  };
  edu_record_links: { coop_id: string; member_id: string; token: string; created_at: Timestamp };
  edu_fund_spending: {
    coop_id: string;
    id: Generated<string>;
    programme_id: string;
    entry_id: string;
    amount: Int8;
    description: string;
    spent_on: PlainDate;
    paid_from: 'CASH' | 'BANK';
    created_by: string | null;
    created_at: Timestamp;
  };
  /** Peer-learning forum (migration 0165): co-located with the theme's cooperative. */
  forum_themes: {
    coop_id: string;
    id: Generated<string>;
    scope: Generated<'instance' | 'network'>;
    network_id: Opt<string>;
    title: string;
    body: string;
    pemantik_account_id: string;
    pemantik_name: string;
    session_starts_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    session_ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    session_place: Opt<string>;
    post_count: Generated<number>;
    last_post_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_at: Timestamp;
  };
  forum_posts: {
    coop_id: string;
    id: Generated<string>;
    theme_id: string;
    thread_id: Opt<string>;
    author_account_id: string;
    author_coop_id: string;
    author_name: string;
    author_coop_name: string;
    body: string;
    hidden_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    hidden_reason: Opt<string>;
    hidden_by: Opt<string>;
    created_at: Timestamp;
  };
  forum_hidden_bodies: { coop_id: string; post_id: string; body: string };
  forum_helpful: { coop_id: string; post_id: string; marked_by: string; marked_at: Timestamp };
  forum_follows: { coop_id: string; theme_id: string; account_id: string; created_at: Timestamp };
};
